import { findInvalidText, inertText, invalidTextProblem } from './text';

describe('text rules', () => {
  it('removes bidi overrides so nothing reorders on screen', () => {
    expect(inertText('safe \u202Eexe.txt')).toBe('safe exe.txt');
    expect(inertText('a\u2066b\u2069c\u200F')).toBe('abc\u200F');
  });

  it('refuses NUL, control characters and lone surrogates, and accepts ordinary text', () => {
    expect(invalidTextProblem('note\u0000')).toMatch(/NUL/);
    expect(invalidTextProblem('bell\u0007')).toMatch(/control/);
    expect(invalidTextProblem('half \uD83D pair')).toMatch(/surrogate/);
    expect(invalidTextProblem('客户来电 😀\ttab\nline')).toBeNull();
  });

  it('names the field of the first invalid string', () => {
    expect(findInvalidText({ title: 'ok', items: [{ text: 'x\u0000' }] })).toEqual({ field: 'items.0.text', problem: 'must not contain NUL characters' });
    expect(findInvalidText({ title: 'ok' })).toBeNull();
  });
});
