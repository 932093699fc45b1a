import { directionalTextProblem, findInvalidText, findTextProblem, inertText, invalidTextProblem } from './text';

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

  it('refuses directional formatting in input: overrides, isolates, LRM/RLM/ALM, U+2028/U+2029', () => {
    for (const c of ['\u202E', '\u2066', '\u200E', '\u200F', '\u061C', '\u2028', '\u2029']) expect(directionalTextProblem(`a${c}b`)).toMatch(/bidirectional/);
    expect(directionalTextProblem('مرحبا hello 你好')).toBeNull();
    expect(findTextProblem({ a: ['ok', 'x\u200Fy'] }, directionalTextProblem)).toEqual({ field: 'a.1', problem: expect.stringMatching(/bidirectional/) });
  });
});
