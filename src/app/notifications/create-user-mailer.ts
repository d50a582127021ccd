import { messageIdFor, type MailAddress, type Mailer } from '../ports/mailer.ts';
import type { UserMailer } from '../ports/user-mailer.ts';

/** Email to users over the same Mailer as customer messages; one try, the caller records the outcome. */
export function createUserMailer({ mailer, from }: { mailer: Mailer; from: MailAddress }): UserMailer {
  const domain = from.address.split('@')[1] ?? 'localhost';
  return {
    async send(message) {
      const outcome = await mailer.send({
        messageId: messageIdFor({ idempotencyKey: message.key, sendingDomain: domain }),
        from,
        to: [message.to],
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: { 'Auto-Submitted': 'auto-generated' },
        attachments: [],
      });
      if (outcome.kind === 'sent') return { sent: true, detail: outcome.response };
      return { sent: false, detail: `${outcome.kind}: ${outcome.reason}` };
    },
  };
}
