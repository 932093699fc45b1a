import { act, render } from '@testing-library/react';
import { testProps } from '../test-helpers';
import { createIframeChildBridge, createIframeHostBridge } from './bridge';
import { IframeRemoteSlot } from './IframeRemoteSlot';
import { childMessage, hostMessage, IFRAME_PROTOCOL } from './protocol';
import { createOriginCheck } from './origin';
import { deliverMessage as deliver, iframeContext, otherWindow as frameWindow } from '../testing';

const HOST = 'http://localhost:3000';
const PAGE = 'http://localhost:3003';
const EVIL = 'http://evil.example';

const context = iframeContext();

afterEach(() => {
  document.body.innerHTML = '';
});

describe('origin check', () => {
  it('compares exact origins and never allows wildcards', () => {
    const allowed = createOriginCheck(['http://localhost:3000/', '*', 'null', 'javascript:alert(1)']);
    expect(allowed('http://localhost:3000')).toBe(true);
    expect(allowed('http://localhost:3001')).toBe(false);
    expect(allowed('https://localhost:3000')).toBe(false);
    expect(allowed('http://localhost:3000.evil.example')).toBe(false);
    expect(allowed('*')).toBe(false);
    expect(allowed('null')).toBe(false);
  });
});

describe('host bridge', () => {
  it('refuses a wildcard origin', () => {
    expect(() => createIframeHostBridge({ target: () => null, allowedOrigin: '*' })).toThrow(/not an allowed origin/);
  });

  it('sends the context only to the iframe, with the exact target origin, and again when the page is ready', () => {
    const child = frameWindow();
    const post = jest.spyOn(child, 'postMessage').mockImplementation(() => undefined);
    const bridge = createIframeHostBridge({ target: () => child, allowedOrigin: `${PAGE}/` });
    bridge.sendContext(context);
    expect(post).toHaveBeenLastCalledWith(hostMessage('context', context), PAGE);
    deliver(childMessage('ready', { name: 'finance' }), PAGE, child);
    expect(post).toHaveBeenCalledTimes(2);
    bridge.destroy();
  });

  it('hears actions and resizes from the iframe’s origin and window only', () => {
    const child = frameWindow();
    const other = frameWindow();
    const onAction = jest.fn();
    const onResize = jest.fn();
    const bridge = createIframeHostBridge({ target: () => child, allowedOrigin: PAGE, onAction, onResize });
    const dial = childMessage('action', { action: 'dial', phone: '13800138000' });

    deliver(dial, EVIL, child); // wrong origin
    deliver(dial, PAGE, other); // right origin, another frame
    deliver(dial, PAGE, null);
    deliver({ ...dial, version: 2 }, PAGE, child); // another protocol major
    deliver({ ...dial, protocol: 'x' }, PAGE, child);
    deliver({ protocol: IFRAME_PROTOCOL, version: 1, type: 'action', payload: { action: 'dial', phone: '1; rm -rf /' } }, PAGE, child);
    deliver('not even an object', PAGE, child);
    expect(onAction).not.toHaveBeenCalled();

    deliver(dial, PAGE, child);
    deliver(childMessage('resize', { height: 640 }), PAGE, child);
    expect(onAction).toHaveBeenCalledWith({ action: 'dial', phone: '13800138000' });
    expect(onResize).toHaveBeenCalledWith(640);

    bridge.destroy();
    deliver(dial, PAGE, child);
    expect(onAction).toHaveBeenCalledTimes(1);
  });
});

