// Stripe event bodies for tests, shaped as Stripe sends them (only the fields Plixo reads, and
// the envelope). Sign them with Stripe.webhooks.generateTestHeaderString.

export const piId = 'pi_3Q1';
const metadata = { workspaceId: 'acme', invoiceId: 'INV-1', customerId: 'c1', linkId: 'link-1' };
export const seconds = (ms: number) => Math.floor(ms / 1000);

export function stripeEvent(id: string, type: string, object: object, at: number): string {
  return JSON.stringify({ id, object: 'event', api_version: '2026-11-18.endive', created: seconds(at), type, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, data: { object } });
}
export const checkoutSession = (amount = 1200_00) => ({ id: 'cs_test_1', object: 'checkout.session', mode: 'payment', payment_status: 'paid', payment_intent: piId, amount_total: amount, currency: 'eur', customer_details: { name: 'Acme GmbH', email: 'ap@acme.example' }, client_reference_id: 'INV-1', metadata });
export const paymentIntent = (amount = 1200_00) => ({ id: piId, object: 'payment_intent', amount_received: amount, currency: 'eur', receipt_email: null, description: 'Invoice INV-1', metadata });
export const charge = (refunded: number) => ({ id: 'ch_1', object: 'charge', amount: 1200_00, amount_refunded: refunded, currency: 'eur', payment_intent: piId });
export const dispute = (status: string, created: number) => ({ id: 'dp_1', object: 'dispute', amount: 1200_00, currency: 'eur', charge: 'ch_1', payment_intent: piId, status, created: seconds(created) });

