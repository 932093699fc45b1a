import { act, render, screen } from '@testing-library/react';
import { apiFixtures, createFetchMock } from '@octopus/api-client/testing';
import { hostMessage } from '@octopus/federation';
import { deliverMessage, iframeContext, otherWindow as hostWindow } from '@octopus/federation/testing';
import { EmbedApp } from './EmbedApp';

jest.setTimeout(20_000);

const HOST = 'http://localhost:3000';

const context = iframeContext({ api: { baseUrl: 'http://api.test', token: 'agent-token', grant: 'grant-1' } });

async function deliver(data: unknown, origin: string, source: Window) {
  await act(async () => deliverMessage(data, origin, source));
}

describe('finance embed page', () => {
  it('waits for the host, ignores other origins, then follows the context across call switches', async () => {
    const fetchMock = createFetchMock({
      'GET /users/U0000001/consignments': { body: apiFixtures.consignments },
      'GET /users/U0000005/consignments': { body: { ...apiFixtures.consignments, consignments: [] } },
    });
    globalThis.fetch = fetchMock.fetch;
    const parent = hostWindow();
    const post = jest.spyOn(parent, 'postMessage').mockImplementation(() => undefined);
    await act(async () => {
      render(<EmbedApp allowedOrigins={[HOST]} search="?userId=U0000001" parent={() => parent} />);
    });
    expect(screen.getByTestId('embed-waiting')).toHaveTextContent('等待工作台传入客户信息… （请求的客户：U0000001）');
    expect(post).toHaveBeenCalledWith(expect.objectContaining({ type: 'ready' }), HOST);

    await deliver(hostMessage('context', context), 'http://evil.example', parent);
    expect(screen.getByTestId('embed-waiting')).toBeInTheDocument();
    expect(fetchMock.requests).toHaveLength(0);

    await deliver(hostMessage('context', context), HOST, parent);
    expect(await screen.findByText('CS00000001')).toBeInTheDocument();
    expect(screen.getByText('Consignment')).toBeInTheDocument();
    expect(fetchMock.requests[0]!.headers['x-octopus-grant']).toBe('grant-1');

    await deliver(hostMessage('context', { ...context, callId: 'call-2', customer: { ...context.customer!, userId: 'U0000005' }, api: { ...context.api, grant: 'grant-2' } }), HOST, parent);
    expect(await screen.findByText('This customer has no consignment orders')).toBeInTheDocument();
    expect(screen.queryByText('CS00000001')).toBeNull();
    expect(fetchMock.calls('GET /users/U0000005/consignments')[0]!.headers['x-octopus-grant']).toBe('grant-2');
  });

  it('shows hostile product names inert, and lets a 400-character word wrap inside the page', async () => {
    const word = 'N'.repeat(400);
    const [first, second] = apiFixtures.consignments.consignments;
    const fetchMock = createFetchMock({
      'GET /users/U0000001/consignments': {
        body: { ...apiFixtures.consignments, consignments: [{ ...first!, productName: 'safe \u202Eexe.txt' }, { ...second!, productName: word }] },
      },
    });
    globalThis.fetch = fetchMock.fetch;
    const parent = hostWindow();
    jest.spyOn(parent, 'postMessage').mockImplementation(() => undefined);
    await act(async () => {
      render(<EmbedApp allowedOrigins={[HOST]} search="" parent={() => parent} />);
    });
    await deliver(hostMessage('context', context), HOST, parent);
    expect(await screen.findByText(/safe exe\.txt/)).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    const main = document.querySelector<HTMLElement>('[data-remote-embed="finance"]')!;
    expect(main).toContainElement(screen.getByText(word, { exact: false }));
    expect(main).toHaveStyle({ overflowWrap: 'anywhere', wordBreak: 'break-word', minWidth: '0' });
  });
});
