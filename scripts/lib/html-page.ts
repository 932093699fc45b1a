// The one page template of every Octopus app (the shell, each remote's standalone harness, finance's embed
// page): HtmlWebpackPlugin renders it at build time (webpack.shared.ts) and adds the bundle's <script src>
// tags. No app keeps its own index.html.

/** What a page may add to the common template. */
export interface PageOptions {
  /** The <title> text (escaped here). */
  title: string;
  /** `true` (default): html, body and #root fill the window (an app); `false`: the page is as tall as its content (an embedded iframe page). */
  fullHeight?: boolean;
  /** CSS after the common rules (the shell's header and phone-bar rules); default none. */
  css?: string;
  /** Text shown inside #root when JavaScript is off; default none. */
  noscript?: string;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);

/**
 * The page's HTML (zh-CN, the product's default locale). It carries no <script> of its own and no inline
 * event handler (the content security policy allows none: scripts/lib/security-headers.ts), and lets
 * long unbroken words wrap everywhere, also in modals and popovers rendered into body (issue 9).
 * @throws Error when `css` contains `</style` (it would end the style element).
 */
export function pageHtml(options: PageOptions): string {
  const css = options.css ?? '';
  if (/<\/style/i.test(css)) throw new Error('page css must not close its <style> element');
  const fill = options.fullHeight === false ? 'html, body { margin: 0; }' : 'html, body, #root { height: 100%; margin: 0; }';
  const noscript = options.noscript ? `<noscript>${escapeHtml(options.noscript)}</noscript>` : '';
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(options.title)}</title>
    <style>
      ${fill}
      body { overflow-wrap: anywhere; word-break: break-word; }
${css.trim() ? `${css.trimEnd()}\n` : ''}    </style>
  </head>
  <body>
    <div id="root">${noscript}</div>
  </body>
</html>
`;
}
