import type { PhoneAction } from './phone-rules';

/** What a phone shortcut does: the first of `actions` valid now, or opening the dial pad. */
export type ShortcutTarget = PhoneAction | 'callOut';

export interface PhoneShortcut {
  /** `KeyboardEvent.code` of the letter: the physical key, so Option+A on macOS (which types "å") still matches. */
  code: string;
  /** The letter as printed on the key (display and `aria-keyshortcuts`). */
  letter: string;
  /** Tried in order; the first one valid in the call's state runs. */
  actions: readonly ShortcutTarget[];
}

/**
 * Every phone shortcut: Alt (Option on macOS) + a letter. Alt because Ctrl/Cmd + letters belong to the
 * browser (Ctrl+T, Cmd+H, Ctrl+D…) and plain letters to the fields the agent types in.
 */
export const PHONE_SHORTCUTS: readonly PhoneShortcut[] = [
  { code: 'KeyA', letter: 'A', actions: ['answer'] },
  { code: 'KeyR', letter: 'R', actions: ['reject'] },
  { code: 'KeyH', letter: 'H', actions: ['hold', 'resume'] },
  { code: 'KeyE', letter: 'E', actions: ['hangUp', 'endWrapUp'] },
  { code: 'KeyT', letter: 'T', actions: ['transfer'] },
  { code: 'KeyM', letter: 'M', actions: ['mute', 'unmute'] },
  { code: 'KeyD', letter: 'D', actions: ['callOut'] },
];

/** The key that opens the shortcut list (with or without Shift, whatever the layout needs to type it). */
export const HELP_KEY = '?';

/** `aria-keyshortcuts` value of a target's shortcut ("Alt+A"; ARIA names the modifier Alt on every platform), or undefined. */
export function ariaShortcut(target: ShortcutTarget): string | undefined {
  const shortcut = PHONE_SHORTCUTS.find((candidate) => candidate.actions.includes(target));
  return shortcut ? `Alt+${shortcut.letter}` : undefined;
}

/** True on macOS (and iOS), where the Alt key is labelled Option (⌥). */
export function isApplePlatform(nav: Pick<Navigator, 'platform' | 'userAgent'> | undefined = typeof navigator === 'undefined' ? undefined : navigator): boolean {
  return nav ? /Mac|iPhone|iPad/.test(nav.platform || nav.userAgent) : false;
}

/** How a shortcut reads on this platform: "Alt+A", or "⌥A" (Option+A) on macOS. */
export function displayShortcut(letter: string, apple: boolean = isApplePlatform()): string {
  return apple ? `⌥${letter}` : `Alt+${letter}`;
}

type KeyEventLike = Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code' | 'key'>;

/**
 * The phone shortcut an Alt+letter key event is, or null. Matches `event.code` (the physical key):
 * on macOS Option+letter types a special character, so `event.key` is "å", "®", "˙"… there. A
 * synthetic event without `code` falls back to the letter in `key`. Ctrl, Cmd and Shift combinations
 * are not ours (AltGr on Windows sends Ctrl+Alt).
 */
export function matchPhoneShortcut(event: KeyEventLike): PhoneShortcut | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  return PHONE_SHORTCUTS.find((shortcut) => (event.code ? event.code === shortcut.code : event.key.toUpperCase() === shortcut.letter)) ?? null;
}

/** Whether a key event asks for the shortcut list: "?" typed outside a text field, with no Ctrl/Cmd/Alt. */
export function isHelpKey(event: KeyEventLike & { target: EventTarget | null }): boolean {
  if (event.key !== HELP_KEY || event.ctrlKey || event.metaKey || event.altKey) return false;
  return !isTextEntry(event.target);
}

/** Where "?" is text the agent types: inputs, text areas, selects and contenteditable elements. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  return element.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null;
}
