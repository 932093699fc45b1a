import { z } from 'zod';
import { verificationMethodSchema, verificationStatusSchema } from '@octopus/contracts';

/**
 * The iframe bridge's wire format: every message is an envelope `{protocol, version, type, payload}`.
 * A different `version` major is ignored rather than misread, so host and page can be released apart.
 */
export const IFRAME_PROTOCOL = 'octopus-iframe';
/** The bridge's message format version; a message of another version is ignored. */
export const IFRAME_PROTOCOL_VERSION = 1;

const envelope = <T extends string, P extends z.ZodType>(type: T, payload: P) =>
  z.object({ protocol: z.literal(IFRAME_PROTOCOL), version: z.literal(IFRAME_PROTOCOL_VERSION), type: z.literal(type), payload });

/** What the host tells the page: who the customer is, how to reach the api, which language. */
export const iframeContextSchema = z.object({
  callId: z.string().max(128).nullable(),
  customer: z
    .object({
      userId: z.string().max(64).nullable(),
      phone: z.string().max(32),
      verification: z.object({ status: verificationStatusSchema, method: verificationMethodSchema.nullable() }),
    })
    .nullable(),
  locale: z.enum(['zh-CN', 'en-US']),
  api: z.object({ baseUrl: z.string().url(), token: z.string().max(4096).nullable(), grant: z.string().max(4096).nullable() }),
  agent: z.object({ id: z.string().max(32), name: z.string().max(100) }).nullable(),
});
export type IframeContext = z.infer<typeof iframeContextSchema>;

/** host → page */
export const hostMessageSchema = z.discriminatedUnion('type', [envelope('context', iframeContextSchema)]);
export type HostMessage = z.infer<typeof hostMessageSchema>;

/** What the page may ask of the host: the same host actions a federated remote gets. */
export const iframeActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('dial'), phone: z.string().regex(/^\+?[0-9]{3,20}$/) }),
  z.object({
    action: z.literal('openTicket'),
    userId: z.string().max(64).nullable(),
    callId: z.string().max(128).nullable(),
    title: z.string().max(100).optional(),
    orderId: z.string().max(64).optional(),
    category: z.string().max(32).optional(),
    description: z.string().max(2000).optional(),
  }),
  z.object({ action: z.literal('showMessage'), kind: z.enum(['info', 'success', 'warning', 'error']), text: z.string().max(500) }),
]);
export type IframeAction = z.infer<typeof iframeActionSchema>;

/** page → host */
export const childMessageSchema = z.discriminatedUnion('type', [
  envelope('ready', z.object({ name: z.string().max(64) })),
  envelope('action', iframeActionSchema),
  envelope('resize', z.object({ height: z.number().int().min(0).max(100_000) })),
]);
export type ChildMessage = z.infer<typeof childMessageSchema>;

type Payload<M extends { type: string; payload: unknown }, T extends M['type']> = Extract<M, { type: T }>['payload'];

/** Wraps a host → page payload in the protocol envelope. */
export function hostMessage<T extends HostMessage['type']>(type: T, payload: Payload<HostMessage, T>): HostMessage {
  return { protocol: IFRAME_PROTOCOL, version: IFRAME_PROTOCOL_VERSION, type, payload } as HostMessage;
}

/** Wraps a page → host payload in the protocol envelope. */
export function childMessage<T extends ChildMessage['type']>(type: T, payload: Payload<ChildMessage, T>): ChildMessage {
  return { protocol: IFRAME_PROTOCOL, version: IFRAME_PROTOCOL_VERSION, type, payload } as ChildMessage;
}
