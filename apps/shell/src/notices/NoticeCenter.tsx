import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import type { Notice } from '@octopus/contracts';
import { App, Badge, Button, Empty, Popover, useT } from '@octopus/ui';
import { useAgentState, useNotices, usePhoneActions, useTelephonyStoreApi } from '@octopus/telephony/react';
import { noticeMessages } from './notice-messages';

// The list's rows load when the agent points at or focuses the notice button, before the click opens it.
const loadNoticeItems = () => import('./NoticeItems');
const NoticeItems = lazy(() => loadNoticeItems().then((module) => ({ default: module.NoticeItems })));
const preloadNoticeItems = () => void loadNoticeItems();

/**
 * How long a notice that closes by itself stays (ms; missed rings and a taken phone stay until closed).
 * Closed by this page's own timer, paused while the pointer is on the notice: antd's auto-close re-renders
 * the notice every animation frame for its whole duration (its progress), work that would land on the
 * next ring's frames.
 */
export const NOTICE_CLOSE_MS = 8000;

const KNOWN = new Set(['ended-elsewhere', 'missed', 'transfer-failed', 'consult-failed', 'consult-ended', 'caller-hangup-ringing', 'caller-hangup-held', 'phone-taken', 'rating', 'requeued']);

/** The agent-facing text of a server notice (the server's own message only for codes this shell does not know). */
export function useNoticeText() {
  const t = useT(noticeMessages);
  return (notice: Notice) => (KNOWN.has(notice.code) ? t(`notice.${notice.code}` as 'notice.missed') : t('notice.other', { message: notice.message }));
}

/**
 * Tells every call event the server reports (missed ring, failed transfer or consultation, caller hung up
 * while ringing or on hold, phone taken by another tab): a notification when it arrives, and a bell in the
 * header with the last notices (the telephony store keeps 20). A missed ring that left the agent Busy
 * offers one click back to Idle.
 */
export function NoticeCenter({ closeAfterMs = NOTICE_CLOSE_MS }: { closeAfterMs?: number } = {}) {
  const t = useT(noticeMessages);
  const text = useNoticeText();
  const { notification } = App.useApp();
  const serverNotices = useNotices();
  const store = useTelephonyStoreApi();
  // Told by this page, not the server: a call this tab only follows was ended where the phone is.
  const [local, setLocal] = useState<Notice[]>([]);
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        if (state.calls === previous.calls || state.session?.phone !== false) return;
        for (const [id, call] of state.calls) {
          const before = previous.calls.get(id);
          if (!before || before.state === call.state) continue;
          const wasLive = before.state !== 'ringing' && before.state !== 'ended' && before.state !== 'wrap-up';
          if (wasLive && (call.state === 'ended' || call.state === 'wrap-up') && call.endReason === 'agent-hangup') {
            setLocal((list) => [...list.slice(-19), { id: `local-${id}-${call.rev}`, code: 'ended-elsewhere', message: '', callId: id, at: Date.now() }]);
          }
        }
      }),
    [store],
  );
  const notices = useMemo(() => [...serverNotices, ...local].sort((a, b) => a.at - b.at).slice(-20), [serverNotices, local]);
  const agent = useAgentState();
  const actions = usePhoneActions();
  const shown = useRef(new Set<string>());
  // Auto-close timers by notification key, cleared when the notice is closed or the centre unmounts.
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    };
  }, []);
  const [readUpTo, setReadUpTo] = useState(0);
  const missedBusy = agent?.state === 'busy' && agent.reason === 'missed';
  const missedBusyRef = useRef(missedBusy);
  missedBusyRef.current = missedBusy;

  useEffect(() => {
    for (const notice of notices) {
      if (shown.current.has(notice.id)) continue;
      shown.current.add(notice.id);
      const key = `notice-${notice.id}`;
      const stays = notice.code === 'missed' || notice.code === 'phone-taken';
      const closeLater = () => {
        clearTimeout(timers.current.get(key));
        timers.current.set(
          key,
          setTimeout(() => {
            timers.current.delete(key);
            notification.destroy(key);
          }, closeAfterMs),
        );
      };
      if (!stays) closeLater();
      notification.open({
        key,
        // Bottom right: a notice that stays (missed ring, phone taken) never covers the header's controls.
        placement: 'bottomRight',
        type: notice.code === 'rating' ? 'info' : 'warning',
        message: t('noticeTitle'),
        // data-notice: the stable hook for a notice shown to the agent (DESIGN.md "Stable hooks").
        description: (
          <span data-testid="notice-text" data-notice={notice.code} data-notice-code={notice.code}>
            {text(notice)}
          </span>
        ),
        // Never antd's timer (see NOTICE_CLOSE_MS): ours, paused while hovered.
        duration: 0,
        onClose: () => {
          clearTimeout(timers.current.get(key));
          timers.current.delete(key);
        },
        props: stays
          ? undefined
          : {
              onMouseEnter: () => clearTimeout(timers.current.get(key)),
              onMouseLeave: closeLater,
            },
        btn:
          notice.code === 'missed' ? (
            <Button
              type="primary"
              size="small"
              data-testid="back-to-idle"
              onClick={() => {
                notification.destroy(key);
                void actions.setState('idle').catch(() => undefined);
              }}
            >
              {t('backToIdle')}
            </Button>
          ) : undefined,
      });
    }
  }, [notices, notification, t, text, actions, closeAfterMs]);

  const unread = notices.filter((notice) => notice.at > readUpTo).length;
  const list = [...notices].reverse();
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      onOpenChange={(open) => open && setReadUpTo(notices.at(-1)?.at ?? 0)}
      content={
        <div style={{ width: 320, maxHeight: 360, overflowY: 'auto' }} data-testid="notice-list">
          {missedBusy ? (
            <Button type="primary" size="small" block style={{ marginBottom: 8 }} onClick={() => void actions.setState('idle').catch(() => undefined)}>
              {t('backToIdle')}
            </Button>
          ) : null}
          {list.length ? (
            <Suspense fallback={null}>
              <NoticeItems notices={list} text={text} />
            </Suspense>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noNotices')} />
          )}
        </div>
      }
    >
      <Badge count={unread} size="small">
        {/* Named by its visible text: antd spaces two CJK characters ("通 知"), so an aria-label would not match it. */}
        <Button size="small" data-testid="notice-bell" onPointerEnter={preloadNoticeItems} onFocus={preloadNoticeItems}>
          {t('noticeList')}
        </Button>
      </Badge>
    </Popover>
  );
}
