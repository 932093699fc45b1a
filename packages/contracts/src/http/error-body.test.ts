import { apiErrorBodySchema, errorBody, errorBodySchema, HttpError } from '../index';

describe('the one error body of both services', () => {
  it('leaves out an undefined field and parses with the schema', () => {
    expect(errorBody('not_found', 'user not found')).toEqual({ error: 'not_found', message: 'user not found' });
    expect(Object.keys(errorBody('not_found', 'x'))).not.toContain('field');
    expect(errorBody('bad_request', 'body.note: too long', 'body.note')).toEqual({ error: 'bad_request', message: 'body.note: too long', field: 'body.note' });
    expect(errorBodySchema.safeParse(errorBody('internal', 'internal error')).success).toBe(true);
    expect(errorBodySchema.safeParse({ error: 'x' }).success).toBe(false);
  });

  it('is the api error body under its older name', () => {
    expect(apiErrorBodySchema).toBe(errorBodySchema);
  });
});

describe('HttpError, what a route of either service throws', () => {
  it('carries status and code, and answers ErrorBody without an empty field', () => {
    const refusal = new HttpError(404, 'not_found', 'no such call');
    expect(refusal).toBeInstanceOf(Error);
    expect([refusal.statusCode, refusal.code, refusal.name]).toEqual([404, 'not_found', 'HttpError']);
    expect(refusal.body()).toEqual({ error: 'not_found', message: 'no such call' });
    expect(new HttpError(400, 'bad_request', 'x', '').body()).toEqual({ error: 'bad_request', message: 'x' });
    expect(errorBodySchema.strict().parse(new HttpError(400, 'invalid_text', 'from: NUL', 'from').body())).toEqual({ error: 'invalid_text', message: 'from: NUL', field: 'from' });
  });
});
