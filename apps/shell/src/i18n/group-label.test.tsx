import { act, screen } from '@testing-library/react';
import type { GroupSummary } from '@octopus/contracts';
import { CallerPanel } from '../caller/CallerPanel';
import { createHarness, renderWith, settle } from '../test-utils';
import { groupLabel } from './group-label';

const group = (name: string, label: string, labels?: GroupSummary['labels']): GroupSummary => ({
  name,
  label,
  ...(labels ? { labels } : {}),
  routing: 'longest-idle',
  queued: 0,
  oldestQueuedAt: null,
  idleAgents: 1,
  onlineAgents: 1,
  rev: 1,
});

describe('skill group names', () => {
  it('show the label of the page language, else the main label, never the key when a label exists', () => {
    const aftersale = group('aftersale', '售后服务', { 'zh-CN': '售后服务', 'en-US': 'After-sales' });
    expect(groupLabel('aftersale', aftersale, 'en-US')).toBe('After-sales');
    expect(groupLabel('aftersale', aftersale, 'zh-CN')).toBe('售后服务');
    // Configured without an English label: the main label, not the key.
    expect(groupLabel('vip', group('vip', '贵宾专线'), 'en-US')).toBe('贵宾专线');
    // A group the server does not list (an old record): the key is all there is.
    expect(groupLabel('retired', undefined, 'zh-CN')).toBe('retired');
  });

  it('the caller panel shows the group by its English label in English', async () => {
    const harness = createHarness();
    await renderWith(harness, <CallerPanel callId={null} />);
    await settle();
    act(() => harness.store.applyEvent({ type: 'groups', groups: [group('aftersale', '售后服务', { 'zh-CN': '售后服务', 'en-US': 'After-sales' })] }));
    let callId = '';
    await act(async () => {
      callId = harness.driver.ring({ skillGroup: 'aftersale' });
    });
    await renderWith(harness, <CallerPanel callId={callId} />);
    expect(await screen.findByText('After-sales')).toBeInTheDocument();
    expect(screen.queryByText('aftersale')).toBeNull();
  });
});
