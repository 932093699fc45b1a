import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OctopusUiProvider } from '@octopus/ui';
import { loginResponse } from '../test-utils';
import { LoginPage } from './LoginPage';
import { createSessionStore, type SessionStore } from './session-store';

const respond =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  async () =>
    ({ ok: status < 400, status, json: async () => body, headers: new Headers(headers) }) as unknown as Response;

async function renderLogin(fetchImpl: typeof fetch, locale: 'en-US' | 'zh-CN' = 'en-US', prepare?: (session: SessionStore) => void) {
  const session = createSessionStore({ ctiUrl: 'http://cti', fetchImpl });
  prepare?.(session);
  await act(async () => {
    render(
      <OctopusUiProvider locale={locale}>
        <LoginPage session={session} />
      </OctopusUiProvider>,
    );
  });
  return session;
}

async function submit(agentId = '1001', password = 'octopus') {
  await userEvent.type(screen.getByLabelText(/Agent ID|工号/), agentId);
  await userEvent.type(screen.getByLabelText(/Password|密码/), password);
  await userEvent.click(screen.getByRole('button', { name: /Log in|登\s*录/ }));
}

describe('<LoginPage>', () => {
  it('logs the agent in', async () => {
    const session = await renderLogin(respond(200, loginResponse({ agent: { id: '2001', name: '主管', role: 'supervisor', skillGroups: [] } })));
    await submit('2001');
    expect(session.getState().agent).toMatchObject({ id: '2001', role: 'supervisor' });
    expect(session.getState().sessionId).toBe('s-1');
  });

  it('says when the credentials are wrong, and when fields are missing', async () => {
    await renderLogin(respond(401, { error: 'invalid_credentials' }));
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findAllByText('Required')).toHaveLength(2);
    await submit('1001', 'wrong');
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong agent ID or password');
  });

  it('says how long to wait when login is throttled (429), and holds the button until then', async () => {
    await renderLogin(respond(429, { error: 'login_throttled' }, { 'retry-after': '16' }));
    await submit('1001', 'wrong');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Too many failed attempts; try again in 16 s');
    expect(alert.closest('[data-notice]') ?? alert).toHaveAttribute('data-notice', 'login-throttled');
    expect(screen.getByRole('button', { name: /Log in/ })).toBeDisabled();
    expect(screen.queryByText('Wrong agent ID or password')).toBeNull();
  });

  it('says when the account is disabled (403), apart from wrong credentials', async () => {
    await renderLogin(respond(403, { error: 'account_disabled' }));
    await submit();
    expect(await screen.findByRole('alert')).toHaveTextContent('This account is disabled; ask your supervisor');
  });

  it('says why the agent is back here when the server ended the session', async () => {
    await renderLogin(respond(200, {}), 'en-US', (session) => {
      session.setState({ ended: 'ended' });
    });
    expect(screen.getByRole('status')).toHaveTextContent('Your session ended (logged out elsewhere, revoked or expired); log in again');
  });

  it('speaks Chinese by default, throttling included', async () => {
    await renderLogin(respond(429, { error: 'login_throttled', retryAfterSeconds: 4 }), 'zh-CN', (session) => session.setState({ ended: 'expired' }));
    expect(screen.getByText('坐席登录')).toBeInTheDocument();
    expect(screen.getByLabelText('工号')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('长时间无操作，已自动退出，请重新登录');
    await submit();
    expect(await screen.findByRole('alert')).toHaveTextContent('登录失败次数过多，请 4 秒后再试');
  });
});
