import { callRecordDtoSchema } from '../api/call-records';
import { END_REASONS, endReasonSchema, REJECT_REASONS, rejectReasonSchema, type EndReason } from './common';
import { rejectFrameSchema } from './frames';
import { simCallStatusSchema } from './http';
import { callRecordUpsertSchema } from './record';
import { callViewSchema } from './views';

// Every shape that carries an end reason, and the schema of its field.
const endReasonFields = {
  callRecordUpsert: callRecordUpsertSchema.shape.endReason,
  callRecordDto: callRecordDtoSchema.shape.endReason,
  simCallStatus: simCallStatusSchema.shape.endReason,
};

describe('end reasons', () => {
  it('are a list without duplicates', () => {
    expect(new Set(END_REASONS).size).toBe(END_REASONS.length);
  });

  it.each(Object.entries(endReasonFields))('%s accepts every listed reason and null, and nothing else', (_name, field) => {
    for (const reason of END_REASONS) expect(field.safeParse(reason).success).toBe(true);
    expect(field.safeParse(null).success).toBe(true);
    expect(field.safeParse('hung-up-somehow').success).toBe(false);
    expect(field.safeParse('').success).toBe(false);
  });

  it('a call view reads every listed reason, and one a newer server added as null (the view still applies)', () => {
    const field = callViewSchema.shape.endReason;
    for (const reason of END_REASONS) expect(field.parse(reason)).toBe(reason);
    expect(field.parse(null)).toBeNull();
    expect(field.parse('hung-up-somehow')).toBeNull();
  });

  it('endReasonSchema takes exactly END_REASONS', () => {
    for (const reason of END_REASONS) expect(endReasonSchema.parse(reason)).toBe(reason);
    for (const reason of ['CALLER-HANGUP', 'unknown', ' agent-hangup', '']) expect(endReasonSchema.safeParse(reason).success).toBe(false);
  });

  it('include every reason the cti-server engine ends a call or a leg with, and the ones stored before', () => {
    // The engine's reasons as of issue 10 (apps/cti-server/src/engine: endCall, endLeg, legNotAnswered,
    // leaveConference, endConsult, callerHangup), the phone client's `gone`, and the seed's `customer-hangup`.
    // A type-level check: a name missing from END_REASONS does not compile.
    const emitted = [
      'caller-hangup', 'abandoned', 'abandoned-ivr', 'callee-rejected', 'callee-hangup', 'agent-hangup', 'agent-cancelled',
      'agent-lost', 'no-answer', 'no-group', 'voicemail', 'callback-requested', 'closed', 'survey-complete', 'missed', 'rejected',
      'transferred', 'transfer-cancelled', 'consult-ended', 'survey', 'wrap-up-done', 'gone', 'customer-hangup',
    ] as const satisfies readonly EndReason[];
    expect([...emitted].sort()).toEqual([...END_REASONS].sort());
  });
});

describe('reject reasons', () => {
  it('a reject frame carries one of REJECT_REASONS', () => {
    for (const reason of REJECT_REASONS) {
      expect(rejectFrameSchema.safeParse({ type: 'reject', id: 'c1', reason, message: 'm' }).success).toBe(true);
    }
    // A reason a newer server added reads as `internal` (the command still fails at once), its message kept.
    expect(rejectFrameSchema.parse({ type: 'reject', id: 'c1', reason: 'nope', message: 'm' })).toMatchObject({ reason: 'internal', message: 'm' });
    expect(rejectReasonSchema.safeParse('nope').success).toBe(false);
    expect(rejectReasonSchema.options).toEqual([...REJECT_REASONS]);
  });
});
