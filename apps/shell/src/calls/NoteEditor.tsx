import { Input, Typography, useT } from '@octopus/ui';
import { CALL_NOTE_MAX } from '@octopus/contracts';
import { callListMessages } from './call-list-messages';
import { useWorkspaceStore } from '../workspace/WorkspaceProvider';
import { useNoteAutosave } from './useNoteAutosave';

/** The call's note: plain text (rendered as text, never HTML), saved as the agent types. */
export interface NoteEditorProps {
  agentId: string;
  callId: string;
  serverNote: string | undefined;
  /** In the call list: a fixed height of two rows. */
  compact?: boolean;
}

/**
 * The caller panel's box grows with its text (2 to 6 rows) in CSS (`field-sizing: content`): antd's
 * `autoSize` measures computed styles from script, forcing ~8 ms of style and layout on every ring.
 * Browsers without field-sizing keep two rows and a resize handle.
 */
const GROWING_STYLE = { fieldSizing: 'content', minHeight: 'calc(2lh + 10px)', maxHeight: 'calc(6lh + 10px)' } as const;

export function NoteEditor({ agentId, callId, serverNote, compact = false }: NoteEditorProps) {
  const t = useT(callListMessages);
  const workspace = useWorkspaceStore();
  const { draft, status, error } = useNoteAutosave(agentId, callId, serverNote);
  return (
    <div>
      <Input.TextArea
        aria-label={t('notes')}
        placeholder={t('notePlaceholder')}
        value={draft ?? serverNote ?? ''}
        maxLength={CALL_NOTE_MAX}
        rows={2}
        style={compact ? undefined : GROWING_STYLE}
        onChange={(event) => workspace.update(callId, { noteDraft: event.target.value, noteDraftTab: workspace.tabId })}
      />
      <Typography.Text type={status === 'error' ? 'danger' : 'secondary'} style={{ fontSize: 12 }} data-note-status={status}>
        {status === 'error' ? t('note.error', { message: error ?? '' }) : t(`note.${status}`)}
      </Typography.Text>
    </div>
  );
}
