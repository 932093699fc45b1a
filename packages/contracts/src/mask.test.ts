import { maskName, maskPhone } from './index';

describe('maskName', () => {
  it('keeps the first character only, by code point', () => {
    expect(maskName('张伟')).toBe('张**');
    expect(maskName('欧阳娜娜')).toBe('欧**');
    expect(maskName('Zhang San')).toBe('Z**');
    expect(maskName('𠮷野家')).toBe('𠮷**');
    expect(maskName('')).toBe('***');
  });
});

describe('maskPhone', () => {
  it('keeps the first three and last four digits of a mainland mobile number, with or without +86', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('+8613800138000')).toBe('+86138****8000');
  });

  it('keeps only the last two characters of any other number', () => {
    expect(maskPhone('01088886666')).toBe('*********66');
    expect(maskPhone('0755888866661')).toBe('***********61');
    expect(maskPhone('12345')).toBe('***45');
    expect(maskPhone('1234')).toBe('****');
    expect(maskPhone('')).toBe('****');
  });
});
