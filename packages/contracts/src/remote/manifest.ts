/**
 * What an Octopus remote's build writes into its mf-manifest.json, under `metaData.octopus`, so the
 * host (and `pnpm registry`) can check a release before running any of its code.
 */
export interface RemoteBuildMetadata {
  /** Registry name the remote was built as. */
  remote: string;
  /** The release (the remote's package.json version). */
  version: string;
  /** The contract version of the `@octopus/contracts` the remote was compiled against (semver). */
  contractVersion: string;
}

/** `metaData.octopus` of an mf-manifest.json, or null when the manifest carries none (or is not an object). */
export function remoteBuildMetadataOf(manifest: unknown): Partial<RemoteBuildMetadata> | null {
  if (!manifest || typeof manifest !== 'object') return null;
  const meta = (manifest as { metaData?: { octopus?: unknown } }).metaData?.octopus;
  if (!meta || typeof meta !== 'object') return null;
  const { remote, version, contractVersion } = meta as Record<string, unknown>;
  return {
    ...(typeof remote === 'string' ? { remote } : {}),
    ...(typeof version === 'string' ? { version } : {}),
    ...(typeof contractVersion === 'string' ? { contractVersion } : {}),
  };
}
