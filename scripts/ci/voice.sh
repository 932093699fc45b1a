#!/usr/bin/env bash
# Installs the voice path's Debian packages for the e2e voice suite (docs/adr/0012-voice-path.md):
#   bash scripts/ci/voice.sh
# Kamailio (+ WebSocket and HTTP-client modules), rtpengine's userspace daemon (not the `rtpengine`
# metapackage: it pulls the kernel module), baresip, sipp, sox. Only as root; idempotent. Debian enables
# the stock services at install: they are stopped and disabled so they do not hold port 5060.
# Everything goes to stderr; exit 1 when the packages cannot be installed (the voice suite then skips).
set -euo pipefail

PACKAGES=(kamailio kamailio-websocket-modules kamailio-utils-modules rtpengine-daemon baresip-core sip-tester sox)
log() { echo "voice.sh: $*" >&2; }

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    log "missing ${missing[*]} and we are not root: install them first (sudo pnpm voice:install)"; exit 1
  fi
  log "installing ${missing[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
for unit in kamailio rtpengine-daemon; do
  if command -v systemctl >/dev/null 2>&1; then systemctl disable --now "$unit" >/dev/null 2>&1 || true; fi
  if [ -x "/etc/init.d/$unit" ]; then "/etc/init.d/$unit" stop >/dev/null 2>&1 || true; fi
done
log "voice packages ready"
