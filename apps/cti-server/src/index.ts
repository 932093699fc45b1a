// Public surface of @octopus/cti-server: run the server in-process (tests, e2e harness) and its building blocks.
export { startCtiServer, originPolicy, type CtiServer, type CtiServerOptions, type OctopusMode } from './server/start';
export { CtiEngine, type EngineOptions, type CommandOutcome, type InboundCallRequest } from './engine/engine';
export { authGrants, type AuthGrantsOptions } from './engine/auth-grants';
export { BufferedOutput, type EngineOutput } from './engine/output';
export { ManualClock, realClock, type Clock } from './engine/clock';
export { DEMO_PASSWORD } from '@octopus/auth';
export { DEMO_AGENTS, DEMO_GROUPS, DEMO_HOTLINES, DEMO_IVR_MENU, DEMO_STAFF, type AgentAccount, type GroupConfig, type OverflowTarget } from './engine/config';
export {
  MemoryDirectory,
  MemoryGrantEndSink,
  MemoryRecordSink,
  nullDirectory,
  type AccountDirectory,
  type AuthAnswer,
  type CallerNetwork,
  type CallRecordSink,
  type CustomerDirectory,
  type GrantEndSink,
  type GrantRequest,
  type GrantSigner,
} from './engine/ports';
export { MemoryAccountDirectory, demoAccounts, type MemoryAccount, type MemoryAccountDirectoryOptions, type MemorySession } from './accounts/memory';
export { NumberSegmentTable, type NumberLocation } from './engine/segments';
export { Outbox, type OutboxMessage } from './api/outbox';
export { InternalApiClient } from './api/internal-api-client';
