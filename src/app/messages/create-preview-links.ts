import type { MessageLinks } from '../ports/documents.ts';
import { createUnsubscribeToken } from './unsubscribe-token.ts';

/**
 * Links for messages nobody pays from: previews, `plixo simulate --render`, `plixo preview`, a
 * template test to oneself. The pay link is the portal's preview address, which issues and stores
 * nothing; messages to customers use createPayerLinks.
 */
export function createPreviewLinks(baseUrl: string | (() => string), secret: string): MessageLinks {
  // A function when the address is known only once the server listens (port 0 in tests).
  const base = () => (typeof baseUrl === 'string' ? baseUrl : baseUrl()).replace(/\/+$/, '');
  return {
    payLink: async () => `${base()}/pay/preview`,
    statementLink: (customerId) => `${base()}/statements/${encodeURIComponent(customerId)}`,
    unsubscribeLink: (target) => `${base()}/unsubscribe/${createUnsubscribeToken(secret, target)}`,
  };
}
