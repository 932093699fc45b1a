import type { ReactElement, ReactNode } from 'react';
import { act, render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type {
  AuditLogQuery,
  AuditLogResponse,
  CallRecordDto,
  CustomerHistoryResponse,
  CustomerSummary,
  DispositionListResponse,
  LoginResponse,
  RemoteLoadSummary,
  UserSearchResult,
} from '@octopus/contracts';
import { TelephonyClient, type TelephonyStore } from '@octopus/telephony';
import { createSimulatedTelephony, type SimulatedTelephony, type SimulatedTelephonyOptions } from '@octopus/telephony/testing';
import { TelephonyProvider } from '@octopus/telephony/react';
import { OctopusUiProvider } from '@octopus/ui';
import { ShellContextProvider } from './config/ShellContext';
import { ApiError, type ShellApi } from './api/shell-api';
import { ShellApiProvider } from './api/ShellApiProvider';
import { createWorkspaceStore, type WorkspaceStore } from './workspace/workspace-store';
import { WorkspaceProvider } from './workspace/WorkspaceProvider';

/** An in-memory stand-in for the api's call-record and identity endpoints, with the same semantics. */
export class FakeShellApi implements ShellApi {
  records: CallRecordDto[] = [];
  notesSaved: Array<{ callId: string; note: string }> = [];
  deleted: string[] = [];

  async recentCallRecords(limit = 10) {
    return this.records.slice(0, limit);
  }
  async saveNote(callId: string, note: string) {
    const record = this.records.find((r) => r.callId === callId);
    if (!record) throw new ApiError({ kind: 'not_found', message: 'no call record yet', status: 404 });
    record.note = note;
    this.notesSaved.push({ callId, note });
    return { ...record };
  }
  async deleteRecord(callId: string) {
    this.deleted.push(callId);
    this.records = this.records.filter((r) => r.callId !== callId);
  }
  async searchUsers(): Promise<UserSearchResult[]> {
    return [];
  }
  verifyCalls: Array<{ userId: string; input: string; callId: string | null }> = [];
  async verifyIdentity(userId: string, input: string, callId: string | null) {
    this.verifyCalls.push({ userId, input, callId });
    const ok = input === '1239';
    // Like the api: a passed check for a call comes with a proof for the cti-server.
    const proof = ok && callId ? `proof.${callId}.${userId}` : null;
    return { status: ok ? ('verified' as const) : ('failed' as const), method: 'agent-confirm' as const, check: 'id-suffix' as const, userId, attemptsLeft: ok ? 5 : 4, proof };
  }
  auditQueries: AuditLogQuery[] = [];
  auditPages: AuditLogResponse[] = [];
  auditError: Error | null = null;
  async auditLog(query: AuditLogQuery) {
    this.auditQueries.push(query);
    if (this.auditError) throw this.auditError;
    return this.auditPages.shift() ?? { entries: [], nextBefore: null };
  }
  /** Customer summaries by `<userId>:<masked|full>`: the grant's level decides (the simulated driver's grants end in `.verified`). */
  summaries: Record<string, CustomerSummary> = {};
  summaryCalls: Array<{ userId: string; grant: string | null }> = [];
  async customerSummary(userId: string, grant: string | null) {
    this.summaryCalls.push({ userId, grant });
    const summary = this.summaries[`${userId}:${grant?.endsWith('.verified') ? 'full' : 'masked'}`];
    if (!summary) throw new ApiError({ kind: 'no_access', message: 'no access to this customer', status: 403, code: 'no_access' });
    return summary;
  }
  histories: Record<string, CustomerHistoryResponse> = {};
  historyCalls: Array<{ userId: string; grant: string | null }> = [];
  async customerHistory(userId: string, grant: string | null) {
    this.historyCalls.push({ userId, grant });
    return this.histories[userId] ?? { userId, entries: [], access: { via: grant ? ('grant' as const) : ('search' as const), masked: true } };
  }
  /** Wrap-up codes by skill group. */
  dispositionLists: Record<string, DispositionListResponse> = {};
  async dispositions(skillGroup: string) {
    return this.dispositionLists[skillGroup] ?? { skillGroup, required: false, dispositions: [] };
  }
  dispositionsSet: Array<{ callId: string; code: string | null }> = [];
  async setDisposition(callId: string, code: string | null) {
    const record = this.records.find((r) => r.callId === callId);
    if (!record) throw new ApiError({ kind: 'not_found', message: 'no call record yet', status: 404 });
    const list = this.dispositionLists[record.skillGroup ?? '']?.dispositions ?? [];
    // A new object, as a server answer is: never mutate what a cache may hold.
    const next = { ...record, disposition: code === null ? null : (list.find((d) => d.code === code) ?? null) };
    this.records = this.records.map((r) => (r.callId === callId ? next : r));
    this.dispositionsSet.push({ callId, code });
    return { ...next };
  }
  /** What remoteLoadSummary answers (rows per remote, release and track). */
  remoteLoads: RemoteLoadSummary = { windowMinutes: 60, rows: [] };
  async remoteLoadSummary() {
    return this.remoteLoads;
  }
}

/** A fixed "now" for session tests (2026-11-30 09:00 UTC). */
export const NOW = Date.UTC(2026, 10, 30, 9, 0, 0);

/** The cti-server's login answer (contracts' LoginResponse): a 15-minute token from NOW. */
export function loginResponse(overrides: Partial<LoginResponse> = {}): LoginResponse {
  return {
    token: 't1',
    expiresAt: NOW + 15 * 60_000,
    sessionId: 's-1',
    agent: { id: '1001', name: '王芳', role: 'agent', skillGroups: ['presale'] },
    ...overrides,
  };
}

export function recordDto(callId: string, overrides: Partial<CallRecordDto> = {}): CallRecordDto {
  return {
    callId,
    agentId: '1001',
    direction: 'inbound',
    number: '13800138000',
    province: '北京',
    city: '北京',
    skillGroup: 'presale',
    keyTrack: '1',
    verificationStatus: 'unverified',
    verificationMethod: null,
    userId: null,
    connectedAt: '2026-11-21T08:00:00.000Z',
    endedAt: '2026-11-21T08:05:00.000Z',
    durationSeconds: 300,
    transfers: [],
    rating: null,
    endReason: 'caller-hangup',
    note: '',
    noteUpdatedAt: null,
    disposition: null,
    createdAt: '2026-11-21T08:00:00.000Z',
    updatedAt: '2026-11-21T08:05:00.000Z',
    ...overrides,
  };
}

export interface Harness {
  client: TelephonyClient;
  store: TelephonyStore;
  driver: SimulatedTelephony;
  api: FakeShellApi;
  workspace: WorkspaceStore;
  queryClient: QueryClient;
  wrapper: (props: { children: ReactNode }) => ReactElement;
}

const running: SimulatedTelephony[] = [];
afterEach(() => {
  for (const driver of running.splice(0)) driver.stop();
});

/** THE store fed by the simulated driver (no server), plus the shell's providers. */
export function createHarness(options: SimulatedTelephonyOptions = {}): Harness {
  const client = new TelephonyClient();
  const store = client.store;
  const driver = createSimulatedTelephony({ autoRing: false, autoAnswerMs: null, ...options });
  client.connect(driver);
  running.push(driver);
  const api = new FakeShellApi();
  const workspace = createWorkspaceStore();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <TelephonyProvider client={client}>
        <OctopusUiProvider locale="en-US">
          <ShellContextProvider value={{ apiUrl: 'http://api.test', ctiUrl: 'http://cti.test', token: 'token' }}>
            <ShellApiProvider api={api}>
              <WorkspaceProvider store={workspace}>{children}</WorkspaceProvider>
            </ShellApiProvider>
          </ShellContextProvider>
        </OctopusUiProvider>
      </TelephonyProvider>
    </QueryClientProvider>
  );
  return { client, store, driver, api, workspace, queryClient, wrapper };
}

export async function renderWith(harness: Harness, ui: ReactElement) {
  let result!: ReturnType<typeof render>;
  await act(async () => {
    result = render(ui, { wrapper: harness.wrapper });
  });
  return result;
}

/** Lets the simulated driver's timers (snapshot, ring) fire. */
export async function settle(ms = 20) {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
}
