import type { TicketCategory, TicketPriority } from '@octopus/contracts';

// The create form's draft, apart from the form: the panel reads and prefills it (host.openTicket) without
// loading the form's chunk.

/** A ticket being written, kept in the call's workspace under `DRAFT_KEY`. */
export interface TicketDraft {
  title: string;
  category: TicketCategory;
  priority: TicketPriority;
  description: string;
  orderId: string;
}

export const EMPTY_DRAFT: TicketDraft = { title: '', category: 'order', priority: 'normal', description: '', orderId: '' };
export const DRAFT_KEY = 'tickets.createDraft';

/** The categories the form offers (and a prefill may name). */
export const TICKET_CATEGORIES: TicketCategory[] = ['order', 'logistics', 'refund', 'authentication', 'consignment', 'loan', 'account', 'complaint', 'other'];