describe('child bridge', () => {
  it('announces itself to each allowed host origin, takes the context from an allowed parent only, then pins that origin', () => {
    const parent = frameWindow();
    const post = jest.spyOn(parent, 'postMessage').mockImplementation(() => undefined);
    const onContext = jest.fn();
    const bridge = createIframeChildBridge({ allowedOrigins: [HOST, 'http://127.0.0.1:3000'], name: 'finance', onContext, parent: () => parent });
    expect(post.mock.calls.map(([, origin]) => origin)).toEqual([HOST, 'http://127.0.0.1:3000']);
    expect(post.mock.calls[0]![0]).toEqual(childMessage('ready', { name: 'finance' }));

    // Actions before any context go nowhere (we do not know the host yet).
    bridge.dial('13800138000');
    expect(post).toHaveBeenCalledTimes(2);

    const message = hostMessage('context', context);
    deliver(message, EVIL, parent);
    deliver(message, HOST, frameWindow()); // allowed origin, but not our parent
    deliver({ ...message, payload: { ...context, api: { ...context.api, baseUrl: 'not a url' } } }, HOST, parent);
    expect(onContext).not.toHaveBeenCalled();

    deliver(message, HOST, parent);
    expect(onContext).toHaveBeenCalledWith(context);
    expect(bridge.hostOrigin()).toBe(HOST);

    // Pinned: another allowed origin cannot take over.
    deliver(hostMessage('context', { ...context, callId: 'call-2' }), 'http://127.0.0.1:3000', parent);
    expect(onContext).toHaveBeenCalledTimes(1);

    bridge.dial('13800138000');
    bridge.showMessage('info', 'x'.repeat(800));
    bridge.resize(321.4);
    expect(post.mock.calls.slice(2).map(([data, origin]) => [(data as { type: string }).type, origin])).toEqual([
      ['action', HOST],
      ['action', HOST],
      ['resize', HOST],
    ]);
    expect((post.mock.calls[3]![0] as { payload: { text: string } }).payload.text).toHaveLength(500);
    bridge.destroy();
  });
});

describe('<IframeRemoteSlot>', () => {
  it('sends the context to the page, follows call switches, and bridges host actions from the page’s origin only', async () => {
    const host = { dial: jest.fn(), openTicket: jest.fn(), showMessage: jest.fn() };
    const props = { ...testProps, host, callId: 'call-1', customer: context.customer, api: context.api };
    const view = render(<IframeRemoteSlot name="finance" src={`${PAGE}/0.1.0/embed.html`} allowedOrigin={PAGE} props={props} />);
    const frame = view.container.querySelector('iframe')!;
    expect(view.container.querySelector('[data-remote-iframe="finance"]')).not.toBeNull();
    expect(frame.getAttribute('sandbox')).toBe('allow-scripts allow-same-origin allow-forms');
    const child = frame.contentWindow!;
    const post = jest.spyOn(child, 'postMessage').mockImplementation(() => undefined);

    act(() => deliver(childMessage('ready', { name: 'finance' }), PAGE, child));
    expect(post).toHaveBeenLastCalledWith(expect.objectContaining({ type: 'context', payload: expect.objectContaining({ callId: 'call-1' }) }), PAGE);

    const next = { ...props, callId: 'call-2', customer: { ...context.customer!, userId: 'U0000002' }, api: { ...context.api, grant: 'grant-2' } };
    view.rerender(<IframeRemoteSlot name="finance" src={`${PAGE}/0.1.0/embed.html`} allowedOrigin={PAGE} props={next} />);
    expect(post).toHaveBeenLastCalledWith(
      expect.objectContaining({ payload: expect.objectContaining({ callId: 'call-2', customer: expect.objectContaining({ userId: 'U0000002' }) }) }),
      PAGE,
    );

    act(() => deliver(childMessage('action', { action: 'dial', phone: '13800138001' }), EVIL, child));
    expect(host.dial).not.toHaveBeenCalled();
    act(() => deliver(childMessage('action', { action: 'dial', phone: '13800138001' }), PAGE, child));
    act(() => deliver(childMessage('action', { action: 'openTicket', userId: 'U0000002', callId: 'call-2', title: 'Loan question' }), PAGE, child));
    act(() => deliver(childMessage('resize', { height: 777 }), PAGE, child));
    expect(host.dial).toHaveBeenCalledWith('13800138001');
    expect(host.openTicket).toHaveBeenCalledWith({ userId: 'U0000002', callId: 'call-2', title: 'Loan question' });
    expect(frame.style.height).toBe('777px');
  });
});
