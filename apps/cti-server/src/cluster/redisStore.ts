import type { Redis } from 'ioredis';
import type { PersistedState, StateChanges, StateStore } from '../engine/journal';
import { errorSummary } from '../log';

/**
 * Applies one engine step only while `KEYS[1]` (the leader lease) still holds `ARGV[1]` (this node's
 * lease value): a deposed leader cannot write (fencing). ARGV: lease, #meta, #agents, #calls, then
 * key/value pairs; an empty call value deletes the call.
 */
const SAVE_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
local nm, na, nc = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local i = 5
for _ = 1, nm do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]); i = i + 2 end
for _ = 1, na do redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1]); i = i + 2 end
for _ = 1, nc do
  if ARGV[i + 1] == '' then redis.call('HDEL', KEYS[4], ARGV[i]) else redis.call('HSET', KEYS[4], ARGV[i], ARGV[i + 1]) end
  i = i + 2
end
return 1
`;

/** Revs a new leader jumps ahead by, past anything its predecessor may have sent before its last write landed. */
export const TAKEOVER_REV_MARGIN = 1_000_000;

export interface RedisKeys {
  /** The floor's key prefix (the relay streams and sessions live under it too). */
  prefix: string;
  leader: string;
  meta: string;
  agents: string;
  calls: string;
}

export function redisKeys(prefix: string): RedisKeys {
  return { prefix, leader: `${prefix}:leader`, meta: `${prefix}:meta`, agents: `${prefix}:agents`, calls: `${prefix}:calls` };
}

/**
 * The engine's state in Redis (three hashes: meta, agents, calls), written by the leader only. `save`
 * sends each step as one atomic script, fenced by the leader lease, in order on one connection
 * (ioredis keeps the order); it does not wait for the reply. `preload` must run before the engine is
 * built (`load` is synchronous).
 */
export class RedisStateStore implements StateStore {
  private cached: PersistedState | null = null;
  /** Steps Redis refused because this node no longer holds the lease. */
  fenced = 0;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    /** This node's current lease value (the fencing token). */
    private readonly lease: () => string,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    redis.defineCommand('octopusCtiSave', { numberOfKeys: 4, lua: SAVE_SCRIPT });
  }

  /** Reads the whole state (before taking over as leader); the rev jumps by `TAKEOVER_REV_MARGIN`. */
  async preload(): Promise<void> {
    const [meta, agents, calls] = await Promise.all([this.redis.hgetall(this.keys.meta), this.redis.hgetall(this.keys.agents), this.redis.hgetall(this.keys.calls)]);
    if (Object.keys(meta).length === 0) {
      this.cached = null;
      return;
    }
    const parsedMeta = Object.fromEntries(Object.entries(meta).map(([k, v]) => [k, JSON.parse(v) as unknown]));
    parsedMeta.rev = Number(parsedMeta.rev ?? 0) + TAKEOVER_REV_MARGIN;
    this.cached = {
      meta: parsedMeta,
      agents: Object.values(agents).map((v) => JSON.parse(v) as unknown),
      calls: Object.values(calls).map((v) => JSON.parse(v) as unknown),
    };
  }

  load(): PersistedState | null {
    return this.cached;
  }

  save(changes: StateChanges): void {
    const args: string[] = [this.lease(), String(Object.keys(changes.meta).length), String(changes.agents.length), String(changes.calls.length)];
    for (const [k, v] of Object.entries(changes.meta)) args.push(k, JSON.stringify(v));
    for (const a of changes.agents) args.push(a.id, JSON.stringify(a.data));
    for (const c of changes.calls) args.push(c.id, c.data === null ? '' : JSON.stringify(c.data));
    const redis = this.redis as Redis & { octopusCtiSave(...args: string[]): Promise<number> };
    redis.octopusCtiSave(this.keys.leader, this.keys.meta, this.keys.agents, this.keys.calls, ...args).then(
      (applied) => {
        if (applied === 0) {
          this.fenced++;
          this.log('state write refused: this node no longer holds the leader lease');
        }
      },
      (error: unknown) => this.log(`state write to Redis failed: ${errorSummary(error)}`),
    );
  }

  close(): void {
    // The connection belongs to the cluster node.
  }
}
