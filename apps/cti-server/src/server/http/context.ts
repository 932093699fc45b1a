import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CtiEngine } from '../../engine/engine';
import type { AccountDirectory, AuditSink } from '../../engine/ports';
import type { CallIngress } from '../../ingress/ingress';
import type { Simulator } from '../../sim/simulator';
import type { VoiceIvr } from '../../voice/ivr-media';
import type { VoiceBridge, VoiceSettings } from '../../voice/voice';
import type { Hub } from '../hub/hub';

/** The cti-server's Fastify instance with the zod type provider: route `schema`s type params, query, body and answers. */
export type CtiApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** What the HTTP routes act on (built by `startCtiServer`). */
export interface HttpContext {
  engine: CtiEngine;
  simulator: Simulator | null;
  /** The call ingress; its HTTP routes answer only when `ingressToken` is set. */
  ingress?: CallIngress;
  /** Bearer token of the PBX / vendor platform on `/ingress/*`; null disables the HTTP ingress (404). */
  ingressToken?: string | null;
  /** The SIP side of the ingress (Kamailio), when the deployment has voice; null = voice off. */
  voice?: { bridge: VoiceBridge; settings: VoiceSettings; ivr?: VoiceIvr | null } | null;
  accounts: AccountDirectory;
  tokenSecret: string;
  /** Allowed browser origins (CORS; the same list checks the WebSocket upgrade). */
  corsOrigins: (origin: string) => boolean;
  /** A login succeeded with this account (`LoginResponse.agent`): the roster may have changed. */
  afterLogin: (agent: unknown) => Promise<void>;
  /** A session was logged out: close its sockets. */
  endSession: (sid: string) => void;
  /** The WebSocket sessions (`GET /ws`): checked before the upgrade, accepted after it. */
  hub: Pick<Hub, 'authorize' | 'accept'>;
  /** Refresh and logout refusals go here (the api's audit chain). */
  audit?: AuditSink;
  health: () => Record<string, unknown>;
  log?: (message: string) => void;
}
