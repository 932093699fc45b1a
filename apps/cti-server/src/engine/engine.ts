// The telephony core's public face: one class whose methods each run one step of the mechanisms in
// this folder (see docs/adr/0013-engine-by-mechanism.md for which file holds what).
import type { AgentSummary, CallView, CtiCommand, FloorView, GroupRules, GroupSummary, InternalWrapUpPolicy, AgentSelf, RulesResponse, SelectableAgentState, IvrResponse, IvrSessionView, IvrTree } from '@octopus/contracts';
import { errorSummary } from '../log';
import { floorView, routeQueuedCall, superviseState } from './floor';
import { Rejection } from './model';
import { agentConnected, agentDisconnected, agentReachable } from './sessions';
import { bindCustomer } from './bind';
import { calleeAnswered, callerHangup, callerRated } from './caller';
import { executeCommand } from './call-control';
import { runCommand } from './command-table';
import { commitStep } from './commit';
import type { AgentAccount } from './config';
import { restore } from './durability';
import { inboundCall } from './ivr';
import { DEMO_HOTLINE, rollbackIvr, seedIvr, seedTree, updateHotlineTree, type IvrOutcome } from './ivr-book';
import { pressKeys, sessionView } from './ivr-session';
import type { CallControlView, CommandOutcome, InboundCallRequest } from './model';
import type { CallerNetwork } from './ports';
import * as queries from './queries';
import { applyRoster, wrapUpRules } from './roster';
import { rollbackRules, updateGroupRules, type RulesOutcome } from './rules';
import { groupRules, seedRules } from './rules-book';
import { EngineState, type EngineOptions } from './state';

export type { EngineOptions } from './state';
export type { CallControlView, CallPhase, CommandOutcome, InboundCallRequest } from './model';
export type { EngineOutput } from './output';
export type { CallStatus } from './queries';
export type { RulesOutcome, RulesRefusal } from './rules';
export type { IvrOutcome, IvrRefusal } from './ivr-book';

/**
 * The telephony core: agents, skill-group queues, calls and their legs. Synchronous and single-threaded:
 * every entry point is one step (`EngineState.run`), which settles routing and then emits whole views
 * of what changed to `options.output`, each stamped with a fresh `rev`, so clients can drop anything
 * stale. Times are the engine clock's (ms) unless said otherwise.
 */
export class CtiEngine {
  private readonly s: EngineState;

  /**
   * Builds the engine, then restores what `options.store` holds (see `EngineOptions.store`); events of
   * the restore go to `options.output` like any others.
   */
  constructor(options: EngineOptions) {
    const s = new EngineState(options, commitStep);
    this.s = s;
    // Version 1 of the routing rules: the configured groups' (replaced by the journal's, if any).
    s.rules = seedRules(options.groups, s.ringTimeoutMs, s.wrapUpMs, s.clock.now());
    // Version 1 of the IVR: every hotline gets the configured key menu as a tree (replaced by the journal's, if any).
    const label = (name: string) => {
      const g = options.groups.find((x) => x.name === name);
      return { zh: g?.labels?.['zh-CN'] ?? g?.label ?? name, en: g?.labels?.['en-US'] ?? g?.label ?? name };
    };
    s.ivr = seedIvr(options.hotlines ?? [DEMO_HOTLINE], seedTree(s.ivrMenu, s.defaultGroup, label), s.clock.now());
    applyRoster(s, options.agents, true);
    if (options.wrapUpPolicy) this.setWrapUpPolicy(options.wrapUpPolicy);
    const saved = s.store?.load() ?? null;
    if (saved) restore(s, saved);
  }

  /** Server instance id (12 hex digits); kept across restarts that restore the state (revs go on growing). */
  get epoch(): string {
    return this.s.epoch;
  }
  /** An unanswered offer moves the call on after this long (ms). */
  get ringTimeoutMs(): number {
    return this.s.ringTimeoutMs;
  }
  /** After-call work after each call (ms); 0: none. */
  get wrapUpMs(): number {
    return this.s.wrapUpMs;
  }
  /** A disconnected agent keeps its state and calls this long (ms). */
  get reconnectGraceMs(): number {
    return this.s.reconnectGraceMs;
  }
  /** Calls and agents restored from the store at construction. */
  get restored(): { calls: number; agents: number } {
    return this.s.restored;
  }
  /** Ring dispatch latency samples (enqueue → offer, ms) while `recordDispatchSamples` is on, for the benchmark. */
  get dispatchSamples(): number[] {
    return this.s.dispatchSamples;
  }
  get recordDispatchSamples(): boolean {
    return this.s.recordDispatchSamples;
  }
  set recordDispatchSamples(on: boolean) {
    this.s.recordDispatchSamples = on;
  }
  /** The revision counter: every emitted view carries a rev from it. */
  get currentRev(): number {
    return this.s.rev;
  }

