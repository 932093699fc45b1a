// What every Octopus app's webpack config shares: the Module Federation `shared` map (one instance
// of each singleton across shell and remotes), loaders, and the production/development switches.
// Each app's webpack.config.ts is a few lines on top of `defineHostConfig` / `defineRemoteConfig`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { ModuleFederationPlugin } from '@module-federation/enhanced/webpack';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import TerserPlugin from 'terser-webpack-plugin';
import webpack, { type Configuration } from 'webpack';
import type { Configuration as DevServerConfiguration } from 'webpack-dev-server';
import { SHARED_SINGLETONS, SHARED_SUBPATH_MODULES, SHARED_WITH_SUBPATHS as SHARED_WITH_SUBPATH_LIST, sharedPackageOf } from '@octopus/contracts';
import { pageHtml, type PageOptions } from './scripts/lib/html-page';
import { runtimeServiceConfig } from './scripts/lib/origins';
import { shellRoutes } from './scripts/lib/shell-routes';
import { defaultRegistry } from './scripts/lib/workspace';

type Mode = 'production' | 'development';

interface PackageJson {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
}

const repoRoot = __dirname;

/**
 * What `experiments.provideExternalRuntime` adds to the host, in its ES module form: the plugin sets the
 * global `_FEDERATION_RUNTIME_CORE` that remotes built with `externalRuntime` use. The option itself adds
 * the CommonJS build, which requires the CommonJS runtime-core — a second copy (+24 KB gzip) beside the
 * ES module one the host's own runtime uses, and two runtimes in the page instead of one.
 */
const PROVIDE_RUNTIME_PLUGIN = (() => {
  const fromEnhanced = createRequire(require.resolve('@module-federation/enhanced/webpack'));
  const cjs = fromEnhanced.resolve('@module-federation/inject-external-runtime-core-plugin');
  return path.join(path.dirname(cjs), 'index.js');
})();

function readPackageJson(file: string): PackageJson {
  return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
}

/** The version actually installed for `dependency`, resolved from the app's folder. */
function installedVersion(appDir: string, dependency: string): string {
  if (dependency.startsWith('@octopus/')) {
    const folder = dependency.slice('@octopus/'.length);
    return readPackageJson(path.join(repoRoot, 'packages', folder, 'package.json')).version;
  }
  const file = require.resolve(`${dependency}/package.json`, { paths: [appDir] });
  return readPackageJson(file).version;
}

// Libraries that must exist once across shell and remotes: the list lives in @octopus/contracts so a
// team's own remote build (pnpm create-remote) shares exactly what the shell does.
const SHARED_WITH_SUBPATHS = new Set(SHARED_WITH_SUBPATH_LIST);

/**
 * Shared by the shell and this repository's remotes only, beyond the contract's list: stateless workspace
 * packages every panel imports, loaded once instead of once per remote (about 3 KB gzip each at login).
 * Not in the contract: a team's remote that does not share them bundles its own copy, which works too.
 * Not @octopus/remote-kit: it holds the contract version its remote was built with (define-remote.ts).
 */
const SHARED_IN_REPOSITORY = ['@octopus/api-client'] as const;

/**
 * Subpaths of a shared package that stay out of the share scope: `@octopus/telephony/testing` (simulated
 * driver, event builders) is test code, never a singleton; were production code to import it, it would be
 * bundled into that chunk and `pnpm size` (source maps) and `pnpm deps` would fail.
 */
const NOT_SHARED_SUBPATHS: Record<string, RegExp> = { '@octopus/telephony': /^testing(\/|$)/ };

type SharedConfig = Record<string, { singleton: true; requiredVersion: string; version: string; eager?: false; exclude?: { request: RegExp } }>;

