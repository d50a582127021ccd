import type { ApiRoute } from './define-route.ts';
import { approvalRoutes } from './routes/approval-routes.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { collectionsRoutes } from './routes/collections-routes.ts';
import { organisationRoutes } from './routes/organisation-routes.ts';
import { outboxRoutes } from './routes/outbox-routes.ts';
import { policyRoutes } from './routes/policy-routes.ts';
import { queueRoutes } from './routes/queue-routes.ts';
import { recordRoutes } from './routes/record-routes.ts';
import { segmentRoutes } from './routes/segment-routes.ts';
import { simulationRoutes } from './routes/simulation-routes.ts';
import { operationsRoutes } from './routes/operations-routes.ts';
import { deliverabilityRoutes } from './routes/deliverability-routes.ts';
import { dashboardRoutes } from './routes/dashboard-routes.ts';
import { invoiceTimelineRoutes } from './routes/invoice-timeline-routes.ts';
import { importRoutes } from './routes/import-routes.ts';
import { portalRoutes } from './routes/portal-routes.ts';
import { paymentRoutes } from './routes/payment-routes.ts';
import { unappliedCashRoutes } from './routes/unapplied-cash-routes.ts';
import { remittanceRoutes } from './routes/remittance-routes.ts';

/** The whole API. A new route file adds its list here; the OpenAPI document and the authorization test follow. */
export const apiRoutes: readonly ApiRoute[] = [...authRoutes, ...organisationRoutes, ...policyRoutes, ...segmentRoutes, ...outboxRoutes, ...approvalRoutes, ...queueRoutes, ...collectionsRoutes, ...invoiceTimelineRoutes, ...recordRoutes, ...importRoutes, ...operationsRoutes, ...deliverabilityRoutes, ...dashboardRoutes, ...simulationRoutes, ...portalRoutes, ...paymentRoutes, ...unappliedCashRoutes, ...remittanceRoutes];
