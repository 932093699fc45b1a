// Where the engine's per-agent events go: the WebSocket hub, given to the engine at construction.
import type { CtiEvent } from '@octopus/contracts';

/** Where the engine's per-agent events go (the WebSocket hub). Called after each step is saved; must not throw. */
export interface EngineOutput {
  toAgent(agentId: string, event: CtiEvent): void;
}

/**
 * An output for a composition where the engine exists before its consumer (the hub needs the engine to
 * be built): events are kept, in order, until `attach`, then handed over and passed straight through.
 * Nothing is dropped. Only the engine's start (a restore) emits before `attach`, so the buffer stays small.
 */
export class BufferedOutput implements EngineOutput {
  private target: EngineOutput | null = null;
  private readonly pending: Array<{ agentId: string; event: CtiEvent }> = [];

  toAgent(agentId: string, event: CtiEvent): void {
    if (this.target) this.target.toAgent(agentId, event);
    else this.pending.push({ agentId, event });
  }

  /**
   * Hands every kept event to `target`, then sends straight to it.
   * @throws Error when already attached (one consumer per engine).
   */
  attach(target: EngineOutput): void {
    if (this.target) throw new Error('BufferedOutput is already attached');
    this.target = target;
    for (const { agentId, event } of this.pending.splice(0)) target.toAgent(agentId, event);
  }

  /** Events kept while unattached. */
  get buffered(): number {
    return this.pending.length;
  }
}
