import { lazy } from 'react';

// A ticket's detail view and the create form are shown only after the agent opens or creates a ticket: a chunk of its own, so the
// panel the shell preloads at login stays small, and antd's Timeline, Divider and Select (shared subpath modules
// of @octopus/ui) load with them (issue [2/7] point 8, ADR 0003).

/** Starts loading a ticket's detail view; repeated calls share one request. Called when the pointer or focus enters the list, or the create form opens. */
export const loadTicketDetail = () => import('./TicketDetailView');
export const LazyTicketDetail = lazy(() => loadTicketDetail().then((module) => ({ default: module.TicketDetailView })));

/** Starts loading the create form (antd's Select with it); called with the detail view's preload, and when the form is restored or requested. */
export const loadCreateTicketForm = () => import('./CreateTicketForm');
export const LazyCreateTicketForm = lazy(() => loadCreateTicketForm().then((module) => ({ default: module.CreateTicketForm })));
