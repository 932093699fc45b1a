// Test stand-in for rtpengine's NG control port, shared by the voice tests (never imported by the server).
import { createSocket, type Socket } from 'node:dgram';
import { bdecode, bencode, type BencodeValue } from './rtpengine';

/** What a fake NG port gives a test: its `host:port`, every command received (decoded, in order), its socket. */
export interface FakeRtpengine {
  address: string;
  commands: Array<Record<string, BencodeValue>>;
  socket: Socket;
}

/**
 * A UDP NG port on 127.0.0.1 (a free port) that records each command and answers `result: ok` plus what
 * `reply` adds for that command (an SDP for offer/answer, a duration for play media …). Close its socket.
 */
export function fakeRtpengine(reply: (command: Record<string, BencodeValue>) => Record<string, BencodeValue> = () => ({})): Promise<FakeRtpengine> {
  const commands: Array<Record<string, BencodeValue>> = [];
  const socket = createSocket('udp4');
  socket.on('message', (message, from) => {
    const text = message.toString();
    const space = text.indexOf(' ');
    const command = bdecode(text.slice(space + 1)) as Record<string, BencodeValue>;
    commands.push(command);
    socket.send(`${text.slice(0, space)} ${bencode({ result: 'ok', ...reply(command) })}`, from.port, from.address);
  });
  return new Promise((resolve) => socket.bind(0, '127.0.0.1', () => resolve({ address: `127.0.0.1:${socket.address().port}`, commands, socket })));
}

/** Resolves once `pred()` holds, checked every `stepMs` (default 10); rejects after `timeoutMs` (default 5,000). */
export async function until(pred: () => boolean, timeoutMs = 5000, stepMs = 10): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error('not in time');
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}
