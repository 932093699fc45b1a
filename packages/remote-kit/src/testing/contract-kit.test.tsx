import type { RemoteProps } from '@octopus/contracts';
import { describeRemoteContract, exportBreaks, renderBreaks, strictHostActions } from './contract-kit';

const Good = () => <section data-remote="logistics">logistics</section>;
const good = { name: 'logistics', version: '1.0.0', contractVersion: '1.0.0', Component: Good };

describe('the contract kit catches breaks', () => {
  it('a release built for another contract major', () => {
    expect(exportBreaks({ ...good, contractVersion: '2.0.0' }, '1.0.0')).toEqual(['built for contract 2.0.0, the shell speaks 1.0.0']);
    expect(exportBreaks({ ...good, contractVersion: undefined }, '1.0.0')).toEqual(['the remote does not declare a contractVersion']);
  });

  it('a malformed export', () => {
    expect(exportBreaks(undefined)).toEqual(['the module exports no `remote` object']);
    expect(exportBreaks({ ...good, name: 'Logistics', Component: 'x' })).toEqual(['remote.name "Logistics" is not a registry name', 'remote.Component is not a component']);
  });

  it('a component that assumes a customer the host does not always give', async () => {
    const Fragile = (props: RemoteProps) => <section data-remote="logistics">{props.customer!.phone}</section>;
    const breaks = await renderBreaks({ ...good, Component: Fragile }, { callId: null, customer: null });
    expect(breaks.join('\n')).toMatch(/phone/);
  });

  it('a component without its data-remote root', async () => {
    expect(await renderBreaks({ ...good, Component: () => <div>no root</div> }, {})).toEqual(['nothing rendered inside [data-remote="logistics"]']);
  });

  it('host actions called outside their types', () => {
    const host = strictHostActions();
    expect(() => host.dial('')).toThrow(/contract break/);
    expect(() => host.showMessage('loud' as never, 'x')).toThrow(/contract break/);
    host.openTicket({ userId: 'U1', callId: null, title: 'ok' });
    expect(host.calls).toHaveLength(3);
  });

  it('passes a sound remote', async () => {
    expect(exportBreaks(good, '1.2.0')).toEqual([]);
    expect(await renderBreaks(good, {})).toEqual([]);
  });
});

// The kit as a team uses it, on a sound remote.
describeRemoteContract(() => ({ remote: good }));
