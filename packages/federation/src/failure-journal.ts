// The runtime plugin runs before shared modules exist, so it cannot import anything shared (not even
// @octopus/contracts). It talks to the loader through this tiny global journal instead.

/** One failure the MF runtime reported for a container: its lifecycle, the message and when (`at`, epoch ms). */
export interface RecordedFailure {
  /** The MF runtime lifecycle in which loading failed: `afterResolve` = manifest, `onLoad` = entry or module. */
  lifecycle: string;
  message: string;
  at: number;
}

const JOURNAL_KEY = '__OCTOPUS_REMOTE_FAILURES__';

type Journal = Map<string, RecordedFailure>;

/** The page-wide journal (one `Map` on `globalThis`, created on first use): the latest failure per container name. */
export function failureJournal(): Journal {
  const holder = globalThis as unknown as Record<string, Journal | undefined>;
  let journal = holder[JOURNAL_KEY];
  if (!journal) {
    journal = new Map();
    holder[JOURNAL_KEY] = journal;
  }
  return journal;
}

/** `octopus_tickets/Panel` → `octopus_tickets`. */
export function containerOf(remoteId: string): string {
  const slash = remoteId.indexOf('/');
  return slash === -1 ? remoteId : remoteId.slice(0, slash);
}
