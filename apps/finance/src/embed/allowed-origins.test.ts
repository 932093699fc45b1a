import { loadAllowedOrigins } from './allowed-origins';

const answer = (status: number, body: unknown) => jest.fn(async () => ({ ok: status < 400, status, json: async () => body }) as Response);

describe('the embed page’s allow-list', () => {
  const page = 'http://localhost:3003/1.4.0/embed.html?userId=U0000001';

  it('is the one the page’s server publishes beside it at runtime', async () => {
    const fetchImpl = answer(200, { allowedOrigins: ['https://workbench.example'] });
    await expect(loadAllowedOrigins(page, ['http://localhost:3000'], fetchImpl as unknown as typeof fetch)).resolves.toEqual(['https://workbench.example']);
    expect(fetchImpl).toHaveBeenCalledWith('http://localhost:3003/1.4.0/embed-origins.json', expect.objectContaining({ cache: 'no-store' }));
  });

  it('falls back to the build-time list when the server publishes none or garbage', async () => {
    for (const fetchImpl of [answer(404, {}), answer(200, { allowedOrigins: 'everyone' }), answer(200, { allowedOrigins: [1] })]) {
      await expect(loadAllowedOrigins(page, ['http://localhost:3000'], fetchImpl as unknown as typeof fetch)).resolves.toEqual(['http://localhost:3000']);
    }
    const failing = (async () => {
      throw new TypeError('offline');
    }) as unknown as typeof fetch;
    await expect(loadAllowedOrigins(page, ['http://localhost:3000'], failing)).resolves.toEqual(['http://localhost:3000']);
  });
});
