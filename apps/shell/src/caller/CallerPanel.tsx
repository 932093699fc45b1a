import { lazy, memo, Suspense, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Card, Descriptions, Empty, Flex, Tag, Typography, useT } from '@octopus/ui';
import { inertText } from '@octopus/contracts';
import { useAgentId, useCall } from '@octopus/telephony/react';
import { NoteEditor } from '../calls/NoteEditor';
import { useCallRecords } from '../calls/useCallRecords';
import { callerMessages } from './caller-messages';
import { useGroupLabel } from '../i18n/group-label';
import { useCallWorkspace } from '../workspace/useCallWorkspace';
import { VerifyCaller } from './VerifyCaller';
import { customerMessages } from '../customer/customer-messages';
import { useCustomerSummary } from '../customer/useCustomerSummary';

// The verification steps exist only after the agent checks the caller, folded under <details>: antd's
// Timeline (with Steps, ~10 KB gzip) loads then, not at login (issue [2/7] point 8; ADR 0003).
const Timeline = lazy(() => import('@octopus/ui/timeline').then((module) => ({ default: module.Timeline })));
import { DispositionSelect } from '../calls/DispositionSelect';
import { runNow, useAfterPaint } from '../paint/after-paint';

/**
 * A User Timing mark when a call's panel is committed (DevTools reads it), cleared when the panel moves
 * on: the performance timeline keeps every mark until cleared, one per call over a whole shift.
 */
function useCommitMark(callId: string | null) {
  useLayoutEffect(() => {
    if (!callId || typeof performance === 'undefined' || !performance.mark) return;
    const name = `octopus:caller-panel:${callId}`;
    performance.mark(name);
    return () => performance.clearMarks?.(name);
  }, [callId]);
}

interface CallerNameProps {
  callId: string;
  ended: boolean;
  grant: string | null;
  userId: string;
  /** The cti-server's name (masked unless verified), shown until the api answers. */
  telephonyName: string | null;
}

/**
 * The caller's name as the api masks it for this grant (the same query as the customer panel), once it
 * answered; until then the cti-server's. Its own component: the api's answer, which lands a few frames
 * into a ring, re-renders this name, not the whole caller panel.
 */
const CallerName = memo(function CallerName({ callId, ended, grant, userId, telephonyName }: CallerNameProps) {
  const call = useMemo(() => ({ id: callId, state: ended ? 'ended' : 'live', grant, customer: { userId } }), [callId, ended, grant, userId]);
  const summary = useCustomerSummary(call);
  const apiName = summary.data && summary.data.userId === userId ? summary.data.name : null;
  const name = apiName ?? telephonyName;
  return <>{name !== null ? inertText(name) : userId}</>;
});

/**
 * Whether the panel may show a call's forms (note box, verification): at once for a call it has shown
 * before (a call switch restores the whole view in its first frame) and for any call past ringing; for a
 * call that just started ringing, right after the frame that first shows who is calling — the forms
 * (about a third of the panel's components, and antd's select and text area measuring themselves) are
 * no part of that frame (issue [2/7] point 8: ring → caller panel painted).
 */
function useFormsShown(callId: string | null, ringing: boolean): boolean {
  const afterPaint = useAfterPaint();
  const shown = useRef(new Set<string>());
  const [, setShownFor] = useState<string | null>(null);
  const ready = !callId || !ringing || afterPaint === runNow || shown.current.has(callId);
  useEffect(() => {
    if (!callId || ready) return;
    let cancelled = false;
    afterPaint(() => {
      if (cancelled) return;
      remember(shown.current, callId);
      setShownFor(callId);
    });
    return () => {
      cancelled = true;
    };
  }, [callId, ready, afterPaint]);
  // Forms once shown stay shown for that call.
  if (callId && ready) remember(shown.current, callId);
  return ready;
}

/** Calls whose forms the panel remembers having shown: the latest ones (a shift's heap stays flat). */
const FORMS_REMEMBERED = 64;

function remember(ids: Set<string>, id: string): void {
  if (ids.has(id)) return;
  ids.add(id);
  if (ids.size > FORMS_REMEMBERED) ids.delete(ids.values().next().value!);
}

/**
 * Who is calling and whether we know it is them — filled before the agent answers. Memoised: it
 * re-renders for its own call's changes, not when its parent does (the remote tabs following a switch).
 */
