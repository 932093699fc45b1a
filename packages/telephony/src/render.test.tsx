/** @jest-environment jsdom */
import { act, render } from '@testing-library/react';
import { TelephonyProvider } from './react/TelephonyProvider';
import { useAgentState } from './react/useAgentState';
import { useCall } from './react/useCall';
import { useCallIds } from './react/useCallIds';
import { useActiveCall } from './react/useActiveCall';
import { TelephonyClient } from './client';
import { agentView, callEvent, snapshot } from './testing/events';

describe('selector hooks', () => {
  it('an event for call A re-renders nothing that selected only call B or the agent state', () => {
    const client = new TelephonyClient();
    const store = client.store;
    store.applyEvent(snapshot(1));
    store.applyEvent(callEvent('A', 2, { state: 'talking' }));
    store.applyEvent(callEvent('B', 3));
    store.setActiveCall('B');
    const renders = { a: 0, b: 0, agent: 0, ids: 0, active: 0 };
    function CallA() {
      renders.a++;
      return <span>{useCall('A')?.state}</span>;
    }
    function CallB() {
      renders.b++;
      return <span>{useCall('B')?.state}</span>;
    }
    function Agent() {
      renders.agent++;
      return <span>{useAgentState()?.state}</span>;
    }
    function Ids() {
      renders.ids++;
      return <span>{useCallIds().length}</span>;
    }
    function Active() {
      renders.active++;
      return <span>{useActiveCall()?.id}</span>;
    }
    render(
      <TelephonyProvider client={client}>
        <CallA />
        <CallB />
        <Agent />
        <Ids />
        <Active />
      </TelephonyProvider>,
    );
    const initial = { ...renders };
    act(() => store.applyEvent(callEvent('A', 4, { state: 'held', held: true })));
    act(() => store.applyEvent(callEvent('A', 5, { state: 'talking', muted: true })));
    expect(renders.a).toBe(initial.a + 2);
    expect(renders.b).toBe(initial.b);
    expect(renders.agent).toBe(initial.agent);
    expect(renders.ids).toBe(initial.ids);
    expect(renders.active).toBe(initial.active); // the active call is B
    act(() => store.applyEvent({ type: 'agent', agent: agentView(6, { state: 'talking' }) }));
    expect(renders.agent).toBe(initial.agent + 1);
    expect(renders.a).toBe(initial.a + 2);
    expect(renders.b).toBe(initial.b);
  });
});
