import type { TelephonyCall } from '@octopus/telephony';

export type PhoneAction =
  | 'answer'
  | 'reject'
  | 'hold'
  | 'resume'
  | 'transfer'
  | 'cancelTransfer'
  | 'consult'
  | 'consultTransfer'
  | 'consultConference'
  | 'consultReturn'
  | 'survey'
  | 'inviteRating'
  | 'hangUp'
  | 'mute'
  | 'unmute'
  | 'dtmf'
  | 'endWrapUp';

/**
 * Which phone actions make sense for a call in its current state, as this agent sees it. The server is
 * the judge (it rejects anything invalid); this only keeps impossible buttons disabled.
 */
export function availableActions(call: TelephonyCall | null, options: { hasPhone: boolean }): ReadonlySet<PhoneAction> {
  const actions = new Set<PhoneAction>();
  if (!call || !options.hasPhone) return actions;
  const owner = call.role === 'owner';
  switch (call.state) {
    case 'ringing':
      if (call.direction === 'outbound' && owner) actions.add('hangUp');
      else {
        actions.add('answer');
        actions.add('reject');
      }
      break;
    case 'talking':
      actions.add('hangUp');
      actions.add(call.muted ? 'unmute' : 'mute');
      actions.add('dtmf');
      if (owner) {
        actions.add('hold');
        actions.add('transfer');
        actions.add('consult');
        actions.add('survey');
        if (!call.ratingInvited) actions.add('inviteRating');
      }
      break;
    case 'held':
      actions.add('resume');
      actions.add('hangUp');
      if (owner) {
        actions.add('transfer');
        actions.add('consult');
        if (!call.ratingInvited) actions.add('inviteRating');
      }
      break;
    case 'transferring':
      actions.add('cancelTransfer');
      actions.add('hangUp');
      break;
    case 'consulting':
      actions.add('consultReturn');
      if (call.consult?.state === 'talking') {
        actions.add('consultTransfer');
        actions.add('consultConference');
      }
      break;
    case 'wrap-up':
      actions.add('endWrapUp');
      if (!call.ratingInvited) actions.add('inviteRating');
      break;
    case 'ended':
      break;
  }
  return actions;
}

/** Calls out when no call of ours is ringing or in conversation; a caller on hold may wait (a second call). */
export function canCallOut(calls: readonly TelephonyCall[], options: { hasPhone: boolean; connected: boolean }): boolean {
  if (!options.hasPhone || !options.connected) return false;
  return !calls.some((call) => call.state !== 'ended' && call.state !== 'wrap-up' && call.state !== 'held');
}
