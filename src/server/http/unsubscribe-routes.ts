import type { FastifyInstance } from 'fastify';
import { unsubscribe } from '../../app/unsubscribe.ts';
import { readUnsubscribeToken } from '../../app/messages/unsubscribe-token.ts';
import type { Store } from '../../app/ports/store.ts';
import { escapeHtml } from '../../core/messages/escape-html.ts';

// The unsubscribe link of every message. GET shows a confirmation (mail scanners follow links;
// a GET must never unsubscribe anyone); POST unsubscribes, which is what a mail client's
// one-click button (List-Unsubscribe-Post, RFC 8058) and the confirmation form do.

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:3rem auto;max-width:32rem;padding:0 1rem;color:#1d2433}button{font:inherit;padding:.6rem 1.2rem;border-radius:6px;border:0;background:#1f6feb;color:#fff;cursor:pointer}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

export function registerUnsubscribeRoutes(app: FastifyInstance, { store, secret }: { store: Store; secret: string }): void {
  app.get<{ Params: { token: string } }>('/unsubscribe/:token', async (request, reply) => {
    const target = readUnsubscribeToken(secret, request.params.token);
    if (!target) return reply.code(404).type('text/html; charset=utf-8').send(page('This link is not valid', '<p>It may have been copied incompletely.</p>'));
    return reply
      .type('text/html; charset=utf-8')
      .send(
        page(
          'Stop payment reminders?',
          `<p>${escapeHtml(target.email)} will receive no more payment reminders from us.</p><form method="post"><button type="submit">Unsubscribe</button></form>`,
        ),
      );
  });

  app.post<{ Params: { token: string } }>('/unsubscribe/:token', async (request, reply) => {
    const result = await unsubscribe({ store, secret, token: request.params.token });
    if (!result.ok) return reply.code(404).type('text/html; charset=utf-8').send(page('This link is not valid', '<p>Nothing was changed.</p>'));
    return reply.type('text/html; charset=utf-8').send(page('You are unsubscribed', `<p>${escapeHtml(result.email)} will receive no more payment reminders.</p>`));
  });
}
