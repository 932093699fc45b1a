import { lazy, memo, Suspense, useState } from 'react';
import { Modal, Skeleton, useT } from '@octopus/ui';
import type { TransferTarget } from '@octopus/contracts';
import { phoneMessages } from './phone-messages';

const TransferTargets = lazy(() => import('./TransferTargets').then((module) => ({ default: module.TransferTargets })));

export interface TransferDialogProps {
  open: boolean;
  mode: 'transfer' | 'consult';
  onCancel: () => void;
  onConfirm: (target: TransferTarget) => void;
  confirming: boolean;
}

/**
 * Pick another agent (live states; only idle agents can take it) or a skill group (live queue load).
 * Memoised, and the live lists are read by the dialog's body only (mounted while open): the many agent
 * and queue-load events of a shift do not re-render a closed dialog.
 */
export const TransferDialog = memo(function TransferDialog({ open, mode, onCancel, onConfirm, confirming }: TransferDialogProps) {
  const t = useT(phoneMessages);
  const [kind, setKind] = useState<'agent' | 'group'>('agent');
  const [agentId, setAgentId] = useState<string | null>(null);
  const [group, setGroup] = useState<string | null>(null);
  const target: TransferTarget | null = kind === 'agent' ? (agentId ? { kind: 'agent', agentId } : null) : group ? { kind: 'group', group } : null;

  return (
    <Modal
      open={open}
      title={mode === 'transfer' ? t('transferTitle') : t('consultTitle')}
      okText={t('confirm')}
      cancelText={t('cancel')}
      okButtonProps={{ disabled: !target, loading: confirming }}
      onCancel={onCancel}
      onOk={() => target && onConfirm(target)}
      destroyOnHidden
    >
      <Suspense fallback={<Skeleton active paragraph={{ rows: 1 }} />}>
        <TransferTargets kind={kind} onKind={setKind} agentId={agentId} onAgent={setAgentId} group={group} onGroup={setGroup} />
      </Suspense>
    </Modal>
  );
});
