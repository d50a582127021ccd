import type { MessageLinks } from '../ports/documents.ts';
import type { Store } from '../ports/store.ts';
import { createUnsubscribeToken } from '../messages/unsubscribe-token.ts';
import { issuePayerLink } from './issue-payer-link.ts';
import { createPayerLinkToken } from './payer-link-token.ts';

/** The payer portal's address of a stored link. */
export function payerLinkUrl(baseUrl: string, secret: string, linkId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/pay/${createPayerLinkToken(secret, linkId)}`;
}

/**
 * Links for messages that reach customers (the worker, `plixo run`, nudges, fresh-link emails):
 * each {pay_link} is the invoice's stored, signed payer link, issued when none is live.
 */
export function createPayerLinks(input: { store: Store; baseUrl: string | (() => string); secret: string; clock: () => number }): MessageLinks {
  // A function when the address is known only once the server listens (port 0 in tests).
  const base = () => (typeof input.baseUrl === 'string' ? input.baseUrl : input.baseUrl()).replace(/\/+$/, '');
  return {
    async payLink(target) {
      const link = await issuePayerLink({ store: input.store, now: input.clock(), ...target });
      return payerLinkUrl(base(), input.secret, link.id);
    },
    statementLink: (customerId) => `${base()}/statements/${encodeURIComponent(customerId)}`,
    unsubscribeLink: (target) => `${base()}/unsubscribe/${createUnsubscribeToken(input.secret, target)}`,
  };
}
