/**
 * 1.2.0: a remote module may export `prefetch(context, queryClient)`; the shell calls it on ring so each
 * tab's first view is in the shared cache before it opens (older shells ignore it; older remotes lack it).
 *
 * 1.1.0: `host.openTicket` carries a prefill (`title`, `orderId`, `category`, `description`) that the
 * tickets remote receives as `ticketRequest`.
 *
 * The version of the props contract every exposed remote component receives.
 * Bump the major for any breaking change: the shell refuses remotes built for another major.
 */
export const REMOTE_CONTRACT_VERSION = '1.2.0';

/** A semver version's numbers (pre-release and build suffixes dropped). */
export interface ParsedVersion {
  major: number;
  minor: number;
  patch: number;
}

/**
 * Reads `major.minor.patch` (an optional `-pre`/`+build` suffix is ignored; surrounding blanks trimmed).
 * @returns the numbers, or null when `version` is not of that form (never throws).
 */
export function parseVersion(version: string): ParsedVersion | null {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(version.trim());
  if (!match) return null;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

/**
 * The outcome of `checkContractCompatibility`: compatible, or not with a reason for logs and the error panel (English).
 */
export type ContractCheck = { compatible: true } | { compatible: false; reason: string };

/**
 * A remote is compatible when it was built for the same contract major as the host
 * (for 0.x, the same minor too, as semver treats 0.x minors as breaking).
 */
export function checkContractCompatibility(hostVersion: string, remoteVersion: unknown): ContractCheck {
  if (typeof remoteVersion !== 'string') {
    return { compatible: false, reason: 'the remote does not declare a contractVersion' };
  }
  const host = parseVersion(hostVersion);
  const remote = parseVersion(remoteVersion);
  if (!host) return { compatible: false, reason: `host contract version "${hostVersion}" is not semver` };
  if (!remote) return { compatible: false, reason: `remote contract version "${remoteVersion}" is not semver` };
  if (host.major !== remote.major || (host.major === 0 && host.minor !== remote.minor)) {
    return {
      compatible: false,
      reason: `built for contract ${remoteVersion}, the shell speaks ${hostVersion}`,
    };
  }
  return { compatible: true };
}
