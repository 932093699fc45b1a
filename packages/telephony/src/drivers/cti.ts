// The Octopus CTI driver: one WebSocket to the cti-server, every frame sequence-checked, a snapshot on
// every (re)connect or gap, commands matched to their replies by request id (docs/protocol.md).
import { CTI_CLOSE_CODES, CTI_PROTOCOL_VERSION, serverFrameSchema, type CommandResult, type CtiCommand, type RejectReason } from '@octopus/contracts';
import { CommandError, type CommandOptions, type ConnectionEnd, type ConnectionEndReason, type DriverSink } from '../driver';
import type { CtiDriver, CtiDriverOptions, CtiDriverStats, WebSocketConstructor, WebSocketLike } from './cti-types';

/** Close codes that carry a reason for the agent, and whether the driver stops after them. */
const ENDINGS: Record<number, { reason: ConnectionEndReason; stop: boolean }> = {
  [CTI_CLOSE_CODES.sessionEnded]: { reason: 'session-ended', stop: true },
  [CTI_CLOSE_CODES.tooManySessions]: { reason: 'too-many-sessions', stop: true },
  [CTI_CLOSE_CODES.flooding]: { reason: 'flooding', stop: false },
};


interface PendingCommand {
  resolve: (result: CommandResult | null) => void;
  reject: (error: CommandError) => void;
  timer: ReturnType<typeof setTimeout>;
}

const OPEN = 1;

/**
 * A `reject` frame as an error. Its reason is one of `REJECT_REASONS`: a reason this client does not know
 * (a newer server's) was already read as `internal` by the frame schema, the server's message kept.
 */
function rejection(reason: RejectReason, message: string): CommandError {
  return new CommandError(reason, message);
}

function wsUrl(base: string): string {
  const u = base.replace(/^http(s?):/, 'ws$1:');
  return /\/ws\/?$/.test(u) ? u.replace(/\/$/, '') : `${u.replace(/\/$/, '')}/ws`;
}

/**
 * The Octopus CTI driver: one WebSocket, sequence-checked, snapshot on every (re)connect or gap.
 * Creating it opens nothing: `start` (through `TelephonyClient.connect`) does. Commands reject with a
 * `CommandError`: `offline` (not connected and synced), `timeout`, `connection-lost`, or the server's
 * reject reason (`REJECT_REASONS` of @octopus/contracts).
 * @throws (asynchronously, on start) when no WebSocket class is given and the platform has none.
 */
