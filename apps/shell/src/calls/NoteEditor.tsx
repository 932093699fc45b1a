import { Input, Typography, useT } from '@octopus/ui';
import { CALL_NOTE_MAX } from '@octopus/contracts';
import { shellMessages } from '../app/messages';
import { useWorkspaceStore } from '../workspace/WorkspaceProvider';
import { useNoteAutosave } from './useNoteAutosave';

/** The call's note: plain text (rendered as text, never HTML), saved as the agent types. */
export interface NoteEditorProps {
  agentId: string;
  callId: string;
  serverNote: string | undefined;
  /** In the call list: a fixed height (auto-sizing measures styles on every render, ten times over). */
  compact?: boolean;
}

export function NoteEditor({ agentId, callId, serverNote, compact = false }: NoteEditorProps) {
  const t = useT(shellMessages);
  const workspace = useWorkspaceStore();
  const { draft, status, error } = useNoteAutosave(agentId, callId, serverNote);
  return (
    <div>
      <Input.TextArea
        aria-label={t('notes')}
        placeholder={t('notePlaceholder')}
        value={draft ?? serverNote ?? ''}
        maxLength={CALL_NOTE_MAX}
        {...(compact ? { rows: 2 } : { autoSize: { minRows: 2, maxRows: 6 } })}
        onChange={(event) => workspace.update(callId, { noteDraft: event.target.value, noteDraftTab: workspace.tabId })}
      />
      <Typography.Text type={status === 'error' ? 'danger' : 'secondary'} style={{ fontSize: 12 }} data-note-status={status}>
        {status === 'error' ? t('note.error', { message: error ?? '' }) : t(`note.${status}`)}
      </Typography.Text>
    </div>
  );
}
