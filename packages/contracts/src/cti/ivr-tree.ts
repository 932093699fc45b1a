import { z } from 'zod';
import { skillGroupNameSchema } from './common';
import { callerMessageSchema } from './rules';

// The IVR menu tree per hotline number, edited live by supervisors and admins on the cti-server
// (`GET /ivr`, `GET|PUT /ivr/hotlines/:hotline`, `POST /ivr/rollback`; docs/ivr.md). As with the routing
// rules (ADR 0016), every change is a new version of the whole IVR configuration, journalled, audited and
// applied to the next call that dials in without a restart; a call already in the IVR keeps the version it
// entered with (ADR 0019).

/** A hotline number as the network reports the dialled number: 3–20 digits (e.g. `4008001000`). */
export const hotlineNumberSchema = z.string().regex(/^[0-9]{3,20}$/, 'must be 3–20 digits');

/** A node id inside one tree: letters, digits, `-` and `_`, 1–32 characters. */
export const ivrNodeIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1–32 of A-Z a-z 0-9 _ -');

/**
 * A key a menu option listens for: `1`–`9`, `*` or `#`. `0` is never an option: at any point it takes the
 * caller to an agent (the tree's `agentGroup`).
 */
export const ivrOptionKeySchema = z.string().regex(/^[1-9*#]$/, 'must be one of 1-9 * # (0 is always the agent)');

/** The questions a self-service node answers from the api, for a verified caller only. */
export const IVR_SELF_SERVICES = ['order-status', 'consignment-status', 'loan-next-due'] as const;
/**
 * `order-status`: the status and latest logistics event of an order the caller keys by number (digits of its
 * `SO…` id); `consignment-status`: the status of the caller's newest consignment; `loan-next-due`: the next
 * due date and amount of the caller's loans.
 */
export const ivrSelfServiceSchema = z.enum(IVR_SELF_SERVICES);
export type IvrSelfService = z.infer<typeof ivrSelfServiceSchema>;

/** A menu: `prompt` is played, each key in `options` leads to a node; any other key (but 0) repeats the menu. */
export const ivrMenuNodeSchema = z.object({
  kind: z.literal('menu'),
  prompt: callerMessageSchema,
  /** Key → node id (at least one option, at most 11: 1-9 * #). */
  options: z.record(ivrOptionKeySchema, ivrNodeIdSchema).refine((o) => Object.keys(o).length >= 1, 'a menu needs at least one option'),
});

/** Leaves the IVR into a skill group's queue, after `prompt` (null: none) is played. */
export const ivrGroupNodeSchema = z.object({
  kind: z.literal('group'),
  prompt: callerMessageSchema.nullable(),
  group: skillGroupNameSchema,
});

/**
 * Identity verification: `prompt` asks for the registered phone (11 digits) or the ID-number suffix (4–6),
 * ended by `#`; the api checks it (a phone keyed from another number then asks for that account's ID
 * suffix). Verified → `next`; failed → the step is asked again (one of the tree's `maxRepeats`), then `onFail`
 * (null: an agent).
 */
export const ivrVerifyNodeSchema = z.object({
  kind: z.literal('verify'),
  prompt: callerMessageSchema,
  next: ivrNodeIdSchema,
  onFail: ivrNodeIdSchema.nullable(),
});

/**
 * Self-service: answered from the api, for a verified caller only (an unverified one is verified first, as a
 * `verify` node would). `prompt` asks for the order number (for `order-status`, digits ended by `#`) or is
 * played before the answer. After the answer: 1 asks again, 9 ends the call (resolved in self-service),
 * `*` goes to `next` (null: the tree's root), 0 an agent.
 */
export const ivrSelfServiceNodeSchema = z.object({
  kind: z.literal('self-service'),
  service: ivrSelfServiceSchema,
  prompt: callerMessageSchema,
  next: ivrNodeIdSchema.nullable(),
});

/** One node of a tree, by `kind`. */
export const ivrNodeSchema = z.discriminatedUnion('kind', [ivrMenuNodeSchema, ivrGroupNodeSchema, ivrVerifyNodeSchema, ivrSelfServiceNodeSchema]);
export type IvrNode = z.infer<typeof ivrNodeSchema>;
/** `menu`, `group`, `verify` or `self-service`. */
export type IvrNodeKind = IvrNode['kind'];

/** Node ids a node leads to (menu options, `next`, `onFail`), for reachability checks and the designer. */
export function ivrNodeTargets(node: IvrNode): string[] {
  switch (node.kind) {
    case 'menu':
      return Object.values(node.options);
    case 'group':
      return [];
    case 'verify':
      return node.onFail ? [node.next, node.onFail] : [node.next];
    case 'self-service':
      return node.next ? [node.next] : [];
  }
}

/**
 * One hotline's menu tree (the body of `PUT /ivr/hotlines/:hotline`). Every node id named must exist
 * (`superRefine`: 400 naming the field).
 */
export const ivrTreeSchema = z
  .object({
    /** The node a caller enters at. */
    root: ivrNodeIdSchema,
    /** Node id → node (1–100 nodes). */
    nodes: z.record(ivrNodeIdSchema, ivrNodeSchema).refine((n) => Object.keys(n).length >= 1 && Object.keys(n).length <= 100, '1–100 nodes'),
    /** Where 0 (and running out of repeats) takes the caller: a skill group; null: the server's default group. */
    agentGroup: skillGroupNameSchema.nullable(),
    /** How many times an invalid key (or a failed verification) repeats a step (1–5) before the caller goes to an agent. Default 3. */
    maxRepeats: z.number().int().min(1).max(5).default(3),
    /** Played before a repeated menu after an invalid key. */
    invalidPrompt: callerMessageSchema,
  })
  .superRefine((tree, ctx) => {
    if (!tree.nodes[tree.root]) ctx.addIssue({ code: 'custom', path: ['root'], message: `no node ${tree.root}` });
    for (const [id, node] of Object.entries(tree.nodes)) {
      const fields: Array<[string[], string]> =
        node.kind === 'menu'
          ? Object.entries(node.options).map(([key, target]) => [['options', key], target])
          : node.kind === 'verify'
            ? [[['next'], node.next], ...(node.onFail ? [[['onFail'], node.onFail] as [string[], string]] : [])]
            : node.kind === 'self-service' && node.next
              ? [[['next'], node.next]]
              : [];
      for (const [path, target] of fields) {
        if (!tree.nodes[target]) ctx.addIssue({ code: 'custom', path: ['nodes', id, ...path], message: `no node ${target}` });
      }
    }
  });
export type IvrTree = z.infer<typeof ivrTreeSchema>;
/** `IvrTree` as sent (defaults not yet applied). */
export type IvrTreeInput = z.input<typeof ivrTreeSchema>;

/** What made a version: the seed (version 1 from the configuration), a hotline's update, or a rollback. */
export const ivrChangeSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('seed') }),
  z.object({ action: z.literal('update'), hotline: hotlineNumberSchema }),
  z.object({ action: z.literal('rollback'), toVersion: z.number().int().positive() }),
]);
export type IvrChange = z.infer<typeof ivrChangeSchema>;

