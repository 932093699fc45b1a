import { createContext, useContext, useId, type ReactNode } from 'react';
import type { BusinessHours, GroupRules, Locale, MemberLevel, QueueExit, RulesResponse } from '@octopus/contracts';
import { memberLevelSchema, routingPolicySchema } from '@octopus/contracts';
import { Button, Card, Flex, Input, Radio, Tag, useT } from '@octopus/ui';
import { Select } from '@octopus/ui/select';
import { countOf, exitOfKind, fieldMatches, msOf, secondsOf } from './draft';
import { rulesMessages } from './rules-messages';

/** The field a server refusal named (dotted path), for the fields to show their error beside them. */
const ErrorContext = createContext<{ field?: string; message?: string }>({});

const LEVELS = memberLevelSchema.options;
const STRATEGIES = routingPolicySchema.options;
const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const EXIT_KINDS = ['overflow', 'callback', 'voicemail', 'closed'] as const;

/**
 * One form field: its label, the control, and the server's error when the refusal names `name` (or a path
 * inside it when `nested`). The control gets `id` (for the label) and `aria-invalid` through `children(id, invalid)`.
 */
function Field({ label, name, nested, children }: { label: string; name: string; nested?: boolean; children: (id: string, invalid: boolean) => ReactNode }) {
  const id = useId();
  const error = useContext(ErrorContext);
  const invalid = fieldMatches(error.field, name, nested);
  return (
    <div data-field={name} style={{ display: 'flex', flexDirection: 'column', gap: 4, minWidth: 160 }}>
      <label htmlFor={id}>{label}</label>
      {children(id, invalid)}
      {invalid ? (
        <div role="alert" id={`${id}-error`} data-field-error={name} style={{ color: '#cf1322' }}>
          {error.message}
        </div>
      ) : null}
    </div>
  );
}

