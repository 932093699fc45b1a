import { apiErrorBodySchema, errorBody, errorBodySchema } from '../index';

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
