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
