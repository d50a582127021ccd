import type { Checkout, CheckoutRequest, PaymentProcessor } from '../ports/payment-processor.ts';

/**
 * A processor for tests (the machine reaches no real one): each checkout is kept, and its page is
 * the success address at once, as if the payer paid. A test then plays the processor's webhook by
 * calling completePayerCheckout with the checkout's link id.
 */
export function createFakePaymentProcessor(): PaymentProcessor & { checkouts: (CheckoutRequest & { checkoutId: string })[] } {
  const checkouts: (CheckoutRequest & { checkoutId: string })[] = [];
  return {
    name: 'fake',
    checkouts,
    async createCheckout(request): Promise<Checkout> {
      const checkoutId = `cs_fake_${checkouts.length + 1}`;
      checkouts.push({ ...request, checkoutId });
      return { url: `${request.successUrl}?session=${checkoutId}`, checkoutId };
    },
    readWebhook: () => ({ ok: false, problem: 'the fake processor sends no webhooks: tests call completePayerCheckout' }),
  };
}
