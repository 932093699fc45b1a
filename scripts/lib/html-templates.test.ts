import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './workspace';

/** Every page template HtmlWebpackPlugin builds from (shell, remote harness pages, the finance embed page). */
function templates(): string[] {
  const appsDir = path.join(repoRoot, 'apps');
  return readdirSync(appsDir).flatMap((app) => {
    const src = path.join(appsDir, app, 'src');
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(path.join(dir, entry.name));
        else if (entry.name.endsWith('.html')) found.push(path.join(dir, entry.name));
      }
    };
    try {
      walk(src);
    } catch {
      // an app without src/
    }
    return found;
  });
}

describe('page templates', () => {
  it('exist for the shell, the remotes and the finance embed page', () => {
    const names = templates().map((file) => path.relative(repoRoot, file));
    expect(names).toEqual(expect.arrayContaining(['apps/shell/src/index.html', 'apps/finance/src/embed/embed.html', 'apps/tickets/src/index.html']));
  });

  it.each(templates().map((file) => [path.relative(repoRoot, file), file]))('%s has no inline script (the CSP allows none) and lets long words wrap', (_name, file) => {
    const html = readFileSync(file, 'utf8');
    // HtmlWebpackPlugin adds only <script src> tags; a template must not bring its own.
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).toMatch(/body\s*\{[^}]*overflow-wrap:\s*anywhere;\s*word-break:\s*break-word;/);
  });
});
