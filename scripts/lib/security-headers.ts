// The security headers of every page the product serves (the shell and each remote's static server),
// built with helmet from the one deployment configuration (the environment that also drives the
// registry's URLs, the runtime config and the iframe allow-list).
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import type { DeploymentOrigins } from './origins';

export { deploymentOrigins, embedAllowedOrigins, type DeploymentOrigins } from './origins';

/** The finance iframe page (any release folder): the one page other origins may frame. */
export function isEmbedPage(pathname: string): boolean {
  return /(^|\/)embed\.html$/.test(pathname);
}

export type SecurityHeadersMiddleware = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Headers for one server: Content-Security-Policy (no inline script; scripts only from this server and
 * the remotes; connections only to the remotes, the api and the cti-server; framed only by itself —
 * the finance embed page only by `embedHosts`), X-Content-Type-Options nosniff, Referrer-Policy
 * no-referrer, and helmet's other defaults. `remoteAssets`: this server's files are loaded by other
 * origins (a remote's scripts by the shell), so Cross-Origin-Resource-Policy is cross-origin.
 */
export function securityHeaders(origins: DeploymentOrigins, options: { remoteAssets?: boolean } = {}): SecurityHeadersMiddleware {
  const ws = (origin: string) => origin.replace(/^http/, 'ws');
  const directives = (frameAncestors: string[]) => ({
    defaultSrc: ["'self'"],
    // Module Federation loads each remote's remoteEntry.js and chunks with <script src> from the remote's origin.
    scriptSrc: ["'self'", ...origins.remotes],
    scriptSrcAttr: ["'none'"],
    // antd's CSS-in-JS (@ant-design/cssinjs) inserts <style> elements at runtime and React sets style
    // attributes; without a per-request nonce baked into each page, styles need 'unsafe-inline'.
    // Styles cannot run script; what CSS could fetch is limited by img-src/font-src/connect-src below.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', ...origins.remotes],
    fontSrc: ["'self'", 'data:'],
    // mf-manifest.json of the remotes, the api, the cti-server's http endpoints and its WebSocket, and
    // Kamailio's SIP-over-WebSocket when the deployment has voice.
    connectSrc: ["'self'", ...origins.remotes, origins.api, origins.cti, ws(origins.cti), ...(origins.voice ? [origins.voice] : [])],
    // The finance tabs may be shown as an iframe of the remote's embed page.
    frameSrc: ["'self'", ...origins.remotes],
    frameAncestors,
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
  });
  const common = {
    referrerPolicy: { policy: 'no-referrer' as const },
    crossOriginResourcePolicy: { policy: options.remoteAssets ? ('cross-origin' as const) : ('same-origin' as const) },
    // Served over http here; a TLS-terminating proxy in front sets HSTS, not this server.
    strictTransportSecurity: false,
  };
  const page = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: directives(["'self'"]) } });
  // X-Frame-Options cannot name other origins: the embed page relies on frame-ancestors alone.
  const embed = helmet({
    ...common,
    xFrameOptions: false,
    contentSecurityPolicy: { useDefaults: false, directives: directives(origins.embedHosts.length ? origins.embedHosts : ["'none'"]) },
  });
  return (req, res) => {
    let pathname = '/';
    try {
      pathname = new URL(req.url ?? '/', 'http://x').pathname;
    } catch {
      // A malformed URL gets the strictest headers (and a 400 from the server).
    }
    const middleware = isEmbedPage(pathname) ? embed : page;
    middleware(req, res, (error?: unknown) => {
      if (error) throw error;
    });
  };
}
