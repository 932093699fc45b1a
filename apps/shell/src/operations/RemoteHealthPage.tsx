import { SUPERVISING_ROLES, type AgentRole } from '@octopus/contracts';
import { defineMessages, useT } from '@octopus/ui';
import { RemoteLoadsCard } from '@octopus/ui/remote-loads';
import { Result } from '@octopus/ui/result';
import { useShellApi } from '../api/ShellApiProvider';

const messages = defineMessages({
  forbidden: { 'zh-CN': '仅主管和管理员可查看', 'en-US': 'For supervisors and admins' },
});

/**
 * The operator page: per remote, release and track (stable/canary), loads, success rate and p95 load
 * time of the last hour, from the product's telemetry (the card the operations board shows too, from
 * `@octopus/ui/remote-loads`); refreshed every 10 s. Supervisors and admins only.
 */
export function RemoteHealthPage({ role }: { role: AgentRole }) {
  const t = useT(messages);
  const api = useShellApi();
  if (!SUPERVISING_ROLES.includes(role)) return <Result status="403" title={t('forbidden')} />;
  return <RemoteLoadsCard load={(windowMinutes) => api.remoteLoadSummary(windowMinutes)} queryKey={['octopus', 'remote-health']} data-testid="remote-health" />;
}
