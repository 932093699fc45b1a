import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pageHtml, type PageOptions } from './html-page';
import { repoRoot } from './workspace';

/** Every HTML file under an app's src/ (there should be none: the pages come from one template). */
function htmlUnderApps(): string[] {
  const appsDir = path.join(repoRoot, 'apps');
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'dist') walk(path.join(dir, entry.name));
      } else if (entry.name.endsWith('.html')) found.push(path.relative(repoRoot, path.join(dir, entry.name)));
    }
  };
  for (const app of readdirSync(appsDir)) {
    try {
      walk(path.join(appsDir, app, 'src'));
    } catch {
      // an app without src/
    }
  }
  return found;
}

/** The pages the builds render (webpack.shared.ts, apps/finance/webpack.config.ts). */
const PAGES: [string, PageOptions][] = [
  ['shell', { title: 'Octopus 客服工作台', noscript: 'Octopus needs JavaScript.', css: readFileSync(path.join(repoRoot, 'apps/shell/src/page.css'), 'utf8') }],
  ['remote harness', { title: 'tickets — standalone' }],
  ['finance embed', { title: 'Octopus — finance', fullHeight: false }],
];

describe('page template (scripts/lib/html-page.ts)', () => {
  it('is the only one: no app keeps its own .html template', () => {
    expect(htmlUnderApps()).toEqual([]);
  });

  it.each(PAGES)('the %s page has no inline script (the CSP allows none) and lets long words wrap', (_name, options) => {
    const html = pageHtml(options);
    // HtmlWebpackPlugin adds only <script src> tags; the template must not bring its own.
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).toMatch(/body\s*\{[^}]*overflow-wrap:\s*anywhere;\s*word-break:\s*break-word;/);
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
  });

  it("keeps the shell's own rules and fills the window, but lets the embed page size to its content", () => {
    const shell = pageHtml(PAGES[0]![1]);
    expect(shell).toContain('.octopus-header > .octopus-header-shrink');
    expect(shell).toContain('html, body, #root { height: 100%; margin: 0; }');
    expect(shell).toContain('<div id="root"><noscript>Octopus needs JavaScript.</noscript></div>');
    const embed = pageHtml(PAGES[2]![1]);
    expect(embed).toContain('html, body { margin: 0; }');
    expect(embed).not.toContain('height: 100%');
  });

  it('escapes the title and refuses CSS that would close its <style> element', () => {
    expect(pageHtml({ title: '<b>x</b> & "y"' })).toContain('<title>&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;</title>');
    expect(() => pageHtml({ title: 't', css: 'body {} </style><script>alert(1)</script>' })).toThrow(/style/);
  });
});
