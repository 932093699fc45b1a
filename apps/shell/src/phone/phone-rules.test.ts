import type { TelephonyCall } from '@octopus/telephony';
import { availableActions, canCallOut } from './phone-rules';

function call(overrides: Partial<TelephonyCall>): TelephonyCall {
  return {
    id: 'c1',
    rev: 1,
    direction: 'inbound',
    number: '13800138000',
    from: '13800138000',
    callerId: null,
    province: '北京',
    city: '北京',
    skillGroup: 'aftersale',
    state: 'talking',
    role: 'owner',
    customer: { userId: null, name: null, phone: '13800138000', verification: { status: 'unverified', method: null }, numberMatchesAccount: false },
    keyTrack: '1',
    muted: false,
    held: false,
    heldSince: null,
    dispositionRequired: false,
    disposition: null,
    ringingSince: null,
    ringDeadline: null,
    connectedAt: 1,
    endedAt: null,
    endReason: null,
    wrapUpDeadline: null,
    fromAgentId: null,
    transfer: null,
    consult: null,
    participants: ['1001'],
    transfers: [],
    ratingInvited: false,
    rating: null,
    dtmfSent: '',
    grant: null,
    ...overrides,
  };
}

const sorted = (set: ReadonlySet<string>) => [...set].sort();

describe('availableActions', () => {
  it('offers answer and reject on an inbound ring', () => {
    expect(sorted(availableActions(call({ state: 'ringing' }), { hasPhone: true }))).toEqual(['answer', 'reject']);
  });
  it('lets the agent cancel their own outbound dial', () => {
    expect(sorted(availableActions(call({ state: 'ringing', direction: 'outbound' }), { hasPhone: true }))).toEqual(['hangUp']);
  });
  it('offers the full phone bar while talking as owner', () => {
    expect(sorted(availableActions(call({}), { hasPhone: true }))).toEqual(
      ['consult', 'dtmf', 'hangUp', 'hold', 'inviteRating', 'mute', 'survey', 'transfer'].sort(),
    );
  });
  it('swaps mute for unmute and drops invite once invited', () => {
    const actions = availableActions(call({ muted: true, ratingInvited: true }), { hasPhone: true });
    expect(actions.has('unmute')).toBe(true);
    expect(actions.has('mute')).toBe(false);
    expect(actions.has('inviteRating')).toBe(false);
  });
  it('on hold: resume, not hold', () => {
    const actions = availableActions(call({ state: 'held', held: true }), { hasPhone: true });
    expect(actions.has('resume')).toBe(true);
    expect(actions.has('hold')).toBe(false);
  });
  it('while transferring only cancel (or hang up)', () => {
    expect(sorted(availableActions(call({ state: 'transferring' }), { hasPhone: true }))).toEqual(['cancelTransfer', 'hangUp']);
  });
  it('consult: complete or conference only once the consulted agent talks', () => {
    const ringing = availableActions(
      call({ state: 'consulting', consult: { target: { kind: 'agent', agentId: '1002' }, agentId: '1002', state: 'ringing', since: 1 } }),
      { hasPhone: true },
    );
    expect(sorted(ringing)).toEqual(['consultReturn']);
    const talking = availableActions(
      call({ state: 'consulting', consult: { target: { kind: 'agent', agentId: '1002' }, agentId: '1002', state: 'talking', since: 1 } }),
      { hasPhone: true },
    );
    expect(sorted(talking)).toEqual(['consultConference', 'consultReturn', 'consultTransfer']);
  });
  it('a conference participant or consulted agent cannot transfer the caller', () => {
    const actions = availableActions(call({ role: 'conference' }), { hasPhone: true });
    expect(actions.has('transfer')).toBe(false);
    expect(actions.has('hangUp')).toBe(true);
  });
  it('wrap-up: end it early, or still invite a rating', () => {
    expect(sorted(availableActions(call({ state: 'wrap-up' }), { hasPhone: true }))).toEqual(['endWrapUp', 'inviteRating']);
  });
  it('nothing without the phone (another tab holds it)', () => {
    expect(availableActions(call({}), { hasPhone: false }).size).toBe(0);
  });
});

describe('canCallOut', () => {
  it('while the only other call is on hold (a second call)', () => {
    expect(canCallOut([call({ state: 'held', held: true })], { hasPhone: true, connected: true })).toBe(true);
    expect(canCallOut([call({ state: 'held', held: true }), call({ id: 'c2', state: 'talking' })], { hasPhone: true, connected: true })).toBe(false);
  });
  it('only with no connected or ringing call', () => {
    expect(canCallOut([], { hasPhone: true, connected: true })).toBe(true);
    expect(canCallOut([call({ state: 'wrap-up' })], { hasPhone: true, connected: true })).toBe(true);
    expect(canCallOut([call({})], { hasPhone: true, connected: true })).toBe(false);
    expect(canCallOut([], { hasPhone: true, connected: false })).toBe(false);
  });
});
