import type { RoutingPolicy } from '@octopus/contracts';

export interface AgentAccount {
  id: string;
  name: string;
  password: string;
  skillGroups: string[];
}

export type OverflowTarget = { kind: 'group'; group: string } | { kind: 'voicemail' } | { kind: 'callback' };

export interface GroupConfig {
  name: string;
  label: string;
  /** Number shown to customers on outbound calls made for this group. */
  callerId: string;
  routing: RoutingPolicy;
  /** Longest a caller waits in this queue before overflow; null waits forever. */
  maxWaitMs: number | null;
  overflow: OverflowTarget | null;
}

export const DEMO_PASSWORD = 'octopus';

/** Demo agents 1001–1008, spread over the three groups, some in several. */
export const DEMO_AGENTS: AgentAccount[] = [
  { id: '1001', name: '王芳', password: DEMO_PASSWORD, skillGroups: ['presale'] },
  { id: '1002', name: '李娜', password: DEMO_PASSWORD, skillGroups: ['presale', 'aftersale'] },
  { id: '1003', name: '张伟', password: DEMO_PASSWORD, skillGroups: ['aftersale'] },
  { id: '1004', name: '刘洋', password: DEMO_PASSWORD, skillGroups: ['aftersale', 'finance'] },
  { id: '1005', name: '陈静', password: DEMO_PASSWORD, skillGroups: ['finance'] },
  { id: '1006', name: '杨磊', password: DEMO_PASSWORD, skillGroups: ['presale', 'finance'] },
  { id: '1007', name: '赵敏', password: DEMO_PASSWORD, skillGroups: ['aftersale'] },
  { id: '1008', name: '黄强', password: DEMO_PASSWORD, skillGroups: ['presale', 'aftersale', 'finance'] },
];

export const DEMO_GROUPS: GroupConfig[] = [
  { name: 'presale', label: '售前咨询', callerId: '4008001001', routing: 'longest-idle', maxWaitMs: 120_000, overflow: { kind: 'group', group: 'aftersale' } },
  { name: 'aftersale', label: '售后服务', callerId: '4008001002', routing: 'longest-idle', maxWaitMs: 180_000, overflow: { kind: 'callback' } },
  { name: 'finance', label: '金融服务', callerId: '4008001003', routing: 'round-robin', maxWaitMs: 180_000, overflow: { kind: 'voicemail' } },
];

/** IVR main menu: first key pressed → skill group. */
export const DEMO_IVR_MENU: Record<string, string> = { '1': 'presale', '2': 'aftersale', '3': 'finance' };
