// `pnpm call --from 13800138000 [--keys 1] [--group aftersale] [--verify 13800138000] [--id-suffix 1234] [--rating 5]`
// `pnpm call --interactive --from 13800138000 [--to 4008001000] [--lang en-US]`: answer the IVR's prompts from the keyboard
// `pnpm call --hangup <callId>`   `pnpm call --status <callId>`
// `pnpm call --voice [--from 13800138000] [--keys 1] [--tone 440 | --file x.wav] [--seconds 60] [--proxy 127.0.0.1:5060]`
// Talks to the caller simulator of a running cti-server (CTI_URL, default http://localhost:4000); with
// --voice, places a real SIP call with audio through Kamailio instead (baresip; `pnpm voice:start`).
import { parseArgs } from 'node:util';
import { interactiveCall } from './interactive';
import { analyseWav, heardRecordings, placeVoiceCall } from '../sim/voice-caller';

/** A real SIP call with a tone; prints the setup time and, at the end, what the caller heard. */
async function voiceCall(values: { from?: string; keys?: string; tone?: string; file?: string; seconds?: string; proxy?: string }): Promise<void> {
  const host = process.env.OCTOPUS_VOICE_PUBLIC_HOST || process.env.OCTOPUS_VOICE_BIND_HOST || '127.0.0.1';
  const proxy = values.proxy ?? `${host}:${process.env.OCTOPUS_VOICE_SIP_PORT || 5060}`;
  const call = placeVoiceCall({
    proxy,
    from: values.from ?? '13800138000',
    to: values.keys ? `95555*${values.keys}` : '95555*1',
    toneHz: Number(values.tone ?? 440),
    ...(values.file && { file: values.file }),
    seconds: Number(values.seconds ?? 60),
  });
  console.log(`calling through ${proxy} with a ${values.file ?? `${values.tone ?? 440} Hz tone`}; recordings in ${call.dir} (Ctrl+C hangs up)`);
  process.on('SIGINT', () => void call.hangup());
  void call.established.then((at) => console.log(`answered after ${at - call.startedAt} ms`));
  const why = await call.closed;
  await call.hangup();
  const heard = heardRecordings(call.dir);
  console.log(`call over (${why}); ${heard.length ? 'the caller heard (one recording per stretch between re-INVITEs: hold, resume):' : 'no audio recorded'}`);
  for (const file of heard) {
    const analysis = analyseWav(file, 0.5);
    console.log(`  rms ${analysis.rms.toFixed(3)} at ≈${analysis.frequencyHz.toFixed(0)} Hz for ${analysis.seconds.toFixed(1)} s: ${file}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      keys: { type: 'string' },
      group: { type: 'string' },
      verify: { type: 'string' },
      'id-suffix': { type: 'string' },
      rating: { type: 'string' },
      hangup: { type: 'string' },
      status: { type: 'string' },
      url: { type: 'string' },
      voice: { type: 'boolean' },
      interactive: { type: 'boolean' },
      to: { type: 'string' },
      lang: { type: 'string' },
      tone: { type: 'string' },
      file: { type: 'string' },
      seconds: { type: 'string' },
      proxy: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.voice) return voiceCall(values);
  const base = (values.url ?? process.env.CTI_URL ?? `http://localhost:${process.env.CTI_PORT ?? 4000}`).replace(/\/+$/, '');
  if (values.help || (!values.from && !values.hangup && !values.status)) {
    console.log(
      'usage: pnpm call --from <number> [--keys 1] [--group aftersale] [--verify <digits>] [--id-suffix <4-6 chars>] [--rating 1-5]\n' +
        '       pnpm call --interactive --from <number> [--to <hotline>] [--lang zh-CN|en-US]\n' +
        '       pnpm call --hangup <callId> | --status <callId>\n' +
        '       pnpm call --voice [--from <number>] [--keys 1] [--tone 440 | --file <wav>] [--seconds 60] [--proxy host:port]\n' +
        '--id-suffix answers the IVR\'s second prompt, asked when --verify keyed a registered phone other than --from',
    );
    process.exit(values.help ? 0 : 2);
  }
  if (values.interactive && values.from) {
    await interactiveCall({ base, from: values.from, ...(values.to && { to: values.to }), lang: values.lang === 'en-US' ? 'en-US' : 'zh-CN', input: process.stdin, output: process.stdout });
    return;
  }
  let response: Response;
  const json = { 'content-type': 'application/json' };
  if (values.hangup) response = await fetch(`${base}/sim/calls/${encodeURIComponent(values.hangup)}/hangup`, { method: 'POST', headers: json, body: '{}' });
  else if (values.status) response = await fetch(`${base}/sim/calls/${encodeURIComponent(values.status)}`);
  else {
    const body = {
      from: values.from,
      ...(values.keys && { keys: values.keys }),
      ...(values.group && { skillGroup: values.group }),
      ...(values.verify && { verify: values.verify }),
      ...(values['id-suffix'] && { idSuffix: values['id-suffix'] }),
      ...(values.rating && { rating: Number(values.rating) }),
    };
    response = await fetch(`${base}/sim/calls`, { method: 'POST', headers: json, body: JSON.stringify(body) });
  }
  const text = await response.text();
  if (!response.ok) {
    console.error(`${response.status}: ${text}`);
    process.exit(1);
  }
  console.log(text);
}

main().catch((error: unknown) => {
  console.error(`cannot reach the cti-server: ${(error as Error).message}`);
  process.exit(1);
});