/** One version of the whole IVR configuration: who made it, when, how, and every hotline's tree. */
export const ivrVersionSchema = z.object({
  /** 1, 2, 3 … (1: the seed). */
  version: z.number().int().positive(),
  /** When it was made (epoch ms, server clock). */
  at: z.number().int().nonnegative(),
  /** Agent id of the supervisor or admin who made it; `system` for the seed. */
  by: z.string(),
  change: ivrChangeSchema,
  /** Hotline number → its tree. */
  hotlines: z.record(hotlineNumberSchema, ivrTreeSchema),
});
export type IvrVersion = z.infer<typeof ivrVersionSchema>;

/**
 * `GET /ivr` → 200: the current version, the history newest first (at most 100, the current one included),
 * and the skill groups a group node may name (name and display names).
 */
export const ivrResponseSchema = z.object({
  current: ivrVersionSchema,
  history: z.array(ivrVersionSchema),
  groups: z.array(z.object({ name: skillGroupNameSchema, label: z.string(), labels: z.object({ 'zh-CN': z.string().optional(), 'en-US': z.string().optional() }).optional() })),
});
export type IvrResponse = z.infer<typeof ivrResponseSchema>;

/** `GET /ivr/hotlines/:hotline` → 200: its current tree and the version it belongs to. */
export const ivrHotlineResponseSchema = z.object({ hotline: hotlineNumberSchema, version: z.number().int().positive(), tree: ivrTreeSchema });
export type IvrHotlineResponse = z.infer<typeof ivrHotlineResponseSchema>;

/** `PUT /ivr/hotlines/:hotline` and `POST /ivr/rollback` → 200: the new current version. */
export const ivrChangeResponseSchema = z.object({ current: ivrVersionSchema });
export type IvrChangeResponse = z.infer<typeof ivrChangeResponseSchema>;

/** `POST /ivr/rollback`: make `version`'s trees current again (as a new version). */
export const ivrRollbackRequestSchema = z.object({ version: z.number().int().positive() });

/** A hotline number in a `/ivr/hotlines/:hotline` path. */
export const ivrHotlineParamsSchema = z.object({ hotline: hotlineNumberSchema });

/** `?ifVersion=N`: change only while version N is current (409 `version_conflict` otherwise). */
export const ivrIfVersionQuerySchema = z.object({ ifVersion: z.coerce.number().int().positive().optional() });

// ------------------------------------------------------------------ the caller's side of a session

/**
 * What the caller is played, in order: a node's prompt, the invalid-key notice, a self-service answer,
 * or a notice (verification failed, transferring to an agent, goodbye). `at`: engine clock, ms.
 */