  // ---------------------------------------------------------------- configuration

  /**
   * Replaces the wrap-up policy (fetched from the api with the roster). A group that requires a code
   * holds its agents' after-call work open until one is chosen — as Genesys Cloud's "mandatory,
   * discretionary" after-call work and Amazon Connect's required disposition do: the wrap-up timer does not
   * end it, nor End, a state change or a call out (`disposition-required`); logging out and a lost
   * connection still do. Applies to after-call work that starts from now on.
   */
  setWrapUpPolicy(policy: InternalWrapUpPolicy): void {
    this.s.wrapUpRules = wrapUpRules(policy);
  }

  /**
   * The routing rules: the current version, the history newest first (at most 100, the current one
   * included) and, per group, the api's wrap-up codes the engine enforces (read-only here).
   */
  rules(): RulesResponse {
    const wrapUpCodes: RulesResponse['wrapUpCodes'] = {};
    for (const [group, rule] of this.s.wrapUpRules) wrapUpCodes[group] = { required: rule.required, codes: [...rule.codes] };
    const groups = [...this.s.groups.values()].map((g) => ({
      name: g.config.name,
      label: g.config.label,
      ...(g.config.labels && { labels: g.config.labels }),
      agents: g.members.filter((a) => !a.disabled).map((a) => ({ id: a.id, name: a.name })),
    }));
    return { current: this.s.rules.current, history: this.s.rules.history, wrapUpCodes, groups };
  }

  /**
   * Replaces one group's routing rules (schema-valid `GroupRules`) as a new version made by `by` (an agent
   * id): journalled, then applied to the next routing decision and to the callers already waiting (see
   * `rules.ts`). Refused (nothing changes) with 404 for an unknown group, 409 when `ifVersion` is given
   * and is not the current version, 400 naming the rule otherwise.
   */
  updateGroupRules(groupName: string, rules: GroupRules, by: string, ifVersion?: number): RulesOutcome {
    return updateGroupRules(this.s, groupName, rules, by, ifVersion);
  }

  /** Makes the rules of a kept `version` current again as a new version by `by`; 404 when not kept (409 as `updateGroupRules`). */
  rollbackRules(version: number, by: string, ifVersion?: number): RulesOutcome {
    return rollbackRules(this.s, version, by, ifVersion);
  }

  /** The IVR trees per hotline: the current version, the history newest first (at most 100), and the skill groups a group node may name. */
  ivr(): IvrResponse {
    const groups = [...this.s.groups.values()].map((g) => ({ name: g.config.name, label: g.config.label, ...(g.config.labels && { labels: g.config.labels }) }));
    return { current: this.s.ivr.current, history: this.s.ivr.history, groups };
  }

  /**
   * Replaces one hotline's IVR tree (schema-valid) as a new version by `by` (an agent id), journalled; the
   * next call that dials in walks it (calls already in the IVR keep theirs). 404 unknown hotline, 409 stale
   * `ifVersion`, 400 naming the field (an unknown skill group).
   */
  updateIvrTree(hotline: string, tree: IvrTree, by: string, ifVersion?: number): IvrOutcome {
    return this.s.run(() => updateHotlineTree(this.s, hotline, tree, by, ifVersion));
  }

  /** Makes the trees of a kept IVR `version` current again as a new version by `by`; 404 when not kept (409 as `updateIvrTree`). */
  rollbackIvr(version: number, by: string, ifVersion?: number): IvrOutcome {
    return this.s.run(() => rollbackIvr(this.s, version, by, ifVersion));
  }

  /** A call's interactive IVR session (prompts with `seq` > `after`), or null (unknown call, no session). */
  ivrSession(callId: string, after = 0): IvrSessionView | null {
    const call = this.s.calls.get(callId) ?? this.s.ended.get(callId);
    return call ? sessionView(call, after) : null;
  }

