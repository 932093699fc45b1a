import { maskName } from './index';

describe('maskName', () => {
  it('keeps the first character only, by code point', () => {
    expect(maskName('张伟')).toBe('张**');
    expect(maskName('欧阳娜娜')).toBe('欧**');
    expect(maskName('Zhang San')).toBe('Z**');
    expect(maskName('𠮷野家')).toBe('𠮷**');
    expect(maskName('')).toBe('***');
  });
});
