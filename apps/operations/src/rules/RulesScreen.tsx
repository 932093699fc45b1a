import { useState } from 'react';
import type { GroupRules, RemoteProps, RulesVersion } from '@octopus/contracts';
import { Alert, Button, Card, Flex, Radio, Tag, useLocale, useT } from '@octopus/ui';
import { Table, type TableColumnsType } from '@octopus/ui/table';
import type { HTMLAttributes } from 'react';
import { CtiRequestError } from '../shared/cti';
import { groupLabelOf } from '../shared/group-label';
import { changedRules } from './draft';
import { RulesEditor } from './RulesEditor';
import { fieldMessages, rulesMessages } from './rules-messages';
import { useRules } from './useRules';

const rowHook = (attributes: Record<string, string>) => attributes as HTMLAttributes<HTMLElement>;

/**
 * The routing rules, live: per skill group a form of its rules (strategy, skill levels, caller priority, queue
 * wait and capacity with overflow / callback / voicemail / closed, ring timeout, wrap-up, business hours and
 * holidays, sticky agent), saved as a new version the next routing decision follows; the server's refusals
 * beside the field they name; the version history (who, when, what) with a one-click rollback.
 */
export function RulesScreen(props: RemoteProps) {
  const t = useT(rulesMessages);
  const tf = useT(fieldMessages);
  const locale = useLocale();
  const { rules, error, pending, save, rollback } = useRules(props.api.token);
  const [selected, setSelected] = useState<string | null>(null);
  /** Unsaved drafts per group (switching groups keeps them). */
  const [drafts, setDrafts] = useState<Record<string, GroupRules>>({});
  const [refusal, setRefusal] = useState<{ group: string; field?: string; message: string } | null>(null);

  if (error) return <Alert type="error" showIcon title={t('loadFailed')} description={error.message} />;
  if (pending || !rules) return <Card loading size="small" />;

  const group = selected ?? rules.groups[0]?.name ?? '';
  const saved = rules.current.groups[group];
  const draft = drafts[group] ?? saved;
  const changed = saved && draft ? changedRules(saved, draft) : [];
  const groupLabel = groupLabelOf(rules.groups, locale);
  const messageOf = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause));

  const onSave = () => {
    if (!draft) return;
    setRefusal(null);
    save.mutate(
      { group, rules: draft, ifVersion: rules.current.version },
      {
        onSuccess: (current) => {
          setDrafts(({ [group]: _done, ...rest }) => rest);
          props.host.showMessage('success', t('saved', { version: current.version }));
        },
        onError: (cause) => setRefusal({ group, field: cause instanceof CtiRequestError ? cause.field : undefined, message: messageOf(cause) }),
      },
    );
  };
  const onRollback = (version: number) =>
    rollback.mutate(
      { version, ifVersion: rules.current.version },
      {
        onSuccess: (current) => {
          setDrafts({});
          setRefusal(null);
          props.host.showMessage('success', t('rolledBack', { version: current.version }));
        },
        onError: (cause) => props.host.showMessage('error', t('rollbackFailed', { message: messageOf(cause) })),
      },
    );

  const describe = (v: RulesVersion) => {
    const change = v.change;
    if (change.action === 'seed') return t('change.seed');
    if (change.action === 'rollback') return t('change.rollback', { version: change.toVersion });
    const fields = change.fields.map((f) => (f in fieldMessages ? tf(f as keyof typeof fieldMessages) : f));
    return t('change.update', { group: groupLabel(change.group), fields: fields.length ? fields.join(locale === 'zh-CN' ? '、' : ', ') : t('nothingChanged') });
  };
  const historyColumns: TableColumnsType<RulesVersion> = [
    { title: t('historyVersion'), dataIndex: 'version', render: (version: number) => (version === rules.current.version ? <>{version} <Tag color="blue">{t('current')}</Tag></> : version) },
    { title: t('historyAt'), dataIndex: 'at', render: (at: number) => new Date(at).toLocaleString(locale) },
    { title: t('historyBy'), dataIndex: 'by', render: (by: string) => (by === 'system' ? t('system') : by) },
    { title: t('historyChange'), key: 'change', render: (_: unknown, v) => describe(v) },
    {
      title: '',
      key: 'rollback',
      render: (_: unknown, v) =>
        v.version === rules.current.version ? null : (
          // The version in the visible name (axe: label-content-name-mismatch with an aria-label).
          <Button size="small" disabled={rollback.isPending} onClick={() => onRollback(v.version)} data-testid="rules-rollback">
            {t('rollbackLabel', { version: v.version })}
          </Button>
        ),
    },
  ];

  const shownRefusal = refusal?.group === group ? refusal : null;
  return (
    <Flex vertical gap={12} data-testid="rules-screen" data-rules-version={rules.current.version}>
      <Flex gap={12} wrap align="center">
        <Radio.Group
          aria-label={t('group')}
          optionType="button"
          value={group}
          options={rules.groups.map((g) => ({ value: g.name, label: groupLabel(g.name) }))}
          onChange={(e) => setSelected(e.target.value as string)}
          data-testid="rules-group"
        />
        <Tag>{t('version', { version: rules.current.version })}</Tag>
      </Flex>
      {shownRefusal ? <Alert type="error" showIcon title={t('saveFailed', { message: shownRefusal.message })} data-testid="rules-refusal" /> : null}
      {draft ? (
        <RulesEditor key={group} group={group} rules={draft} onChange={(next) => setDrafts((all) => ({ ...all, [group]: next }))} info={rules} locale={locale} error={shownRefusal ?? undefined} />
      ) : null}
      <Flex gap={12} align="center">
        <Button type="primary" loading={save.isPending} disabled={changed.length === 0} onClick={onSave} data-testid="rules-save">
          {t('save')}
        </Button>
        <Button
          disabled={changed.length === 0}
          onClick={() => {
            setDrafts(({ [group]: _dropped, ...rest }) => rest);
            setRefusal(null);
          }}
        >
          {t('reset')}
        </Button>
        {changed.length > 0 ? <span data-testid="rules-unsaved">{t('unsaved')}</span> : null}
      </Flex>
      <Card size="small" title={t('history')}>
        <Table size="small" rowKey="version" columns={historyColumns} dataSource={rules.history} pagination={false} onRow={(v) => rowHook({ 'data-rules-version': String(v.version) })} scroll={{ x: 'max-content' }} />
      </Card>
    </Flex>
  );
}