  /** Keys the caller pressed in an interactive IVR session (a key, or digits ended by `#`); false when none waits for them. */
  ivrKeys(callId: string, digits: string): boolean {
    return this.s.run(() => {
      const call = this.s.calls.get(callId);
      return call ? pressKeys(this.s, call, digits) : false;
    });
  }

  /**
   * Replaces the roster (the api's accounts): new agents are added, names and skill groups updated,
   * disabled ones (and ones no longer listed) are not offered calls and leave the agent list. An agent
   * is never removed, so calls and legs that name it stay valid.
   */
  setRoster(accounts: AgentAccount[]): void {
    this.s.run(() => applyRoster(this.s, accounts, false));
  }

  /** The caller side's network (the call ingress): told of dial-outs, surveys, rating invitations and ended calls. */
  setNetwork(network: CallerNetwork): void {
    this.s.network = network;
  }

  /** Told every change of every call, after it is saved (the call ingress streams them to the PBX). */
  setCallObserver(observer: ((view: CallControlView) => void) | null): void {
    this.s.callObserver = observer;
  }

  hasAgent(agentId: string): boolean {
    return this.s.agents.has(agentId);
  }

  /** The roster entry the engine routes with, or null for an unknown agent. */
  rosterEntry(agentId: string): { name: string; skillGroups: string[]; disabled: boolean } | null {
    const agent = this.s.agents.get(agentId);
    return agent ? { name: agent.name, skillGroups: agent.skillGroups.slice(), disabled: agent.disabled } : null;
  }

  /** Known and not disabled: may connect and be offered calls. */
  isActiveAgent(agentId: string): boolean {
    const agent = this.s.agents.get(agentId);
    return !!agent && !agent.disabled;
  }

  hasGroup(name: string): boolean {
    return this.s.groups.has(name);
  }

  // ---------------------------------------------------------------- agents' sessions

  /** A connection of the agent opened (a fresh login starts idle). @throws Rejection `not-found` for an unknown agent. */
  agentConnected(agentId: string): void {
    this.s.run(() => agentConnected(this.s, this.s.agent(agentId)));
  }

  /** A connection of the agent closed; the last one starts the reconnect grace period. @throws Rejection `not-found`. */
  agentDisconnected(agentId: string): void {
    this.s.run(() => agentDisconnected(this.s, this.s.agent(agentId)));
  }

  /**
   * Liveness from the hub: `false` when none of the agent's connections has sent anything (frame or
   * WebSocket pong) for the hub's stale threshold, `true` when one speaks again. A stale agent keeps
   * its state and calls but is not offered new calls, and a ring it does not answer meanwhile is not
   * counted as missed (the agent is not set to `missedState`). Unknown agents are ignored.
   */
  agentReachable(agentId: string, reachable: boolean): void {
    this.s.run(() => {
      const agent = this.s.agents.get(agentId);
      if (agent) agentReachable(this.s, agent, reachable);
    });
  }

  // ---------------------------------------------------------------- caller side (network / simulator)

  /** A caller dials in: IVR (key track, verification), then the queue. Returns the call id at once. */
  inboundCall(request: InboundCallRequest): string {
    return this.s.run(() => inboundCall(this.s, request));
  }

  /** The caller (or an outbound callee) hung up; false for an unknown or ended call. */
  callerHangup(callId: string): boolean {
    return this.s.run(() => callerHangup(this.s, callId));
  }

  /** The callee of a ringing outbound call answered; false otherwise. */
  calleeAnswered(callId: string): boolean {
    return this.s.run(() => calleeAnswered(this.s, callId));
  }

  /** The caller pressed a rating 1–5 (survey IVR or rating invitation); false when not asked or already rated. */
  callerRated(callId: string, rating: number): boolean {
    return this.s.run(() => callerRated(this.s, callId, rating));
  }

  // ---------------------------------------------------------------- commands

  /**
   * One synchronous command of an agent. Refusals are answers, not throws: `{ ok: false, reason }` with
   * a `RejectReason` (`not-found`, `not-your-call`, `invalid-state`, `busy`, `disposition-required`, …;
   * `internal` for a bug, logged). `bindCustomer` is refused here: use `handle` or `bindCustomer`.
   */
  command(agentId: string, command: CtiCommand): CommandOutcome {
    return runCommand(this.s, agentId, command.name, () => executeCommand(this.s, this.s.agent(agentId), command));
  }

