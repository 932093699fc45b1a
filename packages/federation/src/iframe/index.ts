// The iframe bridge: a framework-free core for both sides plus the host's React slot.
export * from './protocol';
export * from './origin';
export * from './bridge';
export * from './IframeRemoteSlot';
