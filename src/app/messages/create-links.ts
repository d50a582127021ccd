import type { MessageLinks } from '../ports/documents.ts';
import { createUnsubscribeToken } from './unsubscribe-token.ts';

/**
 * Links to the payer pages under Plixo's public address. They are plain addresses for now; the
 * payer portal makes them signed, single-use and expiring.
 */
export function createLinks(baseUrl: string, secret: string): MessageLinks {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    payLink: (invoiceId) => `${base}/pay/${encodeURIComponent(invoiceId)}`,
    statementLink: (customerId) => `${base}/statements/${encodeURIComponent(customerId)}`,
    unsubscribeLink: (target) => `${base}/unsubscribe/${createUnsubscribeToken(secret, target)}`,
  };
}