  /** Any command: synchronous ones answer at once, `bindCustomer` once the directory has answered. */
  handle(agentId: string, command: CtiCommand, sessionId: string | null = null): CommandOutcome | Promise<CommandOutcome> {
    return command.name === 'bindCustomer' ? this.bindCustomer(agentId, command, sessionId) : this.command(agentId, command);
  }

  /** Binds a customer account to the agent's call (see `bind.ts`); resolves with the outcome, never rejects. */
  bindCustomer(agentId: string, command: Extract<CtiCommand, { name: 'bindCustomer' }>, sessionId: string | null = null): Promise<CommandOutcome> {
    return bindCustomer(this.s, agentId, command, sessionId);
  }

  // ---------------------------------------------------------------- supervisors

  /** The supervisor board's floor: agents (state, call, missed rings today), queues (waiting, today's counts, service level), live calls. */
  floor(): FloorView {
    return floorView(this.s);
  }

  /**
   * A supervisor (the HTTP route checked the role) sets an agent's state, audited. Refusals are answers:
   * `not-found` (unknown or disabled agent), `disposition-required`.
   */
  superviseState(supervisorId: string, agentId: string, state: SelectableAgentState): CommandOutcome {
    return this.supervise('superviseState', () => superviseState(this.s, supervisorId, agentId, state));
  }

  /**
   * A supervisor offers a queued call to one agent now, audited. Refusals are answers: `not-found`,
   * `invalid-state` (not queued), `agent-unavailable` (not idle and connected).
   */
  routeQueuedCall(supervisorId: string, callId: string, agentId: string): CommandOutcome {
    return this.supervise('routeQueuedCall', () => routeQueuedCall(this.s, supervisorId, callId, agentId));
  }

  private supervise(name: string, body: () => void): CommandOutcome {
    try {
      this.s.run(body);
      return { ok: true, result: null };
    } catch (error) {
      if (error instanceof Rejection) return { ok: false, reason: error.reason, message: error.message };
      this.s.log(`supervisor command ${name} failed: ${errorSummary(error)}`);
      return { ok: false, reason: 'internal', message: 'internal error' };
    }
  }

  // ---------------------------------------------------------------- views

  /** What a (re)connecting session of this agent gets: its state and every call it has a part in. @throws Rejection `not-found`. */
  snapshotFor(agentId: string): { agent: AgentSelf; calls: CallView[] } {
    return queries.snapshotFor(this.s, agentId);
  }

  /** Every enabled agent, in roster order. */
  agentList(): AgentSummary[] {
    return queries.agentList(this.s);
  }

  /** Every group, in configuration order. */
  groupList(): GroupSummary[] {
    return queries.groupList(this.s);
  }

  /** Changes to the agent and group lists since the last call (the hub batches them to subscribers). */
  takeListChanges(): { agents: AgentSummary[]; groups: GroupSummary[] } {
    return queries.takeListChanges(this.s);
  }

  /** Caller-side status for the simulator and the ingress: phase and queue position; null for an unknown call. */
  callStatus(callId: string): queries.CallStatus | null {
    return queries.callStatus(this.s, callId);
  }

  /**
   * A group's queue in serving order: each caller's id, priority (1 = returning caller, 0 = new),
   * arrival order and `queuedAt` (engine clock, ms: when its wait in this group began). Empty for an
   * unknown group.
   */
  queueOf(groupName: string): Array<{ callId: string; priority: number; queueSeq: number; queuedAt: number }> {
    return queries.queueOf(this.s, groupName);
  }

  /** The groups' names and their longest wait under the current rules (`maxWaitMs`, null = forever), in configuration order. */
  groupLimits(): Array<{ name: string; maxWaitMs: number | null }> {
    return [...this.s.groups.values()].map((g) => {
      const rules = groupRules(this.s, g.config.name);
      return { name: g.config.name, maxWaitMs: rules.onMaxWait ? rules.maxWaitMs : null };
    });
  }

  /** Live calls, queued callers and connected agents. */
  stats(): { liveCalls: number; queued: number; connectedAgents: number } {
    return queries.stats(this.s);
  }

  /** A digest of the whole state, for tests that prove a bad input changed nothing. */
  digest(): string {
    return queries.digest(this.s);
  }
}
