import type { CtiEvent } from '@octopus/contracts';
import { BufferedOutput } from './output';

const notice = (id: string): CtiEvent => ({ type: 'notice', notice: { id, code: 'missed', message: 'missed a call', callId: null, at: 0 } });

describe('BufferedOutput', () => {
  it('keeps events until a consumer attaches, hands every one over in order, then passes straight through', () => {
    const output = new BufferedOutput();
    output.toAgent('a1', notice('1'));
    output.toAgent('a2', notice('2'));
    expect(output.buffered).toBe(2);
    const got: Array<[string, string]> = [];
    output.attach({ toAgent: (agentId, event) => got.push([agentId, event.type === 'notice' ? event.notice.id : event.type]) });
    expect(got).toEqual([
      ['a1', '1'],
      ['a2', '2'],
    ]);
    expect(output.buffered).toBe(0);
    output.toAgent('a1', notice('3'));
    expect(got).toHaveLength(3);
    expect(got[2]).toEqual(['a1', '3']);
  });

  it('has one consumer', () => {
    const output = new BufferedOutput();
    output.attach({ toAgent: () => undefined });
    expect(() => output.attach({ toAgent: () => undefined })).toThrow(/already attached/);
  });
});
