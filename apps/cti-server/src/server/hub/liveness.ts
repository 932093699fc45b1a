import { CTI_CLOSE_CODES } from '@octopus/contracts';
import type { CtiEngine } from '../../engine/engine';
import type { Session, SessionTable } from './session';

/** Heartbeat durations, ms (see `HubOptions`). */
export interface LivenessTimes {
  heartbeatMs: number;
  staleAfterMs: number;
  heartbeatTimeoutMs: number;
}

/**
 * Whether connections and agents are alive: every frame or pong counts (`heard`); `check` (every ≤ 500 ms)
 * pings connections silent for `heartbeatMs`, marks agents whose connections are all silent past
 * `staleAfterMs` unreachable (no calls offered), and drops connections silent past `heartbeatTimeoutMs`
 * (close 4408; the agent's grace period starts).
 */
export class Liveness {
  /** Agents the engine was told are unreachable (silent past `staleAfterMs`). */
  private readonly staleAgents = new Set<string>();

  constructor(
    private readonly times: LivenessTimes,
    private readonly engine: CtiEngine,
    private readonly table: SessionTable,
    private readonly onDropped: (session: Session) => void,
    private readonly log: (message: string) => void,
  ) {}

  /** Something arrived on this connection (a frame or a pong): it is alive, and so is its agent. */
  heard(session: Session): void {
    session.lastSeen = Date.now();
    if (this.staleAgents.size > 0 && this.staleAgents.delete(session.agentId) && !session.closed) this.engine.agentReachable(session.agentId, true);
  }

  /** The agent connected again, or has no connection left: the engine forgets staleness on the next connect; so does this. */
  forget(agentId: string): void {
    this.staleAgents.delete(agentId);
  }

  check(): void {
    const { heartbeatMs, staleAfterMs, heartbeatTimeoutMs } = this.times;
    const now = Date.now();
    for (const [agentId, list] of this.table.entries()) {
      let fresh = false;
      for (const s of list) {
        const silent = now - s.lastSeen;
        if (silent > heartbeatTimeoutMs) {
          s.ws.close(CTI_CLOSE_CODES.heartbeatTimeout, 'heartbeat-timeout');
          s.ws.terminate();
          this.onDropped(s);
          continue;
        }
        if (silent <= staleAfterMs) fresh = true;
        if (silent >= heartbeatMs && now - s.lastPing >= heartbeatMs && s.ws.readyState === s.ws.OPEN) {
          s.lastPing = now;
          s.ws.ping();
        }
      }
      if (!fresh && this.table.has(agentId) && !this.staleAgents.has(agentId)) {
        this.staleAgents.add(agentId);
        this.log(`agent ${agentId}: no frame for ${staleAfterMs} ms: not offered calls until it answers`);
        this.engine.agentReachable(agentId, false);
      }
    }
  }
}
