import type { Migration, MigrationProvider } from 'kysely';
import type { StorageCapabilities } from '../storage-dialect.ts';
import { initialMigration } from './0001-initial.ts';
import { suppressionsMigration } from './0002-suppressions.ts';
import { outboxMigration } from './0003-outbox.ts';
import { operationsMigration } from './0004-operations.ts';
import { deliverabilityMigration } from './0005-deliverability.ts';
import { outboxWrittenAtMigration } from './0006-outbox-written-at.ts';
import { auditChainMigration } from './0007-audit-chain.ts';
import { accessMigration } from './0008-access.ts';
import { policyPublishingMigration } from './0009-policy-publishing.ts';
import { approvalsMigration } from './0010-approvals.ts';
import { collectionQueueMigration } from './0011-collection-queue.ts';
import { collectionsRecordsMigration } from './0012-collections-records.ts';
import { queueOrderMigration } from './0013-queue-order.ts';
import { segmentModesMigration } from './0014-segment-modes.ts';
import { queueByCustomerMigration } from './0015-queue-by-customer.ts';
import { payerLinksMigration } from './0016-payer-links.ts';
import { paymentsMigration } from './0017-payments.ts';
import { remittancesMigration } from './0019-remittances.ts';
import { paymentPlansMigration } from './0020-payment-plans.ts';
import { fairOutboxClaimsMigration } from './0021-fair-outbox-claims.ts';
import { outboxRetentionMigration } from './0022-outbox-retention.ts';
import { cashCandidatesMigration } from './0024-cash-candidates.ts';
import type { DialectMigration } from './dialect-migration.ts';

// Listed in code, not read from a folder: works the same under tsx, a bundle or a test runner.
// Names sort in the order they run.
const migrations: Record<string, DialectMigration> = {
  '0001-initial': initialMigration,
  '0002-suppressions': suppressionsMigration,
  '0003-outbox': outboxMigration,
  '0004-operations': operationsMigration,
  '0005-deliverability': deliverabilityMigration,
  '0006-outbox-written-at': outboxWrittenAtMigration,
  '0007-audit-chain': auditChainMigration,
  '0008-access': accessMigration,
  '0009-policy-publishing': policyPublishingMigration,
  '0010-approvals': approvalsMigration,
  '0011-collection-queue': collectionQueueMigration,
  '0012-collections-records': collectionsRecordsMigration,
  '0013-queue-order': queueOrderMigration,
  '0014-segment-modes': segmentModesMigration,
  '0015-queue-by-customer': queueByCustomerMigration,
  '0016-payer-links': payerLinksMigration,
  '0017-payments': paymentsMigration,
  '0019-remittances': remittancesMigration,
  '0020-payment-plans': paymentPlansMigration,
  '0021-fair-outbox-claims': fairOutboxClaimsMigration,
  '0022-outbox-retention': outboxRetentionMigration,
  '0024-cash-candidates': cashCandidatesMigration,
};

export function createMigrationProvider(capabilities: StorageCapabilities): MigrationProvider {
  return {
    async getMigrations() {
      const bound: Record<string, Migration> = {};
      for (const [name, migration] of Object.entries(migrations)) {
        bound[name] = { up: (db) => migration.up(db, capabilities), down: (db) => migration.down(db, capabilities) };
      }
      return bound;
    },
  };
}
