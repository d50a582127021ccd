import type { Store } from '../../app/ports/store.ts';
import { createSecretBox } from '../crypto/create-secret-box.ts';
import { createCustomerRepository } from './customer-repository.ts';
import { createEngineActionRepository } from './engine-action-repository.ts';
import { createSuppressionRepository } from './suppression-repository.ts';
import { createOutboxRepository } from './outbox-repository.ts';
import { createOperationsRepository } from './operations-repository.ts';
import { createDeliverabilityRepository } from './deliverability-repository.ts';
import { createEventRepository } from './event-repository.ts';
import { createInvoiceRepository } from './invoice-repository.ts';
import type { DatabaseHandle } from './open-database.ts';
import { createPolicyVersionRepository } from './policy-version-repository.ts';
import type { RepositoryContext } from './repository-context.ts';
import { createWorkspaceRepository } from './workspace-repository.ts';
import { translateDriverError } from './translate-driver-error.ts';
import { createUserRepository } from './user-repository.ts';
import { createCredentialRepository } from './credential-repository.ts';
import { createApprovalRepository } from './approval-repository.ts';
import { createCollectionQueueRepository } from './collection-queue-repository.ts';
import { createCollectionsRecordRepository } from './collections-record-repository.ts';
import { createSegmentModeRepository } from './segment-mode-repository.ts';
import { createReportingRepository } from './reporting-repository.ts';
import { createPayerPortalRepository } from './payer-portal-repository.ts';
import { createPaymentRepository } from './payment-repository.ts';
import { createPaymentConnectorRepository } from './payment-connector-repository.ts';
import { createWebhookDeliveryRepository } from './webhook-delivery-repository.ts';
import { createCashApplicationRepository } from './cash-application-repository.ts';
import { createRemittanceRepository } from './remittance-repository.ts';
import { createCashCandidateRepository } from './cash-candidate-repository.ts';

export interface CreateStoreOptions {
  /** Clock for created_at / updated_at / recorded_at, in epoch milliseconds; tests pass a fixed one. */
  now?: () => number;
  /**
   * The instance secret (PLIXO_SECRET): payment connector keys are encrypted with a key derived
   * from it. Without it the store cannot keep or read such keys.
   */
  secret?: string;
}

/** The Store port over an open (and migrated) database: the same code on SQLite and PostgreSQL. */
export function createStore(database: DatabaseHandle, options: CreateStoreOptions = {}): Store {
  return buildStore({ db: database.db, dialect: database.dialect, now: options.now ?? Date.now, secretBox: options.secret ? createSecretBox(options.secret) : null });
}

function buildStore(context: RepositoryContext): Store {
  return {
    ...createWorkspaceRepository(context),
    ...createCustomerRepository(context),
    ...createInvoiceRepository(context),
    ...createEventRepository(context),
    ...createPolicyVersionRepository(context),
    ...createSegmentModeRepository(context),
    ...createReportingRepository(context),
    ...createEngineActionRepository(context),
    ...createSuppressionRepository(context),
    ...createOutboxRepository(context),
    ...createOperationsRepository(context),
    ...createDeliverabilityRepository(context),
    ...createUserRepository(context),
    ...createCredentialRepository(context),
    ...createApprovalRepository(context),
    ...createCollectionQueueRepository(context),
    ...createCollectionsRecordRepository(context),
    ...createPayerPortalRepository(context),
    ...createPaymentRepository(context),
    ...createWebhookDeliveryRepository(context),
    ...createPaymentConnectorRepository(context),
    ...createCashApplicationRepository(context),
    ...createRemittanceRepository(context),
    ...createCashCandidateRepository(context),
    async transaction(fn) {
      if (context.db.isTransaction) return fn(buildStore(context));
      try {
        return await context.db.transaction().execute((trx) => fn(buildStore({ ...context, db: trx })));
      } catch (error) {
        throw translateDriverError(error, context.dialect, { record: 'transaction' });
      }
    },
  };
}
