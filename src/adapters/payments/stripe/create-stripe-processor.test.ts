import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaymentProcessorError, type CheckoutRequest } from '../../../app/ports/payment-processor.ts';
import { checkoutLocale, createStripeProcessor } from './create-stripe-processor.ts';

// createCheckout against a small local HTTP server standing in for api.stripe.com: this machine
// cannot reach Stripe, and the stripe package lets a client be pointed at another host, port and
// protocol. The server records what the real package sends (path, key, form fields) and answers
// as Stripe would: a Checkout Session, or an error.

interface Seen {
  method: string;
  path: string;
  authorization: string | undefined;
  form: URLSearchParams;
}

let server: Server;
let port = 0;
const seen: Seen[] = [];
let answer: { status: number; body: object } = { status: 200, body: {} };

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => resolve(text));
  });

beforeAll(async () => {
  server = createServer(async (request, response) => {
    seen.push({ method: request.method ?? '', path: request.url ?? '', authorization: request.headers.authorization, form: new URLSearchParams(await readBody(request)) });
    response.writeHead(answer.status, { 'content-type': 'application/json', 'request-id': 'req_test' });
    response.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const request: CheckoutRequest = {
  workspaceId: 'acme',
  invoiceId: 'INV-7',
  invoiceNumber: '2026-0007',
  customerId: 'c1',
  amountMinor: 1234_56,
  currency: 'EUR',
  successUrl: 'https://plixo.example/pay/done',
  cancelUrl: 'https://plixo.example/pay/cancelled',
  linkId: 'link-42',
  customerEmail: 'ap@acme.example',
  locale: 'de-AT',
};
const processor = () => createStripeProcessor({ secretKey: 'sk_test_localserver123', webhookSecret: 'whsec_x' }, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });

describe('createCheckout over Checkout Sessions', () => {
  it('creates a one-off session for the amount, with the workspace, invoice and payer link in its and its payment’s metadata', async () => {
    answer = { status: 200, body: { id: 'cs_test_a1', object: 'checkout.session', url: 'https://checkout.stripe.com/c/pay/cs_test_a1' } };
    seen.length = 0;
    const checkout = await processor().createCheckout(request);
    expect(checkout).toEqual({ url: 'https://checkout.stripe.com/c/pay/cs_test_a1', checkoutId: 'cs_test_a1' });
    const [call] = seen;
    expect(call).toMatchObject({ method: 'POST', path: '/v1/checkout/sessions', authorization: 'Bearer sk_test_localserver123' });
    const form = Object.fromEntries(call!.form);
    expect(form).toMatchObject({
      mode: 'payment',
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'eur',
      'line_items[0][price_data][unit_amount]': '123456',
      'line_items[0][price_data][product_data][name]': 'Invoice 2026-0007',
      success_url: 'https://plixo.example/pay/done',
      cancel_url: 'https://plixo.example/pay/cancelled',
      client_reference_id: 'INV-7',
      customer_email: 'ap@acme.example',
      locale: 'de',
      'metadata[workspaceId]': 'acme',
      'metadata[invoiceId]': 'INV-7',
      'metadata[linkId]': 'link-42',
      'payment_intent_data[metadata][workspaceId]': 'acme',
      'payment_intent_data[metadata][invoiceId]': 'INV-7',
      'payment_intent_data[metadata][linkId]': 'link-42',
    });
  });

  it.each([
    { status: 400, body: { error: { type: 'invalid_request_error', message: 'Invalid currency: xyz' } }, retryable: false },
    { status: 500, body: { error: { type: 'api_error', message: 'Something went wrong' } }, retryable: true },
  ])('translates Stripe’s $status into the port’s error (retryable: $retryable)', async ({ status, body, retryable }) => {
    answer = { status, body };
    const error = await processor().createCheckout(request).then(() => null, (thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(PaymentProcessorError);
    expect((error as PaymentProcessorError).retryable).toBe(retryable);
  });

  it('refuses to make a checkout without a secret key', async () => {
    await expect(createStripeProcessor({ secretKey: null, webhookSecret: 'whsec_x' }).createCheckout(request)).rejects.toMatchObject({ name: 'PaymentProcessorError', retryable: false });
  });

  it.each([
    ['de-AT', 'de'],
    ['pt-BR', 'pt-BR'],
    ['en-US', 'en'],
    ['xx-YY', 'auto'],
    [null, 'auto'],
  ])('opens Stripe’s page in the payer’s language: %s → %s', (locale, expected) => {
    expect(checkoutLocale(locale)).toBe(expected);
  });
});

describe('checkCredentials with a read of the balance', () => {
  it.each([
    { status: 200, body: { object: 'balance', livemode: false, available: [], pending: [] }, outcome: 'accepted', detail: /test mode/ },
    { status: 200, body: { object: 'balance', livemode: true, available: [], pending: [] }, outcome: 'accepted', detail: /live mode/ },
    { status: 401, body: { error: { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_test_****' } }, outcome: 'refused', detail: /refused the key/ },
    { status: 403, body: { error: { type: 'invalid_request_error', message: 'The provided key does not have the required permissions' } }, outcome: 'accepted', detail: /restricted/ },
    { status: 500, body: { error: { type: 'api_error', message: 'Something went wrong' } }, outcome: 'unreachable', detail: /could not be reached/ },
  ])('Stripe answering $status: $outcome', async ({ status, body, outcome, detail }) => {
    answer = { status, body };
    seen.length = 0;
    const check = await processor().checkCredentials!();
    expect(check.outcome).toBe(outcome);
    expect(check.detail).toMatch(detail);
    // One GET of the balance with the key, never a retry, never anything that moves money.
    expect(seen.map((call) => [call.method, call.path, call.authorization])).toEqual([['GET', '/v1/balance', 'Bearer sk_test_localserver123']]);
  });

  it('says the key is unknown when nothing answers, and refuses without a key', async () => {
    const closed = createStripeProcessor({ secretKey: 'sk_test_localserver123', webhookSecret: 'whsec_x' }, { host: '127.0.0.1', port: 1, protocol: 'http', maxNetworkRetries: 0 });
    expect((await closed.checkCredentials!()).outcome).toBe('unreachable');
    expect((await createStripeProcessor({ secretKey: null, webhookSecret: 'whsec_x' }).checkCredentials!()).outcome).toBe('refused');
  });
});
