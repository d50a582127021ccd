import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderTestRemittancePdf } from '../../adapters/pdf/testing/render-test-remittance-pdf.ts';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase } from '../../adapters/storage/open-database.ts';
import { buildCustomer, buildInvoice, buildPayment } from '../../app/testing/build-store-inputs.ts';
import { runCliCaptured } from '../testing-run-cli.ts';

// `plixo remittance PAYMENT_ID FILE [--accept]` on a SQLite file: the proposal printed line by
// line with its problems, stored without applying anything; with --accept, applied and audited.

let folder: string;
let paymentId: number;
const databaseFile = () => join(folder, 'plixo.db');

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'plixo-remittance-cli-'));
  const database = openDatabase(databaseFile());
  await migrateToLatest(database);
  const store = createStore(database);
  await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'Europe/Paris', locale: 'fr-FR', currency: 'EUR' });
  await store.upsertCustomers('acme', [buildCustomer({ id: 'c1', name: 'Dupont SA' })]);
  await store.upsertInvoices('acme', [
    buildInvoice({ id: 'f1', number: 'FA-2026-0042', customerId: 'c1', amountMinor: 1_234_56, balanceMinor: 1_234_56 }),
    buildInvoice({ id: 'f2', number: 'FA-2026-0043', customerId: 'c1', amountMinor: 765_44, balanceMinor: 765_44 }),
  ]);
  paymentId = (await store.recordPayment('acme', buildPayment({ sourceId: 'VIR-1', amountMinor: 2_000_00, customerId: 'c1', receivedAt: Date.UTC(2026, 2, 12) }))).payment.id;
  await database.close();
  await writeFile(
    join(folder, 'avis.pdf'),
    await renderTestRemittancePdf({
      title: ['Avis de paiement', 'Dupont SA'],
      columns: [
        { heading: 'N° facture', x: 48, width: 110 },
        { heading: 'Montant réglé', x: 300, width: 90, align: 'right' },
      ],
      rows: [
        ['FA-2026-0042', '1 234,56'],
        ['FA-2026-0043', '765,44'],
        ['FA-2026-0099', '10,00'],
      ],
      footer: [['Total réglé', '2 010,00']],
    }),
  );
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('plixo remittance', () => {
  it('prints the proposal with its problems and applies nothing, then applies it with --accept', async () => {
    const cli = (...args: string[]) => runCliCaptured(args, { env: { DATABASE_URL: `file:${databaseFile()}`, USER: 'olu' }, cwd: folder });
    const proposed = await cli('remittance', String(paymentId), 'avis.pdf');
    expect(proposed.code, proposed.stderr).toBe(0);
    const out = proposed.stdout.split('\n');
    expect(out[0]).toBe('avis.pdf (pdf, remittance 1): 3 lines');
    expect(out[2]).toMatch(/^1 +p1 l\d+ +FA-2026-0042 +FA-2026-0042 +1234\.56 +1234\.56 +1\.00$/);
    expect(out[4]).toMatch(/^3 +p1 l\d+ +FA-2026-0099 +— +10\.00 +— +0\.00 +unknown_invoice$/);
    expect(proposed.stdout).toContain('  line 3: no invoice of this organisation is numbered "FA-2026-0099", nor one a typo away\n');
    expect(proposed.stdout).toContain('Lines 2010.00, stated total 2010.00; proposed 2000.00 of 2000.00 EUR unapplied\n  the lines add up to 2010.00 EUR; the payment has 2000.00 EUR unapplied\n');
    expect(proposed.stdout).toContain('Remittance 1 stored for review; nothing applied.');

    const accepted = await cli('remittance', String(paymentId), 'avis.pdf', '--accept', '--note', 'FA-2026-0099 is not ours');
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout).toContain(`Applied 2000.00 EUR to 2 invoices; payment ${paymentId} has 0.00 EUR unapplied.\n`);
    const audit = await cli('ops', 'audit');
    expect(audit.stdout).toMatch(/remittance\.accept/);
    expect(audit.stdout.match(/remittance\.upload/g)).toHaveLength(2);

    const again = await cli('remittance', String(paymentId), 'avis.pdf');
    expect(again).toMatchObject({ code: 1, stderr: `plixo remittance: payment ${paymentId} has nothing unapplied: all its money is allocated already\n` });
    expect(await cli('remittance', String(paymentId), 'missing.pdf')).toMatchObject({ code: 2, stderr: 'plixo remittance: missing.pdf: no such file\n' });
  });
});
