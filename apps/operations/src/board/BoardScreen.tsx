import type { RemoteProps } from '@octopus/contracts';
import { Card, Flex, Tag, useLocale, useT } from '@octopus/ui';
import { useAgents, useGroups } from '@octopus/telephony/react';
import { agentStateMessages, boardMessages } from './board-messages';

/**
 * The supervisor board: the floor as the cti-server pushes it to every connection (agents and queues),
 * live without reload.
 */
export function BoardScreen(_props: RemoteProps) {
  const t = useT(boardMessages);
  const ts = useT(agentStateMessages);
  const locale = useLocale();
  const agents = useAgents();
  const groups = useGroups();
  return (
    <Flex vertical gap={12} data-testid="operations-board">
      <Card size="small" title={t('queues')}>
        <ul aria-label={t('queues')}>
          {groups.map((group) => (
            <li key={group.name} data-queue={group.name}>
              {group.labels?.[locale] ?? group.label} · {t('waiting')} <span data-testid="queue-waiting">{group.queued}</span>
            </li>
          ))}
        </ul>
      </Card>
      <Card size="small" title={t('agents')}>
        <ul aria-label={t('agents')}>
          {agents.map((agent) => (
            <li key={agent.id} data-agent={agent.id}>
              {agent.id} {agent.name} <Tag>{ts(agent.state)}</Tag>
            </li>
          ))}
        </ul>
      </Card>
    </Flex>
  );
}
