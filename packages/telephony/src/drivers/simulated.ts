// A driver with no server behind it: the test double of the CTI driver, for the package's, the shell's
// and remote-kit's tests. Exported only by `@octopus/telephony/testing`, never by the main entry, so it
// stays out of production bundles (`pnpm deps` and `pnpm size` check it).
import type { AgentSelf, CallView, CommandResult, CtiCommand, CtiEvent, EndReason, SelectableAgentState, VerificationMethod, VerificationStatus } from '@octopus/contracts';
import { maskName } from '@octopus/contracts';
import { CommandError, type DriverSink, type TelephonyDriver } from '../driver';
import { agentView, callView, snapshot } from '../testing/events';

/** The fake customer of a simulated call; every field has a default (a verified demo customer in Beijing). */
export interface SimulatedCaller {
  /** The number calling. Default `13800138000`. */
  phone?: string;
  userId?: string | null;
  name?: string | null;
  verification?: { status: VerificationStatus; method: VerificationMethod | null };
  /**
   * The account `phone` is registered to, as the server's IVR lookup found it (`numberMatchesAccount` is true while
   * this account is bound). Default: `userId` (the caller calls from the account's own number).
   */
  numberUserId?: string | null;
  province?: string | null;
  city?: string | null;
  skillGroup?: string;
  keyTrack?: string;
}

/** Options of {@link createSimulatedTelephony}; times in ms. */
export interface SimulatedTelephonyOptions {
  /** The signed-in agent. Default `1001`, in presale and aftersale. */
  agent?: { id?: string; name?: string; skillGroups?: string[] };
  /** The fake customer of the first call. */
  caller?: SimulatedCaller;
  /** Ring a call right after start. Default true. */
  autoRing?: boolean;
  /** Delay of that first ring after the snapshot. Default 300. */
  ringAfterMs?: number;
  /** Answer ringing calls by itself after this long; null waits for the agent. Default 600 ms. */
  autoAnswerMs?: number | null;
  /** After-call work of a call the agent took part in; 0 ends calls without wrap-up. Default 5000. */
  wrapUpMs?: number;
  /**
   * Skill groups whose after-call work needs a wrap-up code, as the server's policy says: it is held past its
   * deadline and End / a state change are refused (`disposition-required`) until `setDisposition`. Default none.
   */
  dispositionRequiredGroups?: string[];
}

/** The simulated driver: a {@link TelephonyDriver} plus the caller's side (ring, hang up). */
export interface SimulatedTelephony extends TelephonyDriver {
  /** Rings a new call for a fake customer (defaults: see {@link SimulatedCaller}); returns its id (`SIM-<n>-<base36 ms>`). */
  ring(caller?: SimulatedCaller): string;
  /** The caller hangs up: the call ends (into wrap-up if the agent had answered). Unknown or ended ids are ignored. */
  callerHangup(callId: string): void;
}

const DEFAULT_CALLER: Required<Omit<SimulatedCaller, 'verification' | 'numberUserId'>> & Pick<SimulatedCaller, 'verification' | 'numberUserId'> = {
  phone: '13800138000',
  userId: 'u-demo-1',
  name: '演示客户',
  verification: { status: 'verified', method: 'ivr-phone' },
  province: '北京',
  city: '北京',
  skillGroup: 'aftersale',
  keyTrack: '2',
};

/**
 * A driver with no server behind it, for tests: a ringing → talking call for a fake customer, and the
 * basic phone actions as the server would answer them (server rules it follows are noted inline). Each
 * instance is independent (no module state). Commands reject with `CommandError`: `not-found` (unknown
 * call), `invalid-state` (answering a call that is not ringing), `disposition-required`, `invalid-command`
 * (a command it does not simulate).
 */
