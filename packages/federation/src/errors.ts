/** Where loading a remote went wrong; the slot's fallback names it so an agent (and the remote's team) know what failed. */
export type RemoteFailureStage =
  | 'unregistered' // the registry has no entry for it
  | 'manifest' // mf-manifest.json unreachable or invalid
  | 'entry' // remoteEntry.js (or a chunk) failed to load
  | 'module' // the exposed module threw while importing
  | 'contract' // built for another contract major (manifest metadata or module), or exports no valid `remote`
  | 'timeout' // nothing answered within the loader's bound (a hanging manifest, entry or chunk)
  | 'render'; // the component threw while rendering

/**
 * Why one remote could not be shown: which `remote`, at which `stage`, and the underlying error as `cause`.
 * What `RemoteLoader.load` rejects with and what a slot's fallback and `onError` receive.
 */
export class RemoteLoadError extends Error {
  constructor(
    readonly remote: string,
    readonly stage: RemoteFailureStage,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RemoteLoadError';
  }
}

/** A thrown value's message: an Error's `message`, anything else as `String(value)`. Never throws. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
