import { useEffect } from 'react';
import { act, fireEvent, screen } from '@testing-library/react';
import type { RemoteName } from '@octopus/contracts';
import type * as Federation from '@octopus/federation';
import { createHarness, renderWith } from '../test-utils';
import { RemoteTabs } from './RemoteTabs';

/** Remotes whose effects ran (mounted and visible), in order; each entry `<name>:<callId>`. */
const effects: string[] = [];

jest.mock('@octopus/federation', () => {
  const actual = jest.requireActual<typeof Federation>('@octopus/federation');
  const registry = {
    remotes: {
      tickets: { entry: 'http://t/mf-manifest.json', version: '1.0.0' },
      orders: { entry: 'http://o/mf-manifest.json', version: '1.0.0' },
      finance: { entry: 'http://f/mf-manifest.json', version: '1.0.0' },
    },
  };
  function FakeSlot({ name, props }: { name: RemoteName; props: { callId: string | null } }) {
    useEffect(() => {
      effects.push(`${name}:${props.callId ?? 'none'}`);
    }, [name, props.callId]);
    return <div data-testid={`slot-${name}`}>{`${name} for ${props.callId ?? 'none'}`}</div>;
  }
  return { ...actual, RemoteSlot: FakeSlot, IframeRemoteSlot: FakeSlot, useRemoteLoader: () => ({ registry }) };
});
jest.mock('./useRemoteProps', () => ({ useRemoteProps: (_name: string, callId: string | null) => ({ callId }) }));

beforeEach(() => {
  effects.length = 0;
});

describe('<RemoteTabs>', () => {
  it('renders every tab for the call on screen, the hidden ones without effects, so a tab opened later shows at once', async () => {
    const harness = createHarness();
    await renderWith(harness, <RemoteTabs callId="c1" role="agent" />);
    // The hidden tabs exist before any click (issue 9: a tab's first open showed a skeleton for 300 ms).
    expect(screen.getByTestId('slot-orders')).toHaveTextContent('orders for c1');
    expect(screen.getByTestId('slot-finance')).toHaveTextContent('finance for c1');
    expect(screen.getByTestId('slot-orders')).not.toBeVisible();
    // Only the visible remote runs effects (fetches, subscriptions, timers).
    expect(effects).toEqual(['tickets:c1']);
    await act(async () => {
      fireEvent.click(screen.getByRole('tab', { name: /orders/i }));
    });
    expect(screen.getByTestId('slot-orders')).toBeVisible();
    expect(effects).toEqual(['tickets:c1', 'orders:c1']);
  });

  it('keeps one pane per remote, for the call on screen, across call switches', async () => {
    const harness = createHarness();
    const { rerender } = await renderWith(harness, <RemoteTabs callId="c1" role="agent" />);
    await act(async () => {
      rerender(<RemoteTabs callId="c2" role="agent" />);
    });
    expect(screen.getAllByTestId('slot-orders')).toHaveLength(1);
    expect(screen.getByTestId('slot-orders')).toHaveTextContent('orders for c2');
    expect(screen.getAllByTestId('slot-tickets')).toHaveLength(1);
    expect(screen.getByTestId('slot-tickets')).toHaveTextContent('tickets for c2');
  });

  it('without a call, mounts a tab only when it is first opened', async () => {
    const harness = createHarness();
    await renderWith(harness, <RemoteTabs callId={null} role="agent" />);
    expect(screen.getByTestId('slot-tickets')).toBeVisible();
    expect(screen.queryByTestId('slot-orders')).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByRole('tab', { name: /orders/i }));
    });
    expect(screen.getByTestId('slot-orders')).toBeVisible();
  });
});
