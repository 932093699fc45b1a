import { useEffect, useId, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { Alert, Button, Card, Input, TEXT_WRAP_STYLE, theme, Typography, useT } from '@octopus/ui';
import { sessionMessages } from './session-messages';

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

/**
 * One labelled field of the login form, laid out as antd's vertical form item (label above, 8 px; the
 * message below; 24 px to the next). A plain form, not antd's Form: that one would put its field store
 * and validator (~17 KB gzip) into the JavaScript every agent downloads at login (ADR 0003).
 */
function LoginField({ id, label, error, children }: { id: string; label: string; error: string | null; children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <div style={{ marginBottom: error ? 0 : 24 }}>
      <label htmlFor={id} style={{ display: 'block', paddingBottom: 8, color: token.colorText }}>
        {label}
      </label>
      {children}
      {error ? (
        <div id={`${id}-error`} style={{ color: token.colorError, minHeight: 24, lineHeight: token.lineHeight }}>
          {error}
        </div>
      ) : null}
    </div>
  );
}

export function LoginPage({ session }: { session: SessionStore }) {
  const t = useT(sessionMessages);
  const ended = useStore(session, (state) => state.ended);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useClock(problem?.kind === 'throttled');
  const secondsLeft = problem?.kind === 'throttled' ? Math.max(0, Math.ceil((problem.until - now) / 1000)) : 0;
  const throttled = problem?.kind === 'throttled' && secondsLeft > 0;
  const [values, setValues] = useState({ agentId: '', password: '' });
  // Set on a submit with an empty field (as antd's `required` rule), cleared as the agent types.
  const [missing, setMissing] = useState({ agentId: false, password: false });
  const ids = useId();
  const agentIdField = `${ids}-agent-id`;
  const passwordField = `${ids}-password`;
  const change = (field: 'agentId' | 'password', value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    if (value !== '') setMissing((current) => ({ ...current, [field]: false }));
  };
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
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const empty = { agentId: values.agentId === '', password: values.password === '' };
            setMissing(empty);
            if (!empty.agentId && !empty.password) void submit(values);
          }}
        >
          <LoginField id={agentIdField} label={t('agentId')} error={missing.agentId ? t('required') : null}>
            <Input
              id={agentIdField}
              autoFocus
              autoComplete="username"
              value={values.agentId}
              onChange={(event) => change('agentId', event.target.value)}
              status={missing.agentId ? 'error' : undefined}
              aria-invalid={missing.agentId || undefined}
              aria-describedby={missing.agentId ? `${agentIdField}-error` : undefined}
            />
          </LoginField>
          <LoginField id={passwordField} label={t('password')} error={missing.password ? t('required') : null}>
            <Input.Password
              id={passwordField}
              autoComplete="current-password"
              value={values.password}
              onChange={(event) => change('password', event.target.value)}
              status={missing.password ? 'error' : undefined}
              aria-invalid={missing.password || undefined}
              aria-describedby={missing.password ? `${passwordField}-error` : undefined}
            />
          </LoginField>
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
        </form>
      </Card>
    </div>
  );
}
