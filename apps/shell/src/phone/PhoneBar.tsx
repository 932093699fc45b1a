import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { App, Button, Flex, Popover, Space, Tag, Typography, useT } from '@octopus/ui';
import { inertText, type TransferTarget } from '@octopus/contracts';
import { useActiveCall, useConnection, usePhoneActions, useSession, useTelephony, useTelephonyStoreApi } from '@octopus/telephony/react';
import { phoneMessages } from './phone-messages';
import { DialPad, KeyGrid } from './DialPad';
import { dialRequests } from './dial-requests';
import { availableActions, canCallOut, type PhoneAction } from './phone-rules';
import { TransferDialog } from './TransferDialog';
import { ariaShortcut, displayShortcut, matchPhoneShortcut, type ShortcutTarget } from './shortcuts';
import { useActionRunner } from './useActionRunner';
import { HoldTimer } from './HoldTimer';
import { useDispositionGate } from '../calls/useDisposition';
import { customerMessages } from '../customer/customer-messages';

/** The title (tooltip) text and aria-keyshortcuts of a button's shortcut, if it has one. */
function shortcutProps(target: ShortcutTarget, hint: (keys: string) => string): { title?: string; 'aria-keyshortcuts'?: string } {
  const aria = ariaShortcut(target);
  return aria ? { title: hint(displayShortcut(aria.slice('Alt+'.length))), 'aria-keyshortcuts': aria } : {};
}

interface PhoneButtonProps {
  action: PhoneAction;
  label: string;
  disabled: boolean;
  loading: boolean;
  primary: boolean;
  danger: boolean;
  title: string | undefined;
  shortcut: string | undefined;
  onTrigger: (action: PhoneAction) => void;
}

/**
 * One action button, memoised on what it shows: a call switch or a call event re-renders the bar,
 * and only the buttons whose state changed (antd's Button is several components each).
 */
const PhoneButton = memo(function PhoneButton({ action, label, disabled, loading, primary, danger, title, shortcut, onTrigger }: PhoneButtonProps) {
  // A native title and aria-keyshortcuts, not a tooltip component: the bar re-renders on every call event.
  return (
    <Button danger={danger} type={primary ? 'primary' : 'default'} disabled={disabled} loading={loading} onClick={() => onTrigger(action)} title={title} aria-keyshortcuts={shortcut}>
      {label}
    </Button>
  );
});

