import { useEffect, useMemo, useState } from 'react';
import { ivrNodeIdSchema, ivrTreeSchema, IVR_SELF_SERVICES, type CallerMessage, type IvrNode, type IvrSelfService, type IvrTree, type IvrVersion, type RemoteProps } from '@octopus/contracts';
import { Alert, Button, Card, Flex, Input, Popconfirm, Space, Tag, useLocale, useT } from '@octopus/ui';
import { Select } from '@octopus/ui/select';
import { Table, type TableColumnsType } from '@octopus/ui/table';
import { CtiRequestError } from '../shared/cti';
import { ivrMessages } from './ivr-messages';
import { useIvr } from './useIvr';

type Kind = IvrNode['kind'];
const KINDS: Kind[] = ['menu', 'group', 'verify', 'self-service'];
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'];
/** The "no node" choice of `onFail` / `next` selects (null in the tree). */
const NONE = '__none__';
const KIND_LABEL = { menu: 'kindMenu', group: 'kindGroup', verify: 'kindVerify', 'self-service': 'kindSelfService' } as const;
const SERVICE_LABEL: Record<IvrSelfService, 'serviceOrder' | 'serviceConsignment' | 'serviceLoan'> = { 'order-status': 'serviceOrder', 'consignment-status': 'serviceConsignment', 'loan-next-due': 'serviceLoan' };
const EMPTY: CallerMessage = { 'zh-CN': '', 'en-US': '' };

/** A deep copy of a tree to edit (plain JSON data). */
const clone = (tree: IvrTree): IvrTree => JSON.parse(JSON.stringify(tree)) as IvrTree;

/** A fresh node of `kind`, pointing at `fallback` (an existing node) where it must point somewhere. */
export function newNode(kind: Kind, fallback: string, group: string): IvrNode {
  switch (kind) {
    case 'menu':
      return { kind, prompt: { ...EMPTY }, options: { '1': fallback } };
    case 'group':
      return { kind, prompt: null, group };
    case 'verify':
      return { kind, prompt: { ...EMPTY }, next: fallback, onFail: null };
    case 'self-service':
      return { kind, service: 'order-status', prompt: { ...EMPTY }, next: null };
  }
}

