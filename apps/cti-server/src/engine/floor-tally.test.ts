import { FloorTally } from './floor-tally';

describe('FloorTally (the supervisor board\'s counts of today)', () => {
  const noon = new Date(2026, 11, 2, 12, 0, 0).getTime();

  it('counts per group, judges the service level at 20 s, and per agent the missed rings', () => {
    const tally = new FloorTally();
    tally.offered('presale', noon);
    tally.offered('presale', noon);
    tally.answered('presale', 20_000, noon);
    tally.answered('presale', 20_001, noon);
    tally.abandoned('presale', noon);
    tally.overflowed('aftersale', noon);
    tally.missedRing('1001', noon);
    tally.missedRing('1001', noon);
    expect(tally.countsOf('presale', noon)).toEqual({ offered: 2, answered: 2, answeredInTime: 1, abandoned: 1, overflowed: 0 });
    expect(tally.countsOf('aftersale', noon)).toMatchObject({ overflowed: 1, offered: 0 });
    expect(tally.countsOf('finance', noon)).toEqual({ offered: 0, answered: 0, answeredInTime: 0, abandoned: 0, overflowed: 0 });
    expect(tally.missedOf('1001', noon)).toBe(2);
    expect(tally.missedOf('1002', noon)).toBe(0);
  });

  it('starts again at local midnight', () => {
    const tally = new FloorTally();
    tally.offered('presale', noon);
    tally.missedRing('1001', noon);
    const tomorrow = new Date(2026, 11, 3, 0, 0, 1).getTime();
    expect(tally.countsOf('presale', tomorrow).offered).toBe(0);
    expect(tally.missedOf('1001', tomorrow)).toBe(0);
  });
});

describe('FloorTally snapshots (the journal keeps today\'s counts across a restart)', () => {
  const noon = new Date(2026, 11, 2, 12, 0, 0).getTime();

  it('a snapshot taken back the same day gives the same counts; changes mark it dirty until taken', () => {
    const tally = new FloorTally();
    expect(tally.dirty).toBe(false);
    tally.offered('presale', noon);
    tally.answered('presale', 5_000, noon);
    tally.missedRing('1001', noon);
    expect(tally.dirty).toBe(true);
    const snapshot = JSON.parse(JSON.stringify(tally.takeSnapshot())) as unknown;
    expect(tally.dirty).toBe(false);
    const again = new FloorTally();
    expect(again.restore(snapshot, noon + 3_600_000)).toBe(true);
    expect(again.countsOf('presale', noon + 3_600_000)).toEqual({ offered: 1, answered: 1, answeredInTime: 1, abandoned: 0, overflowed: 0 });
    expect(again.missedOf('1001', noon + 3_600_000)).toBe(1);
  });

  it('drops a snapshot of another day, or one not of its shape', () => {
    const tally = new FloorTally();
    tally.offered('presale', noon);
    const snapshot = tally.takeSnapshot();
    const tomorrow = new Date(2026, 11, 3, 9, 0, 0).getTime();
    const later = new FloorTally();
    expect(later.restore(snapshot, tomorrow)).toBe(false);
    expect(later.countsOf('presale', tomorrow).offered).toBe(0);
    expect(new FloorTally().restore({ day: snapshot.day, groups: 'x', missed: {} }, noon)).toBe(false);
    const odd = new FloorTally();
    odd.restore({ day: snapshot.day, groups: { presale: { offered: -1 } }, missed: { '1001': 'two' } }, noon);
    expect(odd.countsOf('presale', noon).offered).toBe(0);
    expect(odd.missedOf('1001', noon)).toBe(0);
  });
});
