import type { FastifyInstance } from 'fastify';
import { openPaymentProcessor } from '../../app/payments/manage-payment-connectors.ts';
import { receivePaymentWebhook } from '../../app/payments/receive-payment-webhook.ts';
import { noMetrics, type Metrics, type WebhookOutcome } from '../../app/ports/metrics.ts';
import type { CreatePaymentProcessor } from '../../app/ports/payment-processor.ts';
import type { WebhookProcessor } from '../../app/ports/payment-store.ts';
import type { Store } from '../../app/ports/store.ts';

// The processors' webhooks: POST /webhooks/stripe/:workspaceId (Stripe-Signature) and POST
// /webhooks/payments/:workspaceId (Plixo-Signature, for other processors and ERPs). The body is
// kept as the raw bytes, because the signature covers exactly them: these routes live in their
// own Fastify scope whose only content parser hands the body over unparsed. A delivery whose
// signature does not verify, or that is stale, gets 400 and nothing is stored; a verified one is
// stored, then applied, and answered 200 (a redelivery too, so the processor stops retrying).

export interface PaymentWebhookDependencies {
  store: Store;
  clock: () => number;
  /** How to make each processor from a workspace's connector. */
  processors: Record<WebhookProcessor, CreatePaymentProcessor>;
  /** Counts each delivery by how it ended. */
  metrics?: Metrics;
}

const endpoints: Record<WebhookProcessor, { path: string; header: string }> = {
  stripe: { path: '/webhooks/stripe', header: 'stripe-signature' },
  webhook: { path: '/webhooks/payments', header: 'plixo-signature' },
};

/** Where a workspace's processor sends its webhooks (shown with the payment connector). */
export function paymentWebhookPath(processor: WebhookProcessor, workspaceId: string): string {
  return `${endpoints[processor].path}/${workspaceId}`;
}

export function registerPaymentWebhookRoutes(app: FastifyInstance, deps: PaymentWebhookDependencies): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_request, body, done) => done(null, body));
    for (const [name, endpoint] of Object.entries(endpoints) as [WebhookProcessor, (typeof endpoints)[WebhookProcessor]][]) {
      scope.post<{ Params: { workspaceId: string } }>(`${endpoint.path}/:workspaceId`, async (request, reply) => {
        const now = deps.clock();
        const { workspaceId } = request.params;
        const count = (outcome: WebhookOutcome) => (deps.metrics ?? noMetrics).countWebhookDelivery({ processor: name, outcome });
        const refuse = (status: number, code: string, message: string, outcome: WebhookOutcome) => {
          count(outcome);
          return reply.code(status).send({ error: { code, message } });
        };
        // The same answer whether the organisation does not exist or has no connector.
        const processor = await openPaymentProcessor({ store: deps.store, workspaceId, processor: name, create: deps.processors[name] });
        if (!processor) return refuse(404, 'not_found', `no ${name} connector is set up for organisation ${workspaceId}`, 'no_connector');
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0) return refuse(400, 'invalid_input', 'the body is empty', 'refused');
        const signature = request.headers[endpoint.header];
        const reading = processor.readWebhook({ payload: body, signature: typeof signature === 'string' ? signature : undefined, receivedAt: now });
        if (!reading.ok) return refuse(400, 'invalid_input', reading.problem, 'refused');
        const received = await receivePaymentWebhook({
          store: deps.store,
          now,
          workspaceId,
          processor: name,
          reading,
          onError: (error, delivery) => request.log.error({ err: error, eventId: delivery.eventId }, 'a stored payment webhook could not be applied; it is tried again with the next delivery'),
        });
        count(received.duplicate ? 'duplicate' : received.status);
        return reply.code(200).send({ received: true, duplicate: received.duplicate, status: received.status });
      });
    }
  });
}
