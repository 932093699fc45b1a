import { CTI_CLOSE_CODES } from '@octopus/contracts';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { commandIdOf } from './frames';
import type { Session, SessionTable } from './session';

/**
 * The per-connection frame rate limit, applied before any parsing: an excess frame costs a counter
 * update and at most a short reply. One bucket per connection (keyed by its id), so a flooding client
 * uses up only its own.
 */
export class FloodControl {
  private readonly frameLimiter: RateLimiterMemory;
  private readonly floodLimiter: RateLimiterMemory;
  /** Frames refused by the rate limit. */
  rateLimited = 0;
  /** Connections closed for flooding (4430). */
  floodClosed = 0;

  /**
   * @param framesPerSecond burst per connection per second (default 40 in `HubOptions`)
   * @param floodWindows seconds of any 10 a connection may exceed its rate before it is closed (default 5)
   */
  constructor(
    framesPerSecond: number,
    floodWindows: number,
    private readonly table: SessionTable,
    private readonly closeSession: (session: Session, code: number, errorCode: string, message: string) => void,
    private readonly log: (message: string) => void,
  ) {
    this.frameLimiter = new RateLimiterMemory({ keyPrefix: 'frames', points: framesPerSecond, duration: 1 });
    this.floodLimiter = new RateLimiterMemory({ keyPrefix: 'flood', points: floodWindows, duration: 10 });
  }

  /** Calls `handle` for a frame within the rate; an excess frame is answered and the connection paused. */
  admit(session: Session, data: unknown, isBinary: boolean, handle: () => void): void {
    this.frameLimiter.consume(session.id).then(
      () => {
        if (!session.closed) handle();
      },
      (limit: unknown) => this.onExcessFrame(session, data, isBinary, (limit as { msBeforeNext?: number } | null)?.msBeforeNext ?? 1000),
    );
  }

  /** The connection closed: its buckets go. */
  forget(session: Session): void {
    void this.frameLimiter.delete(session.id).catch(() => undefined);
    void this.floodLimiter.delete(session.id).catch(() => undefined);
  }

  /**
   * An excess frame is not processed: a command gets a `rate-limited` reject (its promise settles),
   * other frames one `rate-limited` error per second. The connection is then not read until its window
   * resets, so a flood waits in the flooder's own TCP buffers instead of taking this process's time.
   * A connection that keeps exceeding (`floodWindows` windows within 10 s) is closed with 4430.
   */
  private onExcessFrame(session: Session, data: unknown, isBinary: boolean, waitMs: number): void {
    if (session.closed) return;
    this.rateLimited++;
    const id = isBinary ? null : commandIdOf(data);
    if (id) this.table.send(session, { type: 'reject', id, reason: 'rate-limited', message: 'too many frames: slow down' });
    else if (Date.now() - session.rateNoticeAt >= 1000) {
      session.rateNoticeAt = Date.now();
      this.table.send(session, { type: 'error', code: 'rate-limited', message: 'too many frames: slow down' });
    }
    if (session.paused) return;
    session.paused = true;
    session.ws.pause();
    setTimeout(
      () => {
        session.paused = false;
        if (!session.closed) session.ws.resume();
      },
      Math.max(10, waitMs),
    ).unref();
    this.floodLimiter.consume(session.id).catch(() => {
      if (session.closed) return;
      this.floodClosed++;
      this.log(`session ${session.id} of ${session.agentId} flooded: closed`);
      // Read again so the close handshake completes (what is still queued is dropped unread).
      session.paused = false;
      session.ws.resume();
      this.closeSession(session, CTI_CLOSE_CODES.flooding, 'flooding', 'too many frames for too long');
    });
  }
}
