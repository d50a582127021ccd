import { includes } from '../../core/access/plans.ts';
import { disputeReasonCodes, type DisputeReason } from '../../core/collections/dispute-sla.ts';
import { payerLinkExpiresAt } from '../../core/portal/payer-link-state.ts';
import { formatCalendarDay } from '../../core/time/calendar-day.ts';
import { localDay } from '../../core/time/time-zone.ts';
import { listPaymentPlans, type PaymentPlanView } from '../collections/list-payment-plans.ts';
import { listPromises } from '../collections/record-promise.ts';
import { loadLivePolicyOrNull } from '../load-live-policy.ts';
import { payableBalance } from '../open-balance.ts';
import type { StoredEvent, StoredInvoice, Store } from '../ports/store.ts';
import type { PayerLinkGrant } from './authorize-payer-link.ts';

// What the payer page shows: the invoice of the link with its open balance and its payment plan
// (each instalment paid, due or missed), the customer's other open invoices, and which of pay,
// promise, plan and dispute the workspace offers.

export interface PortalInvoice {
  id: string;
  number: string;
  issuedOn: string;
  dueOn: string;
  amountMinor: number;
  /** After the payments and credits recorded so far. */
  openMinor: number;
  currency: string;
  disputed: boolean;
  /** The open promise on it, if any. */
  promise: { amount: string; on: string } | null;
}

/** The newest payment plan on the link's invoice unless it was cancelled or replaced: being kept, completed or broken, with each instalment's state. */
export interface PortalPlan {
  status: Exclude<PaymentPlanView['status'], 'cancelled' | 'replaced'>;
  totalMinor: number;
  paidMinor: number;
  installments: { on: string; amountMinor: number; state: PaymentPlanView['installments'][number]['state'] }[];
}

export interface PortalView {
  linkId: string;
  locale: string;
  timeZone: string;
  /** The customer's calendar date now (for the forms' earliest dates). */
  today: string;
  companyName: string;
  customerName: string;
  invoice: PortalInvoice;
  plan: PortalPlan | null;
  /** The customer's other open invoices with something left to pay, by due date. */
  others: PortalInvoice[];
  /** How the payer pays: the workspace's processor, its payment address, or not here. */
  payment: 'processor' | 'url' | null;
  canPromise: boolean;
  canPlan: boolean;
  canDispute: boolean;
  disputeReasons: readonly DisputeReason[];
  expiresAt: number;
}

function toPortalInvoice(invoice: StoredInvoice, events: readonly StoredEvent[], now: number, disputed: boolean, promise: PortalInvoice['promise']): PortalInvoice {
  return {
    id: invoice.id,
    number: invoice.number,
    issuedOn: invoice.issuedOn,
    dueOn: invoice.dueOn,
    amountMinor: invoice.amountMinor,
    openMinor: payableBalance(invoice, events, now),
    currency: invoice.currency,
    disputed,
    promise,
  };
}

export async function loadPayerPortal(input: { store: Store; now: number; grant: PayerLinkGrant; hasProcessor: boolean }): Promise<PortalView> {
  const { store, now, grant } = input;
  const { workspace, customer, invoice, link } = grant;
  const workspaceId = workspace.id;
  // The customer's events and the live policy, read once for the balances, promises, plans and branding.
  const [events, policy] = await Promise.all([store.listEvents(workspaceId, { customerId: customer.id }), loadLivePolicyOrNull(store, workspaceId)]);
  const companyName = policy?.workspace.branding.companyName ?? workspace.name;
  const [openInvoices, settings, promises, plans] = await Promise.all([
    store.pageInvoices(workspaceId, { limit: 200, status: 'open', customerId: customer.id }),
    store.getPortalSettings(workspaceId),
    listPromises({ store, now, workspaceId, customerId: customer.id, events, policy }),
    listPaymentPlans({ store, now, workspaceId, customerId: customer.id, events, policy }),
  ]);
  // Disputed as the engine counts it: a `dispute` event not yet followed by `dispute_resolved`.
  // The customer's events are read anyway, so no workspace-wide list of disputes is needed.
  const disputed = new Set<string>();
  for (const event of events) {
    if (event.invoiceId === null) continue;
    if (event.type === 'dispute') disputed.add(event.invoiceId);
    else if (event.type === 'dispute_resolved') disputed.delete(event.invoiceId);
  }
  const promiseOf = (invoiceId: string) => {
    const open = promises.find((promise) => promise.invoiceId === invoiceId && promise.status === 'open');
    return open ? { amount: open.amount, on: open.on } : null;
  };
  const view = (candidate: StoredInvoice) => toPortalInvoice(candidate, events, now, disputed.has(candidate.id), promiseOf(candidate.id));
  const main = view(invoice);
  const others = openInvoices
    .filter((candidate) => candidate.id !== invoice.id)
    .map(view)
    .filter((candidate) => candidate.openMinor > 0)
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.number < b.number ? -1 : 1));
  const timeZone = customer.timeZone ?? workspace.timeZone;
  const open = main.openMinor > 0;
  const plan = portalPlan(plans.find((candidate) => candidate.invoiceId === invoice.id) ?? null);
  return {
    linkId: link.id,
    locale: customer.locale ?? workspace.locale,
    timeZone,
    today: formatCalendarDay(localDay(timeZone, now)),
    companyName,
    customerName: customer.name,
    invoice: main,
    plan,
    others,
    payment: !open ? null : input.hasProcessor ? 'processor' : settings.paymentUrlTemplate ? 'url' : null,
    canPromise: open && !main.disputed,
    // While a plan is being kept the page shows it in place of a new proposal.
    canPlan: open && !main.disputed && plan?.status !== 'active' && includes(workspace.plan, 'approvals'),
    canDispute: open && !main.disputed && includes(workspace.plan, 'disputes'),
    disputeReasons: disputeReasonCodes,
    expiresAt: payerLinkExpiresAt(link),
  };
}

function portalPlan(newest: PaymentPlanView | null): PortalPlan | null {
  if (!newest || newest.status === 'cancelled' || newest.status === 'replaced') return null;
  return {
    status: newest.status,
    totalMinor: newest.totalMinor,
    paidMinor: newest.paidMinor,
    installments: newest.installments.map((installment) => ({ on: installment.on, amountMinor: installment.amountMinor, state: installment.state })),
  };
}
