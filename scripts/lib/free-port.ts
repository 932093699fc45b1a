import { createServer } from 'node:net';

/**
 * A TCP port free on 127.0.0.1 right now: the OS picks one (listen on port 0), which is then released.
 * Used by the benches, `pnpm size` and the e2e suite to run their stacks beside `pnpm start`.
 * Rejects with the listen error (e.g. EADDRNOTAVAIL when 127.0.0.1 is missing).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
