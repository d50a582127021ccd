/**
 * Email to Plixo's own users (invitations, approval requests), not to customers: transactional,
 * from the install's system address, with no unsubscribe. The server builds it over the Mailer.
 */
export interface UserMailer {
  /** Resolves whether or not the message went out; `sent: false` carries the reason for the log. */
  send(message: { to: string; subject: string; text: string; html: string; key: string }): Promise<{ sent: boolean; detail: string }>;
}
