import { z } from 'zod';
import { listUnappliedCash, type CashSuggestion } from '../../../../app/payments/list-unapplied-cash.ts';
import { searchInvoicesToAllocate } from '../../../../app/payments/search-invoices-to-allocate.ts';
import { defineRoute } from '../define-route.ts';
import { decodeCursor, encodeCursor } from '../pagination.ts';
import { money, paymentView, toMoney, toPaymentView } from './payment-routes.ts';

// Unapplied Cash, the work queue of payments Cash-App Assist did not apply: searched and paged by
// the server, each payment with the matcher's suggestions (worked out for the page shown), and the
// open invoices a person may allocate to. Allocating is `POST …/payments/{id}/allocations`.

const org = z.object({ orgId: z.string().min(1) });
const limit = z.coerce.number().int().min(1).max(100).default(25);
const cursor = z.string().max(1000).optional();
const currency = z.string().regex(/^[A-Za-z]{3}$/, 'a three-letter ISO 4217 code').optional();
const text = z.string().max(500).optional();
const amountText = z.string().max(30).optional();

const suggestionView = z.object({
  confidence: z.number(),
  lines: z.array(z.object({ invoiceId: z.string(), invoiceNumber: z.string(), customerId: z.string(), customerName: z.string(), dueOn: z.string(), open: money, amount: money })),
  unapplied: money,
  short: money,
  reasons: z.array(z.object({ code: z.string(), points: z.number(), text: z.string() })),
  blockers: z.array(z.object({ code: z.string(), text: z.string() })),
});

const invoiceToAllocateView = z.object({
  id: z.string(),
  number: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  issuedOn: z.string(),
  dueOn: z.string(),
  amount: money,
  open: money,
});

function toSuggestionView(suggestion: CashSuggestion, currencyCode: string): z.infer<typeof suggestionView> {
  return {
    confidence: suggestion.confidence,
    lines: suggestion.lines.map((line) => ({ invoiceId: line.invoiceId, invoiceNumber: line.invoiceNumber, customerId: line.customerId, customerName: line.customerName, dueOn: line.dueOn, open: toMoney(line.openMinor, currencyCode), amount: toMoney(line.amountMinor, currencyCode) })),
    unapplied: toMoney(suggestion.unappliedMinor, currencyCode),
    short: toMoney(suggestion.shortMinor, currencyCode),
    reasons: suggestion.reasons,
    blockers: suggestion.blockers,
  };
}

export const unappliedCashRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/unapplied-cash',
    summary: 'Unapplied Cash: payments with money left to allocate, newest first, searched by payer, reference or memo, amount, currency and dates received; each with Cash-App Assist’s suggestions',
    tag: 'Payments',
    access: { kind: 'organisation', permission: 'payments.apply' },
    params: org,
    query: z.object({ q: text, amount: amountText, minAmount: amountText, maxAmount: amountText, currency, receivedFrom: z.string().max(10).optional(), receivedTo: z.string().max(10).optional(), limit, cursor }),
    response: z.object({
      items: z.array(paymentView.extend({ suggestions: z.array(suggestionView), nothingFound: z.string().nullable() })),
      currencies: z.array(z.string()),
      nextCursor: z.string().nullable(),
    }),
    async handler({ deps, organisationId, query, now }) {
      const beforeId = decodeCursor(query.cursor, z.number().int());
      const { items, hasMore, currencies } = await listUnappliedCash({
        store: deps.store,
        now,
        workspaceId: organisationId,
        query: {
          limit: query.limit,
          ...(query.q !== undefined ? { text: query.q } : {}),
          ...(query.amount !== undefined ? { amount: query.amount } : {}),
          ...(query.minAmount !== undefined ? { minAmount: query.minAmount } : {}),
          ...(query.maxAmount !== undefined ? { maxAmount: query.maxAmount } : {}),
          ...(query.currency !== undefined ? { currency: query.currency } : {}),
          ...(query.receivedFrom !== undefined ? { receivedFrom: query.receivedFrom } : {}),
          ...(query.receivedTo !== undefined ? { receivedTo: query.receivedTo } : {}),
          ...(beforeId !== undefined ? { beforeId } : {}),
        },
      });
      return {
        items: items.map((item) => ({
          ...toPaymentView({ payment: item.payment, allocations: item.allocations, reversals: [] }),
          suggestions: item.suggestions.map((suggestion) => toSuggestionView(suggestion, item.payment.currency)),
          nothingFound: item.nothingFound,
        })),
        currencies,
        nextCursor: hasMore ? encodeCursor(items.at(-1)!.payment.id) : null,
      };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/unapplied-cash/invoices',
    summary: 'Open invoices to allocate a payment to, oldest due first, by number, customer (name or id) and amount, each with what it still owes now',
    tag: 'Payments',
    access: { kind: 'organisation', permission: 'payments.apply' },
    params: org,
    query: z.object({ q: text, customerId: z.string().max(255).optional(), currency, amount: amountText, limit, cursor }),
    response: z.object({ items: z.array(invoiceToAllocateView), nextCursor: z.string().nullable() }),
    async handler({ deps, organisationId, query, now }) {
      const after = decodeCursor(query.cursor, z.object({ dueOn: z.string(), id: z.string() }));
      const { items, next } = await searchInvoicesToAllocate({
        store: deps.store,
        now,
        workspaceId: organisationId,
        query: {
          limit: query.limit,
          ...(query.q !== undefined ? { text: query.q } : {}),
          ...(query.customerId ? { customerId: query.customerId } : {}),
          ...(query.currency !== undefined ? { currency: query.currency } : {}),
          ...(query.amount !== undefined ? { amount: query.amount } : {}),
          ...(after ? { after } : {}),
        },
      });
      return {
        items: items.map((invoice) => ({ id: invoice.id, number: invoice.number, customerId: invoice.customerId, customerName: invoice.customerName, issuedOn: invoice.issuedOn, dueOn: invoice.dueOn, amount: toMoney(invoice.amountMinor, invoice.currency), open: toMoney(invoice.openMinor, invoice.currency) })),
        nextCursor: next ? encodeCursor(next) : null,
      };
    },
  }),
];