/** A text field bound to a string (seconds, counts, names). */
function TextField({ label, name, value, onChange, type = 'number', nested, width = 160 }: { label: string; name: string; value: string; onChange: (value: string) => void; type?: string; nested?: boolean; width?: number }) {
  return (
    <Field label={label} name={name} nested={nested}>
      {(id, invalid) => <Input id={id} type={type} value={value} status={invalid ? 'error' : undefined} aria-invalid={invalid} style={{ width }} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

/** The editor of one queue exit (what happens to a caller the group does not take). */
function ExitField({ label, name, exit, onChange, groups, groupLabel, nullable }: { label: string; name: string; exit: QueueExit | null; onChange: (exit: QueueExit | null) => void; groups: string[]; groupLabel: (name: string) => string; nullable: boolean }) {
  const t = useT(rulesMessages);
  const kinds = [...(nullable ? (['none'] as const) : []), ...EXIT_KINDS];
  const closedText = { 'zh-CN': '您好，现在暂停服务，请稍后再拨。', 'en-US': 'Sorry, we are closed now. Please call again later.' };
  return (
    <Flex gap={12} wrap align="flex-start">
      <Field label={label} name={name}>
        {(id, invalid) => (
          <Select
            id={id}
            status={invalid ? 'error' : undefined}
            style={{ minWidth: 200 }}
            value={exit?.kind ?? 'none'}
            options={kinds.map((kind) => ({ value: kind, label: t(`exit.${kind}`) }))}
            onChange={(kind: QueueExit['kind'] | 'none') => onChange(exitOfKind(kind, groups, closedText))}
            data-testid={`${name}-kind`}
          />
        )}
      </Field>
      {exit?.kind === 'overflow' ? (
        <Field label={t('exitGroup')} name={`${name}.group`}>
          {(id, invalid) => (
            <Select
              id={id}
              status={invalid ? 'error' : undefined}
              style={{ minWidth: 180 }}
              value={exit.group}
              options={groups.map((g) => ({ value: g, label: groupLabel(g) }))}
              onChange={(group: string) => onChange({ kind: 'overflow', group })}
              data-testid={`${name}-group`}
            />
          )}
        </Field>
      ) : null}
      {exit?.kind === 'closed' ? (
        <>
          <TextField type="text" width={280} label={t('messageZh')} name={`${name}.message.zh-CN`} value={exit.message['zh-CN']} onChange={(v) => onChange({ ...exit, message: { ...exit.message, 'zh-CN': v } })} />
          <TextField type="text" width={280} label={t('messageEn')} name={`${name}.message.en-US`} value={exit.message['en-US']} onChange={(v) => onChange({ ...exit, message: { ...exit.message, 'en-US': v } })} />
        </>
      ) : null}
    </Flex>
  );
}

const DEFAULT_HOURS: BusinessHours = {
  timeZone: 'Asia/Shanghai',
  weekly: [{ days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' }],
  holidays: [],
  outOfHours: { kind: 'voicemail' },
};

/** Props of `RulesEditor`: the group edited, its draft, and the server's last refusal. */
export interface RulesEditorProps {
  group: string;
  rules: GroupRules;
  onChange: (rules: GroupRules) => void;
  info: RulesResponse;
  locale: Locale;
  /** The refusal of the last save (its `field` is shown beside that field), if any. */
  error?: { field?: string; message: string };
}

/**
 * The form of one skill group's rules: strategy and skill levels, caller priority, queue wait and capacity with
 * their exits, ring timeout and wrap-up (the codes read-only), business hours with holidays, sticky agent.
 * Times are shown in seconds and days; the draft is the contract's `GroupRules` (ms).
 */
export function RulesEditor({ group, rules, onChange, info, locale, error }: RulesEditorProps) {
  const t = useT(rulesMessages);
  const set = <K extends keyof GroupRules>(key: K, value: GroupRules[K]) => onChange({ ...rules, [key]: value });
  const groupInfo = info.groups.find((g) => g.name === group);
  const groupLabel = (name: string) => {
    const g = info.groups.find((x) => x.name === name);
    return g ? (g.labels?.[locale] ?? g.label) : name;
  };
  const others = info.groups.map((g) => g.name).filter((name) => name !== group);
  const codes = info.wrapUpCodes[group];
  const hours = rules.businessHours;
  const setHours = (next: Partial<BusinessHours>) => set('businessHours', { ...(hours ?? DEFAULT_HOURS), ...next });

  return (
    <ErrorContext.Provider value={{ field: error?.field, message: error?.message }}>
      <Flex vertical gap={12}>
        <Card size="small" title={t('strategy')}>
          <Flex vertical gap={12}>
            <Radio.Group
              aria-label={t('strategy')}
              optionType="button"
              value={rules.strategy}
              options={STRATEGIES.map((s) => ({ value: s, label: t(`strategy.${s}`) }))}
              onChange={(e) => set('strategy', e.target.value as GroupRules['strategy'])}
              data-testid="rules-strategy"
            />
            <Flex gap={12} wrap data-testid="agent-levels">
              <span style={{ width: '100%' }}>{t('agentLevels')}</span>
              {(groupInfo?.agents ?? []).map((agent) => (
                <TextField
                  key={agent.id}
                  width={100}
                  label={t('agentLevel', { agent: `${agent.id} ${agent.name}` })}
                  name={`agentLevels.${agent.id}`}
                  value={String(rules.agentLevels[agent.id] ?? '')}
                  onChange={(v) => {
                    const { [agent.id]: _old, ...rest } = rules.agentLevels;
                    const level = countOf(v);
                    set('agentLevels', level === null ? rest : { ...rest, [agent.id]: level });
                  }}
                />
              ))}
            </Flex>
            <Flex gap={12} wrap>
              <span style={{ width: '100%' }}>{t('priority')}</span>
              {LEVELS.map((level: MemberLevel) => (
                <TextField
                  key={level}
                  width={100}
                  label={t(`level.${level}`)}
                  name={`priorityByLevel.${level}`}
                  value={String(rules.priorityByLevel[level] ?? '')}
                  onChange={(v) => {
                    const { [level]: _old, ...rest } = rules.priorityByLevel;
                    const priority = countOf(v);
                    set('priorityByLevel', priority === null ? rest : { ...rest, [level]: priority });
                  }}
                />
              ))}
            </Flex>
          </Flex>
        </Card>

        <Card size="small" title={t('queue')}>
          <Flex vertical gap={12}>
            <Flex gap={12} wrap align="flex-start">
              <TextField label={t('maxWait')} name="maxWaitMs" value={secondsOf(rules.maxWaitMs)} onChange={(v) => set('maxWaitMs', msOf(v))} />
              <ExitField label={t('onMaxWait')} name="onMaxWait" exit={rules.onMaxWait} onChange={(exit) => set('onMaxWait', exit)} groups={others} groupLabel={groupLabel} nullable />
            </Flex>
            <Flex gap={12} wrap align="flex-start">
              <TextField label={t('capacity')} name="capacity" value={rules.capacity === null ? '' : String(rules.capacity)} onChange={(v) => set('capacity', countOf(v))} />
              <ExitField label={t('onFull')} name="onFull" exit={rules.onFull} onChange={(exit) => set('onFull', exit)} groups={others} groupLabel={groupLabel} nullable />
            </Flex>
          </Flex>
        </Card>

        <Card size="small" title={t('timing')}>
          <Flex gap={12} wrap align="flex-start">
            <TextField label={t('ringTimeout')} name="ringTimeoutMs" value={secondsOf(rules.ringTimeoutMs)} onChange={(v) => set('ringTimeoutMs', msOf(v) ?? Number.NaN)} />
            <TextField label={t('wrapUp')} name="wrapUpMs" value={secondsOf(rules.wrapUpMs)} onChange={(v) => set('wrapUpMs', msOf(v) ?? Number.NaN)} />
            <div data-testid="wrap-up-codes">
              <div>{t('wrapUpCodes')}</div>
              {codes && codes.codes.length > 0 ? codes.codes.map((code) => <Tag key={code}>{code}</Tag>) : <span>{t('noCodes')}</span>}
              {codes?.required ? <Tag color="red">{t('wrapUpRequired')}</Tag> : null}
            </div>
          </Flex>
        </Card>

        <Card size="small" title={t('hours')}>
          <Flex vertical gap={12}>
            <Radio.Group
              aria-label={t('hours')}
              optionType="button"
              value={hours ? 'hours' : 'always'}
              options={[
                { value: 'always', label: t('alwaysOpen') },
                { value: 'hours', label: t('byHours') },
              ]}
              onChange={(e) => set('businessHours', e.target.value === 'hours' ? (hours ?? DEFAULT_HOURS) : null)}
              data-testid="rules-hours"
            />
            {hours ? (
              <>
                <TextField type="text" label={t('timeZone')} name="businessHours.timeZone" value={hours.timeZone ?? ''} onChange={(v) => setHours({ timeZone: v })} />
                {hours.weekly.map((span, i) => (
                  <Flex key={i} gap={12} wrap align="flex-end" data-testid="opening-span">
                    <Field label={t('days')} name={`businessHours.weekly.${i}.days`} nested>
                      {(id, invalid) => (
                        <Select
                          id={id}
                          mode="multiple"
                          status={invalid ? 'error' : undefined}
                          style={{ minWidth: 260 }}
                          value={span.days}
                          options={DAYS.map((d) => ({ value: d, label: t(`day.${d}`) }))}
                          onChange={(days: number[]) => setHours({ weekly: hours.weekly.map((s, j) => (j === i ? { ...s, days: [...days].sort() } : s)) })}
                        />
                      )}
                    </Field>
                    <TextField type="time" width={120} label={t('open')} name={`businessHours.weekly.${i}.open`} value={span.open} onChange={(v) => setHours({ weekly: hours.weekly.map((s, j) => (j === i ? { ...s, open: v } : s)) })} />
                    <TextField type="text" width={120} label={t('close')} name={`businessHours.weekly.${i}.close`} value={span.close} onChange={(v) => setHours({ weekly: hours.weekly.map((s, j) => (j === i ? { ...s, close: v } : s)) })} />
                    <Button onClick={() => setHours({ weekly: hours.weekly.filter((_, j) => j !== i) })}>{t('remove')}</Button>
                  </Flex>
                ))}
                <Button style={{ alignSelf: 'flex-start' }} onClick={() => setHours({ weekly: [...hours.weekly, { days: [6, 7], open: '10:00', close: '16:00' }] })}>
                  {t('addSpan')}
                </Button>
                <span>{t('holidays')}</span>
                {hours.holidays.map((holiday, i) => (
                  <Flex key={i} gap={12} wrap align="flex-end" data-testid="holiday">
                    <TextField type="date" width={170} label={t('holidayDate')} name={`businessHours.holidays.${i}.date`} value={holiday.date} onChange={(v) => setHours({ holidays: hours.holidays.map((h, j) => (j === i ? { ...h, date: v } : h)) })} />
                    <TextField type="text" width={200} label={t('holidayName')} name={`businessHours.holidays.${i}.name`} value={holiday.name} onChange={(v) => setHours({ holidays: hours.holidays.map((h, j) => (j === i ? { ...h, name: v } : h)) })} />
                    <Button onClick={() => setHours({ holidays: hours.holidays.filter((_, j) => j !== i) })}>{t('remove')}</Button>
                  </Flex>
                ))}
                <Button style={{ alignSelf: 'flex-start' }} onClick={() => setHours({ holidays: [...hours.holidays, { date: new Date().toISOString().slice(0, 10), name: t('holidays') }] })}>
                  {t('addHoliday')}
                </Button>
                <ExitField label={t('outOfHours')} name="businessHours.outOfHours" exit={hours.outOfHours} onChange={(exit) => exit && setHours({ outOfHours: exit })} groups={others} groupLabel={groupLabel} nullable={false} />
              </>
            ) : null}
          </Flex>
        </Card>

        <Card size="small" title={t('sticky')}>
          <Flex gap={12} wrap align="flex-end">
            <Radio.Group
              aria-label={t('sticky')}
              optionType="button"
              value={rules.sticky ? 'on' : 'off'}
              options={[
                { value: 'off', label: t('stickyOff') },
                { value: 'on', label: t('stickyOn') },
              ]}
              onChange={(e) => set('sticky', e.target.value === 'on' ? (rules.sticky ?? { withinDays: 7, waitMs: 15_000 }) : null)}
              data-testid="rules-sticky"
            />
            {rules.sticky ? (
              <>
                <TextField label={t('stickyDays')} name="sticky.withinDays" value={String(rules.sticky.withinDays)} onChange={(v) => set('sticky', { ...rules.sticky!, withinDays: countOf(v) ?? Number.NaN })} />
                <TextField label={t('stickyWait')} name="sticky.waitMs" value={secondsOf(rules.sticky.waitMs)} onChange={(v) => set('sticky', { ...rules.sticky!, waitMs: msOf(v) ?? Number.NaN })} />
              </>
            ) : null}
          </Flex>
        </Card>
      </Flex>
    </ErrorContext.Provider>
  );
}
