import { containerOf, failureJournal } from './failure-journal';

// A Module Federation runtime plugin, registered by the shell's webpack config (`runtimePlugins`).
// It must stay free of shared imports (React, antd, @octopus/*): it runs before those exist.
// It records *where* a remote failed, so the slot's fallback can say so, and lets the error propagate
// to the slot's error boundary: one dead remote costs only its own slot.

interface ErrorLoadRemoteArgs {
  id: string;
  error: unknown;
  lifecycle?: string;
}

interface LoadEntryErrorArgs {
  remoteInfo: { name: string; entry: string };
}

/**
 * The plugin object (`name`, `errorLoadRemote`, `loadEntryError`): records each failure in `failureJournal()` under
 * the container's name and returns no fallback, so the load still rejects. Never throws.
 */
export function octopusRuntimePlugin() {
  return {
    name: 'octopus-remote-failures',
    errorLoadRemote(args: ErrorLoadRemoteArgs) {
      failureJournal().set(containerOf(args.id), {
        lifecycle: args.lifecycle ?? 'unknown',
        message: args.error instanceof Error ? args.error.message : String(args.error),
        at: Date.now(),
      });
      // No fallback module: the loader turns the rejection into a RemoteLoadError for the slot.
      return undefined;
    },
    loadEntryError(args: LoadEntryErrorArgs) {
      failureJournal().set(args.remoteInfo.name, {
        lifecycle: 'loadEntry',
        message: `remote entry ${args.remoteInfo.entry} failed to load`,
        at: Date.now(),
      });
      return undefined;
    },
  };
}

// webpack's runtimePlugins option wants a default-exported factory.
// eslint-disable-next-line no-restricted-syntax
export default octopusRuntimePlugin;
