import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { isApiError } from '@octopus/api-client';
import { SUPERVISING_ROLES, type AgentRole, type AuditEntry, type AuditLogQuery, type AuditOutcome } from '@octopus/contracts';
import { Alert, Button, Card, Flex, Input, Space, Tag, TEXT_WRAP_STYLE, Typography, useLocale, useT } from '@octopus/ui';
import { Select } from '@octopus/ui/select';
import { Form } from '@octopus/ui/form';
import { Result } from '@octopus/ui/result';
import { Table, type TableColumnsType } from '@octopus/ui/table';
import { useShellApi } from '../api/ShellApiProvider';
import { auditMessages } from './audit-messages';

/** Rows per page. */
export const AUDIT_PAGE_SIZE = 50;

const OUTCOME_COLOURS: Record<AuditOutcome, string> = { allowed: 'green', masked: 'gold', refused: 'red' };

interface Filters {
  userId?: string;
  agentId?: string;
  outcome?: AuditOutcome;
  /** `datetime-local` values (this browser's time zone). */
  from?: string;
  to?: string;
}

/** A `datetime-local` value (local time) as ISO 8601 UTC, or undefined when empty or unreadable. */
function isoFromLocal(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function toQuery(filters: Filters, before: number | undefined): AuditLogQuery {
  const query: AuditLogQuery = { limit: AUDIT_PAGE_SIZE };
  if (filters.userId?.trim()) query.userId = filters.userId.trim();
  if (filters.agentId?.trim()) query.agentId = filters.agentId.trim();
  if (filters.outcome) query.outcome = filters.outcome;
  const from = isoFromLocal(filters.from);
  const to = isoFromLocal(filters.to);
  if (from) query.from = from;
  if (to) query.to = to;
  if (before !== undefined) query.before = before;
  return query;
}

/**
 * The audit log for supervisors and admins: every access decision (allowed, masked, refused), login
 * and session event, newest first, filtered by customer, agent, outcome and time, a page at a time.
 * Agents never see it (and the api refuses them anyway).
 */
export function AuditLogPage({ role }: { role: AgentRole }) {
  const t = useT(auditMessages);
  if (!SUPERVISING_ROLES.includes(role)) {
    return <Result status="403" title={t('auditForbidden')} data-testid="audit-forbidden" />;
  }
  return <AuditLog />;
}

function AuditLog() {
  const t = useT(auditMessages);
  const locale = useLocale();
  const api = useShellApi();
  const [filters, setFilters] = useState<Filters>({});
  // Cursors of the pages opened so far: the last is the one shown (undefined = newest).
  const [cursors, setCursors] = useState<Array<number | undefined>>([undefined]);
  const before = cursors[cursors.length - 1];
  const log = useQuery({
    queryKey: ['octopus', 'shell', 'audit-log', filters, before],
    queryFn: ({ signal }) => api.auditLog(toQuery(filters, before), { signal }),
    placeholderData: keepPreviousData,
    staleTime: 0,
    retry: false,
  });

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    { title: t('audit.at'), dataIndex: 'at', width: 180, render: (at: string) => new Date(at).toLocaleString(locale, { hour12: false }) },
    { title: t('audit.agent'), dataIndex: 'agentId', render: (agentId: string | null) => agentId ?? '—' },
    { title: t('audit.customer'), dataIndex: 'userId', render: (userId: string | null) => userId ?? '—' },
    {
      title: t('audit.subject'),
      key: 'subject',
      render: (_: unknown, entry) => [entry.callId ? `${t('audit.call')} ${entry.callId}` : null, entry.ticketId ? `${t('audit.ticket')} ${entry.ticketId}` : null].filter(Boolean).join(' · ') || '—',
    },
    { title: t('audit.action'), dataIndex: 'action' },
    {
      title: t('audit.outcome'),
      dataIndex: 'outcome',
      render: (outcome: AuditOutcome) => (
        <Tag color={OUTCOME_COLOURS[outcome]} data-outcome={outcome}>
          {t(`audit.outcome.${outcome}`)}
        </Tag>
      ),
    },
    { title: t('audit.via'), dataIndex: 'via', render: (via: string | null) => via ?? '—' },
    { title: t('audit.reason'), dataIndex: 'reason', render: (reason: string | null) => reason ?? '—' },
    { title: t('audit.session'), dataIndex: 'sessionId', render: (sessionId: string | null) => <Typography.Text type="secondary">{sessionId ?? '—'}</Typography.Text> },
  ];

  const error = log.error;
  const errorText = !error
    ? null
    : isApiError(error) && error.status === 403
      ? t('auditForbidden')
      : isApiError(error) && error.kind === 'bad_request'
        ? t('auditBadFilter', { field: error.field ?? error.message })
        : t('auditFailed', { message: error instanceof Error ? error.message : String(error) });

  return (
    <Card title={t('auditTitle')} data-testid="audit-log" style={TEXT_WRAP_STYLE}>
      <Form<Filters>
        layout="inline"
        onFinish={(values) => {
          setFilters(values);
          setCursors([undefined]);
        }}
        style={{ rowGap: 8, marginBottom: 12 }}
      >
        <Form.Item label={t('audit.customer')} name="userId">
          <Input allowClear placeholder="U0000001" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item label={t('audit.agent')} name="agentId">
          <Input allowClear placeholder="1001" style={{ width: 100 }} />
        </Form.Item>
        <Form.Item label={t('audit.outcome')} name="outcome">
          <Select<AuditOutcome>
            allowClear
            aria-label={t('audit.outcome')}
            style={{ width: 120 }}
            options={(['allowed', 'masked', 'refused'] as const).map((outcome) => ({ value: outcome, label: t(`audit.outcome.${outcome}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('audit.from')} name="from">
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item label={t('audit.to')} name="to">
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {t('audit.apply')}
          </Button>
        </Form.Item>
      </Form>
      {errorText ? <Alert type="error" showIcon role="alert" message={errorText} style={{ marginBottom: 12 }} /> : null}
      <Table<AuditEntry>
        size="small"
        rowKey="seq"
        columns={columns}
        dataSource={log.data?.entries ?? []}
        loading={log.isFetching}
        pagination={false}
        locale={{ emptyText: t('auditEmpty') }}
      />
      <Flex justify="flex-end" style={{ marginTop: 12 }}>
        <Space>
          <Button disabled={cursors.length <= 1} onClick={() => setCursors((list) => list.slice(0, -1))}>
            {t('audit.newer')}
          </Button>
          <Button
            disabled={!log.data?.nextBefore || log.isPlaceholderData}
            onClick={() => {
              const next = log.data?.nextBefore;
              if (next) setCursors((list) => [...list, next]);
            }}
          >
            {t('audit.older')}
          </Button>
        </Space>
      </Flex>
    </Card>
  );
}
