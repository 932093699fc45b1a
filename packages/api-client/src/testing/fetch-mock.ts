// A fetch stand-in for tests: routes by "METHOD /path", records every request, answers like the api.
export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: unknown;
}

export interface MockAnswer {
  status?: number;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as-is instead of `body` (a CSV answer). */
  text?: string;
}

export type MockRoute = MockAnswer | ((request: RecordedRequest) => MockAnswer | Promise<MockAnswer>);

export interface FetchMock {
  fetch: typeof fetch;
  requests: RecordedRequest[];
  /** Add or replace a route, e.g. `mock.on('GET /users/U0000001/tickets', { body: ticketList })`. */
  on(route: string, answer: MockRoute): void;
  /** Requests whose "METHOD /path" equals `route`. */
  calls(route: string): RecordedRequest[];
}

function routeOf(request: RecordedRequest): string {
  return `${request.method} ${request.url.pathname}`;
}

export function createFetchMock(routes: Record<string, MockRoute> = {}): FetchMock {
  const table = new Map(Object.entries(routes));
  const requests: RecordedRequest[] = [];
  const fetchMock = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries((init.headers as Record<string, string> | undefined) ?? {})) headers[key.toLowerCase()] = value;
    const request: RecordedRequest = {
      method: (init.method ?? 'GET').toUpperCase(),
      url,
      headers,
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    requests.push(request);
    if (init.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const route = table.get(routeOf(request));
    const answer: MockAnswer = route === undefined ? { status: 404, body: { error: 'not_found', message: `no mock for ${routeOf(request)}` } } : typeof route === 'function' ? await route(request) : route;
    const status = answer.status ?? 200;
    const text = answer.text ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
    // Only what the client reads: jsdom has no Response.
    return { ok: status >= 200 && status < 300, status, text: async () => text } as Response;
  };
  return {
    fetch: fetchMock as typeof fetch,
    requests,
    on: (route, answer) => void table.set(route, answer),
    calls: (route) => requests.filter((request) => routeOf(request) === route),
  };
}
