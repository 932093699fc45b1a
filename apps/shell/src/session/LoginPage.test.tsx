import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OctopusUiProvider } from '@octopus/ui';
import { LoginPage } from './LoginPage';
import { createSessionStore } from './session-store';

const respond = (status: number, body: unknown) => async () => ({ ok: status < 400, status, json: async () => body }) as unknown as Response;

async function renderLogin(fetchImpl: typeof fetch, locale: 'en-US' | 'zh-CN' = 'en-US') {
  const session = createSessionStore({ ctiUrl: 'http://cti', fetchImpl });
  await act(async () => {
    render(
      <OctopusUiProvider locale={locale}>
        <LoginPage session={session} />
      </OctopusUiProvider>,
    );
  });
  return session;
}

describe('<LoginPage>', () => {
  it('logs the agent in', async () => {
    const session = await renderLogin(respond(200, { token: 't', agent: { id: '1001', name: '王芳', skillGroups: ['presale'] } }));
    await userEvent.type(screen.getByLabelText('Agent ID'), '1001');
    await userEvent.type(screen.getByLabelText('Password'), 'octopus');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(session.getState().agent?.id).toBe('1001');
  });

  it('says when the credentials are wrong, and when fields are missing', async () => {
    await renderLogin(respond(401, { error: 'bad' }));
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findAllByText('Required')).toHaveLength(2);
    await userEvent.type(screen.getByLabelText('Agent ID'), '1001');
    await userEvent.type(screen.getByLabelText('Password'), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong agent ID or password');
  });

  it('speaks Chinese by default', async () => {
    await renderLogin(respond(200, {}), 'zh-CN');
    expect(screen.getByText('坐席登录')).toBeInTheDocument();
    expect(screen.getByLabelText('工号')).toBeInTheDocument();
  });
});
