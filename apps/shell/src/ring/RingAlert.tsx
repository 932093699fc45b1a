import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { Button, Progress, Typography, useT } from '@octopus/ui';
import { inertText } from '@octopus/contracts';
import { usePhoneActions, useSession, useTelephony, useTelephonyStoreApi } from '@octopus/telephony/react';
import type { TelephonyCall, TelephonyState } from '@octopus/telephony';
import { ringMessages } from './ring-messages';
import { useAfterPaint } from '../paint/after-paint';
import { browserAudio, createRingtone, type Ringtone, type RingtoneAudio } from './ringtone';

/** Where the agent's ringtone choice is kept (localStorage, per browser): `'1'` muted. */
export const RINGTONE_MUTED_KEY = 'octopus.ringtone-muted';

const VISUALLY_HIDDEN: CSSProperties = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', margin: -1, padding: 0, border: 0 };

/** A call ringing for this agent (not an outbound call it is dialling): the active one first. */
export function ringingCallOf(state: TelephonyState): TelephonyCall | null {
  const rings = (call: TelephonyCall | undefined) => !!call && call.state === 'ringing' && !(call.direction === 'outbound' && call.role === 'owner');
  const active = state.activeCallId ? state.calls.get(state.activeCallId) : undefined;
  if (rings(active)) return active!;
  for (const id of state.callIds) {
    const call = state.calls.get(id);
    if (rings(call)) return call!;
  }
  return null;
}

/** True when the agent is typing somewhere: focus is never taken from a field. */
export function isTypingTarget(element: Element | null): boolean {
  if (!element || element === document.body) return false;
  const tag = element.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (element as HTMLElement).isContentEditable;
}

function readMuted(storage: Storage | null): boolean {
  try {
    return storage?.getItem(RINGTONE_MUTED_KEY) === '1';
  } catch {
    return false;
  }
}

function localStore(): Storage | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null;
  }
}

/** The whole seconds left until `deadline` (server clock; `offset` = server − local, ms). */
function secondsUntil(deadline: number, offset: number): number {
  return Math.max(0, Math.ceil((deadline - (Date.now() + offset)) / 1000));
}

/**
 * The countdown to the ring timeout. Its own component with its own clock, woken when the whole second
 * it shows changes: once a second, and only these few components (not the banner four times a second).
 */
function RingCountdown({ deadline, offset, totalSeconds }: { deadline: number; offset: number; totalSeconds: number | null }) {
  const t = useT(ringMessages);
  const [secondsLeft, setSecondsLeft] = useState(() => secondsUntil(deadline, offset));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const wake = () => {
      const left = secondsUntil(deadline, offset);
      setSecondsLeft(left);
      if (left === 0) return;
      // Until the shown second changes (ms left past the last whole second), and a little after.
      const msLeft = deadline - (Date.now() + offset);
      timer = setTimeout(wake, (msLeft % 1000 || 1000) + 5);
    };
    wake();
    return () => clearTimeout(timer);
  }, [deadline, offset]);
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8, minWidth: 160 }} data-testid="ring-countdown" data-seconds-left={secondsLeft}>
      <Progress percent={totalSeconds ? Math.round((secondsLeft / totalSeconds) * 100) : 0} showInfo={false} size="small" status="active" style={{ width: 80, margin: 0 }} aria-hidden />
      <Typography.Text>{t('secondsLeft', { seconds: String(secondsLeft) })}</Typography.Text>
    </span>
  );
}

export interface RingAlertProps {
  /** The audio the ringtone plays through; default the browser's AudioContext (tests pass a fake). */
  createAudio?: () => RingtoneAudio | null;
}

/**
 * Makes a ring impossible to miss. While a call rings for this agent: a banner FIRST in the page's tab order
 * (one Tab reaches its Answer button) with a countdown to the ring timeout (`ringDeadline`, server clock); a
 * Web Audio ringtone the agent can mute (kept in localStorage); the tab title names the call (restored
 * after); a browser notification when the page is hidden (permission asked at the agent's first action
 * after login, never at page load); an assertive live-region announcement. Focus goes to Answer on ring,
 * and to the note box after Answer, only when the agent is not typing in a field.
 */
