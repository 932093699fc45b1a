import type { FloorAgent, FloorCall, FloorQueue, RemoteProps, SelectableAgentState } from '@octopus/contracts';
import { selectableAgentStateSchema } from '@octopus/contracts';
import type { HTMLAttributes } from 'react';
import { Alert, Card, Flex, Tag, useLocale, useT } from '@octopus/ui';
import { RemoteLoadsCard } from '@octopus/ui/remote-loads';
import { Select } from '@octopus/ui/select';
import { Table, type TableColumnsType } from '@octopus/ui/table';
import { useApiClient } from '@octopus/remote-kit';
import { agentStateMessages, boardMessages, phaseMessages, verificationMessages } from './board-messages';
import { Elapsed } from './Elapsed';
import { formatShare } from './format';
import { RefetchFloorOnPush, useFloor, useSupervisorActions } from './useFloor';

const SELECTABLE = selectableAgentStateSchema.options;
const STATE_COLORS: Record<string, string> = { idle: 'green', ringing: 'gold', talking: 'blue', 'wrap-up': 'purple', busy: 'red', break: 'orange', meeting: 'orange', offline: 'default' };
const rowHook = (attributes: Record<string, string>) => attributes as HTMLAttributes<HTMLElement>;

/**
 * The supervisor board, live without reload: queues (waiting, longest wait, today's service level,
 * overflowed, abandoned), live calls (agent, duration, verification; a queued one can be routed to an idle
 * agent), agents (state and time in it, current call, groups, missed rings today; the state can be set)
 * and the remotes' load telemetry. Read again whenever the pushed lists change (see `useFloor`).
 */
