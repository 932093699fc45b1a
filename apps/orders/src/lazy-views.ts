import { lazy } from 'react';

// What the orders tab shows only after the agent acts, in chunks of their own: the panel the shell preloads
// at login stays small, and antd's Timeline, Divider and Pagination (shared subpath modules of
// @octopus/ui) load with the view that needs them (issue [2/7] point 8, ADR 0003).

/** Starts loading an order's detail view; repeated calls share one request. Called when the pointer or focus enters the list, before a click. */
export const loadOrderDetail = () => import('./OrderDetailView');
export const LazyOrderDetail = lazy(() => loadOrderDetail().then((module) => ({ default: module.OrderDetailView })));

/** Starts loading antd's Pagination (shown only under a list longer than one page). */
export const loadPagination = () => import('@octopus/ui/pagination');
export const LazyPagination = lazy(() => loadPagination().then((module) => ({ default: module.Pagination })));
