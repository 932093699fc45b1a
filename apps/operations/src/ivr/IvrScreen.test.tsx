import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createFetchMock } from '@octopus/api-client/testing';
import type { IvrResponse, IvrTree, IvrVersion, Locale } from '@octopus/contracts';
import { makeProps, testQueryClient } from '@octopus/remote-kit/testing';
import { OctopusUiProvider } from '@octopus/ui';
import { IvrScreen } from './IvrScreen';

jest.setTimeout(30_000);

const m = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
const TREE: IvrTree = {
  root: 'main',
  agentGroup: null,
  maxRepeats: 3,
  invalidPrompt: m('无效', 'Invalid'),
  nodes: {
    main: { kind: 'menu', prompt: m('主菜单', 'Main menu'), options: { '1': 'group-1' } },
    'group-1': { kind: 'group', prompt: null, group: 'presale' },
  },
};
const V1: IvrVersion = { version: 1, at: Date.UTC(2026, 11, 1), by: 'system', change: { action: 'seed' }, hotlines: { '4008001000': TREE } };

function setup(locale: Locale = 'en-US') {
  let current = V1;
  let history: IvrVersion[] = [V1];
  const answer = (): IvrResponse => ({ current, history, groups: [{ name: 'presale', label: '售前咨询', labels: { 'en-US': 'Pre-sales' } }, { name: 'aftersale', label: '售后服务' }] });
  const fetchMock = createFetchMock({
    'GET /octopus-config.json': { body: { ctiUrl: 'http://cti.test', apiUrl: 'http://api.test' } },
    'GET /ivr': () => ({ body: answer() }),
    'PUT /ivr/hotlines/4008001000': (request) => {
      const tree = request.body as IvrTree;
      current = { version: current.version + 1, at: Date.now(), by: '2001', change: { action: 'update', hotline: '4008001000' }, hotlines: { '4008001000': tree } };
      history = [current, ...history];
      return { body: { current } };
    },
    'POST /ivr/rollback': (request) => {
      const to = history.find((v) => v.version === (request.body as { version: number }).version)!;
      current = { ...to, version: current.version + 1, by: '2001', change: { action: 'rollback', toVersion: to.version } };
      history = [current, ...history];
      return { body: { current } };
    },
  });
  globalThis.fetch = fetchMock.fetch;
  const props = makeProps({ locale, callId: null, customer: null });
  render(
    <QueryClientProvider client={testQueryClient()}>
      <OctopusUiProvider locale={locale}>
        <IvrScreen {...props} />
      </OctopusUiProvider>
    </QueryClientProvider>,
  );
  return { fetchMock, props, current: () => current };
}

async function choose(label: string, option: string) {
  const select = screen.getByLabelText(label).closest('.ant-select') as HTMLElement;
  fireEvent.mouseDown(within(select).getByRole('combobox'));
  const options = await screen.findAllByTitle(option);
  fireEvent.click(options.at(-1)!);
}

describe('IVR designer', () => {
  it("shows the hotline's tree from the cti-server with the agent token, and its version history", async () => {
    const { fetchMock } = setup();
    expect(await screen.findByTestId('ivr-node-main')).toBeInTheDocument();
    expect(screen.getByLabelText('Node main · Prompt (English)')).toHaveValue('Main menu');
    expect(screen.getByTestId('ivr-version')).toHaveTextContent('Version 1');
    expect(screen.getByText('Initial configuration')).toBeInTheDocument();
    const request = fetchMock.calls('GET /ivr')[0]!;
    expect(request.url.origin).toBe('http://cti.test');
    expect(request.headers.authorization).toBe('Bearer agent.token.sig');
    // Nothing changed yet: nothing to save.
    expect(screen.getByTestId('ivr-save')).toBeDisabled();
  });

  it('adds a self-service node and a key to it, shows validation errors, and saves the tree as a new version', async () => {
    const { fetchMock, props, current } = setup();
    await screen.findByTestId('ivr-node-main');
    fireEvent.change(screen.getByLabelText('New node id'), { target: { value: 'order' } });
    await choose('New node id · Kind', 'Self-service');
    fireEvent.click(screen.getByTestId('ivr-add-node'));
    expect(await screen.findByTestId('ivr-node-order')).toBeInTheDocument();
    // The new node's prompt is empty: the schema names it and saving is refused.
    expect(screen.getByTestId('ivr-problems')).toHaveTextContent('nodes.order.prompt.zh-CN');
    expect(screen.getByTestId('ivr-save')).toBeDisabled();
    fireEvent.change(screen.getByLabelText('Node order · Prompt (Chinese)'), { target: { value: '请输入订单号' } });
    fireEvent.change(screen.getByLabelText('Node order · Prompt (English)'), { target: { value: 'Key your order number' } });
    expect(screen.queryByTestId('ivr-problems')).toBeNull();
    fireEvent.click(within(screen.getByTestId('ivr-options-main')).getByText('Add key'));
    await choose('Node main · Goes to 2', 'order');
    // A node id that exists already cannot be added again.
    fireEvent.change(screen.getByLabelText('New node id'), { target: { value: 'main' } });
    expect(screen.getByText('Node main exists already')).toBeInTheDocument();
    expect(screen.getByTestId('ivr-add-node')).toBeDisabled();
    fireEvent.click(screen.getByTestId('ivr-save'));
    await waitFor(() => expect(screen.getByTestId('ivr-version')).toHaveTextContent('Version 2'));
    const put = fetchMock.calls('PUT /ivr/hotlines/4008001000')[0]!;
    expect(put.url.search).toBe('?ifVersion=1');
    expect(put.body).toMatchObject({ nodes: { main: { options: { '1': 'group-1', '2': 'order' } }, order: { kind: 'self-service', service: 'order-status', prompt: { 'en-US': 'Key your order number' }, next: null } } });
    expect(current().version).toBe(2);
    expect(props.host.showMessage).toHaveBeenCalledWith('success', 'Saved as version 2; the next call uses it');
  });

  it('removes a node (a dangling key is then an error) and rolls back to an earlier version', async () => {
    const { fetchMock } = setup('zh-CN');
    await screen.findByTestId('ivr-node-main');
    fireEvent.click(screen.getByLabelText('删除节点 group-1'));
    expect(screen.queryByTestId('ivr-node-group-1')).toBeNull();
    expect(screen.getByTestId('ivr-problems')).toHaveTextContent('nodes.main.options.1: no node group-1');
    fireEvent.click(screen.getByText('放弃修改'));
    expect(await screen.findByTestId('ivr-node-group-1')).toBeInTheDocument();
    // Save a change, then roll back to version 1.
    fireEvent.change(screen.getByLabelText('节点 main · 提示语（中文）'), { target: { value: '新的主菜单' } });
    fireEvent.click(screen.getByTestId('ivr-save'));
    await waitFor(() => expect(screen.getByTestId('ivr-version')).toHaveTextContent('版本 2'));
    fireEvent.click(screen.getByTestId('ivr-rollback-1'));
    fireEvent.click(await screen.findByRole('button', { name: /^(确\s*定|OK)$/ }));
    await waitFor(() => expect(screen.getByTestId('ivr-version')).toHaveTextContent('版本 3'));
    expect(fetchMock.calls('POST /ivr/rollback')[0]!.body).toEqual({ version: 1 });
    expect(screen.getByLabelText('节点 main · 提示语（中文）')).toHaveValue('主菜单');
    expect(screen.getByText('回滚到版本 1')).toBeInTheDocument();
  });
});
