import { Fragment } from 'react';
import { isMaskedValue } from '@octopus/api-client';
import { inertText } from '@octopus/contracts';
import { Button, Tooltip, Typography, useT } from '@octopus/ui';
import { commonMessages } from './messages';

const MOBILE = /(?<!\d)(1[3-9]\d{9})(?!\d)/g;

/** A phone number the agent can call with one click through the shell's phone bar; masked numbers stay plain text. */
export function PhoneLink({ phone, onDial }: { phone: string; onDial: (phone: string) => void }) {
  const t = useT(commonMessages);
  if (isMaskedValue(phone)) {
    return (
      <Tooltip title={t('maskedValue')}>
        <Typography.Text data-masked="true">{phone}</Typography.Text>
      </Tooltip>
    );
  }
  return (
    <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} aria-label={t('dial', { phone })} onClick={() => onDial(phone)}>
      {phone}
    </Button>
  );
}

/**
 * Free text (descriptions, comments, logistics) rendered as inert text (no bidi control reorders it,
 * whatever its source), with every mobile number in it dialable.
 */
export function PhoneText({ text, onDial }: { text: string; onDial: (phone: string) => void }) {
  const parts = inertText(text).split(MOBILE);
  // split with one capture group alternates text, number, text, …
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? <PhoneLink key={index} phone={part} onDial={onDial} /> : <Fragment key={index}>{part}</Fragment>,
      )}
    </>
  );
}
