import { z } from 'zod';
import { REMOTE_NAMES } from './props';

export const registryEntrySchema = z.object({
  /** URL of the remote's mf-manifest.json (or remoteEntry.js). */
  entry: z.url(),
  /** The release the entry points at; shown to agents and compared with what actually loads. */
  version: z.string().min(1),
  /** A standalone page of the same release for iframe embedding (finance builds one). */
  embed: z.url().optional(),
  /** How the shell hosts it: as a federated component (default) or as the iframe page. */
  mode: z.enum(['federation', 'iframe']).optional(),
});
export type RegistryEntry = z.infer<typeof registryEntrySchema>;

/**
 * The runtime remote registry the shell fetches at start. Changing it (not rebuilding) is how a
 * remote is upgraded or rolled back.
 */
export const remoteRegistrySchema = z.object({
  remotes: z.partialRecord(z.enum(REMOTE_NAMES), registryEntrySchema),
});
export type RemoteRegistry = z.infer<typeof remoteRegistrySchema>;

/** The Module Federation container name of each remote (an identifier, so no hyphens). */
export const federationNameOf = (remote: string): string => `octopus_${remote.replace(/[^a-zA-Z0-9]/g, '_')}`;