export function sharedDependencies(appDir: string): SharedConfig {
  const shared: SharedConfig = {};
  for (const dependency of [...SHARED_SINGLETONS, ...SHARED_IN_REPOSITORY]) {
    const version = installedVersion(appDir, dependency);
    // Workspace packages get an explicit range: `workspace:*` would yield an empty one with no check.
    const requiredVersion = `^${version}`;
    shared[dependency] = { singleton: true, requiredVersion, version };
    if (SHARED_WITH_SUBPATHS.has(dependency)) {
      const notShared = NOT_SHARED_SUBPATHS[dependency];
      shared[`${dependency}/`] = { singleton: true, requiredVersion, version, ...(notShared && { exclude: { request: notShared } }) };
    }
  }
  // Loaded when a lazy view first imports one (the shell provides each, built against its antd).
  for (const key of SHARED_SUBPATH_MODULES) {
    const version = installedVersion(appDir, sharedPackageOf(key));
    shared[key] = { singleton: true, requiredVersion: `^${version}`, version };
  }
  return shared;
}

function baseConfig(appDir: string, mode: Mode, port: number): Configuration & { devServer: DevServerConfiguration } {
  const production = mode === 'production';
  return {
    mode,
    context: appDir,
    entry: { main: './src/index.ts' },
    devtool: production ? 'source-map' : 'eval-cheap-module-source-map',
    resolve: { extensions: ['.tsx', '.ts', '.js', '.mjs', '.json'] },
    module: {
      rules: [
        {
          test: /\.[cm]?tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'swc-loader',
            options: {
              jsc: {
                parser: { syntax: 'typescript', tsx: true },
                transform: { react: { runtime: 'automatic', development: !production, refresh: false } },
                target: 'es2020',
              },
            },
          },
        },
        { test: /\.css$/, type: 'asset/source' },
        // antd's building blocks declare no `sideEffects`, so one named import pulls a whole package:
        // antd's form context imports FormProvider from @rc-component/form and with it the field store and
        // async-validator (~12 KB gzip at login); `omit` from @rc-component/util pulls all of util. They
        // are pure modules; marking them lets webpack drop what nothing imports.
        { test: /[\\/]node_modules[\\/]@rc-component[\\/]/, sideEffects: false },
      ],
    },
    optimization: {
      minimize: production,
      minimizer: [new TerserPlugin({ minify: TerserPlugin.swcMinify, extractComments: false })],
    },
    performance: { hints: false },
    infrastructureLogging: { level: 'warn' },
    stats: production ? 'errors-warnings' : 'minimal',
    devServer: {
      port,
      hot: false,
      liveReload: true,
      historyApiFallback: true,
      headers: { 'Access-Control-Allow-Origin': '*' },
      client: { overlay: { errors: true, warnings: false, runtimeErrors: false } },
    },
  };
}

function defineEnv(mode: Mode, extra: Record<string, string> = {}): webpack.DefinePlugin {
  const values: Record<string, string> = { 'process.env.NODE_ENV': JSON.stringify(mode) };
  for (const [key, value] of Object.entries(extra)) values[`process.env.${key}`] = JSON.stringify(value);
  return new webpack.DefinePlugin(values);
}

export interface HostOptions {
  appDir: string;
  name: string;
  port: number;
  title: string;
  runtimePlugins?: string[];
  /** The page's own CSS file, inlined after the common template's rules (scripts/lib/html-page.ts). */
  pageCss?: string;
}

/** An HTML page from the one template (scripts/lib/html-page.ts); HtmlWebpackPlugin adds the script tags. */
function pagePlugin(page: PageOptions, options: { filename?: string; chunks?: string[] } = {}): HtmlWebpackPlugin {
  return new HtmlWebpackPlugin({ templateContent: pageHtml(page), ...options });
}