export function createCtiDriver(options: CtiDriverOptions): CtiDriver {
  let heartbeatMs = options.heartbeatMs ?? 1500;
  const deadAfter = () => options.deadAfterMs ?? heartbeatMs * 2.5;
  const commandTimeoutMs = options.commandTimeoutMs ?? 8000;
  const initialMs = options.backoff?.initialMs ?? 500;
  const maxMs = options.backoff?.maxMs ?? 15_000;
  const random = options.random ?? Math.random;
  const topics = options.topics ?? ['agents', 'groups'];
  const stats: CtiDriverStats = { connects: 0, framesReceived: 0, framesInvalid: 0, duplicates: 0, gaps: 0, resyncs: 0, snapshots: 0, commandsSent: 0 };
  const pending = new Map<string, PendingCommand>();
  const idPrefix = `${Math.floor(random() * 36 ** 4).toString(36)}-`;
  let nextId = 0;

  let sink: DriverSink | null = null;
  let ws: WebSocketLike | null = null;
  let stopped = true;
  let synced = false;
  /** This connection held the phone when last heard: a reconnect asks for it back (`takeover=1`). */
  let heldPhone = options.takeover === true;
  let syncRequested = false;
  let lastSeq = 0;
  /** Frames below this seq may be missing: a snapshot with a higher seq is needed. */
  let missingBelow = 0;
  let lastFrameAt = 0;
  let lastPingAt = 0;
  let attempt = 0;
  let everSynced = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  /** Set by `setToken` (a renewed session token): used for every later connection. */
  let tokenOverride: string | null = null;
  /** The server's last `error` frame on this connection: the words of a refusal or an ending. */
  let lastError = '';

  const failPending = (reason: 'offline' | 'connection-lost', message: string) => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      pending.delete(id);
      p.reject(new CommandError(reason, message));
    }
  };

  const clearHeartbeat = () => {
    if (heartbeatTimer) clearInterval(heartbeatTimer);
    heartbeatTimer = null;
  };

  const scheduleReconnect = () => {
    if (stopped || reconnectTimer) return;
    const delay = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 16)) * (0.5 + random() * 0.5);
    attempt++;
    sink?.connection(everSynced ? 'reconnecting' : 'connecting');
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      void open();
    }, delay);
  };

  const onClosed = (socket: WebSocketLike, code: number, reason: string) => {
    if (ws !== socket) return;
    ws = null;
    synced = false;
    clearHeartbeat();
    failPending('connection-lost', 'the connection dropped; the next snapshot shows what happened');
    if (stopped) return;
    const fixedToken = tokenOverride !== null || typeof options.token === 'string';
    if (code === CTI_CLOSE_CODES.unauthorized && fixedToken) {
      stopped = true;
      const end: ConnectionEnd = { reason: 'unauthorized', code, message: lastError || reason || 'unauthorized', at: Date.now() };
      sink?.connection('offline', end);
      options.onAuthError?.(end.message);
      return;
    }
    const ending = ENDINGS[code];
    if (ending) {
      const end: ConnectionEnd = { reason: ending.reason, code, message: lastError || reason || ending.reason, at: Date.now() };
      if (ending.stop) {
        // Reconnecting cannot help: a new login (or closing another tab) must come first.
        stopped = true;
        if (reconnectTimer) clearTimeout(reconnectTimer);
        reconnectTimer = null;
        sink?.connection(ending.reason === 'session-ended' ? 'session-ended' : 'offline', end);
        options.onConnectionEnd?.(end);
        return;
      }
      sink?.connection('reconnecting', end);
      options.onConnectionEnd?.(end);
      scheduleReconnect();
      return;
    }
    sink?.connection('reconnecting');
    scheduleReconnect();
  };

  const send = (frame: object): boolean => {
    if (!ws || ws.readyState !== OPEN) return false;
    try {
      ws.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  };

  const requestSync = () => {
    if (syncRequested) return;
    if (send({ type: 'sync' })) {
      syncRequested = true;
      stats.resyncs++;
    }
  };

  const onFrame = (data: unknown) => {
    lastFrameAt = Date.now();
    stats.framesReceived++;
    let raw: unknown;
    try {
      raw = JSON.parse(typeof data === 'string' ? data : String(data));
    } catch {
      stats.framesInvalid++;
      return;
    }
    const parsed = serverFrameSchema.safeParse(raw);
    if (!parsed.success) {
      stats.framesInvalid++;
      // A frame we cannot read (e.g. a newer server's new type) still used up a sequence number.
      const seq = (raw as { seq?: unknown } | null)?.seq;
      if (typeof seq === 'number' && Number.isInteger(seq) && seq === lastSeq + 1) lastSeq = seq;
      return;
    }
    const frame = parsed.data;
    if (frame.type === 'error') lastError = frame.message;
    // Replies resolve by request id, whatever their order.
    if (frame.type === 'ack' || frame.type === 'reject') {
      const p = pending.get(frame.id);
      if (p) {
        pending.delete(frame.id);
        clearTimeout(p.timer);
        if (frame.type === 'ack') p.resolve(frame.result);
        else p.reject(rejection(frame.reason, frame.message));
      }
    }
    if (frame.type === 'snapshot') {
      heldPhone = frame.session.phone;
      // Snapshots merge by rev, so even a late or repeated one is safe to apply (and it may be our resync).
      if (frame.seq <= lastSeq) stats.duplicates++;
      else lastSeq = frame.seq;
      synced = true;
      everSynced = true;
      // The server says how often to ping (unless the caller fixed it).
      if (options.heartbeatMs === undefined && frame.config.heartbeatMs > 0) heartbeatMs = frame.config.heartbeatMs;
      syncRequested = false;
      attempt = 0;
      stats.snapshots++;
      sink?.event(frame);
      sink?.connection('connected');
      // A snapshot covers every frame the server sent before it; an older one may not cover the hole.
      if (frame.seq > missingBelow) missingBelow = 0;
      else requestSync();
      return;
    }
    if (frame.seq <= lastSeq) {
      // Late (reordered) or repeated: still applied below, since every event is versioned.
      stats.duplicates++;
    } else {
      if (frame.seq > lastSeq + 1) {
        stats.gaps++;
        missingBelow = Math.max(missingBelow, frame.seq);
        requestSync();
      }
      lastSeq = frame.seq;
    }
    switch (frame.type) {
      case 'agent':
      case 'call':
      case 'agents':
      case 'groups':
      case 'notice':
        if (synced) sink?.event(frame);
        return;
      case 'session':
        heldPhone = frame.session.phone;
        if (synced) sink?.event(frame);
        return;
      default:
        return;
    }
  };

  const open = async () => {
    if (stopped) return;
    let token: string;
    try {
      token = tokenOverride ?? (typeof options.token === 'string' ? options.token : await options.token());
    } catch {
      scheduleReconnect();
      return;
    }
    if (stopped) return;
    const Ctor = options.WebSocket ?? (globalThis as unknown as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!Ctor) throw new Error('no WebSocket implementation: pass one in the driver options');
    const query = `token=${encodeURIComponent(token)}&protocol=${CTI_PROTOCOL_VERSION}&topics=${topics.join(',')}${heldPhone ? '&takeover=1' : ''}`;
    let socket: WebSocketLike;
    try {
      socket = new Ctor(`${wsUrl(options.url)}?${query}`);
    } catch {
      scheduleReconnect();
      return;
    }
    ws = socket;
    lastError = '';
    synced = false;
    syncRequested = false;
    lastSeq = 0;
    missingBelow = 0;
    lastFrameAt = Date.now();
    stats.connects++;
    socket.onopen = () => {
      if (ws !== socket) return;
      clearHeartbeat();
      lastPingAt = Date.now();
      heartbeatTimer = setInterval(() => {
        if (ws !== socket) return;
        const now = Date.now();
        if (now - lastFrameAt > deadAfter()) {
          // Silent connection: close it ourselves rather than wait for TCP to notice.
          try {
            socket.close(CTI_CLOSE_CODES.heartbeatTimeout, 'heartbeat-timeout');
          } catch {
            // already closing
          }
          onClosed(socket, CTI_CLOSE_CODES.heartbeatTimeout, 'heartbeat-timeout');
          return;
        }
        if (now - lastPingAt >= heartbeatMs) {
          lastPingAt = now;
          send({ type: 'ping' });
        }
      }, Math.max(20, Math.min(500, Math.floor(Math.min(heartbeatMs, deadAfter()) / 3))));
    };
    socket.onmessage = (event) => {
      if (ws === socket) onFrame(event.data);
    };
    socket.onclose = (event) => onClosed(socket, event.code, event.reason);
    socket.onerror = () => undefined;
  };

  const driver: CtiDriver = {
    stats,
    start(next: DriverSink) {
      sink = next;
      if (!stopped) return;
      stopped = false;
      attempt = 0;
      sink.connection('connecting');
      void open();
    },
    stop() {
      stopped = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      clearHeartbeat();
      const socket = ws;
      ws = null;
      synced = false;
      try {
        socket?.close(1000, 'stop');
      } catch {
        // already closed
      }
      failPending('offline', 'the telephony client was stopped');
      sink?.connection('offline');
    },
    command(command: CtiCommand, commandOptions?: CommandOptions): Promise<CommandResult | null> {
      if (!ws || ws.readyState !== OPEN || !synced) {
        return Promise.reject(new CommandError('offline', 'not connected to the telephony server'));
      }
      const id = `${idPrefix}${++nextId}`;
      return new Promise<CommandResult | null>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new CommandError('timeout', `${command.name} was not acknowledged in time`));
        }, commandOptions?.timeoutMs ?? commandTimeoutMs);
        pending.set(id, { resolve, reject, timer });
        stats.commandsSent++;
        if (!send({ type: 'command', id, command })) {
          clearTimeout(timer);
          pending.delete(id);
          reject(new CommandError('offline', 'not connected to the telephony server'));
        }
      });
    },
    setToken(token: string) {
      tokenOverride = token;
    },
    async renewSession(token: string) {
      tokenOverride = token;
      try {
        await driver.command({ name: 'renewSession', token });
      } catch (error) {
        if (error instanceof CommandError && (error.reason === 'offline' || error.reason === 'connection-lost')) return;
        throw error;
      }
    },
    dropConnection() {
      const socket = ws as (WebSocketLike & { terminate?: () => void }) | null;
      if (!socket) return;
      if (socket.terminate) socket.terminate();
      else socket.close(4000, 'dropped');
    },
  };
  return driver;
}
