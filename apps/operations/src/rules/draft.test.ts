import { changedRules, countOf, exitOfKind, fieldMatches, msOf, secondsOf } from './draft';

describe('rules editor drafts', () => {
  it('shows ms as seconds and reads seconds back as ms; empty is no limit, text not a number is NaN (refused by the server)', () => {
    expect(secondsOf(30_000)).toBe('30');
    expect(secondsOf(1_500)).toBe('1.5');
    expect(secondsOf(null)).toBe('');
    expect(msOf('30')).toBe(30_000);
    expect(msOf('0.5')).toBe(500);
    expect(msOf(' ')).toBeNull();
    expect(msOf('abc')).toBeNaN();
    expect(countOf('7')).toBe(7);
    expect(countOf('')).toBeNull();
    expect(countOf('x')).toBeNaN();
  });

  it('starts an overflow at the first other group and a closed exit with its message', () => {
    const text = { 'zh-CN': '已下班', 'en-US': 'Closed' };
    expect(exitOfKind('overflow', ['aftersale', 'finance'], text)).toEqual({ kind: 'overflow', group: 'aftersale' });
    expect(exitOfKind('closed', [], text)).toEqual({ kind: 'closed', message: text });
    expect(exitOfKind('callback', [], text)).toEqual({ kind: 'callback' });
    expect(exitOfKind('none', [], text)).toBeNull();
  });

  it("finds the field a server refusal names: the same path, or inside a list field's path", () => {
    expect(fieldMatches('maxWaitMs', 'maxWaitMs')).toBe(true);
    expect(fieldMatches('maxWaitMs', 'maxWait')).toBe(false);
    expect(fieldMatches('onMaxWait.group', 'onMaxWait')).toBe(false);
    expect(fieldMatches('businessHours.weekly.0.days.2', 'businessHours.weekly.0.days', true)).toBe(true);
    expect(fieldMatches('businessHours.weekly.0.daysX', 'businessHours.weekly.0.days', true)).toBe(false);
    expect(fieldMatches(undefined, 'maxWaitMs')).toBe(false);
  });

  it('lists the rules a draft changes', () => {
    const saved = { strategy: 'longest-idle', agentLevels: {}, priorityByLevel: {}, maxWaitMs: 120_000, onMaxWait: { kind: 'callback' }, capacity: null, onFull: null, ringTimeoutMs: 20_000, wrapUpMs: 10_000, businessHours: null, sticky: null } as const;
    expect(changedRules(saved, { ...saved })).toEqual([]);
    expect(changedRules(saved, { ...saved, strategy: 'round-robin', maxWaitMs: 30_000 })).toEqual(['strategy', 'maxWaitMs']);
  });
});
