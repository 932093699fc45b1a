import { ctiRoutes, HttpError } from '@octopus/contracts';
import type { IvrOutcome } from '../../engine/engine';
import type { CtiApp, HttpContext } from './context';
import { auditRules, staffOf } from './rules-routes';

const SUBJECT = 'the IVR';

/** The engine's refusal as the one ErrorBody (400 names the field), or its new version. */
function answer(outcome: IvrOutcome) {
  if (!outcome.ok) throw new HttpError(outcome.status, outcome.error, outcome.message, outcome.field);
  return { current: outcome.current };
}

/**
 * The IVR trees for supervisors and admins (docs/ivr.md): `GET /ivr`, `GET|PUT /ivr/hotlines/:hotline`,
 * `POST /ivr/rollback`. Bodies are checked against `ivrTreeSchema` (400 naming the field: a node id that
 * does not exist, a key that is not 1-9 * #), then by the engine (unknown skill groups). Every change and
 * every refusal is audited (`ivr.read`, `ivr.update`, `ivr.rollback`) in the api's audit chain.
 */
export function registerIvrRoutes(app: CtiApp, ctx: HttpContext): void {
  app.get(ctiRoutes.ivr.url, { schema: ctiRoutes.ivr.schema }, async (request) => {
    await staffOf(ctx, request, 'ivr.read', SUBJECT);
    return ctx.engine.ivr();
  });

  app.get(ctiRoutes.ivrHotline.url, { schema: ctiRoutes.ivrHotline.schema }, async (request) => {
    await staffOf(ctx, request, 'ivr.read', SUBJECT);
    const { hotline } = request.params;
    const { current } = ctx.engine.ivr();
    const tree = current.hotlines[hotline];
    if (!tree) throw new HttpError(404, 'not_found', `no hotline ${hotline}`);
    return { hotline, version: current.version, tree };
  });

  app.put(ctiRoutes.putIvrHotline.url, { schema: ctiRoutes.putIvrHotline.schema }, async (request) => {
    const claims = await staffOf(ctx, request, 'ivr.update', SUBJECT);
    const { hotline } = request.params;
    const outcome = ctx.engine.updateIvrTree(hotline, request.body, claims.sub, request.query.ifVersion);
    if (!outcome.ok) auditRules(ctx, claims, 'ivr.update', 'refused', `hotline ${hotline}: ${outcome.status} ${outcome.message}`);
    else auditRules(ctx, claims, 'ivr.update', 'allowed', `hotline ${hotline}: version ${outcome.current.version}, ${Object.keys(request.body.nodes).length} nodes`);
    return answer(outcome);
  });

  app.post(ctiRoutes.rollbackIvr.url, { schema: ctiRoutes.rollbackIvr.schema }, async (request) => {
    const claims = await staffOf(ctx, request, 'ivr.rollback', SUBJECT);
    const outcome = ctx.engine.rollbackIvr(request.body.version, claims.sub, request.query.ifVersion);
    if (!outcome.ok) auditRules(ctx, claims, 'ivr.rollback', 'refused', `to version ${request.body.version}: ${outcome.status} ${outcome.message}`);
    else auditRules(ctx, claims, 'ivr.rollback', 'allowed', `to version ${request.body.version}: version ${outcome.current.version}`);
    return answer(outcome);
  });
}
