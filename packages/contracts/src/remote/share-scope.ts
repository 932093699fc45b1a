/**
 * The libraries that exist once across the shell and every remote: Module Federation `shared`
 * entries with `singleton: true` and `requiredVersion: ^<installed version>` (ADR 0004). The shell's
 * build (webpack.shared.ts) and every remote's build — in this repository or a team's own, scaffolded
 * by `pnpm create-remote` — read this list, so their share scopes match. antd is not shared whole: apps
 * import it through `@octopus/ui` (ADR 0003).
 */
export const SHARED_SINGLETONS = [
  'react',
  'react-dom',
  'zustand',
  '@ant-design/cssinjs',
  '@tanstack/react-query',
  '@tanstack/query-core',
  '@octopus/contracts',
  '@octopus/telephony',
  '@octopus/ui',
] as const;

/**
 * Singletons whose subpath imports (react/jsx-runtime, react-dom/client, zustand/vanilla,
 * @octopus/telephony/react) are shared too, through an extra `<name>/` key; otherwise a subpath would
 * be bundled twice.
 */
export const SHARED_WITH_SUBPATHS: readonly string[] = ['react', 'react-dom', 'zustand', '@octopus/telephony'];

/**
 * Subpath modules of a shared package that are shared under their own key, each a module of its own
 * that is loaded when a chunk first imports it, not at start-up: the antd components only views opened
 * later use (an order's or a ticket's detail, a long list's pages, search results, the notice list, the caller's
 * verification steps, a dropdown, the supervisors' tables). Not
 * whole-`<name>/` subpath sharing: the shell must provide each one itself — built against the shell's
 * antd, so a remote's copy never renders with another antd's theme and locale — and `@octopus/ui/form`
 * and `/result` stay unshared (ADR 0003). Each key's version is its package's
 * (`@octopus/ui/timeline` → `@octopus/ui`).
 */
export const SHARED_SUBPATH_MODULES: readonly string[] = ['@octopus/ui/timeline', '@octopus/ui/divider', '@octopus/ui/pagination', '@octopus/ui/list', '@octopus/ui/select', '@octopus/ui/table'];

/** The package a shared key belongs to: `@octopus/ui/timeline` → `@octopus/ui`, `react` → `react`. */
export function sharedPackageOf(key: string): string {
  const parts = key.split('/');
  return key.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}
