// `pnpm call --interactive`: a tester is the caller. Each IVR prompt of the call is shown as it is played;
// the tester answers from the keyboard (a menu key, or digits ended by # — the # is added when missing),
// `q` hangs up. Self-service answers are shown as such; the call's outcome is shown at the end.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { ivrSessionViewSchema, simCallStatusSchema, type IvrPrompt, type IvrSessionView } from '@octopus/contracts';

/** What an interactive call needs: the cti-server, the caller, where the tester types and reads. */
export interface InteractiveCallOptions {
  /** The cti-server's base URL (no trailing slash). */
  base: string;
  from: string;
  /** The hotline dialled; absent: the server's first. */
  to?: string;
  /** Which text of each prompt to show. Default zh-CN. */
  lang?: 'zh-CN' | 'en-US';
  input: Readable;
  output: Writable;
  /** Poll interval of the session (ms). Default 150. */
  pollMs?: number;
  fetchImpl?: typeof fetch;
}

/** How the call left the IVR: `queued` (with its group), `self-service`, `hung-up`. */
export interface InteractiveCallResult {
  callId: string;
  outcome: IvrSessionView['outcome'];
  keyTrack: string;
  skillGroup: string | null;
}

const LABEL: Record<IvrPrompt['kind'], string> = { prompt: '🔊', invalid: '⚠', answer: '✅ 自助查询 / self-service:', notice: 'ℹ' };

/**
 * Places an interactive call and runs it to the end of the IVR. Resolves with the outcome; rejects when the
 * server refuses (the message carries the status and body).
 */
export async function interactiveCall(options: InteractiveCallOptions): Promise<InteractiveCallResult> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const lang = options.lang ?? 'zh-CN';
  const pollMs = options.pollMs ?? 150;
  const write = (line: string) => options.output.write(`${line}\n`);
  const json = { 'content-type': 'application/json' };
  const ok = async (response: Response) => {
    const text = await response.text();
    if (!response.ok) throw new Error(`${response.status}: ${text}`);
    return JSON.parse(text) as unknown;
  };

  const placed = (await ok(await fetchImpl(`${options.base}/sim/calls`, { method: 'POST', headers: json, body: JSON.stringify({ from: options.from, ...(options.to && { to: options.to }), interactive: true }) }))) as { callId: string };
  const callId = placed.callId;
  write(`call ${callId} from ${options.from}${options.to ? ` to ${options.to}` : ''} — answer each prompt; q hangs up`);

  // Lines typed ahead are queued: a tester may paste several answers at once.
  const lines: string[] = [];
  let closed = false;
  let wake: (() => void) | null = null;
  const rl = createInterface({ input: options.input, terminal: false });
  rl.on('line', (line) => {
    lines.push(line.trim());
    wake?.();
  });
  rl.on('close', () => {
    closed = true;
    wake?.();
  });
  const nextLine = async (): Promise<string | null> => {
    while (lines.length === 0 && !closed) await new Promise<void>((r) => (wake = r));
    wake = null;
    return lines.shift() ?? null;
  };

  let after = 0;
  let view: IvrSessionView;
  try {
    for (;;) {
      view = ivrSessionViewSchema.parse(await ok(await fetchImpl(`${options.base}/sim/calls/${callId}/ivr?after=${after}`)));
      for (const p of view.prompts) {
        write(`${LABEL[p.kind]} ${p.text[lang]}`);
        after = p.seq;
      }
      if (view.awaiting === 'done') break;
      if (view.awaiting === 'checking') {
        await new Promise((r) => setTimeout(r, pollMs));
        continue;
      }
      options.output.write(view.awaiting === 'key' ? 'key> ' : 'digits (# ends)> ');
      const line = await nextLine();
      if (line === null || line === 'q') {
        await ok(await fetchImpl(`${options.base}/sim/calls/${callId}/hangup`, { method: 'POST', headers: json, body: '{}' }));
        write('hung up');
        continue;
      }
      if (!/^[0-9*#Xx]{1,31}$/.test(line)) {
        write('keys are 0-9 * # (X in an ID number); q hangs up');
        continue;
      }
      const digits = view.awaiting === 'digits' && !line.endsWith('#') && line !== '*' ? `${line}#` : line;
      await ok(await fetchImpl(`${options.base}/sim/calls/${callId}/keys`, { method: 'POST', headers: json, body: JSON.stringify({ digits }) }));
    }
  } finally {
    rl.close();
  }
  const status = simCallStatusSchema.parse(await ok(await fetchImpl(`${options.base}/sim/calls/${callId}`)));
  const outcome = view.outcome;
  write(
    outcome === 'self-service'
      ? `resolved in self-service (key track ${view.keyTrack})`
      : outcome === 'queued'
        ? `left the IVR for ${status.skillGroup ?? 'the default group'}: ${status.phase} (key track ${view.keyTrack})`
        : `hung up in the IVR (key track ${view.keyTrack})`,
  );
  return { callId, outcome, keyTrack: view.keyTrack, skillGroup: status.skillGroup };
}