export function BoardScreen(props: RemoteProps) {
  const t = useT(boardMessages);
  const ts = useT(agentStateMessages);
  const tp = useT(phaseMessages);
  const tv = useT(verificationMessages);
  const locale = useLocale();
  const { floor, clockOffsetMs, error } = useFloor(props.api.token);
  const actions = useSupervisorActions(props.api.token);
  const client = useApiClient(props.api);
  const agents = floor?.agents ?? [];
  const nameOf = (agentId: string | null) => (agentId ? `${agentId} ${agents.find((a) => a.id === agentId)?.name ?? ''}`.trim() : t('none'));
  const groupName = (name: string | null) => {
    const queue = floor?.queues.find((q) => q.name === name);
    return name === null ? t('none') : (queue?.labels?.[locale] ?? queue?.label ?? name);
  };
  const failed = (cause: unknown) => props.host.showMessage('error', t('actionFailed', { message: cause instanceof Error ? cause.message : String(cause) }));
  const routable = agents.filter((a) => a.connected && a.state === 'idle');

  const queueColumns: TableColumnsType<FloorQueue> = [
    { title: t('group'), dataIndex: 'name', render: (name: string) => groupName(name) },
    { title: t('waiting'), dataIndex: 'waiting', align: 'right', render: (waiting: number) => <span data-testid="queue-waiting">{waiting}</span> },
    { title: t('longestWait'), dataIndex: 'oldestQueuedAt', align: 'right', render: (at: number | null) => (at === null ? t('none') : <Elapsed since={at} offsetMs={clockOffsetMs} />) },
    { title: t('serviceLevel'), dataIndex: 'serviceLevel', align: 'right', render: (share: number | null) => <span data-testid="queue-service-level">{formatShare(share)}</span> },
    { title: t('answered'), dataIndex: 'answeredToday', align: 'right' },
    { title: t('overflowed'), dataIndex: 'overflowedToday', align: 'right' },
    { title: t('abandoned'), dataIndex: 'abandonedToday', align: 'right' },
    { title: t('staffing'), key: 'staffing', align: 'right', render: (_: unknown, q) => `${q.idleAgents} / ${q.onlineAgents}` },
  ];

  const callColumns: TableColumnsType<FloorCall> = [
    { title: t('caller'), dataIndex: 'number' },
    { title: t('group'), dataIndex: 'skillGroup', render: (name: string | null) => groupName(name) },
    { title: t('callState'), dataIndex: 'phase', render: (phase: FloorCall['phase'], call) => <Tag data-testid="call-phase">{call.held ? tp('held') : tp(phase)}</Tag> },
    { title: t('agent'), dataIndex: 'agentId', render: (agentId: string | null) => nameOf(agentId) },
    { title: t('duration'), key: 'duration', align: 'right', render: (_: unknown, call) => <Elapsed since={call.connectedAt ?? call.queuedAt ?? call.startedAt} offsetMs={clockOffsetMs} /> },
    {
      title: t('verification'),
      dataIndex: 'verification',
      render: (v: FloorCall['verification']) => (
        <Tag color={v.status === 'verified' ? 'green' : v.status === 'failed' ? 'red' : 'default'}>{v.method ? `${tv(v.status)} · ${tv(v.method)}` : tv(v.status)}</Tag>
      ),
    },
    {
      title: t('actions'),
      key: 'actions',
      render: (_: unknown, call) =>
        call.phase === 'queued' ? (
          <Select
            size="small"
            style={{ minWidth: 140 }}
            aria-label={t('routeLabel', { number: call.number })}
            placeholder={t('routeTo')}
            value={null}
            disabled={routable.length === 0 || actions.route.isPending}
            options={routable.map((a) => ({ value: a.id, label: `${a.id} ${a.name}` }))}
            onChange={(agentId: string) => actions.route.mutate({ callId: call.id, agentId }, { onError: failed })}
            data-testid="route-call"
          />
        ) : null,
    },
  ];

  const agentColumns: TableColumnsType<FloorAgent> = [
    { title: t('agent'), key: 'agent', render: (_: unknown, a) => `${a.id} ${a.name}` },
    { title: t('state'), dataIndex: 'state', render: (state: FloorAgent['state'], a) => (a.connected ? <Tag color={STATE_COLORS[state]} data-testid="agent-state">{ts(state)}</Tag> : <Tag data-testid="agent-state">{t('offline')}</Tag>) },
    { title: t('inState'), dataIndex: 'stateSince', align: 'right', render: (since: number) => <Elapsed since={since} offsetMs={clockOffsetMs} /> },
    { title: t('currentCall'), dataIndex: 'callId', render: (callId: string | null) => (callId ? (floor?.calls.find((c) => c.id === callId)?.number ?? callId) : t('none')) },
    { title: t('groups'), dataIndex: 'skillGroups', render: (groups: string[]) => (groups.length ? groups.map(groupName).join(locale === 'zh-CN' ? '、' : ', ') : t('none')) },
    { title: t('missed'), dataIndex: 'missedToday', align: 'right' },
    {
      title: t('actions'),
      key: 'actions',
      render: (_: unknown, a) => (
        <Select<SelectableAgentState>
          size="small"
          style={{ minWidth: 110 }}
          aria-label={t('setState', { agent: `${a.id} ${a.name}` })}
          placeholder={t('state')}
          value={null}
          disabled={actions.setState.isPending}
          options={SELECTABLE.map((state) => ({ value: state, label: ts(state) }))}
          onChange={(state) => actions.setState.mutate({ agentId: a.id, state }, { onError: failed })}
          data-testid="set-agent-state"
        />
      ),
    },
  ];

  return (
    <Flex vertical gap={12} data-testid="operations-board" data-floor-at={floor?.at ?? ''}>
      <RefetchFloorOnPush />
      {error ? <Alert type="error" showIcon message={t('failed')} description={error.message} /> : null}
      <Card size="small" title={t('queues')}>
        <Table size="small" rowKey="name" columns={queueColumns} dataSource={floor?.queues ?? []} pagination={false} locale={{ emptyText: t('noRows') }} loading={!floor && !error} onRow={(q) => rowHook({ 'data-queue': q.name })} />
      </Card>
      <Card size="small" title={t('calls')}>
        {floor && floor.calls.length === 0 ? (
          // Plain text, not the table's empty row: that row's placeholder colour fails WCAG AA contrast (axe).
          <p data-testid="no-calls">{t('noCalls')}</p>
        ) : (
          <Table size="small" rowKey="id" columns={callColumns} dataSource={floor?.calls ?? []} pagination={false} onRow={(c) => rowHook({ 'data-call': c.id, 'data-phase': c.phase })} scroll={{ x: 'max-content' }} />
        )}
      </Card>
      <Card size="small" title={t('agents')}>
        <Table size="small" rowKey="id" columns={agentColumns} dataSource={agents} pagination={false} locale={{ emptyText: t('noRows') }} onRow={(a) => rowHook({ 'data-agent': a.id, 'data-state': a.connected ? a.state : 'disconnected' })} scroll={{ x: 'max-content' }} />
      </Card>
      <RemoteLoadsCard size="small" load={(windowMinutes) => client.remoteLoadSummary(windowMinutes)} queryKey={['octopus', 'operations', 'remote-loads']} />
    </Flex>
  );
}