export function createSimulatedTelephony(options: SimulatedTelephonyOptions = {}): SimulatedTelephony {
  let rev = 0;
  let seq = 0;
  let sink: DriverSink | null = null;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  /** Per call: the account its number is registered to (what the server's IVR lookup found). */
  const numberUsers = new Map<string, string | null>();
  const later = (fn: () => void, ms: number) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const now = () => Date.now();
  const wrapUpMs = options.wrapUpMs ?? 5000;
  const requiredGroups = new Set(options.dispositionRequiredGroups ?? []);
  const awaitsCode = (c: CallView | undefined) => !!c && c.state === 'wrap-up' && c.dispositionRequired;
  const refuseAwaiting = (c: CallView | undefined) => {
    if (awaitsCode(c)) throw new CommandError('disposition-required', 'choose a wrap-up code first: this skill group requires one');
  };
  const agent: AgentSelf = agentView(0, {
    id: options.agent?.id ?? '1001',
    name: options.agent?.name ?? '演示坐席',
    skillGroups: options.agent?.skillGroups ?? ['presale', 'aftersale'],
    stateSince: now(),
  });
  const calls = new Map<string, CallView>();
  const emit = (event: CtiEvent) => sink?.event(event);
  const pushAgent = (patch: Partial<AgentSelf>) => {
    const changedState = patch.state !== undefined && patch.state !== agent.state;
    Object.assign(agent, patch, { rev: ++rev }, changedState ? { stateSince: now() } : {});
    emit({ type: 'agent', agent: { ...agent } });
  };
  const pushCall = (id: string, patch: Partial<CallView>) => {
    const call = calls.get(id);
    if (!call) return;
    const next = { ...call, ...patch, rev: ++rev };
    calls.set(id, next);
    emit({ type: 'call', call: next });
    if (next.state === 'ended') calls.delete(id);
  };
  const settleAgent = () => {
    const states = [...calls.values()].map((c) => c.state);
    const state = states.some((s) => s === 'talking' || s === 'held' || s === 'consulting' || s === 'transferring')
      ? 'talking'
      : states.includes('ringing')
        ? 'ringing'
        : states.includes('wrap-up')
          ? 'wrap-up'
          : (agent.nextState ?? agent.chosenState);
    const chosen = state === agent.nextState ? agent.nextState : agent.chosenState;
    pushAgent({ state, chosenState: chosen as SelectableAgentState, nextState: state === agent.nextState ? null : agent.nextState });
  };
  const endCall = (id: string, reason: EndReason, wrapUp: boolean) => {
    const call = calls.get(id);
    if (!call || call.state === 'ended' || call.state === 'wrap-up') return;
    const t = now();
    if (wrapUp && wrapUpMs > 0 && call.state !== 'ringing') {
      const dispositionRequired = call.skillGroup !== null && requiredGroups.has(call.skillGroup) && !call.disposition;
      pushCall(id, { state: 'wrap-up', endedAt: t, endReason: reason, wrapUpDeadline: t + wrapUpMs, held: false, heldSince: null, muted: false, participants: [], dispositionRequired });
      later(() => {
        if (calls.get(id)?.state === 'wrap-up' && !awaitsCode(calls.get(id))) {
          pushCall(id, { state: 'ended', grant: null });
          settleAgent();
        }
      }, wrapUpMs);
    } else pushCall(id, { state: 'ended', endedAt: t, endReason: reason, grant: null, participants: [] });
    settleAgent();
  };
  const answer = (id: string) => {
    const call = calls.get(id);
    if (!call || call.state !== 'ringing') return false;
    pushCall(id, { state: 'talking', connectedAt: now(), ringDeadline: null, participants: [agent.id] });
    settleAgent();
    return true;
  };

  const driver: SimulatedTelephony = {
    start(next) {
      sink = next;
      next.connection('connecting');
      later(() => {
        emit(
          snapshot(rev, [...calls.values()], {
            epoch: 'simulated',
            session: { id: 'simulated', phone: true, sessions: 1 },
            agent: { ...agent },
            agents: [{ id: agent.id, name: agent.name, skillGroups: agent.skillGroups, state: agent.state, stateSince: agent.stateSince, connected: true, rev: agent.rev }],
            groups: agent.skillGroups.map((name) => ({ name, label: name, routing: 'longest-idle' as const, queued: 0, oldestQueuedAt: null, idleAgents: 1, onlineAgents: 1, rev: 0 })),
            config: { ringTimeoutMs: 20_000, wrapUpMs, heartbeatMs: 1500, reconnectGraceMs: 30_000 },
          }),
        );
        next.connection('connected');
        if (options.autoRing ?? true) later(() => driver.ring(options.caller), options.ringAfterMs ?? 300);
      }, 0);
    },
    stop() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      sink?.connection('offline');
      sink = null;
    },
    ring(caller = {}) {
      const c = { ...DEFAULT_CALLER, ...caller };
      const id = `SIM-${++seq}-${now().toString(36)}`;
      const numberUserId = c.numberUserId === undefined ? c.userId : c.numberUserId;
      numberUsers.set(id, numberUserId);
      const t = now();
      const call: CallView = callView(id, ++rev, {
        number: c.phone,
        province: c.province,
        city: c.city,
        skillGroup: c.skillGroup,
        customer: {
          userId: c.userId,
          // As the server: the name is masked unless the caller is verified.
          name: c.name === null || c.name === undefined || c.verification?.status === 'verified' ? (c.name ?? null) : maskName(c.name),
          phone: c.phone,
          verification: c.verification ?? { status: 'skipped', method: null },
          numberMatchesAccount: c.userId !== null && numberUserId === c.userId,
        },
        keyTrack: c.keyTrack,
        ringingSince: t,
        ringDeadline: t + 20_000,
        // As the server: the grant names its level, and a new grant is issued when the level changes.
        grant: c.userId ? `simulated-grant.${id}.${c.userId}.${c.verification?.status === 'verified' ? 'verified' : 'identified'}` : null,
      });
      calls.set(id, call);
      emit({ type: 'call', call });
      settleAgent();
      const auto = options.autoAnswerMs === undefined ? 600 : options.autoAnswerMs;
      if (auto !== null) later(() => answer(id), auto);
      return id;
    },
    callerHangup(callId) {
      endCall(callId, 'caller-hangup', true);
    },
    async command(command: CtiCommand): Promise<CommandResult | null> {
      const need = (id: string) => {
        const call = calls.get(id);
        if (!call) throw new CommandError('not-found', `no call ${id}`);
        return call;
      };
      switch (command.name) {
        case 'setState':
          if ([...calls.values()].some((c) => c.state !== 'wrap-up')) pushAgent({ nextState: command.state });
          else {
            if (command.state !== 'offline') for (const c of calls.values()) refuseAwaiting(c);
            for (const c of [...calls.values()]) pushCall(c.id, { state: 'ended', grant: null });
            pushAgent({ chosenState: command.state, state: command.state, nextState: null });
          }
          return null;
        case 'answer':
          if (!answer(need(command.callId).id)) throw new CommandError('invalid-state', 'the call is not ringing');
          return null;
        case 'reject':
        case 'hangup':
        case 'transferToSurvey':
          refuseAwaiting(need(command.callId));
          if (command.name === 'hangup' && need(command.callId).state === 'wrap-up') {
            pushCall(command.callId, { state: 'ended', grant: null });
            settleAgent();
            return null;
          }
          endCall(command.callId, command.name === 'transferToSurvey' ? 'survey' : 'agent-hangup', command.name !== 'reject');
          return null;
        case 'transfer':
          need(command.callId);
          endCall(command.callId, 'transferred', true);
          return null;
        case 'hold':
        case 'resume':
          need(command.callId);
          pushCall(command.callId, { held: command.name === 'hold', heldSince: command.name === 'hold' ? now() : null, state: command.name === 'hold' ? 'held' : 'talking' });
          return null;
        case 'mute':
        case 'unmute':
          need(command.callId);
          pushCall(command.callId, { muted: command.name === 'mute' });
          return null;
        case 'dtmf':
          pushCall(command.callId, { dtmfSent: need(command.callId).dtmfSent + command.digits });
          return null;
        case 'inviteRating':
          need(command.callId);
          pushCall(command.callId, { ratingInvited: true });
          later(() => pushCall(command.callId, { rating: 5 }), 1000);
          return null;
        case 'bindCustomer': {
          need(command.callId);
          const grant = `simulated-grant.${command.callId}.${command.userId}.${command.proof ? 'verified' : 'identified'}`;
          pushCall(command.callId, {
            // As the server: only a proof (the api's identity check) verifies; a bind alone identifies.
            customer: {
              ...need(command.callId).customer,
              userId: command.userId,
              // Another account: its name is not known here (the api's answer names it, masked as the api decides).
              name: need(command.callId).customer.userId === command.userId ? need(command.callId).customer.name : null,
              numberMatchesAccount: numberUsers.get(command.callId) === command.userId,
              verification: command.proof ? { status: 'verified', method: 'agent-confirm' } : { status: 'unverified', method: command.method },
            },
            grant,
          });
          return { grant };
        }
        case 'refreshGrant':
          return { grant: need(command.callId).grant ?? undefined };
        case 'setDisposition': {
          const c = need(command.callId);
          pushCall(command.callId, { disposition: command.code, dispositionRequired: false });
          // Held past its deadline for want of the code: it ends now, as on the server.
          if (c.state === 'wrap-up' && c.wrapUpDeadline !== null && c.wrapUpDeadline <= now()) {
            pushCall(command.callId, { state: 'ended', grant: null });
            settleAgent();
          }
          return null;
        }
        case 'callOut': {
          const id = driver.ring({ phone: command.number, userId: null, name: null, numberUserId: null, verification: { status: 'unverified', method: null } });
          // Sent to the store at once, as the server does: an outbound call is outbound while it rings.
          pushCall(id, { direction: 'outbound', callerId: '4008001001' });
          later(() => answer(id), 800);
          return { callId: id };
        }
        case 'takePhone':
        case 'subscribe':
        case 'renewSession':
          return null;
        default:
          throw new CommandError('invalid-command', `${command.name} is not simulated`);
      }
    },
  };
  return driver;
}
