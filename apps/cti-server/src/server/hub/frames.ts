import { clientFrameSchema, findInvalidText, type ClientFrame } from '@octopus/contracts';

const KNOWN_TYPES = new Set(['ping', 'sync', 'command']);

/**
 * What one client frame is: a valid frame; a command that cannot run (`reject` `invalid-command`, so its
 * promise settles); or anything else unreadable (an `error` frame with `bad-frame`, `bad-json`,
 * `invalid-text` or `unknown-type`). NUL, other control characters and lone surrogates are refused
 * before anything looks at the frame (docs/protocol.md §4).
 */
export type FrameReading =
  | { kind: 'frame'; frame: ClientFrame }
  | { kind: 'reject'; id: string; message: string }
  | { kind: 'error'; code: string; message: string };

/** Reads a WebSocket message (`ws`'s `data`: a Buffer or Buffer[] for text frames). Never throws on client input. */
export function readClientFrame(data: unknown, isBinary: boolean): FrameReading {
  if (isBinary) return { kind: 'error', code: 'bad-frame', message: 'binary frames are not supported' };
  const text = Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data as Buffer[]).toString('utf8') : String(data);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'error', code: 'bad-json', message: 'frame is not JSON' };
  }
  const r = raw as { type?: unknown; id?: unknown } | null;
  const commandId = r && typeof r === 'object' && r.type === 'command' && typeof r.id === 'string' && r.id.length > 0 && r.id.length <= 64 ? r.id : null;
  const invalid = findInvalidText(raw);
  if (invalid) {
    const message = `${invalid.field} ${invalid.problem}`;
    if (commandId !== null && invalid.field !== 'id') return { kind: 'reject', id: commandId, message };
    return { kind: 'error', code: 'invalid-text', message };
  }
  const parsed = clientFrameSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const detail = issue ? `${issue.path.join('.') || '(frame)'}: ${issue.message}` : 'invalid';
    if (commandId !== null) return { kind: 'reject', id: commandId, message: detail };
    if (r && typeof r === 'object' && typeof r.type === 'string' && !KNOWN_TYPES.has(r.type)) {
      return { kind: 'error', code: 'unknown-type', message: `unknown frame type ${JSON.stringify(r.type.slice(0, 40))}` };
    }
    return { kind: 'error', code: 'bad-frame', message: detail };
  }
  return { kind: 'frame', frame: parsed.data };
}

/** The `id` of a small frame (≤ 2 KiB) that looks like a command, without validating the rest; null otherwise. */
export function commandIdOf(data: unknown): string | null {
  const text = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data as Buffer[]) : null;
  if (!text || text.length > 2048) return null;
  try {
    const raw = JSON.parse(text.toString('utf8')) as { type?: unknown; id?: unknown } | null;
    return raw && raw.type === 'command' && typeof raw.id === 'string' && raw.id.length > 0 && raw.id.length <= 64 ? raw.id : null;
  } catch {
    return null;
  }
}
