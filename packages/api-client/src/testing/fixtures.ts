// Real api answers for tests of the remotes, generated from apps/api on its deterministic seed (20261121) by
// `pnpm fixtures` into fixtures.generated.json: masked variants are what the api itself answers an
// unverified call. Do not edit the JSON; apps/api's api-fixtures.test.ts fails when it is stale. Each
// answer passes the contracts schemas (client.test.ts checks it, so the casts below are checked too).
import type {
  ApiErrorBody,
  ConsignmentListResponse,
  LoanListResponse,
  OrderDetail,
  OrderListResponse,
  ServiceTrackResponse,
  TicketDetail,
  TicketListResponse,
} from '@octopus/contracts';
import generated from './fixtures.generated.json';

export const ticketList = generated.ticketList as TicketListResponse;
export const ticketDetail = generated.ticketDetail as TicketDetail;
export const ticketDetailClosed = generated.ticketDetailClosed as TicketDetail;
export const ticketDetailMasked = generated.ticketDetailMasked as TicketDetail;
export const orderList = generated.orderList as OrderListResponse;
export const orderListMasked = generated.orderListMasked as OrderListResponse;
export const orderDetail = generated.orderDetail as OrderDetail;
export const orderDetailMasked = generated.orderDetailMasked as OrderDetail;
export const orderDetailRefunded = generated.orderDetailRefunded as OrderDetail;
export const consignments = generated.consignments as ConsignmentListResponse;
export const loans = generated.loans as LoanListResponse;
export const loansOverdue = generated.loansOverdue as LoanListResponse;
export const serviceTrack = generated.serviceTrack as ServiceTrackResponse;
export const serviceTrackMasked = generated.serviceTrackMasked as ServiceTrackResponse;
export const withheld = generated.withheld as ApiErrorBody;
export const noAccess = generated.noAccess as ApiErrorBody;
