// Which source modules a production build shipped, read from its chunks' source maps (webpack writes a
// `.js.map` beside every chunk with `devtool: 'source-map'`): `pnpm size` uses it to prove that test
// code — @octopus/telephony's `testing` entry and its simulated driver — is in no built chunk.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Modules that must never ship: @octopus/telephony's `testing` entry (event builders) and the simulated
 * driver, matched on the source path as the map names it (`webpack://<app>/../../packages/telephony/…`).
 */
export const TEST_ONLY_SOURCES: readonly RegExp[] = [/packages\/telephony\/src\/testing\//, /packages\/telephony\/src\/drivers\/simulated\.ts$/];

/** One shipped module that matched a forbidden pattern. */
export interface ForbiddenSource {
  /** The chunk, relative to the dist folder scanned (e.g. `assets/main.1a2b3c4d5e.js`). */
  chunk: string;
  /** The source path as the chunk's map names it. */
  source: string;
}

/** Every `.js.map` under `dir` (recursively), relative to it; none when `dir` does not exist. */
export function sourceMapsUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js.map'))
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}

/**
 * The modules of the chunks under `distDir` whose source path matches one of `patterns` (default
 * {@link TEST_ONLY_SOURCES}). Reads each map's `sources`; a map that is not JSON throws (a broken build).
 */
export function forbiddenSources(distDir: string, patterns: readonly RegExp[] = TEST_ONLY_SOURCES): ForbiddenSource[] {
  const found: ForbiddenSource[] = [];
  for (const map of sourceMapsUnder(distDir)) {
    const { sources = [] } = JSON.parse(readFileSync(path.join(distDir, map), 'utf8')) as { sources?: string[] };
    for (const source of sources) if (patterns.some((pattern) => pattern.test(source))) found.push({ chunk: map.replace(/\.map$/, ''), source });
  }
  return found;
}