export const CallerPanel = memo(function CallerPanel({ callId }: { callId: string | null }) {
  const t = useT(callerMessages);
  const tc = useT(customerMessages);
  const call = useCall(callId);
  useCommitMark(call ? callId : null);
  const formsShown = useFormsShown(call ? call.id : null, call?.state === 'ringing');
  const steps = useCallWorkspace(callId, (ws) => ws.verificationSteps);
  const agentId = useAgentId();
  const records = useCallRecords(agentId);
  const groupName = useGroupLabel(call?.skillGroup);
  const serverNote = records.data?.find((record) => record.callId === callId)?.note;
  if (!call) {
    return (
      <Card size="small" title={t('callerPanel')} data-testid="caller-panel">
        <Empty description={t('noActiveCallHint')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      </Card>
    );
  }
  const { customer } = call;
  const verified = customer.verification.status === 'verified';
  // We know the account (its number called, or the agent bound it) but no check passed: masked data.
  const identified = !verified && customer.userId !== null && customer.verification.status !== 'failed';
  // A server fact (the number identified this very account at the IVR), never the shell's own bind steps.
  const ownNumber = customer.numberMatchesAccount;
  const outbound = call.direction === 'outbound';
  const offer =
    call.role === 'transfer-target' ? t('transferOffered', { agent: call.fromAgentId ?? '' }) : call.role === 'consult-target' ? t('consultOffered', { agent: call.fromAgentId ?? '' }) : null;
  return (
    <Card
      size="small"
      data-testid="caller-panel"
      data-caller-call-id={call.id}
      title={
        <Flex gap={8} align="center" wrap>
          <span>{t('callerPanel')}</span>
          {call.state === 'ringing' ? (
            <Tag color="blue" data-testid="caller-ringing" data-direction={call.direction}>
              {outbound ? tc('ringingOutbound') : t('ringingIncoming')}
            </Tag>
          ) : outbound ? (
            <Tag data-testid="caller-direction" data-direction="outbound">
              {tc('outboundCallTag')}
            </Tag>
          ) : null}
          {offer ? <Tag color="purple">{offer}</Tag> : null}
          {call.role === 'conference' ? <Tag color="purple">{t('inConference')}</Tag> : null}
          {call.transfer ? <Tag color="processing">{t('transferringTo', { target: call.transfer.agentId })}</Tag> : null}
          {call.consult ? (
            <Tag color="processing">
              {t('consultingWith', { target: call.consult.agentId, state: call.consult.state === 'talking' ? t('consultTalking') : t('consultRinging') })}
            </Tag>
          ) : null}
        </Flex>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label={t('number')}>
          <Typography.Text strong data-testid="caller-number">
            {call.number}
          </Typography.Text>
          {call.callerId ? <Typography.Text type="secondary"> · {t('callerIdShown', { callerId: call.callerId })}</Typography.Text> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('location')}>
          <span data-testid="caller-location">{[call.province, call.city].filter(Boolean).join(' ') || t('unknownLocation')}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('skillGroup')}>
          <span data-testid="caller-skill-group">{groupName ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('keyTrack')}>
          <Typography.Text code data-testid="caller-key-track">
            {call.keyTrack || '—'}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('customer')}>
          {customer.userId ? (
            <span data-testid="caller-customer">
              <CallerName callId={call.id} ended={call.state === 'ended'} grant={call.grant ?? null} userId={customer.userId} telephonyName={customer.name} /> <Tag>{customer.userId}</Tag>
            </span>
          ) : (
            <Typography.Text type="secondary">{t('unknownCustomer')}</Typography.Text>
          )}
          {customer.userId && call.direction === 'inbound' ? (
            <Tag color={ownNumber ? 'green' : 'orange'} data-testid="caller-number-match" data-matches={ownNumber}>
              {ownNumber ? t('ownNumber') : t('otherNumber')}
            </Tag>
          ) : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('verification')}>
          <Tag
            color={verified ? 'green' : customer.verification.status === 'failed' ? 'red' : identified ? 'gold' : 'default'}
            data-testid="caller-verification"
            data-level={verified ? 'verified' : identified ? 'identified' : 'none'}
          >
            {identified ? t('verification.identified') : t(`verification.${customer.verification.status}`)}
          </Tag>
          {customer.verification.method ? <Typography.Text type="secondary">{t(`method.${customer.verification.method}`)}</Typography.Text> : null}
        </Descriptions.Item>
      </Descriptions>
      {call.state !== 'ended' && formsShown ? (
        // Ended calls are annotated in the call list; one editor per note at a time.
        <div style={{ marginBottom: 8 }}>
          <Typography.Text strong>{t('notes')}</Typography.Text>
          <NoteEditor agentId={agentId} callId={call.id} serverNote={serverNote} />
        </div>
      ) : null}
      {call.state === 'wrap-up' ? (
        <div style={{ marginBottom: 8 }}>
          <DispositionSelect callId={call.id} />
        </div>
      ) : null}
      {!verified && call.state !== 'ended' && call.role === 'owner' && formsShown ? (
        <VerifyCaller callId={call.id} number={call.number} customerUserId={customer.userId} grant={call.grant ?? null} />
      ) : null}
      {!verified ? <Typography.Text type="warning">{t('maskedHint')}</Typography.Text> : null}
      {steps.length ? (
        <details style={{ marginTop: 8 }}>
          <summary>{t('verificationSteps')}</summary>
          <Suspense fallback={null}>
          <Timeline
            style={{ marginTop: 8 }}
            items={steps.map((step) => ({
              color: step.ok ? 'green' : 'red',
              children: `${new Date(step.at).toLocaleTimeString()} · ${step.kind} · ${step.detail}`,
            }))}
          />
          </Suspense>
        </details>
      ) : null}
    </Card>
  );
});
