// @octopus/telephony/react: the provider and selector hooks over the page's one TelephonyClient.
// An explicit list: what is not named here is internal.
export { TelephonyProvider, useTelephonyClient, useTelephonyStoreApi } from './TelephonyProvider';
export { useTelephony } from './useTelephony';
export { useActiveCall } from './useActiveCall';
export { useActiveCallId } from './useActiveCallId';
export { useCall } from './useCall';
export { useCallIds } from './useCallIds';
export { useAgentId, useAgentState } from './useAgentState';
export { useConnection } from './useConnection';
export { useConnectionEnd } from './useConnectionEnd';
export { useSession } from './useSession';
export { usePhoneActions } from './usePhoneActions';
export { useAgents } from './useAgents';
export { useGroups } from './useGroups';
export { useNotices } from './useNotices';
export { useCallMedia, useVoice } from './useVoice';
