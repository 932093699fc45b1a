// Bundles a Node service (apps/cti-server, apps/api) for production: workspace packages (TypeScript
// source) are compiled in, the app's own npm dependencies stay external and load from node_modules.
// Usage: tsx ../../scripts/build-node-app.ts [entry ...]   (run from the app's folder; default src/main.ts)
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

async function main(): Promise<void> {
  const appDir = process.cwd();
  const pkg = JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const external = Object.entries(pkg.dependencies ?? {})
    .filter(([, range]) => !range.startsWith('workspace:'))
    .flatMap(([name]) => [name, `${name}/*`]);
  const entries = process.argv.slice(2);
  rmSync(path.join(appDir, 'dist'), { recursive: true, force: true });
  await build({
    entryPoints: entries.length ? entries : ['src/main.ts'],
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: true,
    external,
    // Bundled CommonJS code may still call require(); give ESM output one.
    banner: { js: "import { createRequire as __octopusCreateRequire } from 'node:module'; const require = __octopusCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  console.log(`built ${path.basename(appDir)} → dist/`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
