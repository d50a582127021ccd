import type { paths } from './schema.d.ts';

// The shapes of the API's answers the screens read, taken from schema.d.ts, which is generated
// from /api/openapi.json (npm run api-types), so a screen cannot read a field the API lacks.

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type JsonContent<Response> = Response extends { content: { 'application/json': infer Body } } ? Body : never;
type Responses<Path extends keyof paths, M extends Method> = paths[Path][M] extends { responses: infer R } ? R : never;

/** The body a route answers on success (200 or 201). */
export type ApiAnswer<Path extends keyof paths, M extends Method = 'get'> =
  Responses<Path, M> extends { 200: infer Ok } ? JsonContent<Ok> : Responses<Path, M> extends { 201: infer Created } ? JsonContent<Created> : never;

/** The JSON body a route accepts. */
export type ApiBody<Path extends keyof paths, M extends Method = 'post'> = paths[Path][M] extends { requestBody?: { content: { 'application/json': infer Body } } } ? Body : never;

type Item<List> = List extends { items: (infer Entry)[] } ? Entry : never;

export type Session = ApiAnswer<'/api/auth/session'>;
export type OrganisationMembership = Session['organisations'][number];
export type QueuePage = ApiAnswer<'/api/orgs/{orgId}/queue'>;
export type QueueEntry = Item<QueuePage>;
export type SegmentView = Item<ApiAnswer<'/api/orgs/{orgId}/segments'>>;
export type SegmentHealth = SegmentView['health'];
export type ApprovalView = Item<ApiAnswer<'/api/orgs/{orgId}/approvals'>>;
export type ApprovalDecision = ApprovalView['decisions'][number];

export type PolicyOverview = ApiAnswer<'/api/orgs/{orgId}/policy'>;
export type PolicyVersionSummary = PolicyOverview['versions'][number];
export type PolicyVersion = ApiAnswer<'/api/orgs/{orgId}/policy/versions/{version}'>;
export type PolicyIssue = PolicyVersion['issues'][number];
export type PolicyDiff = ApiAnswer<'/api/orgs/{orgId}/policy/diff'>;
export type PublishPreview = ApiAnswer<'/api/orgs/{orgId}/policy/versions/{version}/preview', 'post'>;
export type LintAnswer = ApiAnswer<'/api/orgs/{orgId}/policy/lint', 'post'>;
export type TemplatePreview = ApiAnswer<'/api/orgs/{orgId}/policy/template-preview', 'post'>;
export type SegmentFieldOption = LintAnswer['segmentFields'][number];
export type SegmentPreview = ApiAnswer<'/api/orgs/{orgId}/segments/preview', 'post'>;
export type OrganisationDetail = ApiAnswer<'/api/orgs/{orgId}'>;

export type Role = OrganisationMembership['role'];
export type SignUpBody = ApiBody<'/api/auth/signup'>;
export type AcceptedInvitation = ApiAnswer<'/api/invitations/accept', 'post'>;
export type MemberView = Item<ApiAnswer<'/api/orgs/{orgId}/members'>>;
export type InvitationView = Item<ApiAnswer<'/api/orgs/{orgId}/invitations'>>;
export type CreatedInvitation = ApiAnswer<'/api/orgs/{orgId}/invitations', 'post'>;
export type ApiTokenView = Item<ApiAnswer<'/api/orgs/{orgId}/api-tokens'>>;
export type CreatedApiToken = ApiAnswer<'/api/orgs/{orgId}/api-tokens', 'post'>;
export type AuditPage = ApiAnswer<'/api/orgs/{orgId}/audit'>;
export type AuditEntry = Item<AuditPage>;

export type OperationsConsole = ApiAnswer<'/api/orgs/{orgId}/operations'>;
export type OperationsCheck = OperationsConsole['checks'][number];
export type OperationsJob = OperationsConsole['jobs'][number];
export type SendingDomains = ApiAnswer<'/api/orgs/{orgId}/sending-domains'>;
export type SendingDomain = Item<SendingDomains>;
export type SuppressionPage = ApiAnswer<'/api/orgs/{orgId}/suppressions/search'>;
export type SuppressionEntry = Item<SuppressionPage>;
export type SuppressionImport = ApiAnswer<'/api/orgs/{orgId}/suppressions/import', 'post'>;
export type Dashboard = ApiAnswer<'/api/orgs/{orgId}/dashboard'>;
export type DashboardReceivables = Dashboard['receivables'][number];
export type Simulation = ApiAnswer<'/api/orgs/{orgId}/simulate', 'post'>;
export type SimulatedAction = Simulation['actions'][number];
export type OutboxMessage = Item<ApiAnswer<'/api/orgs/{orgId}/outbox'>>;
export type DraftDetail = ApiAnswer<'/api/orgs/{orgId}/drafts/{id}'>;
export type InvoiceTimeline = ApiAnswer<'/api/orgs/{orgId}/invoices/{invoiceId}/timeline'>;
export type TimelineEntry = InvoiceTimeline['entries'][number];
export type DisputeReasonCode = ApiBody<'/api/orgs/{orgId}/disputes'>['reason'];
export type SuppressionReason = ApiBody<'/api/orgs/{orgId}/suppressions'>['reason'];

export type PaymentConnectors = ApiAnswer<'/api/orgs/{orgId}/payment-connectors'>;
export type PaymentConnector = Item<PaymentConnectors>;
export type PaymentProcessorName = PaymentConnector['processor'];
export type PaymentWebhookEndpoint = PaymentConnectors['endpoints'][number];
export type ConnectorCheck = ApiAnswer<'/api/orgs/{orgId}/payment-connectors/{processor}/check', 'post'>;
export type PortalSettings = ApiAnswer<'/api/orgs/{orgId}/portal-settings'>;
export type PaymentUrlPreview = ApiAnswer<'/api/orgs/{orgId}/portal-settings/preview', 'post'>;
export type PayerLinkStatus = ApiAnswer<'/api/orgs/{orgId}/invoices/{invoiceId}/payer-link'>;
export type RegeneratedPayerLink = ApiAnswer<'/api/orgs/{orgId}/invoices/{invoiceId}/payer-link', 'post'>;
export type DisputeView = Item<ApiAnswer<'/api/orgs/{orgId}/disputes'>>;
export type DisputeAttachment = Item<ApiAnswer<'/api/orgs/{orgId}/disputes/{id}/attachments'>>;
export type UnappliedCashPage = ApiAnswer<'/api/orgs/{orgId}/unapplied-cash'>;
export type UnappliedPayment = Item<UnappliedCashPage>;
export type CashSuggestion = UnappliedPayment['suggestions'][number];
export type InvoiceToAllocate = Item<ApiAnswer<'/api/orgs/{orgId}/unapplied-cash/invoices'>>;
export type AllocationBody = ApiBody<'/api/orgs/{orgId}/payments/{paymentId}/allocations'>;
export type AllocationAnswer = ApiAnswer<'/api/orgs/{orgId}/payments/{paymentId}/allocations', 'post'>;
export type ShortPayOutcome = AllocationAnswer['shortPays'][number];
