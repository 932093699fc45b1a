import { randomBytes } from 'node:crypto';
import { CTI_PROTOCOL_VERSION } from '@octopus/contracts';
import type { CtiEngine } from '../../engine/engine';
import type { Session } from './session';

/**
 * The frames the hub itself writes (docs/protocol.md §3), without `seq` (the session table adds it).
 * `sessions` is how many connections the agent has open; times are epoch ms.
 */

/** The full state a connection starts from (and gets again on `sync` and `subscribe`). */
export function snapshotFrame(engine: CtiEngine, session: Session, sessions: number, heartbeatMs: number): object {
  const { agent, calls } = engine.snapshotFor(session.agentId);
  return {
    type: 'snapshot',
    protocol: CTI_PROTOCOL_VERSION,
    epoch: engine.epoch,
    rev: engine.currentRev,
    serverTime: Date.now(),
    session: { id: session.id, phone: session.phone, sessions },
    agent,
    calls,
    agents: session.topics.has('agents') ? engine.agentList() : null,
    groups: session.topics.has('groups') ? engine.groupList() : null,
    config: {
      ringTimeoutMs: engine.ringTimeoutMs,
      wrapUpMs: engine.wrapUpMs,
      heartbeatMs,
      reconnectGraceMs: engine.reconnectGraceMs,
    },
  };
}

/** Which connection holds the phone, after any change among the agent's connections. */
export function sessionFrame(session: Session, sessions: number): object {
  return { type: 'session', session: { id: session.id, phone: session.phone, sessions } };
}

/** The connection that lost the phone is told so (a `phone-taken` notice), not left to guess. */
export function phoneTakenFrame(): object {
  return {
    type: 'notice',
    notice: { id: `phone-${randomBytes(6).toString('hex')}`, code: 'phone-taken', message: 'another tab or device of this agent took the phone', callId: null, at: Date.now() },
  };
}