/** The shell: knows no remote at build time; it reads the registry at runtime. */
export function defineHostConfig(options: HostOptions) {
  return (_env: unknown, argv: { mode?: Mode }): Configuration => {
    const mode: Mode = argv.mode ?? 'production';
    const config = baseConfig(options.appDir, mode, options.port);
    const pkg = readPackageJson(path.join(options.appDir, 'package.json'));
    return {
      ...config,
      output: {
        path: path.join(options.appDir, 'dist'),
        publicPath: '/',
        filename: mode === 'production' ? 'assets/[name].[contenthash:10].js' : 'assets/[name].js',
        chunkFilename: mode === 'production' ? 'assets/[name].[contenthash:10].js' : 'assets/[name].js',
        clean: true,
        uniqueName: options.name,
      },
      plugins: [
        defineEnv(mode, { OCTOPUS_SHELL_VERSION: pkg.version }),
        new ModuleFederationPlugin({
          name: options.name,
          remotes: {},
          shared: sharedDependencies(options.appDir),
          // One dead remote must not stop start-up: use what is already loaded instead of waiting on every remote's shared modules.
          shareStrategy: 'loaded-first',
          // The page's one Module Federation runtime: remotes' containers (externalRuntime) use this one.
          runtimePlugins: [...(options.runtimePlugins ?? []), PROVIDE_RUNTIME_PLUGIN],
          // The shell runs only in the browser: the runtime's Node.js branches (script loading through
          // fetch + vm, the node environment checks) are compiled out.
          experiments: { optimization: { target: 'web' } },
          dts: false,
          manifest: false,
        }),
        pagePlugin({
          title: options.title,
          noscript: 'Octopus needs JavaScript.',
          ...(options.pageCss ? { css: readFileSync(options.pageCss, 'utf8') } : {}),
        }),
      ],
      devServer: {
        ...config.devServer,
        historyApiFallback: true,
        // The same runtime registry and config routes as the production shell server, pointing at the remotes' dev servers.
        setupMiddlewares: (middlewares) => {
          const host = process.env.OCTOPUS_PUBLIC_HOST ?? 'localhost';
          const routes = shellRoutes({
            // Dev follows OCTOPUS_REGISTRY only, never the managed production file.
            registrySource: process.env.OCTOPUS_REGISTRY,
            fallbackRegistry: () => defaultRegistry({ mode: 'development', host }),
            runtimeConfig: () => runtimeServiceConfig(process.env),
          });
          middlewares.unshift({
            name: 'octopus-shell-routes',
            middleware: (req: IncomingMessage, res: ServerResponse, next: () => void) => {
              void (async () => {
                for (const route of routes) if (await route(req, res)) return;
                next();
              })();
            },
          });
          return middlewares;
        },
      },
    };
  };
}

/**
 * The `REMOTE_CONTRACT_VERSION` of the `@octopus/contracts` installed beside the app (in this repo the
 * workspace package; outside it, the tarball the team installed): the contract the remote is compiled
 * against, fixed into its bundle and its mf-manifest.json at build time.
 * @throws when the package cannot be resolved from `appDir` or exports no semver version.
 */
export function contractVersionAt(appDir: string): string {
  const fromApp = createRequire(path.join(appDir, 'package.json'));
  const contracts = fromApp('@octopus/contracts') as { REMOTE_CONTRACT_VERSION?: unknown };
  const version = contracts.REMOTE_CONTRACT_VERSION;
  if (typeof version !== 'string' || !/^\d+\.\d+\.\d+/.test(version)) throw new Error(`@octopus/contracts at ${appDir} exports no REMOTE_CONTRACT_VERSION`);
  return version;
}

export interface RemoteOptions {
  appDir: string;
  /** Registry key, e.g. "service-track". */
  remote: string;
  port: number;
  exposes: Record<string, string>;
  /** Extra standalone pages (e.g. finance's iframe page): chunk name → entry file, output file name, title, and whether it fills the window (default yes). */
  pages?: Record<string, { entry: string; filename: string; title: string; fullHeight?: boolean }>;
  /** The contract version to fix into the build (default: `contractVersionAt(appDir)`). */
  contractVersion?: string;
}

/**
 * A remote: exposes its panel(s), emits mf-manifest.json, and builds into dist/<version>/ so every
 * release stays deployable side by side (rolling back is a registry change, not a rebuild).
 * Two compilations into that folder:
 * - the container (remoteEntry.js, the exposed modules, mf-manifest.json). It does not bundle the Module
 *   Federation runtime: it uses the one the shell provides (`experiments.externalRuntime`; the shell
 *   sets `provideExternalRuntime`), so the login loads one runtime instead of one per remote (issue
 *   [2/7] point 8; docs/adr/0003). Such a container needs a shell that provides the runtime.
 * - the pages: the standalone harness (src/index.ts → bootstrap) its dev server renders for the team,
 *   and any extra page (finance's embed.html). They run without a shell, so without Module Federation:
 *   a plain bundle, built after the container (which cleans the folder).
 */
