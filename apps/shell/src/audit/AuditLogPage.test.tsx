import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { ApiError } from '@octopus/api-client';
import type { AuditEntry } from '@octopus/contracts';
import { createHarness, renderWith } from '../test-utils';
import { AUDIT_PAGE_SIZE, AuditLogPage } from './AuditLogPage';

// getByRole walks the accessibility tree of the whole antd table: seconds per query on this machine.
// Likewise userEvent's pointer-events check (getComputedStyle up the tree, per event).
const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never, delay: null });
const button = (name: string) => screen.getByText(name, { selector: 'button span' }).closest('button')!;

function entry(seq: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    seq,
    at: '2026-11-30T09:00:00.000Z',
    agentId: '1004',
    sessionId: 's-1',
    userId: 'U0000002',
    callId: 'call-1',
    ticketId: null,
    action: 'read-user',
    outcome: 'allowed',
    via: 'grant',
    reason: null,
    ...overrides,
  };
}

describe('<AuditLogPage>', () => {
  it('is not offered to agents: no request is made', async () => {
    const harness = createHarness();
    await renderWith(harness, <AuditLogPage role="agent" />);
    expect(screen.getByText('Only supervisors and admins can read the audit log')).toBeInTheDocument();
    expect(harness.api.auditQueries).toEqual([]);
  });

  it('lists the newest entries with outcome tags, what they were about and why', async () => {
    const harness = createHarness();
    harness.api.auditPages = [
      {
        entries: [
          entry(12, { outcome: 'refused', reason: 'grant_ended', userId: 'U0000004', callId: 'call-9' }),
          entry(11, { outcome: 'masked', via: 'ticket', ticketId: 'TK00000003', callId: null }),
          entry(10, { agentId: null, userId: null, callId: null, action: 'login', reason: 'invalid_credentials', outcome: 'refused' }),
        ],
        nextBefore: null,
      },
    ];
    await renderWith(harness, <AuditLogPage role="supervisor" />);
    const row = (seq: number) => screen.getByText(String(seq), { selector: 'td' }).closest('tr')!;
    await screen.findByText('grant_ended');
    expect(within(row(12)).getByText('Refused')).toHaveAttribute('data-outcome', 'refused');
    expect(within(row(12)).getByText('call call-9')).toBeInTheDocument();
    expect(within(row(11)).getByText('Masked')).toHaveAttribute('data-outcome', 'masked');
    expect(within(row(11)).getByText('ticket TK00000003')).toBeInTheDocument();
    expect(within(row(10)).getByText('invalid_credentials')).toBeInTheDocument();
    expect(harness.api.auditQueries).toEqual([{ limit: AUDIT_PAGE_SIZE }]);
  });

  it('filters by customer, agent, outcome and time range, and pages back and forth', async () => {
    const harness = createHarness();
    harness.api.auditPages = [
      { entries: [entry(300)], nextBefore: 300 },
      { entries: [entry(90)], nextBefore: 90 },
      { entries: [entry(40)], nextBefore: null },
      { entries: [entry(90)], nextBefore: 90 },
    ];
    await renderWith(harness, <AuditLogPage role="admin" />);
    await screen.findByText('300', { selector: 'td' });
    fireEvent.change(screen.getByLabelText('Customer'), { target: { value: 'U0000002' } });
    fireEvent.change(screen.getByLabelText('Agent'), { target: { value: '1004' } });
    await user.click(screen.getByLabelText('Outcome', { selector: 'input' }));
    await user.click(await screen.findByTitle('Masked'));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-30T08:00' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-11-30T10:00' } });
    await user.click(button('Apply'));
    await screen.findByText('90', { selector: 'td' });
    const filtered = {
      limit: AUDIT_PAGE_SIZE,
      userId: 'U0000002',
      agentId: '1004',
      outcome: 'masked',
      from: new Date('2026-11-30T08:00').toISOString(),
      to: new Date('2026-11-30T10:00').toISOString(),
    };
    expect(harness.api.auditQueries[1]).toEqual(filtered);

    expect(button('Newer')).toBeDisabled();
    await user.click(button('Older'));
    await screen.findByText('40', { selector: 'td' });
    expect(harness.api.auditQueries[2]).toEqual({ ...filtered, before: 90 });
    expect(button('Older')).toBeDisabled();
    await user.click(button('Newer'));
    await screen.findByText('90', { selector: 'td' });
  });

  it('says so when the api refuses (403) instead of showing an empty log', async () => {
    const harness = createHarness();
    harness.api.auditError = new ApiError({ kind: 'no_access', message: 'supervisors only', status: 403, code: 'no_access' });
    await renderWith(harness, <AuditLogPage role="supervisor" />);
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Only supervisors and admins can read the audit log'));
  });
});
