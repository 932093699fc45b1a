import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CommandResult, CtiCommand, UserSearchResult } from '@octopus/contracts';
import { createHarness, renderWith, settle, type Harness } from '../test-utils';
import type { FederationRuntime } from '@octopus/federation';
import { Workbench } from '../app/Workbench';
import { CallerPanel } from './CallerPanel';

/** Plays the trust-aware cti-server for bindCustomer: records the command, acks it, changes nothing by itself. */
function captureBinds(harness: Harness): CtiCommand[] {
  const binds: CtiCommand[] = [];
  const original = harness.driver.command.bind(harness.driver);
  jest.spyOn(harness.driver, 'command').mockImplementation(async (command: CtiCommand): Promise<CommandResult | null> => {
    if (command.name !== 'bindCustomer') return original(command);
    binds.push(command);
    return { grant: 'grant-after-bind' };
  });
  return binds;
}

const found: UserSearchResult = {
  userId: 'U0000002',
  maskedName: '李*',
  maskedPhones: ['138****8001'],
  level: 'gold',
  registeredAt: '2024-01-01T00:00:00.000Z',
  matchedBy: 'phone',
};

async function ringUnverified(harness: Harness, caller: Parameters<Harness['driver']['ring']>[0]) {
  await settle();
  let callId = '';
  await act(async () => {
    callId = harness.driver.ring({ verification: { status: 'unverified', method: null }, ...caller });
  });
  await renderWith(harness, <CallerPanel callId={callId} />);
  await act(async () => void harness.client.actions.answer(callId));
  return callId;
}

describe('<VerifyCaller>: identified is not verified', () => {
  it('binds with the api’s proof after a passed check', async () => {
    const harness = createHarness();
    const binds = captureBinds(harness);
    const callId = await ringUnverified(harness, { phone: '13800138000', userId: 'U0000001', name: '张伟' });
    await userEvent.type(screen.getByLabelText('Registered phone or ID suffix the caller tells you'), '1239');
    await userEvent.click(screen.getByRole('button', { name: 'Confirm identity and bind' }));
    await waitFor(() => expect(binds).toHaveLength(1));
    expect(harness.api.verifyCalls).toEqual([{ userId: 'U0000001', input: '1239', callId }]);
    expect(binds[0]).toEqual({ name: 'bindCustomer', callId, userId: 'U0000001', method: 'agent-confirm', proof: `proof.${callId}.U0000001` });
  });

  it('binds a search result without a proof and says the caller is identified, not verified', async () => {
    const harness = createHarness();
    const binds = captureBinds(harness);
    harness.api.searchUsers = async () => [found];
    const callId = await ringUnverified(harness, { phone: '13800138003', userId: null, name: null });
    await userEvent.type(screen.getByRole('textbox', { name: 'Phone' }), '13800138001');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Bind (identified by search)' }));
    await waitFor(() => expect(binds).toHaveLength(1));
    expect(binds[0]).toEqual({ name: 'bindCustomer', callId, userId: 'U0000002', method: 'agent-search' });
    const notice = await screen.findByText('Caller identified as customer U0000002, not verified');
    expect(notice.closest('[data-notice]')).toHaveAttribute('data-notice', 'identified-not-verified');
    expect(screen.getByText(/Data stays masked and finance is hidden/)).toBeInTheDocument();
    expect(screen.getByText('Caller not verified: data is masked')).toBeInTheDocument();
  });

  it('shows a bound but unchecked account as identified, not verified', async () => {
    const harness = createHarness();
    await ringUnverified(harness, { phone: '13800138003', userId: 'U0000002', name: '李*', verification: { status: 'unverified', method: 'agent-search' } });
    const tag = screen.getByTestId('caller-verification');
    expect(tag).toHaveTextContent('Identified, not verified');
    expect(tag).toHaveAttribute('data-level', 'identified');
    expect(within(screen.getByTestId('caller-panel')).getByText('Agent searched and bound')).toBeInTheDocument();
  });
});

describe('<CallerPanel>: hostile text from telephony', () => {
  it('shows the caller’s name without bidi controls (no "safe \\u202Eexe.txt" reordering)', async () => {
    const harness = createHarness();
    await settle();
    let callId = '';
    await act(async () => {
      callId = harness.driver.ring({ userId: 'U0000001', name: 'safe \u202Eexe.txt\u2066!' });
    });
    await renderWith(harness, <CallerPanel callId={callId} />);
    const customer = screen.getByTestId('caller-customer');
    expect(customer.textContent).toContain('safe exe.txt!');
    expect(customer.textContent).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });

  it('lets a 400-character word wrap inside the panel instead of widening the page', async () => {
    const harness = createHarness();
    await settle();
    let callId = '';
    const word = 'W'.repeat(400);
    globalThis.fetch = (async () => ({ ok: true, status: 200, json: async () => ({ remotes: {} }) })) as unknown as typeof fetch;
    await act(async () => {
      callId = harness.driver.ring({ userId: 'U0000001', name: word });
    });
    await renderWith(harness, <Workbench runtime={runtime} registryUrl="/registry.json" agent={{ id: '1001', name: word, role: 'agent' }} onLogout={() => undefined} />);
    await act(async () => harness.store.setActiveCall(callId));
    await screen.findByTestId('caller-customer');
    for (const element of [screen.getByTestId('caller-customer'), screen.getByTestId('agent-identity')]) {
      expect(element.textContent).toContain(word);
      expect(wrappingAncestor(element)).not.toBeNull();
    }
    // The columns are flex children: they may shrink below their content's width.
    expect(screen.getByTestId('caller-panel').closest('main')).toHaveStyle({ minWidth: '0' });
  });
});

/** The nearest ancestor (or itself) whose inherited text styles let long words break anywhere. */
function wrappingAncestor(element: HTMLElement): HTMLElement | null {
  for (let node: HTMLElement | null = element; node; node = node.parentElement) {
    if (node.style.overflowWrap === 'anywhere' && node.style.wordBreak === 'break-word') return node;
  }
  return null;
}

const runtime: FederationRuntime = {
  registerRemotes: () => undefined,
  loadRemote: async () => {
    throw new Error('no remotes in this test');
  },
};
