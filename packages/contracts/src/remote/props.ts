import { z } from 'zod';

/**
 * The remotes this repository builds. The shell does not depend on this list: it shows whatever the
 * runtime registry lists (any name matching {@link REMOTE_NAME_PATTERN}).
 */
export const REMOTE_NAMES = ['tickets', 'orders', 'finance', 'service-track'] as const;
/** One of the four remotes built in this repository (`REMOTE_NAMES`). */
export type BuiltInRemoteName = (typeof REMOTE_NAMES)[number];

/** A remote's registry key: lower-case letters, digits and hyphens, starting with a letter, ≤ 40 characters. */
export const REMOTE_NAME_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
/** The registry key of a remote (see {@link REMOTE_NAME_PATTERN}); any team may add one. */
export type RemoteName = string;

/** A UI locale: zh-CN (the default) or en-US (`?lng=en-US`). */
export type Locale = 'zh-CN' | 'en-US';
/** Every `Locale`, default first. */
export const SUPPORTED_LOCALES: readonly Locale[] = ['zh-CN', 'en-US'];

/** How sure we are who the caller is. Decides what the api will show. */
export const verificationStatusSchema = z.enum(['verified', 'failed', 'skipped', 'unverified']);
export type VerificationStatus = z.infer<typeof verificationStatusSchema>;

/** How the caller was verified: by the IVR (registered phone or ID suffix keyed in) or by the agent. */
export const verificationMethodSchema = z.enum(['ivr-phone', 'ivr-id-suffix', 'agent-confirm', 'agent-search']);
export type VerificationMethod = z.infer<typeof verificationMethodSchema>;

/** The caller as the host hands it to a remote: the bound account and how sure we are it is them. */
export interface CustomerContext {
  /** The bound customer account, or null while the caller is not identified. */
  userId: string | null;
  /** The number the caller dialled from. */
  phone: string;
  verification: {
    status: VerificationStatus;
    method: VerificationMethod | null;
  };
}

/** The signed-in agent as the host hands it to a remote: id, display name and skill groups. */
export interface AgentContext {
  id: string;
  name: string;
  skillGroups: string[];
}

/** The look of a host toast (`host.message`): neutral, success, warning or error. */
export type HostMessageKind = 'info' | 'success' | 'warning' | 'error';

/** What a remote asks the tickets tab to open: a new ticket for this customer and call, prefilled. */
export interface OpenTicketRequest {
  userId: string | null;
  callId: string | null;
  /** Prefill of the ticket's title (≤ 100 characters). */
  title?: string;
  /** The order the ticket is about (since contract 1.1.0). */
  orderId?: string;
  /** The ticket's category, e.g. `order`, `logistics`, `refund` (since 1.1.0). */
  category?: string;
  /** Prefill of the description (since 1.1.0). */
  description?: string;
}

/** An `openTicket` request as the host hands it to the tickets remote: `id` changes with every request. */
export interface TicketRequest extends OpenTicketRequest {
  id: number;
}

/** What a remote may ask the shell to do. The shell owns the phone, navigation and notifications. */
export interface HostActions {
  /** Place an outbound call through the shell's phone bar. */
  dial(phone: string): void;
  /** Bring the tickets tab forward, optionally prefilled. */
  openTicket(request: OpenTicketRequest): void;
  showMessage(kind: HostMessageKind, text: string): void;
}

/**
 * A per-call scratch space the shell keeps for each remote, so drafts survive switching calls
 * and reloads. Keys are the remote's own; values must be JSON-serialisable.
 */
export interface RemoteWorkspace {
  read<T>(key: string): T | undefined;
  write<T>(key: string, value: T): void;
}

/** How a remote reaches the customer data api on behalf of this agent and this call. */
export interface ApiAccess {
  baseUrl: string;
  /** The agent's bearer token. */
  token: string | null;
  /** The per-call customer access grant, or null when there is no call. */
  grant: string | null;
}

/** The props every exposed remote component receives (contract {@link REMOTE_CONTRACT_VERSION}). */
export interface RemoteProps {
  contractVersion: string;
  locale: Locale;
  callId: string | null;
  customer: CustomerContext | null;
  agent: AgentContext | null;
  api: ApiAccess;
  host: HostActions;
  workspace: RemoteWorkspace;
  /**
   * Since 1.1.0, for the remote that handles tickets: the latest `host.openTicket` request of this call
   * (its prefill), or null/absent. A new `id` means a new request: open the creation form, prefilled.
   */
  ticketRequest?: TicketRequest | null;
}

/**
 * What each exposed remote module exports as `remote`. `TComponent` is the UI framework's
 * component type (React's `ComponentType<RemoteProps>` in this project); contracts stay framework-free.
 */
export interface RemoteModule<TComponent = unknown> {
  name: RemoteName;
  /** The remote's own release version (its package.json). */
  version: string;
  /** The contract version the remote was built against. */
  contractVersion: string;
  Component: TComponent;
  /**
   * Optional (additive, older hosts ignore it): fills the shared query cache with what the remote's
   * first view of this call will ask for, so its tab shows data as soon as it opens. The shell calls it
   * when a call rings and again when its customer or grant changes, with THE shared QueryClient
   * (`@tanstack/react-query`; typed `unknown` here, contracts stay framework-free). It must use the
   * same query keys as the remote's own hooks. Resolves when done; failures are ignored by the shell.
   */
  prefetch?: (context: RemotePrefetchContext, queryClient: unknown) => Promise<void>;
}

/** The part of a call's `RemoteProps` a prefetch needs: whose data, for which call, under which grant. */
export type RemotePrefetchContext = Pick<RemoteProps, 'callId' | 'customer' | 'api'>;
