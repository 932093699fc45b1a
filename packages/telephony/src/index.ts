// @octopus/telephony: framework-agnostic telephony client and the one zustand store. No React here.
export * from './store';
export * from './driver';
export * from './actions';
export * from './connect';
export * from './ctiDriver';
export * from './simulated';
export * from './voice';
