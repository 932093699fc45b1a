// @octopus/telephony/react: provider and selector hooks over the one telephony store.
export * from './TelephonyProvider';
export * from './useTelephony';
export * from './useActiveCall';
export * from './useActiveCallId';
export * from './useCall';
export * from './useCallIds';
export * from './useAgentState';
export * from './useConnection';
export * from './useConnectionEnd';
export * from './useSession';
export * from './usePhoneActions';
export * from './useAgents';
export * from './useGroups';
export * from './useNotices';
export * from './useVoice';
