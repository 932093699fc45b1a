export * from './TelephonyProvider';
export * from './useTelephony';
export * from './useActiveCall';
