import type { SendMailOptions } from 'nodemailer';
import type { OutgoingMessage } from '../../../app/ports/mailer.ts';

/** The port's message as nodemailer's mail options; shared by the SMTP and mailbox mailers. */
export function toMailOptions(message: OutgoingMessage, date?: Date): SendMailOptions {
  const options: SendMailOptions = {
    messageId: message.messageId,
    from: { name: message.from.name, address: message.from.address },
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    headers: { ...message.headers },
    attachments: message.attachments.map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: Buffer.from(attachment.content.buffer, attachment.content.byteOffset, attachment.content.byteLength),
    })),
    // Addresses come from our contacts table; a file path or URL there must never be read.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
  if (message.replyTo !== undefined) options.replyTo = message.replyTo;
  if (date !== undefined) options.date = date;
  return options;
}
