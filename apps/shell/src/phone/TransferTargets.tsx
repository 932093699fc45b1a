import { useMemo } from 'react';
import { Radio, Space, Tag, Typography, useLocale, useT } from '@octopus/ui';
import { Select } from '@octopus/ui/select';
import { inertText } from '@octopus/contracts';
import { useAgentId, useAgents, useTelephony } from '@octopus/telephony/react';
import { phoneMessages } from './phone-messages';
import { groupLabel } from '../i18n/group-label';

/** What the transfer dialog's body is given: the chosen kind and target, and how to change them. */
export interface TransferTargetsProps {
  kind: 'agent' | 'group';
  onKind: (kind: 'agent' | 'group') => void;
  agentId: string | null;
  onAgent: (agentId: string) => void;
  group: string | null;
  onGroup: (group: string) => void;
}

/** Case-insensitive match of what was typed against an option's `search` text (name, ID, group). */
function matchesSearch(input: string, option?: { search?: string }): boolean {
  return (option?.search ?? '').toLocaleLowerCase().includes(input.trim().toLocaleLowerCase());
}

/**
 * The transfer dialog's body: live agents and groups, subscribed only while the dialog is open. A chunk of
 * its own with antd's Select (`@octopus/ui/select`), loaded when the dialog first opens, not at login (ADR 0003).
 */
export function TransferTargets({ kind, onKind, agentId, onAgent, group, onGroup }: TransferTargetsProps) {
  const t = useT(phoneMessages);
  const selfId = useAgentId();
  const agents = useAgents();
  const locale = useLocale();
  const groupsById = useTelephony((state) => state.groups);
  const groups = useMemo(
    () => Object.values(groupsById).map((g) => ({ ...g, display: groupLabel(g.name, g, locale) })).sort((a, b) => a.display.localeCompare(b.display, locale)),
    [groupsById, locale],
  );
  const others = agents.filter((agent) => agent.id !== selfId && agent.connected);
  const joinGroups = (names: readonly string[]) => names.map((name) => groupLabel(name, groupsById[name], locale)).join(locale === 'zh-CN' ? '、' : ', ');
  return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group value={kind} onChange={(event) => onKind(event.target.value as 'agent' | 'group')} optionType="button">
          <Radio value="agent">{t('toAgent')}</Radio>
          <Radio value="group">{t('toGroup')}</Radio>
        </Radio.Group>
        {kind === 'agent' ? (
          others.length ? (
            <Select
              aria-label={t('pickAgent')}
              placeholder={t('pickAgent')}
              value={agentId}
              onChange={onAgent}
              style={{ width: '100%' }}
              // Typing a name, ID or group finds a colleague without aiming the pointer at a list that
              // re-renders with every state change on the floor (and Enter picks the first free one).
              showSearch
              filterOption={matchesSearch}
              options={others.map((agent) => ({
                value: agent.id,
                search: `${agent.name} ${agent.id} ${joinGroups(agent.skillGroups)}`,
                disabled: agent.state !== 'idle',
                label: (
                  <Space>
                    <span>
                      {inertText(agent.name)} ({agent.id})
                    </span>
                    <Tag color={agent.state === 'idle' ? 'green' : 'default'}>{t(`state.${agent.state}`)}</Tag>
                    <Typography.Text type="secondary">{joinGroups(agent.skillGroups)}</Typography.Text>
                  </Space>
                ),
              }))}
            />
          ) : (
            <Typography.Text type="secondary">{t('noAgentsAvailable')}</Typography.Text>
          )
        ) : (
          <Select
            aria-label={t('pickGroup')}
            placeholder={t('pickGroup')}
            value={group}
            onChange={onGroup}
            style={{ width: '100%' }}
            showSearch
            filterOption={matchesSearch}
            options={groups.map((g) => ({
              value: g.name,
              search: `${g.display} ${g.name}`,
              label: (
                <Space>
                  <span>{g.display}</span>
                  <Typography.Text type="secondary">{t('groupLoad', { queued: g.queued, idle: g.idleAgents })}</Typography.Text>
                </Space>
              ),
            }))}
          />
        )}
      </Space>
  );
}