/** One click for every phone action on the active call; only what is valid now is enabled. */
export function PhoneBar() {
  const t = useT(phoneMessages);
  const call = useActiveCall();
  const session = useSession();
  const connection = useConnection();
  const actions = usePhoneActions();
  const store = useTelephonyStoreApi();
  // A boolean selector: the bar re-renders when it flips, not on every call event.
  const busyOnCall = useTelephony((state) => !canCallOut(state.callIds.map((id) => state.calls.get(id)!), { hasPhone: true, connected: true }));
  const hasPhone = session?.phone ?? false;
  const allowed = availableActions(call, { hasPhone: hasPhone && connection === 'connected' });
  // A group that requires a disposition keeps the agent in after-call work until one is chosen.
  const wrapUpBlocked = useDispositionGate(call?.state === 'wrap-up' ? call.id : null).blocked;
  const valid = useMemo(
    () => (wrapUpBlocked && allowed.has('endWrapUp') ? new Set([...allowed].filter((action) => action !== 'endWrapUp')) : allowed),
    [allowed, wrapUpBlocked],
  );
  const describeFailure = useCallback((label: string, reason: string) => t('actionFailed', { action: label, reason: inertText(reason) }), [t]);
  const { pending, run } = useActionRunner(describeFailure);
  const [dialog, setDialog] = useState<'transfer' | 'consult' | null>(null);
  const [dialOpen, setDialOpen] = useState(false);
  const [dialNumber, setDialNumber] = useState('');
  const dialRequest = useStore(dialRequests);
  const callOutAllowed = hasPhone && connection === 'connected' && !busyOnCall;

  const { message } = App.useApp();
  const tc = useT(customerMessages);
  // A number clicked in a remote or a record opens the dial pad only where calling out is allowed.
  const handledDial = useRef(dialRequest.seq);
  useEffect(() => {
    if (!dialRequest.number || dialRequest.seq === handledDial.current) return;
    handledDial.current = dialRequest.seq;
    if (!callOutAllowed) {
      void message.warning(tc('callOutNotAllowed', { number: dialRequest.number }));
      return;
    }
    setDialNumber(dialRequest.number);
    setDialOpen(true);
  }, [dialRequest, callOutAllowed, message, tc]);

  const callId = call?.id ?? '';
  const commands: Record<PhoneAction, { label: string; run: () => Promise<unknown> }> = {
    answer: { label: t('answer'), run: () => actions.answer(callId) },
    reject: { label: t('reject'), run: () => actions.reject(callId) },
    hold: { label: t('hold'), run: () => actions.hold(callId) },
    resume: { label: t('resume'), run: () => actions.resume(callId) },
    transfer: { label: t('transfer'), run: async () => setDialog('transfer') },
    cancelTransfer: { label: t('cancelTransfer'), run: () => actions.cancelTransfer(callId) },
    consult: { label: t('consult'), run: async () => setDialog('consult') },
    consultTransfer: { label: t('consultTransfer'), run: () => actions.consultTransfer(callId) },
    consultConference: { label: t('consultConference'), run: () => actions.consultConference(callId) },
    consultReturn: { label: t('consultReturn'), run: () => actions.consultReturn(callId) },
    survey: { label: t('survey'), run: () => actions.transferToSurvey(callId) },
    inviteRating: { label: t('inviteRating'), run: () => actions.inviteRating(callId) },
    hangUp: { label: t('hangUp'), run: () => actions.hangup(callId) },
    mute: { label: t('mute'), run: () => actions.mute(callId) },
    unmute: { label: t('unmute'), run: () => actions.unmute(callId) },
    dtmf: { label: t('keypad'), run: async () => undefined },
    endWrapUp: { label: t('endWrapUp'), run: () => actions.hangup(callId) },
  };

  const trigger = useCallback(
    (action: PhoneAction) => {
      if (!valid.has(action) || pending.has(action)) return;
      void run(action, commands[action].label, commands[action].run);
    },
    // commands is rebuilt each render from the same inputs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [valid, pending, run, callId],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // By physical key (event.code): Option+letter on macOS types a special character.
      const shortcut = matchPhoneShortcut(event);
      if (!shortcut) return;
      if (shortcut.actions.includes('callOut')) {
        if (!callOutAllowed) return;
        event.preventDefault();
        setDialNumber('');
        setDialOpen(true);
        return;
      }
      const match = shortcut.actions.find((action): action is PhoneAction => action !== 'callOut' && valid.has(action));
      if (match) {
        event.preventDefault();
        trigger(match);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [trigger, valid, callOutAllowed]);

  // Stable for the memoised buttons; it always runs the latest `trigger`.
  const triggerRef = useRef(trigger);
  useLayoutEffect(() => {
    triggerRef.current = trigger;
  }, [trigger]);
  const onTrigger = useCallback((action: PhoneAction) => triggerRef.current(action), []);

  const button = (action: PhoneAction, options: { danger?: boolean; primary?: boolean } = {}) => {
    const shortcut = shortcutProps(action, (keys) => t('shortcutHint', { keys }));
    return (
      <PhoneButton
        key={action}
        action={action}
        label={commands[action].label}
        disabled={!valid.has(action)}
        loading={pending.has(action)}
        primary={options.primary ?? false}
        danger={options.danger ?? false}
        title={shortcut.title}
        shortcut={shortcut['aria-keyshortcuts']}
        onTrigger={onTrigger}
      />
    );
  };

  const confirmTarget = async (target: TransferTarget) => {
    const mode = dialog;
    if (!mode) return;
    const ok = await run(mode, commands[mode].label, () => (mode === 'transfer' ? actions.transfer(callId, target) : actions.consult(callId, target)));
    if (ok) setDialog(null);
  };
  const dial = (number: string, group: string | undefined) =>
    void run('callOut', t('callOut'), async () => {
      const callId = await actions.callOut(number, group);
      // The agent dialled it: show it, even while another caller waits on hold.
      store.setActiveCall(callId);
    }).then((ok) => ok && setDialOpen(false));
  // Stable callbacks for the memoised dialogs (a call event re-renders the bar, not a closed dialog);
  // they always run the latest closures.
  const latest = useRef({ confirmTarget, dial });
  useLayoutEffect(() => {
    latest.current = { confirmTarget, dial };
  });
  const closeDialog = useCallback(() => setDialog(null), []);
  const onConfirmTarget = useCallback((target: TransferTarget) => void latest.current.confirmTarget(target), []);
  const closeDialPad = useCallback(() => setDialOpen(false), []);
  const onDial = useCallback((number: string, group: string | undefined) => latest.current.dial(number, group), []);

  return (
    <div data-testid="phone-bar" style={{ minHeight: 88 }}>
      <Flex wrap gap={8} align="center">
        {button('answer', { primary: true })}
        {button('reject')}
        {call?.state === 'held' ? button('resume') : button('hold')}
        {call?.state === 'transferring' ? button('cancelTransfer') : button('transfer')}
        {button('consult')}
        {button('survey')}
        {button('inviteRating')}
        {call?.muted ? button('unmute') : button('mute')}
        <Popover
          trigger="click"
          title={t('dtmfTitle')}
          content={
            <Space direction="vertical">
              <KeyGrid onKey={(key) => void run('dtmf', t('keypad'), () => actions.dtmf(callId, key))} disabled={!valid.has('dtmf')} />
              {call?.dtmfSent ? <Typography.Text type="secondary">{t('dtmfSent', { digits: call.dtmfSent })}</Typography.Text> : null}
            </Space>
          }
        >
          <Button disabled={!valid.has('dtmf')}>{t('keypad')}</Button>
        </Popover>
        {call?.state === 'wrap-up' ? button('endWrapUp') : button('hangUp', { danger: true })}
      </Flex>
      <Flex gap={8} align="center" style={{ minHeight: 32, marginTop: 8 }}>
        {call?.state === 'consulting' ? (
          <>
            {button('consultTransfer', { primary: true })}
            {button('consultConference')}
            {button('consultReturn')}
          </>
        ) : null}
        {call?.held ? call.heldSince !== null ? <HoldTimer heldSince={call.heldSince} /> : <Tag color="orange">{t('held')}</Tag> : null}
        {call?.muted ? <Tag color="red">{t('muted')}</Tag> : null}
        {call?.ratingInvited && call.rating === null ? <Tag>{t('ratingInvited')}</Tag> : null}
        {call?.rating ? <Tag color="gold">{t('ratingResult', { rating: call.rating })}</Tag> : null}
        <span style={{ flex: 1 }} />
        {/* On the second row: the first one is full in English during after-call work ("End after-call work"),
            and with a wider font (macOS, the e2e's Noto Sans) "Call out" wrapped there at 1280 px. */}
        <Button
          disabled={!callOutAllowed}
          loading={pending.has('callOut')}
          {...shortcutProps('callOut', (keys) => t('shortcutHint', { keys }))}
          onClick={() => {
            setDialNumber('');
            setDialOpen(true);
          }}
        >
          {t('callOut')}
        </Button>
      </Flex>
      <TransferDialog
        open={dialog !== null}
        mode={dialog ?? 'transfer'}
        confirming={pending.has('transfer') || pending.has('consult')}
        onCancel={closeDialog}
        onConfirm={onConfirmTarget}
      />
      <DialPad
        key={`${dialOpen}-${dialNumber}`}
        open={dialOpen}
        initialNumber={dialNumber}
        dialling={pending.has('callOut')}
        onCancel={closeDialPad}
        onDial={onDial}
      />
    </div>
  );
}