export function RingAlert({ createAudio = browserAudio }: RingAlertProps) {
  const t = useT(ringMessages);
  const store = useTelephonyStoreApi();
  const afterPaint = useAfterPaint();
  const actions = usePhoneActions();
  const hasPhone = useSession()?.phone ?? false;
  const call = useTelephony(ringingCallOf);
  const offset = useTelephony((state) => state.serverTimeOffset);
  const [muted, setMuted] = useState(() => readMuted(localStore()));
  const [answering, setAnswering] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const answerButton = useRef<HTMLButtonElement | null>(null);
  const ringtone = useRef<Ringtone | null>(null);
  ringtone.current ??= createRingtone(createAudio);
  const callId = call?.id ?? null;
  const number = call ? inertText(call.number) : '';
  const deadline = call?.ringDeadline ?? null;
  const totalSeconds = call && deadline !== null && call.ringingSince !== null ? Math.max(1, Math.round((deadline - call.ringingSince) / 1000)) : null;

  // Ringtone: only the tab holding the phone rings (another tab of the agent would ring twice). Started
  // after the ring's first frame is painted: setting up Web Audio is no part of showing the caller.
  useEffect(() => {
    const tone = ringtone.current!;
    if (!(callId && hasPhone && !muted)) {
      tone.stop();
      return;
    }
    let cancelled = false;
    afterPaint(() => {
      if (!cancelled) tone.start();
    });
    return () => {
      cancelled = true;
    };
  }, [callId, hasPhone, muted, afterPaint]);
  useEffect(() => () => ringtone.current?.stop(), []);

  // Title, notification, announcement, focus: once per ringing call, right after the frame that shows it
  // (each of them re-renders, lays out or calls the browser: none is part of that frame).
  useEffect(() => {
    if (!callId) return;
    let cancelled = false;
    let title: string | null = null;
    let notification: Notification | null = null;
    afterPaint(() => {
      if (cancelled) return;
      title = document.title;
      document.title = `${t('titleRinging', { number })} · ${title}`;
      const seconds = store.getState().calls.get(callId)?.ringDeadline;
      const left = seconds ? Math.max(0, Math.ceil((seconds - (Date.now() + store.getState().serverTimeOffset)) / 1000)) : 0;
      setAnnouncement(t('announce', { number, seconds: String(left) }));
      const N = (globalThis as { Notification?: typeof Notification }).Notification;
      if (document.hidden && N && N.permission === 'granted') {
        try {
          const shown = new N(t('notificationTitle'), { body: t('notificationBody', { number }), tag: `octopus-ring-${callId}`, requireInteraction: true });
          shown.onclick = () => {
            window.focus();
            shown.close();
          };
          notification = shown;
        } catch {
          notification = null;
        }
      }
      // Focus Answer unless the agent is typing (a note for the previous call, a search…).
      if (!isTypingTarget(document.activeElement)) answerButton.current?.focus();
    });
    return () => {
      cancelled = true;
      if (title !== null) document.title = title;
      notification?.close();
      setAnnouncement('');
    };
  }, [callId, number, store, t, afterPaint]);

  // After Answer (here, by Alt+A or in the phone bar): the note box, unless the agent is already typing somewhere.
  const answered = useRef<string | null>(null);
  useEffect(() => {
    if (callId && hasPhone) answered.current = callId;
  }, [callId, hasPhone]);
  useEffect(
    () =>
      store.subscribe((state) => {
        const id = answered.current;
        if (!id) return;
        const current = state.calls.get(id);
        if (!current || current.state === 'ringing') return;
        answered.current = null;
        if (current.state !== 'talking') return;
        requestAnimationFrame(() => {
          if (isTypingTarget(document.activeElement)) return;
          document.querySelector<HTMLTextAreaElement>('[data-testid="caller-panel"] textarea')?.focus();
        });
      }),
    [store],
  );

  // Browser notifications: asked at the agent's first action after login (a user gesture), not at page load.
  useEffect(() => {
    const N = (globalThis as { Notification?: typeof Notification }).Notification;
    if (!N || N.permission !== 'default') return;
    const ask = () => {
      window.removeEventListener('pointerdown', ask, true);
      window.removeEventListener('keydown', ask, true);
      void Promise.resolve(N.requestPermission()).catch(() => undefined);
    };
    window.addEventListener('pointerdown', ask, true);
    window.addEventListener('keydown', ask, true);
    return () => {
      window.removeEventListener('pointerdown', ask, true);
      window.removeEventListener('keydown', ask, true);
    };
  }, []);

  const toggleMute = () => {
    const next = !muted;
    setMuted(next);
    try {
      localStore()?.setItem(RINGTONE_MUTED_KEY, next ? '1' : '0');
    } catch {
      // storage blocked: the choice lasts for this page
    }
  };

  const answer = () => {
    if (!callId || answering) return;
    setAnswering(true);
    void actions
      .answer(callId)
      .catch(() => undefined)
      .finally(() => setAnswering(false));
  };

  const heading = !call
    ? ''
    : call.role === 'consult-target'
      ? t('consultOffered', { agent: inertText(call.fromAgentId ?? '') })
      : call.role === 'transfer-target'
        ? t('transferOffered', { number })
        : t('incoming', { number });

  return (
    <>
      <div role="status" aria-live="assertive" aria-atomic="true" style={VISUALLY_HIDDEN} data-testid="ring-announcement">
        {announcement}
      </div>
      {call ? (
        <div
          data-testid="ring-alert"
          data-ringing-call-id={call.id}
          style={{ display: 'flex', alignItems: 'center', gap: 12, padding: '8px 16px', background: '#fff7e6', borderBottom: '1px solid #ffd591' }}
        >
          <Button
            ref={answerButton}
            type="primary"
            disabled={!hasPhone}
            onClick={answer}
            aria-keyshortcuts="Alt+A"
            title={t('answerHint')}
            data-testid="ring-answer"
          >
            {t('answer')}
          </Button>
          <Typography.Text strong>{heading}</Typography.Text>
          {deadline !== null ? <RingCountdown deadline={deadline} offset={offset} totalSeconds={totalSeconds} /> : null}
          <span style={{ flex: 1 }} />
          <Button size="small" onClick={toggleMute} aria-pressed={muted} data-testid="ringtone-mute">
            {muted ? t('unmute') : t('mute')}
          </Button>
        </div>
      ) : null}
    </>
  );
}
