import { useCallback } from 'react';
import { Button, Segmented, Space, Tag, Typography, useT } from '@octopus/ui';
import { inertText, type SelectableAgentState } from '@octopus/contracts';
import { useAgentState, useConnection, usePhoneActions, useSession, useTelephony } from '@octopus/telephony/react';
import { layoutMessages } from './layout-messages';
import { useActionRunner } from '../phone/useActionRunner';
import { formatDuration, useNow } from './useNow';
import { useCountdown } from './useCountdown';
import { useDispositionGate } from '../calls/useDisposition';
import { customerMessages } from '../customer/customer-messages';

/** "10s left" (beside the "After-call work" tag), counted from the server's deadline and never above the wrap-up's length. */
function WrapUpCountdown({ deadline, since, offset, callId }: { deadline: number; since: number; offset: number; callId: string | null }) {
  const t = useT(layoutMessages);
  const tc = useT(customerMessages);
  const seconds = useCountdown(deadline, offset, since) ?? 0;
  // Past its time, after-call work that the server holds for a required code says what it waits for.
  const { blocked } = useDispositionGate(callId);
  if (blocked && seconds <= 0) {
    return (
      <Typography.Text style={{ color: '#fde68a' }} data-testid="wrap-up-countdown" data-seconds={0} data-awaiting="disposition" title={tc('dispositionRequired')}>
        {tc('dispositionAwaited')}
      </Typography.Text>
    );
  }
  return (
    <Typography.Text style={{ color: '#e2e8f0', fontVariantNumeric: 'tabular-nums' }} data-testid="wrap-up-countdown" data-seconds={seconds}>
      {t('wrapUpLeft', { seconds })}
    </Typography.Text>
  );
}

/** Ends after-call work early; held back while the group requires a disposition and none is chosen. */
function EndWrapUpButton({ callId, disabled, onEnd }: { callId: string; disabled: boolean; onEnd: () => void }) {
  const t = useT(layoutMessages);
  const tc = useT(customerMessages);
  const { blocked } = useDispositionGate(callId);
  return (
    // Shown short ("End", beside the after-call work tag and countdown), named in full: the header stays one line at 1280 px.
    <Button size="small" disabled={disabled || blocked} aria-label={t('endWrapUp')} title={blocked ? tc('dispositionRequired') : t('endWrapUp')} onClick={onEnd}>
      {t('endWrapUpShort')}
    </Button>
  );
}

const CHOOSABLE: SelectableAgentState[] = ['idle', 'busy', 'break', 'meeting'];
const STATE_COLOURS: Record<string, string> = {
  idle: 'green',
  busy: 'orange',
  break: 'gold',
  meeting: 'purple',
  ringing: 'blue',
  talking: 'red',
  'wrap-up': 'cyan',
  offline: 'default',
};

/**
 * Idle / Busy / Break / Meeting. During a call the choice becomes the pending next state; during
 * after-call work a countdown shows and can be ended early.
 */
export function AgentStatus() {
  const t = useT(layoutMessages);
  const agent = useAgentState();
  const connection = useConnection();
  const session = useSession();
  const actions = usePhoneActions();
  const offset = useTelephony((state) => state.serverTimeOffset);
  const wrapUpCallId = useTelephony((state) => state.callIds.find((id) => state.calls.get(id)?.state === 'wrap-up') ?? null);
  const callWrapUpDeadline = useTelephony((state) => (wrapUpCallId ? (state.calls.get(wrapUpCallId)?.wrapUpDeadline ?? null) : null));
  const now = useNow() + offset;
  const describeFailure = useCallback((label: string, reason: string) => t('actionFailed', { action: label, reason: inertText(reason) }), [t]);
  const { pending, run } = useActionRunner(describeFailure);
  if (!agent) return null;
  const canChange = connection === 'connected' && (session?.phone ?? false);
  const selected = agent.nextState ?? agent.chosenState;

  return (
    <Space size="small" data-testid="agent-status">
      {/* Tabular figures: the ticking time keeps the tag's width (no shift in the header each second). */}
      <Tag color={STATE_COLOURS[agent.state]} data-agent-state={agent.state} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {/* After-call work shows its countdown beside the tag: the time in it would say the same twice. */}
        {agent.state === 'wrap-up' && (agent.wrapUpDeadline ?? callWrapUpDeadline)
          ? t('state.wrap-up')
          : t('stateFor', { state: t(`state.${agent.state}`), time: formatDuration(now - agent.stateSince) })}
      </Tag>
      <Segmented<SelectableAgentState>
        aria-label={t('agentStatus')}
        value={CHOOSABLE.includes(selected) ? selected : 'busy'}
        disabled={!canChange || pending.size > 0}
        options={CHOOSABLE.map((state) => ({ value: state, label: t(`state.${state}`) }))}
        onChange={(state) => void run('state', t(`state.${state}`), () => actions.setState(state))}
      />
      {agent.nextState ? <Tag color="processing">{t('nextState', { state: t(`state.${agent.nextState}`) })}</Tag> : null}
      {agent.state === 'wrap-up' && (agent.wrapUpDeadline ?? callWrapUpDeadline) ? (
        <Space>
          <WrapUpCountdown deadline={(agent.wrapUpDeadline ?? callWrapUpDeadline) as number} since={agent.stateSince} offset={offset} callId={wrapUpCallId} />
          {wrapUpCallId ? (
            <EndWrapUpButton callId={wrapUpCallId} disabled={!canChange} onEnd={() => void run('wrap', t('endWrapUp'), () => actions.hangup(wrapUpCallId))} />
          ) : null}
        </Space>
      ) : null}
    </Space>
  );
}
