import { timingSafeEqual } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { ctiRoutes, HttpError } from '@octopus/contracts';
import type { CallIngress } from '../../ingress/ingress';
import type { CtiApp, HttpContext } from './context';
import { checkSkillGroup } from './sim-routes';

const notFound = () => new HttpError(404, 'not_found', 'not found');
const noSuchCall = () => new HttpError(404, 'not_found', 'no such call');

/** The PBX's bearer token, compared in constant time; 401 otherwise. */
function checkIngressToken(request: FastifyRequest, token: string): void {
  const given = Buffer.from((request.headers.authorization ?? '').replace(/^Bearer\s+/i, ''));
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new HttpError(401, 'unauthorized', 'a valid ingress token is required');
}

/**
 * Every request under `/ingress/` (matched or not): 404 while the HTTP ingress (or, under
 * `/ingress/voice/`, voice) is off, else 401 without the PBX's token — before the body is read or
 * the route's input judged.
 */
export function guardIngress(app: CtiApp, ctx: HttpContext): void {
  app.addHook('onRequest', async (request) => {
    // The route's pattern when one matched (duplicate slashes already folded by the router), else the path.
    const path = request.routeOptions.url ?? request.url.split('?')[0]!.replace(/\/{2,}/g, '/');
    if (!path.startsWith('/ingress/')) return;
    if (!ctx.ingress || !ctx.ingressToken) throw notFound();
    if (path.startsWith('/ingress/voice/') && !ctx.voice) throw notFound();
    checkIngressToken(request, ctx.ingressToken);
  });
}

/**
 * The call ingress over HTTP (docs/protocol.md §13): a PBX or vendor platform reports calls and their
 * events, and follows `GET /ingress/events` (Server-Sent Events) for the call control Octopus decides.
 */
export function registerIngressRoutes(app: CtiApp, ctx: HttpContext, ingress: CallIngress): void {
  app.post(ctiRoutes.ingressCall.url, { schema: ctiRoutes.ingressCall.schema }, async (request) => {
    checkSkillGroup(ctx, request.body.skillGroup);
    return { callId: ingress.inbound(request.body) };
  });

  app.get(ctiRoutes.ingressEvents.url, { schema: ctiRoutes.ingressEvents.schema }, (request, reply) => {
    const last = Number(request.headers['last-event-id'] ?? request.query.after ?? ingress.lastSeq);
    const stream = new PassThrough();
    stream.write(': octopus call ingress\n\n');
    const unsubscribe = ingress.subscribe((event) => stream.write(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`), Number.isFinite(last) ? last : ingress.lastSeq);
    const keepAlive = setInterval(() => stream.write(': keep-alive\n\n'), 15_000);
    keepAlive.unref();
    reply.raw.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      stream.end();
    });
    return reply.header('content-type', 'text/event-stream').header('connection', 'keep-alive').send(stream);
  });

  app.get(ctiRoutes.ingressCallStatus.url, { schema: ctiRoutes.ingressCallStatus.schema }, async (request) => {
    const found = ctx.engine.callStatus(request.params.callId);
    if (!found) throw noSuchCall();
    return found;
  });

  const known = (callId: string): string => {
    if (!ctx.engine.callStatus(callId)) throw noSuchCall();
    return callId;
  };
  app.post(ctiRoutes.ingressHangup.url, { schema: ctiRoutes.ingressHangup.schema }, async (request) => {
    const callId = known(request.params.callId);
    return { callId, done: ingress.hangup(callId) };
  });
  app.post(ctiRoutes.ingressAnswer.url, { schema: ctiRoutes.ingressAnswer.schema }, async (request) => {
    const callId = known(request.params.callId);
    return { callId, done: ingress.answered(callId) };
  });
  app.post(ctiRoutes.ingressDtmf.url, { schema: ctiRoutes.ingressDtmf.schema }, async (request) => {
    const callId = known(request.params.callId);
    return { callId, done: ingress.dtmf(callId, request.body.digits) };
  });
}

/** Call ids Kamailio may put in a path (anything else is 404, as no such call). */
const SIP_CALL_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * The SIP side of the ingress (docs/protocol.md §13a), asked by Kamailio for each INVITE it holds:
 * `GET …/ring?wait=<s>&skip=<agentId>` long-polls for the agent to ring (text/plain `ring <agentId>`,
 * `wait` or `end`, so the SIP proxy needs no JSON parser); `POST …/dialog` reports the confirmed dialog.
 */
export function registerVoiceIngressRoutes(app: CtiApp, voice: NonNullable<HttpContext['voice']>, ingress: CallIngress, log: (m: string) => void = () => undefined): void {
  // The caller's INVITE is answered into its IVR session (183 with rtpengine's SDP; docs/adr/0012). Without
  // IVR media, or when rtpengine fails, the caller goes to an agent (the IVR's 0) and Kamailio skips the 183.
  app.post(ctiRoutes.voiceIvr.url, { schema: ctiRoutes.voiceIvr.schema }, async (request, reply) => {
    const { callId } = request.params;
    if (!SIP_CALL_ID.test(callId) || !ingress.view(callId)) throw noSuchCall();
    const { sipCallId, fromTag, sdp64 } = request.body;
    try {
      if (!voice.ivr) throw new Error('no IVR media (rtpengine NG or the DTMF log not configured)');
      const sdp = await voice.ivr.early(callId, { sipCallId, fromTag }, Buffer.from(sdp64, 'base64').toString('utf8'));
      // base64: Kamailio's http_client keeps only the first line of a text answer.
      return reply.type('text/plain; charset=utf-8').send(Buffer.from(sdp).toString('base64'));
    } catch (error) {
      log(`IVR media for ${callId} unavailable, to an agent: ${(error as Error).message}`);
      ingress.dtmf(callId, '0');
      throw new HttpError(503, 'ivr_media_unavailable', 'no early media: the caller goes to an agent');
    }
  });

  app.get(ctiRoutes.voiceRing.url, { schema: ctiRoutes.voiceRing.schema }, async (request, reply) => {
    const { callId } = request.params;
    if (!SIP_CALL_ID.test(callId)) throw notFound();
    // At most 25 s per poll: below Kamailio's HTTP timeout (30 s, deploy/voice/kamailio.cfg).
    const waitMs = Math.min(Math.max(Number(request.query.wait ?? 0) || 0, 0), 25) * 1000;
    const skip = new Set((request.query.skip ?? '').split(',').filter(Boolean));
    let gone = false;
    request.raw.on('close', () => (gone = true));
    const { leg, from } = request.query;
    const decision = await voice.bridge.ring(callId, waitMs, skip, { ...(leg && { leg }), ...(from && { from }) });
    // The caller's IVR call in rtpengine goes before Kamailio offers the call to the agent's browser.
    if (decision.kind !== 'wait') await voice.ivr?.release(callId);
    // Kamailio gave up waiting: nobody to answer.
    if (gone) return reply.hijack();
    return reply.type('text/plain; charset=utf-8').send(decision.kind === 'ring' ? `ring ${decision.agentId}` : decision.kind);
  });

  app.post(ctiRoutes.voiceDialog.url, { schema: ctiRoutes.voiceDialog.schema }, async (request) => {
    const { callId } = request.params;
    if (!SIP_CALL_ID.test(callId)) throw notFound();
    return { callId, done: voice.bridge.dialogConfirmed(callId, request.body) };
  });
}
