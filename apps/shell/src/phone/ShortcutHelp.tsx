import { useEffect, useState } from 'react';
import { Button, Modal, Typography, useT } from '@octopus/ui';
import { phoneMessages } from './phone-messages';
import { displayShortcut, HELP_KEY, isHelpKey, PHONE_SHORTCUTS, type ShortcutTarget } from './shortcuts';

/** The phone bar's label of a shortcut target (the same words as its button). */
const TARGET_LABEL: Record<ShortcutTarget, keyof typeof phoneMessages> = {
  answer: 'answer',
  reject: 'reject',
  hold: 'hold',
  resume: 'resume',
  transfer: 'transfer',
  cancelTransfer: 'cancelTransfer',
  consult: 'consult',
  consultTransfer: 'consultTransfer',
  consultConference: 'consultConference',
  consultReturn: 'consultReturn',
  survey: 'survey',
  inviteRating: 'inviteRating',
  hangUp: 'hangUp',
  mute: 'mute',
  unmute: 'unmute',
  dtmf: 'keypad',
  endWrapUp: 'endWrapUp',
  callOut: 'callOut',
};

/**
 * The list of every keyboard shortcut, opened by "?" anywhere outside a text field, or by its button
 * in the header (so shortcuts are discoverable without hovering). Esc closes it.
 */
export function ShortcutHelp() {
  const t = useT(phoneMessages);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isHelpKey(event)) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <Button size="small" aria-label={t('shortcutsTitle')} title={t('shortcutsOpen', { key: HELP_KEY })} aria-keyshortcuts={HELP_KEY} onClick={() => setOpen(true)} data-testid="shortcut-help-button">
        {HELP_KEY}
      </Button>
      <Modal open={open} title={t('shortcutsTitle')} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <table data-testid="shortcut-list" style={{ width: '100%', borderCollapse: 'collapse' }}>
          <caption style={{ textAlign: 'left', paddingBottom: 8 }}>
            <Typography.Text type="secondary">{t('shortcutsHint')}</Typography.Text>
          </caption>
          <thead>
            <tr>
              <th scope="col" style={{ textAlign: 'left', paddingBlock: 4 }}>
                {t('shortcutsKeys')}
              </th>
              <th scope="col" style={{ textAlign: 'left', paddingBlock: 4 }}>
                {t('shortcutsAction')}
              </th>
            </tr>
          </thead>
          <tbody>
            {PHONE_SHORTCUTS.map((shortcut) => (
              <tr key={shortcut.code} data-shortcut={`Alt+${shortcut.letter}`}>
                <td style={{ paddingBlock: 4 }}>
                  <kbd>{displayShortcut(shortcut.letter)}</kbd>
                </td>
                <td style={{ paddingBlock: 4 }}>{[...new Set(shortcut.actions.map((action) => t(TARGET_LABEL[action])))].join(' / ')}</td>
              </tr>
            ))}
            <tr data-shortcut={HELP_KEY}>
              <td style={{ paddingBlock: 4 }}>
                <kbd>{HELP_KEY}</kbd>
              </td>
              <td style={{ paddingBlock: 4 }}>{t('shortcutsOpenList')}</td>
            </tr>
          </tbody>
        </table>
      </Modal>
    </>
  );
}
