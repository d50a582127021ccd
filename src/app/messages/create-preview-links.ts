import type { MessageLinks } from '../ports/documents.ts';
import { createUnsubscribeToken } from './unsubscribe-token.ts';

/**
 * Links for messages nobody pays from: previews, `plixo simulate --render`, `plixo preview`, a
 * template test to oneself. The pay link is the portal's preview address, which issues and stores
 * nothing; messages to customers use createPayerLinks.
 */
export function createPreviewLinks(baseUrl: string, secret: string): MessageLinks {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    payLink: async () => `${base}/pay/preview`,
    statementLink: (customerId) => `${base}/statements/${encodeURIComponent(customerId)}`,
    unsubscribeLink: (target) => `${base}/unsubscribe/${createUnsubscribeToken(secret, target)}`,
  };
}
