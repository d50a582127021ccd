import type { MessageLinks } from '../ports/documents.ts';
import type { Store } from '../ports/store.ts';
import { createPreviewLinks } from '../messages/create-preview-links.ts';
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
  const base = () => (typeof input.baseUrl === 'string' ? input.baseUrl : input.baseUrl());
  return {
    // Statement and unsubscribe links are the same for everyone; only the pay link is stored.
    ...createPreviewLinks(input.baseUrl, input.secret),
    async payLink(target) {
      const link = await issuePayerLink({ store: input.store, now: input.clock(), ...target });
      return payerLinkUrl(base(), input.secret, link.id);
    },
  };
}
