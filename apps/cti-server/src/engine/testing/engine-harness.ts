// The engine's test builders: one engine with its output collected, and the scenario harness of the
// engine's mechanism suites (agents a1–a6 in sales/support/vip, two customers, a manual clock).
import type { CtiCommand, CtiEvent } from '@octopus/contracts';
import { authGrants } from '../auth-grants';
import { ManualClock } from '../clock';
import type { AgentAccount, GroupConfig } from '../config';
import { CtiEngine, type EngineOptions } from '../engine';
import { MemoryAuditSink, MemoryDirectory, MemoryGrantEndSink, MemoryRecordSink, type CallerNetwork } from '../ports';

/** The token secret of the engine suites' grants and proofs. */
export const SECRET = 'test-secret';

export const AGENTS: AgentAccount[] = [
  { id: 'a1', name: 'A1', skillGroups: ['sales'] },
  { id: 'a2', name: 'A2', skillGroups: ['sales'] },
  { id: 'a3', name: 'A3', skillGroups: ['sales', 'support'] },
  { id: 'a4', name: 'A4', skillGroups: ['support'] },
  { id: 'a5', name: 'A5', skillGroups: ['support'] },
  { id: 'a6', name: 'A6', skillGroups: ['vip'] },
];

export const GROUPS: GroupConfig[] = [
  { name: 'sales', label: 'Sales', callerId: '4000000001', routing: 'longest-idle', maxWaitMs: 60_000, overflow: { kind: 'group', group: 'support' } },
  { name: 'support', label: 'Support', callerId: '4000000002', routing: 'round-robin', maxWaitMs: 30_000, overflow: { kind: 'voicemail' } },
  { name: 'vip', label: 'VIP', callerId: '4000000003', routing: 'longest-idle', maxWaitMs: 10_000, overflow: { kind: 'callback' } },
];

export const USERS = [
  { userId: 'u1', name: 'Zhang San', phone: '13800138000', idNumber: '110101199001011234' },
  { userId: 'u2', name: 'Li Si', phone: '13912345678', idNumber: '11010119850505567X' },
];

/** Lets pending promises (the IVR's directory checks) run. */
export const settle = () => new Promise<void>((r) => setImmediate(r));

/**
 * One engine (grants signed with `secret`) whose output is collected in `events`, with `ok` (a command
 * that must be accepted: returns its result) and `fails` (one that must be refused: returns the reason).
 */
export function testEngine(options: Omit<EngineOptions, 'output' | 'grants'> & Partial<Pick<EngineOptions, 'output' | 'grants'>>, secret = SECRET) {
  const events: Array<{ agentId: string; event: CtiEvent }> = [];
  const engine = new CtiEngine({ output: { toAgent: (agentId, event) => events.push({ agentId, event }) }, grants: authGrants({ secret }), ...options });
  const ok = (agentId: string, command: CtiCommand) => {
    const outcome = engine.command(agentId, command);
    if (!outcome.ok) throw new Error(`${command.name} by ${agentId} rejected: ${outcome.reason} ${outcome.message}`);
    return outcome.result;
  };
  const fails = (agentId: string, command: CtiCommand) => {
    const outcome = engine.command(agentId, command);
    if (outcome.ok) throw new Error(`${command.name} by ${agentId} was accepted`);
    return outcome.reason;
  };
  return { engine, events, ok, fails };
}

/** The mechanism suites' engine: AGENTS, GROUPS, USERS, ring 20 s, wrap-up 5 s, grace 10 s, a recording network. */
export function setup(options: Partial<EngineOptions> = {}) {
  const clock = new ManualClock();
  const records = new MemoryRecordSink();
  const grantsEnded = new MemoryGrantEndSink();
  const audit = new MemoryAuditSink();
  const network = { dialed: [] as string[], surveys: [] as string[], invites: [] as string[], ended: [] as string[] };
  const net: CallerNetwork = {
    dialOut: (id) => network.dialed.push(id),
    surveyStarted: (id) => network.surveys.push(id),
    ratingInvited: (id) => network.invites.push(id),
    callEnded: (id) => network.ended.push(id),
  };
  const { engine, events, ok, fails } = testEngine({
    agents: AGENTS,
    groups: GROUPS,
    clock,
    ringTimeoutMs: 20_000,
    wrapUpMs: 5_000,
    reconnectGraceMs: 10_000,
    directory: new MemoryDirectory(USERS),
    records,
    grantsEnded,
    audit,
    network: net,
    ivrMenu: { '1': 'sales', '2': 'support', '9': 'vip' },
    ...options,
  });
  return {
    clock,
    engine,
    records,
    grantsEnded,
    audit,
    events,
    network,
    ok,
    fails,
    login: (...ids: string[]) => ids.forEach((id) => engine.agentConnected(id)),
    call: async (from: string, keys = '1', extra: { verify?: string; idSuffix?: string; skillGroup?: string } = {}) => {
      const id = engine.inboundCall({ from, keys, ...extra });
      await settle();
      return id;
    },
    view: (agentId: string, callId: string) => engine.snapshotFor(agentId).calls.find((c) => c.id === callId) ?? null,
    state: (agentId: string) => engine.snapshotFor(agentId).agent.state,
    agent: (agentId: string) => engine.snapshotFor(agentId).agent,
    ringingAgent: (callId: string) => AGENTS.map((a) => a.id).find((id) => engine.snapshotFor(id).calls.some((c) => c.id === callId && c.state === 'ringing')) ?? null,
  };
}

export type Harness = ReturnType<typeof setup>;

/** A call from `from` answered by `agentId` (who must be the one it rings). */
export async function talking(t: Harness, agentId = 'a1', from = '13800138000') {
  const id = await t.call(from, '1');
  expect(t.ringingAgent(id)).toBe(agentId);
  t.ok(agentId, { name: 'answer', callId: id });
  return id;
}