export const ivrPromptSchema = z.object({
  seq: z.number().int().positive(),
  at: z.number().int().nonnegative(),
  kind: z.enum(['prompt', 'invalid', 'answer', 'notice']),
  /** The node it belongs to (null for notices outside a node). */
  node: ivrNodeIdSchema.nullable(),
  text: callerMessageSchema,
});
export type IvrPrompt = z.infer<typeof ivrPromptSchema>;

/**
 * What the session waits for: `key` (one key of a menu or after an answer), `digits` (a digit string ended by
 * `#`: verification input or an order number), `checking` (the api is asked; keys are ignored), `done` (the
 * call left the IVR: queued, resolved in self-service, or hung up).
 */
export const ivrAwaitSchema = z.enum(['key', 'digits', 'checking', 'done']);
export type IvrAwait = z.infer<typeof ivrAwaitSchema>;

/** `GET /sim/calls/:callId/ivr` → 200: the interactive IVR session of a call (prompts after `after`). */
export const ivrSessionViewSchema = z.object({
  callId: z.string(),
  hotline: hotlineNumberSchema,
  /** The IVR version the call runs on. */
  version: z.number().int().positive(),
  node: ivrNodeIdSchema.nullable(),
  awaiting: ivrAwaitSchema,
  /** The key track so far (digits of identities masked as `*`). */
  keyTrack: z.string(),
  prompts: z.array(ivrPromptSchema),
  /** How the call left the IVR, once `awaiting` is `done`. */
  outcome: z.enum(['queued', 'self-service', 'hung-up']).nullable(),
});
export type IvrSessionView = z.infer<typeof ivrSessionViewSchema>;

/** `GET /sim/calls/:callId/ivr?after=N`: prompts with `seq` > N only. */
export const ivrSessionQuerySchema = z.object({ after: z.coerce.number().int().nonnegative().optional() });

/** `POST /sim/calls/:callId/keys`: keys the caller presses (one key, or digits ended by `#`). */
export const ivrKeysRequestSchema = z.object({ digits: z.string().regex(/^[0-9*#Xx]{1,32}$/, '1–32 of 0-9 * # X') });
/** Its answer: whether the IVR took them (false when the call is not in an interactive IVR session). */
export const ivrKeysResponseSchema = z.object({ callId: z.string(), accepted: z.boolean() });

// ------------------------------------------------------------------ api: self-service answers

/**
 * `POST /internal/ivr/self-service` (service token): a self-service question, with the identity the caller
 * keyed. The api checks the identity again itself (as `POST /internal/identity/verify`) and answers only
 * when it verifies: the cti-server's word is not enough (ADR 0019).
 */
export const internalSelfServiceRequestSchema = z.object({
  /** The calling number (the network proved it). */
  callerPhone: z.string().regex(/^\+?[0-9]{3,20}$/),
  /** What the caller keyed at the verification step: registered phone (11 digits) or ID suffix (4–6). */
  input: z.string().regex(/^[0-9Xx]{4,18}$/),
  /** The ID suffix keyed at the second prompt, when `input` was a registered phone other than the calling number. */
  idSuffix: z.string().regex(/^[0-9Xx]{4,6}$/).optional(),
  service: ivrSelfServiceSchema,
  /** For `order-status`: the order number keyed (its digits, or the whole `SO…` id). */
  orderNumber: z.string().regex(/^(SO)?[0-9]{1,20}$/).optional(),
});
export type InternalSelfServiceRequest = z.infer<typeof internalSelfServiceRequestSchema>;

/**
 * `POST /internal/ivr/self-service` → 200. `found: false` when there is nothing to tell (no such order of this
 * customer, no consignment, no loan due). Amounts in integer fen; times ISO-8601.
 */
export const internalSelfServiceResponseSchema = z.discriminatedUnion('service', [
  z.object({
    service: z.literal('order-status'),
    found: z.boolean(),
    orderId: z.string().nullable(),
    /** The order's status (`OrderSummary['status']`). */
    status: z.string().nullable(),
    /** The newest logistics event, or null (not shipped yet). */
    latestLogistics: z.object({ at: z.string(), status: z.string(), location: z.string(), description: z.string() }).nullable(),
  }),
  z.object({
    service: z.literal('consignment-status'),
    found: z.boolean(),
    consignmentId: z.string().nullable(),
    productName: z.string().nullable(),
    status: z.string().nullable(),
  }),
  z.object({
    service: z.literal('loan-next-due'),
    found: z.boolean(),
    /** The earliest next due instalment across the caller's loans: `YYYY-MM-DD` and amount (fen). */
    dueDate: z.string().nullable(),
    amountFen: z.number().int().nonnegative().nullable(),
  }),
]);
export type InternalSelfServiceResponse = z.infer<typeof internalSelfServiceResponseSchema>;
