import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { Alert, Button, Card, Form, Input, TEXT_WRAP_STYLE, Typography, useT } from '@octopus/ui';
import { shellMessages } from '../app/messages';

import { LoginError, type SessionStore } from './session-store';

type Problem = { kind: 'text'; text: string } | { kind: 'throttled'; until: number };

/** A clock that ticks once a second while `running`; `reset` sets it to the present at once. */
function useClock(running: boolean): [number, (at: number) => void] {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return [now, setNow];
}

export function LoginPage({ session }: { session: SessionStore }) {
  const t = useT(shellMessages);
  const ended = useStore(session, (state) => state.ended);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useClock(problem?.kind === 'throttled');
  const secondsLeft = problem?.kind === 'throttled' ? Math.max(0, Math.ceil((problem.until - now) / 1000)) : 0;
  const throttled = problem?.kind === 'throttled' && secondsLeft > 0;
  const submit = async (values: { agentId: string; password: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      await session.login(values.agentId, values.password);
    } catch (caught) {
      const kind = caught instanceof LoginError ? caught.kind : null;
      if (kind === 'throttled') {
        // Without a Retry-After the server still throttles: say so with the shortest step (2 s).
        const seconds = (caught as LoginError).retryAfterSeconds ?? 2;
        const at = Date.now();
        setNow(at);
        setProblem({ kind: 'throttled', until: at + seconds * 1000 });
      } else if (kind === 'credentials') setProblem({ kind: 'text', text: t('loginFailedCredentials') });
      else if (kind === 'disabled') setProblem({ kind: 'text', text: t('loginFailedDisabled') });
      else if (kind === 'unreachable') setProblem({ kind: 'text', text: t('loginFailedUnreachable') });
      else setProblem({ kind: 'text', text: t('loginFailed', { message: caught instanceof Error ? caught.message : String(caught) }) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: '12vh', paddingInline: 16, ...TEXT_WRAP_STYLE }}>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Typography.Title level={3}>{t('loginTitle')}</Typography.Title>
        {ended && !problem ? (
          <Alert type="warning" showIcon message={t(`sessionEnded.${ended}`)} style={{ marginBottom: 16 }} role="status" data-notice="session-ended" />
        ) : null}
        <Form layout="vertical" onFinish={(values: { agentId: string; password: string }) => void submit(values)} requiredMark={false}>
          <Form.Item label={t('agentId')} name="agentId" rules={[{ required: true, message: t('required') }]}>
            <Input autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item label={t('password')} name="password" rules={[{ required: true, message: t('required') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {problem?.kind === 'text' ? <Alert type="error" showIcon message={problem.text} style={{ marginBottom: 16 }} role="alert" /> : null}
          {problem?.kind === 'throttled' ? (
            <Alert
              type="warning"
              showIcon
              message={throttled ? t('loginThrottled', { seconds: secondsLeft }) : t('loginThrottledOver')}
              style={{ marginBottom: 16 }}
              role="alert"
              data-notice="login-throttled"
            />
          ) : null}
          <Button type="primary" htmlType="submit" block loading={busy} disabled={throttled}>
            {t('login')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
