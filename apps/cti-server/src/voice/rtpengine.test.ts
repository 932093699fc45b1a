import { bdecode, bencode } from './rtpengine';

describe('bencode (the subset rtpengine NG uses)', () => {
  it('round-trips dictionaries, lists, strings (UTF-8 byte lengths) and integers, keys sorted', () => {
    const value = { command: 'play media', 'call-id': 'a@b', flags: ['all'], 'repeat-times': 3, sdp: 'v=0\r\ns=呼叫\r\n' };
    const text = bencode(value);
    expect(text.startsWith('d7:call-id3:a@b7:command10:play media5:flagsl3:alle12:repeat-timesi3e3:sdp')).toBe(true);
    expect(bdecode(text)).toEqual(value);
    expect(bdecode('d6:result5:error12:error-reason15:Unknown call-IDe')).toEqual({ result: 'error', 'error-reason': 'Unknown call-ID' });
  });

  it('refuses fractions and malformed input', () => {
    expect(() => bencode(1.5)).toThrow('whole numbers');
    expect(() => bdecode('i12')).toThrow('unterminated');
  });
});
