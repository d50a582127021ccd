// Shared by the process-level worker tests: a workspace whose outbox holds `count` messages
// due now, and `plixo start --services worker` as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Store } from '../../../app/ports/store.ts';
import { buildCustomer, buildInvoice, buildOutboxMessage, buildWorkspace } from '../../../app/testing/build-store-inputs.ts';

const plixo = fileURLToPath(new URL('../../../../bin/plixo.js', import.meta.url));

// Nothing is due for years under this policy: the worker's planning adds nothing, so the outbox
// holds exactly the messages the test put there.
const policyText = `kind: Workspace
timezone: UTC
locale: en-GB
currency: EUR
plan: growth
senders:
  - domain: ar.acme.example
---
kind: Cadence
name: standard
steps:
  - { id: due, day: 0, template: t }
---
kind: Template
name: t
subject: "Invoice {invoice_number}"
body: "Please pay {invoice_balance}."
---
kind: Segment
name: all
cadence: standard
mode: autopilot
`;

export async function seedOutbox(store: Store, count: number, now = Date.now()): Promise<void> {
  await store.upsertWorkspace(buildWorkspace({ id: 'acme', timeZone: 'UTC' }));
  await store.savePolicyVersion('acme', { version: 1, bundle: [{ path: 'policy.yaml', text: policyText }], status: 'published' });
  const ids = Array.from({ length: count }, (_, index) => String(index).padStart(5, '0'));
  await store.upsertCustomers('acme', ids.map((id) => buildCustomer({ id: `c${id}`, contacts: [{ email: `ap${id}@customer.example`, isPrimary: true }] })));
  await store.upsertInvoices('acme', ids.map((id) => buildInvoice({ id: `INV-${id}`, number: `INV-${id}`, customerId: `c${id}`, dueOn: '2031-01-31', knownAt: now })));
  await store.enqueueOutboxMessages(
    'acme',
    ids.map((id) => {
      const base = buildOutboxMessage({ key: `send:c${id}:INV-${id}/standard/due`, customerId: `c${id}`, invoiceIds: [`INV-${id}`], decidedAt: now, notBefore: now });
      return { ...base, content: { ...base.content!, to: [`ap${id}@customer.example`], subject: `Invoice INV-${id}` } };
    }),
  );
}

export function spawnWorker(input: { databaseUrl: string; smtpUrl: string; env?: Record<string, string> }): ChildProcess {
  return spawn(process.execPath, [plixo, 'start', '--services', 'worker'], {
    env: {
      ...process.env,
      DATABASE_URL: input.databaseUrl,
      PLIXO_SMTP_URL: input.smtpUrl,
      PLIXO_SMTP_ALLOW_SELF_SIGNED: 'true',
      PLIXO_DEMO: 'false',
      PLIXO_TICK_MS: '200',
      // A dead worker's claims are taken over after a second.
      PLIXO_SEND_LEASE_MS: '1000',
      LOG_LEVEL: 'info',
      ...input.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