/** The tree's problems as `path: message` lines (the same schema the cti-server checks with), none when valid. */
export function treeProblems(tree: IvrTree): string[] {
  const parsed = ivrTreeSchema.safeParse(tree);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

function PromptFields({ value, onChange, optional, label }: { value: CallerMessage | null; onChange: (next: CallerMessage | null) => void; optional?: boolean; label: string }) {
  const t = useT(ivrMessages);
  const current = value ?? EMPTY;
  const set = (locale: keyof CallerMessage, text: string) => {
    const next = { ...current, [locale]: text };
    onChange(optional && !next['zh-CN'] && !next['en-US'] ? null : next);
  };
  return (
    <Flex vertical gap={4}>
      <Input aria-label={`${label} · ${t('promptZh')}`} placeholder={optional ? t('promptOptional') : t('promptZh')} value={current['zh-CN']} onChange={(e) => set('zh-CN', e.target.value)} />
      <Input aria-label={`${label} · ${t('promptEn')}`} placeholder={optional ? t('promptOptional') : t('promptEn')} value={current['en-US']} onChange={(e) => set('en-US', e.target.value)} />
    </Flex>
  );
}

/**
 * The IVR designer (supervisors and admins): pick a hotline number, edit its menu tree — nodes (menu, skill
 * group, verification, self-service), their prompts and key options —, see what is invalid before saving,
 * save (a new version the next call uses), and roll back to an earlier version from the history. The
 * cti-server validates again and names the field of anything it refuses (docs/ivr.md).
 */
export function IvrScreen(props: RemoteProps) {
  const t = useT(ivrMessages);
  const locale = useLocale();
  const ivr = useIvr(props.api.token);
  const hotlines = useMemo(() => Object.keys(ivr.data?.current.hotlines ?? {}), [ivr.data]);
  const [hotline, setHotline] = useState<string | null>(null);
  const selected = hotline ?? hotlines[0] ?? null;
  const saved = selected ? (ivr.data?.current.hotlines[selected] ?? null) : null;
  const [draft, setDraft] = useState<IvrTree | null>(null);
  const [newId, setNewId] = useState('');
  const [newKind, setNewKind] = useState<Kind>('menu');
  const [serverError, setServerError] = useState<string | null>(null);
  // A new version or another hotline: edit what is current.
  const version = ivr.data?.current.version;
  // (Not on every read: a refetch must not throw away edits in progress.)
  const hasSaved = saved !== null;
  useEffect(() => {
    setDraft(saved ? clone(saved) : null);
    setServerError(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `saved` is a new object on every read
  }, [version, selected, hasSaved]);

  const groups = ivr.data?.groups ?? [];
  const groupLabel = (name: string) => {
    const g = groups.find((x) => x.name === name);
    return g?.labels?.[locale] ?? g?.label ?? name;
  };
  const failed = (cause: unknown) => {
    const message = cause instanceof CtiRequestError && cause.status === 409 ? t('conflict') : cause instanceof Error ? cause.message : String(cause);
    setServerError(message);
    props.host.showMessage('error', t('saveFailed', { message }));
  };

  if (ivr.error) return <Alert type="error" showIcon message={t('failed')} description={ivr.error.message} />;
  if (!ivr.data || !draft || !selected) return <Card loading data-testid="ivr-designer" />;

  const nodeIds = Object.keys(draft.nodes);
  const nodeOptions = nodeIds.map((id) => ({ value: id, label: id }));
  const problems = treeProblems(draft);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const setNode = (id: string, node: IvrNode) => setDraft({ ...draft, nodes: { ...draft.nodes, [id]: node } });
  const removeNode = (id: string) => {
    const { [id]: _removed, ...rest } = draft.nodes;
    setDraft({ ...draft, nodes: rest });
  };
  const newIdProblem = newId === '' ? null : !ivrNodeIdSchema.safeParse(newId).success ? t('badNodeId') : draft.nodes[newId] ? t('nodeExists', { id: newId }) : null;
  const addNode = () => {
    setDraft({ ...draft, nodes: { ...draft.nodes, [newId]: newNode(newKind, draft.root, groups[0]?.name ?? '') } });
    setNewId('');
  };

  const nodeCard = (id: string, node: IvrNode) => {
    const label = t('node', { id });
    return (
      <Card
        key={id}
        size="small"
        title={label}
        data-testid={`ivr-node-${id}`}
        extra={
          <Space>
            <Select<Kind>
              size="small"
              aria-label={`${label} · ${t('kind')}`}
              value={node.kind}
              style={{ minWidth: 120 }}
              options={KINDS.map((k) => ({ value: k, label: t(KIND_LABEL[k]) }))}
              onChange={(kind) => setNode(id, newNode(kind, draft.root === id ? (nodeIds.find((n) => n !== id) ?? id) : draft.root, groups[0]?.name ?? ''))}
            />
            <Button size="small" danger onClick={() => removeNode(id)} aria-label={`${t('removeNode')} ${id}`}>
              {t('removeNode')}
            </Button>
          </Space>
        }
      >
        <Flex vertical gap={8}>
          {node.kind !== 'group' ? (
            <PromptFields label={label} value={node.prompt} onChange={(prompt) => setNode(id, { ...node, prompt: prompt ?? { ...EMPTY } } as IvrNode)} />
          ) : (
            <PromptFields label={label} optional value={node.prompt} onChange={(prompt) => setNode(id, { ...node, prompt })} />
          )}
          {node.kind === 'menu' ? (
            <Flex vertical gap={4} data-testid={`ivr-options-${id}`}>
              <span>{t('options')}</span>
              {Object.entries(node.options).map(([key, target]) => (
                <Space key={key}>
                  <Select
                    size="small"
                    aria-label={`${label} · ${t('key')} ${key}`}
                    value={key}
                    style={{ width: 70 }}
                    options={KEYS.filter((k) => k === key || !(k in node.options)).map((k) => ({ value: k, label: k }))}
                    onChange={(next: string) => {
                      const options = Object.fromEntries(Object.entries(node.options).map(([k, v]) => [k === key ? next : k, v]));
                      setNode(id, { ...node, options });
                    }}
                  />
                  <Select size="small" aria-label={`${label} · ${t('target')} ${key}`} value={target} style={{ minWidth: 140 }} options={nodeOptions} onChange={(next: string) => setNode(id, { ...node, options: { ...node.options, [key]: next } })} />
                  <Button
                    size="small"
                    aria-label={t('removeOption', { key })}
                    onClick={() => {
                      const { [key]: _gone, ...options } = node.options;
                      setNode(id, { ...node, options });
                    }}
                  >
                    {t('remove')}
                  </Button>
                </Space>
              ))}
              <Button
                size="small"
                style={{ alignSelf: 'flex-start' }}
                disabled={KEYS.every((k) => k in node.options)}
                onClick={() => {
                  const free = KEYS.find((k) => !(k in node.options))!;
                  setNode(id, { ...node, options: { ...node.options, [free]: draft.root } });
                }}
              >
                {t('addOption')}
              </Button>
            </Flex>
          ) : null}
          {node.kind === 'group' ? (
            <Select size="small" aria-label={`${label} · ${t('group')}`} value={node.group} style={{ minWidth: 160 }} options={groups.map((g) => ({ value: g.name, label: groupLabel(g.name) }))} onChange={(group: string) => setNode(id, { ...node, group })} />
          ) : null}
          {node.kind === 'verify' ? (
            <Space wrap>
              <span>{t('next')}</span>
              <Select size="small" aria-label={`${label} · ${t('next')}`} value={node.next} style={{ minWidth: 140 }} options={nodeOptions} onChange={(next: string) => setNode(id, { ...node, next })} />
              <span>{t('onFail')}</span>
              <Select
                size="small"
                aria-label={`${label} · ${t('onFail')}`}
                value={node.onFail ?? NONE}
                style={{ minWidth: 140 }}
                options={[{ value: NONE, label: t('agent') }, ...nodeOptions]}
                onChange={(next: string) => setNode(id, { ...node, onFail: next === NONE ? null : next })}
              />
            </Space>
          ) : null}
          {node.kind === 'self-service' ? (
            <Space wrap>
              <span>{t('service')}</span>
              <Select<IvrSelfService>
                size="small"
                aria-label={`${label} · ${t('service')}`}
                value={node.service}
                style={{ minWidth: 260 }}
                options={IVR_SELF_SERVICES.map((s) => ({ value: s, label: t(SERVICE_LABEL[s]) }))}
                onChange={(service) => setNode(id, { ...node, service })}
              />
              <span>{t('next')}</span>
              <Select
                size="small"
                aria-label={`${label} · ${t('next')}`}
                value={node.next ?? NONE}
                style={{ minWidth: 140 }}
                options={[{ value: NONE, label: t('rootMenu') }, ...nodeOptions]}
                onChange={(next: string) => setNode(id, { ...node, next: next === NONE ? null : next })}
              />
            </Space>
          ) : null}
        </Flex>
      </Card>
    );
  };

  const changeText = (v: IvrVersion) =>
    v.change.action === 'seed' ? t('changeSeed') : v.change.action === 'update' ? t('changeUpdate', { hotline: v.change.hotline }) : t('changeRollback', { version: v.change.toVersion });
  const historyColumns: TableColumnsType<IvrVersion> = [
    { title: '#', dataIndex: 'version', render: (n: number) => (n === ivr.data!.current.version ? <Space>{n}<Tag color="green">{t('current')}</Tag></Space> : n) },
    { title: t('at'), dataIndex: 'at', render: (at: number) => new Date(at).toLocaleString(locale) },
    { title: t('by'), dataIndex: 'by' },
    { title: t('change'), key: 'change', render: (_: unknown, v) => changeText(v) },
    {
      title: '',
      key: 'rollback',
      render: (_: unknown, v) =>
        v.version === ivr.data!.current.version ? null : (
          <Popconfirm
            title={t('rollbackConfirm', { version: v.version })}
            onConfirm={() =>
              ivr.rollback.mutate(
                { version: v.version, ifVersion: ivr.data!.current.version },
                { onSuccess: (r) => props.host.showMessage('success', t('rolledBack', { version: r.current.version })), onError: failed },
              )
            }
          >
            <Button size="small" data-testid={`ivr-rollback-${v.version}`}>
              {t('rollback')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Flex vertical gap={12} data-testid="ivr-designer" data-version={ivr.data.current.version}>
      <Space wrap>
        <span>{t('hotline')}</span>
        <Select aria-label={t('hotline')} value={selected} style={{ minWidth: 160 }} options={hotlines.map((h) => ({ value: h, label: h }))} onChange={(h: string) => setHotline(h)} data-testid="ivr-hotline" />
        <Tag data-testid="ivr-version">{t('version', { version: ivr.data.current.version })}</Tag>
        <Button
          type="primary"
          disabled={problems.length > 0 || !dirty || ivr.save.isPending}
          data-testid="ivr-save"
          onClick={() =>
            ivr.save.mutate(
              { hotline: selected, tree: draft, ifVersion: ivr.data!.current.version },
              { onSuccess: (r) => props.host.showMessage('success', t('saved', { version: r.current.version })), onError: failed },
            )
          }
        >
          {t('save')}
        </Button>
        <Button disabled={!dirty} onClick={() => saved && setDraft(clone(saved))}>
          {t('reset')}
        </Button>
      </Space>
      {problems.length > 0 ? (
        <Alert type="warning" showIcon message={t('errors')} description={<ul data-testid="ivr-problems">{problems.map((p) => <li key={p}>{p}</li>)}</ul>} />
      ) : null}
      {serverError ? <Alert type="error" showIcon message={serverError} data-testid="ivr-server-error" /> : null}
      <Card size="small" title={t('settings')}>
        <Flex vertical gap={8}>
          <Space wrap>
            <span>{t('root')}</span>
            <Select aria-label={t('root')} value={draft.root} style={{ minWidth: 140 }} options={nodeOptions} onChange={(root: string) => setDraft({ ...draft, root })} />
            <span>{t('agentGroup')}</span>
            <Select
              aria-label={t('agentGroup')}
              value={draft.agentGroup ?? NONE}
              style={{ minWidth: 160 }}
              options={[{ value: NONE, label: t('defaultGroup') }, ...groups.map((g) => ({ value: g.name, label: groupLabel(g.name) }))]}
              onChange={(g: string) => setDraft({ ...draft, agentGroup: g === NONE ? null : g })}
            />
            <span>{t('maxRepeats')}</span>
            <Select aria-label={t('maxRepeats')} value={draft.maxRepeats} style={{ width: 70 }} options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: String(n) }))} onChange={(maxRepeats: number) => setDraft({ ...draft, maxRepeats })} />
          </Space>
          <PromptFields label={t('invalidPrompt')} value={draft.invalidPrompt} onChange={(p) => setDraft({ ...draft, invalidPrompt: p ?? { ...EMPTY } })} />
        </Flex>
      </Card>
      <Card
        size="small"
        title={t('nodes')}
        extra={
          <Space>
            <Input size="small" aria-label={t('newNodeId')} placeholder={t('newNodeId')} value={newId} onChange={(e) => setNewId(e.target.value.trim())} status={newIdProblem ? 'error' : undefined} style={{ width: 140 }} />
            <Select<Kind> size="small" aria-label={`${t('newNodeId')} · ${t('kind')}`} value={newKind} style={{ minWidth: 110 }} options={KINDS.map((k) => ({ value: k, label: t(KIND_LABEL[k]) }))} onChange={setNewKind} />
            <Button size="small" disabled={!newId || !!newIdProblem} onClick={addNode} data-testid="ivr-add-node">
              {t('addNode')}
            </Button>
          </Space>
        }
      >
        {newIdProblem ? <Alert type="error" message={newIdProblem} style={{ marginBottom: 8 }} /> : null}
        <Flex vertical gap={8}>
          {Object.entries(draft.nodes).map(([id, node]) => nodeCard(id, node))}
        </Flex>
      </Card>
      <Card size="small" title={t('history')}>
        <div role="region" aria-label={t('history')} tabIndex={0} style={{ overflowX: 'auto' }}>
          <Table size="small" rowKey="version" columns={historyColumns} dataSource={ivr.data.history} pagination={false} />
        </div>
      </Card>
    </Flex>
  );
}