export function defineRemoteConfig(options: RemoteOptions) {
  return (_env: unknown, argv: { mode?: Mode }): Configuration[] => {
    const mode: Mode = argv.mode ?? 'production';
    const pkg = readPackageJson(path.join(options.appDir, 'package.json'));
    const config = baseConfig(options.appDir, mode, options.port);
    const federationName = `octopus_${options.remote.replace(/[^a-zA-Z0-9]/g, '_')}`;
    const pages = options.pages ?? {};
    const contractVersion = options.contractVersion ?? contractVersionAt(options.appDir);
    const outputPath = mode === 'production' ? path.join(options.appDir, 'dist', pkg.version) : path.join(options.appDir, 'dist', 'dev');
    const output = {
      path: outputPath,
      publicPath: 'auto',
      filename: mode === 'production' ? '[name].[contenthash:10].js' : '[name].js',
      chunkFilename: mode === 'production' ? '[name].[contenthash:10].js' : '[name].js',
    };
    const env = () => defineEnv(mode, { OCTOPUS_REMOTE_VERSION: pkg.version, OCTOPUS_REMOTE_NAME: options.remote, OCTOPUS_CONTRACT_VERSION: contractVersion });
    const devServer: DevServerConfiguration = {
      ...config.devServer,
      // The standalone harness asks where the deployment's cti-server and api are (federation harness/service-urls.ts).
      setupMiddlewares: (middlewares) => {
        middlewares.unshift({
          name: 'octopus-harness-config',
          path: '/octopus-config.json',
          middleware: (_req: IncomingMessage, res: ServerResponse) => {
            res.setHeader('Content-Type', 'application/json; charset=utf-8');
            res.setHeader('Cache-Control', 'no-store');
            res.end(JSON.stringify(runtimeServiceConfig(process.env)));
          },
        });
        return middlewares;
      },
    };
    const container: Configuration = {
      ...config,
      name: 'container',
      // The container plugin adds remoteEntry.js; nothing else is an entry of this compilation.
      entry: {},
      output: { ...output, clean: true, uniqueName: federationName },
      plugins: [
        env(),
        new ModuleFederationPlugin({
          name: federationName,
          filename: 'remoteEntry.js',
          exposes: options.exposes,
          shared: sharedDependencies(options.appDir),
          shareStrategy: 'loaded-first',
          dts: false,
          // One Module Federation runtime per page: the shell's (global _FEDERATION_RUNTIME_CORE).
          // A remote consumes no other remote and runs only in the browser: the bundler runtime's remote
          // loading and its Node.js branches are compiled out of every remoteEntry.js (issue [2/7] point 8).
          experiments: { externalRuntime: true, optimization: { disableRemote: true, target: 'web' } },
          // metaData.octopus: what the shell and `pnpm registry` check before running any of this release's code.
          manifest: {
            additionalData: ({ stats }) => {
              (stats.metaData as unknown as Record<string, unknown>).octopus = { remote: options.remote, version: pkg.version, contractVersion };
              return stats;
            },
          },
        }),
      ],
      devServer,
    };
    const pagesConfig: Configuration = {
      ...config,
      name: 'pages',
      dependencies: ['container'],
      entry: {
        main: './src/index.ts',
        ...Object.fromEntries(Object.entries(pages).map(([chunk, page]) => [chunk, page.entry])),
      },
      output: { ...output, clean: false, uniqueName: `${federationName}_pages` },
      // One dev server (the container's) serves both compilations: webpack-cli refuses two on one port.
      devServer: undefined,
      plugins: [
        env(),
        pagePlugin({ title: `${options.remote} — standalone` }, { chunks: ['main'] }),
        ...Object.entries(pages).map(([chunk, page]) =>
          pagePlugin({ title: page.title, ...(page.fullHeight === false ? { fullHeight: false } : {}) }, { filename: page.filename, chunks: [chunk] }),
        ),
      ],
    };
    return [container, pagesConfig];
  };
}
