import { findInvalidText, HttpError } from '@octopus/contracts';
import type { CtiApp } from './context';

/** Largest request body (bytes): logins and reported calls are far smaller. */
export const MAX_BODY_BYTES = 64 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON bodies only. Every POST and PUT must say `application/json` (415 `unsupported_media_type` otherwise, an
 * empty body included): a browser cannot send that cross-origin without a CORS preflight, which only
 * the allowed origins pass, so no cross-site form or beacon can act. An empty body is `{}`; bytes that
 * are not UTF-8 and strings with NUL, other control characters or lone surrogates are 400
 * `invalid_text` naming the field; other unparsable text is 400 `bad_json`; over 64 KiB is 413.
 */
export function acceptJsonBodies(app: CtiApp): void {
  app.addHook('onRequest', async (request) => {
    if (request.method !== 'POST' && request.method !== 'PUT') return;
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') throw new HttpError(415, 'unsupported_media_type', 'send the body as application/json');
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (_request, raw, done) => {
    let text: string;
    try {
      text = utf8.decode(raw as Buffer);
    } catch {
      done(new HttpError(400, 'invalid_text', 'the body is not valid UTF-8', '(body)'), undefined);
      return;
    }
    if (!text.trim()) return done(null, {});
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return done(new HttpError(400, 'bad_json', 'body is not JSON'), undefined);
    }
    const invalid = findInvalidText(value);
    if (invalid) return done(new HttpError(400, 'invalid_text', `${invalid.field} ${invalid.problem}`, invalid.field), undefined);
    done(null, value);
  });
}
