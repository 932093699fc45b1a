import { ariaShortcut, displayShortcut, isApplePlatform, isHelpKey, matchPhoneShortcut, PHONE_SHORTCUTS } from './shortcuts';

const key = (init: Partial<KeyboardEvent>) => ({ altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, code: '', key: '', ...init });

describe('phone shortcuts', () => {
  it('match the physical key, so Option+letter on macOS (which types a special character) works', () => {
    // What macOS Chrome/Safari report for Option+A, Option+E (dead key), Option+H, Option+D on a US layout.
    expect(matchPhoneShortcut(key({ altKey: true, code: 'KeyA', key: 'å' }))?.actions).toEqual(['answer']);
    expect(matchPhoneShortcut(key({ altKey: true, code: 'KeyE', key: 'Dead' }))?.actions).toEqual(['hangUp', 'endWrapUp']);
    expect(matchPhoneShortcut(key({ altKey: true, code: 'KeyH', key: '˙' }))?.actions).toEqual(['hold', 'resume']);
    expect(matchPhoneShortcut(key({ altKey: true, code: 'KeyD', key: '∂' }))?.actions).toEqual(['callOut']);
    // Windows/Linux: Alt+A.
    expect(matchPhoneShortcut(key({ altKey: true, code: 'KeyA', key: 'a' }))?.letter).toBe('A');
    // A synthetic event without a code falls back to the letter.
    expect(matchPhoneShortcut(key({ altKey: true, key: 'm' }))?.letter).toBe('M');
  });

  it('leave every other combination alone', () => {
    expect(matchPhoneShortcut(key({ code: 'KeyA', key: 'a' }))).toBeNull();
    // AltGr on Windows is Ctrl+Alt; Cmd/Ctrl combinations are the browser's; Shift+Alt is not ours.
    expect(matchPhoneShortcut(key({ altKey: true, ctrlKey: true, code: 'KeyE', key: '€' }))).toBeNull();
    expect(matchPhoneShortcut(key({ altKey: true, metaKey: true, code: 'KeyA', key: 'a' }))).toBeNull();
    expect(matchPhoneShortcut(key({ altKey: true, shiftKey: true, code: 'KeyA', key: 'A' }))).toBeNull();
    expect(matchPhoneShortcut(key({ altKey: true, code: 'KeyZ', key: 'z' }))).toBeNull();
  });

  it('each letter is used once, and every shortcut is named for ARIA and for people on both platforms', () => {
    expect(new Set(PHONE_SHORTCUTS.map((shortcut) => shortcut.code)).size).toBe(PHONE_SHORTCUTS.length);
    expect(ariaShortcut('answer')).toBe('Alt+A');
    expect(ariaShortcut('resume')).toBe('Alt+H');
    expect(ariaShortcut('endWrapUp')).toBe('Alt+E');
    expect(ariaShortcut('survey')).toBeUndefined();
    expect(displayShortcut('A', false)).toBe('Alt+A');
    expect(displayShortcut('A', true)).toBe('⌥A');
    expect(isApplePlatform({ platform: 'MacIntel', userAgent: '' })).toBe(true);
    expect(isApplePlatform({ platform: 'Win32', userAgent: '' })).toBe(false);
  });

  it('"?" opens the list outside text fields only', () => {
    const input = document.createElement('input');
    const textarea = document.createElement('textarea');
    const editable = document.createElement('div');
    editable.contentEditable = 'true';
    document.body.append(input, textarea, editable);
    expect(isHelpKey({ ...key({ key: '?', shiftKey: true }), target: document.body })).toBe(true);
    expect(isHelpKey({ ...key({ key: '?', shiftKey: true }), target: input })).toBe(false);
    expect(isHelpKey({ ...key({ key: '?', shiftKey: true }), target: textarea })).toBe(false);
    expect(isHelpKey({ ...key({ key: '?', ctrlKey: true }), target: document.body })).toBe(false);
    expect(isHelpKey({ ...key({ key: '/' }), target: document.body })).toBe(false);
    input.remove();
    textarea.remove();
    editable.remove();
  });
});
