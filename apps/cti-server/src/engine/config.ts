import type { AgentRole, Locale, RoutingPolicy } from '@octopus/contracts';

/**
 * An account as the engine routes with it (the roster comes from the api's `GET /internal/agents`,
 * or from `MemoryAccountDirectory` in tests). Passwords never reach the engine.
 */
export interface AgentAccount {
  id: string;
  name: string;
  skillGroups: string[];
  /** Default `agent`. */
  role?: AgentRole;
  /** A disabled account is not offered calls and cannot connect. Default false. */
  disabled?: boolean;
}

/** Where a caller goes when its wait in a group reaches `maxWaitMs`: another group, voicemail, or a callback request. */
export type OverflowTarget = { kind: 'group'; group: string } | { kind: 'voicemail' } | { kind: 'callback' };

/**
 * A skill group: its outbound caller id and display names, and the seed of its routing rules (strategy,
 * wait limit, overflow): version 1 of the rules (`GroupRules`, rules-book.ts), which supervisors then
 * change live (`PUT /rules/groups/:group`).
 */
export interface GroupConfig {
  name: string;
  /** Display name in the main language (zh-CN); shown for any locale `labels` lacks. */
  label: string;
  /** Display names per UI locale (the shell shows the one of its language). */
  labels?: Partial<Record<Locale, string>>;
  /** Number shown to customers on outbound calls made for this group. */
  callerId: string;
  routing: RoutingPolicy;
  /** Longest a caller waits in this queue before overflow; null waits forever. */
  maxWaitMs: number | null;
  overflow: OverflowTarget | null;
}


/** Demo agents 1001–1008, spread over the three groups, some in several. */
export const DEMO_AGENTS: AgentAccount[] = [
  { id: '1001', name: '王芳', skillGroups: ['presale'] },
  { id: '1002', name: '李娜', skillGroups: ['presale', 'aftersale'] },
  { id: '1003', name: '张伟', skillGroups: ['aftersale'] },
  { id: '1004', name: '刘洋', skillGroups: ['aftersale', 'finance'] },
  { id: '1005', name: '陈静', skillGroups: ['finance'] },
  { id: '1006', name: '杨磊', skillGroups: ['presale', 'finance'] },
  { id: '1007', name: '赵敏', skillGroups: ['aftersale'] },
  { id: '1008', name: '黄强', skillGroups: ['presale', 'aftersale', 'finance'] },
];

/** The demo supervisor and admin (ids from DESIGN.md), in demo and test modes only. */
export const DEMO_STAFF: AgentAccount[] = [
  { id: '2001', name: '周主管', skillGroups: [], role: 'supervisor' },
  { id: '2002', name: '系统管理员', skillGroups: [], role: 'admin' },
];

/** The demo's three skill groups (`presale`, `aftersale`, `finance`: DESIGN.md's demo data); their routing fields are version 1 of the rules. */
export const DEMO_GROUPS: GroupConfig[] = [
  { name: 'presale', label: '售前咨询', labels: { 'zh-CN': '售前咨询', 'en-US': 'Pre-sales' }, callerId: '4008001001', routing: 'longest-idle', maxWaitMs: 120_000, overflow: { kind: 'group', group: 'aftersale' } },
  { name: 'aftersale', label: '售后服务', labels: { 'zh-CN': '售后服务', 'en-US': 'After-sales' }, callerId: '4008001002', routing: 'longest-idle', maxWaitMs: 180_000, overflow: { kind: 'callback' } },
  { name: 'finance', label: '金融服务', labels: { 'zh-CN': '金融服务', 'en-US': 'Finance' }, callerId: '4008001003', routing: 'round-robin', maxWaitMs: 180_000, overflow: { kind: 'voicemail' } },
];

/** The demo's hotline numbers, each with its own IVR tree (seeded from `DEMO_IVR_MENU`): the main line and the finance line. */
export const DEMO_HOTLINES: readonly string[] = ['4008001000', '4008003000'];

/** IVR main menu (version 1 of every hotline's tree): key → skill group. */
export const DEMO_IVR_MENU: Record<string, string> = { '1': 'presale', '2': 'aftersale', '3': 'finance' };
