// Public surface of @octopus/cti-server: run the server in-process (tests, e2e harness) and its building blocks.
export { startCtiServer, type CtiServer, type CtiServerOptions, type OctopusMode } from './server/start';
export { CtiEngine, type EngineOptions, type CommandOutcome, type InboundCallRequest } from './engine/engine';
export { ManualClock, realClock, type Clock } from './engine/clock';
export { DEMO_AGENTS, DEMO_GROUPS, DEMO_IVR_MENU, DEMO_PASSWORD, type AgentAccount, type GroupConfig, type OverflowTarget } from './engine/config';
export { MemoryDirectory, MemoryRecordSink, nullDirectory, type CallerNetwork, type CallRecordSink, type CustomerDirectory } from './engine/ports';
export { NumberSegmentTable, type NumberLocation } from './engine/segments';
export { OutboxRecordSink } from './api/outbox';
export { ApiClient } from './api/client';
