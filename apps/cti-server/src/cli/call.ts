// `pnpm call --from 13800138000 [--keys 1] [--group aftersale] [--verify 13800138000] [--id-suffix 1234] [--rating 5]`
// `pnpm call --hangup <callId>`   `pnpm call --status <callId>`
// Talks to the caller simulator of a running cti-server (CTI_URL, default http://localhost:4000).
import { parseArgs } from 'node:util';

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
      help: { type: 'boolean', short: 'h' },
    },
  });
  const base = (values.url ?? process.env.CTI_URL ?? `http://localhost:${process.env.CTI_PORT ?? 4000}`).replace(/\/+$/, '');
  if (values.help || (!values.from && !values.hangup && !values.status)) {
    console.log(
      'usage: pnpm call --from <number> [--keys 1] [--group aftersale] [--verify <digits>] [--id-suffix <4-6 chars>] [--rating 1-5]\n' +
        '       pnpm call --hangup <callId> | --status <callId>\n' +
        '--id-suffix answers the IVR\'s second prompt, asked when --verify keyed a registered phone other than --from',
    );
    process.exit(values.help ? 0 : 2);
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
