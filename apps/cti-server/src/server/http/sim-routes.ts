import { ctiRoutes, HttpError } from '@octopus/contracts';
import type { Simulator } from '../../sim/simulator';
import type { CtiApp, HttpContext } from './context';

const noSuchCall = () => new HttpError(404, 'not_found', 'no such call');

/** Unknown skill groups are a 400 naming `skillGroup` (the schema cannot know the configured groups). */
export function checkSkillGroup(ctx: HttpContext, skillGroup: string | undefined): void {
  if (skillGroup && !ctx.engine.hasGroup(skillGroup)) throw new HttpError(400, 'bad_request', `unknown skill group ${skillGroup}`, 'skillGroup');
}

/** The caller simulator's `/sim/*` (demo and test modes only: registered only when there is a simulator). */
export function registerSimRoutes(app: CtiApp, ctx: HttpContext, sim: Simulator): void {
  app.post(ctiRoutes.simCall.url, { schema: ctiRoutes.simCall.schema }, async (request) => {
    checkSkillGroup(ctx, request.body.skillGroup);
    return { callId: sim.createCall(request.body) };
  });

  app.get(ctiRoutes.simCallStatus.url, { schema: ctiRoutes.simCallStatus.schema }, async (request) => {
    const status = ctx.engine.callStatus(request.params.callId);
    if (!status) throw noSuchCall();
    return status;
  });

  app.get(ctiRoutes.simIvr.url, { schema: ctiRoutes.simIvr.schema }, async (request) => {
    const view = ctx.engine.ivrSession(request.params.callId, request.query.after ?? 0);
    if (!view) throw noSuchCall();
    return view;
  });

  app.post(ctiRoutes.simKeys.url, { schema: ctiRoutes.simKeys.schema }, async (request) => {
    const { callId } = request.params;
    if (!ctx.engine.callStatus(callId)) throw noSuchCall();
    return { callId, accepted: sim.keys(callId, request.body.digits) };
  });

  app.post(ctiRoutes.simHangup.url, { schema: ctiRoutes.simHangup.schema }, async (request) => {
    const { callId } = request.params;
    if (!ctx.engine.callStatus(callId)) throw noSuchCall();
    return { callId, hungUp: sim.hangup(callId) };
  });
}
