// What the inbound mail adapter (src/adapters/mail/inbound) makes of a raw message: its parsing
// stays there, and the use cases decide from this form.

/** What an email that arrived at our inbound address turned out to be, in words the app uses. */
export type InboundEmailKind = 'reply' | 'auto_reply' | 'bounce' | 'complaint' | 'other';

/** RFC 3464 actions; `failed` and `delayed` are the ones a bounce is made of. */
export type BounceAction = 'failed' | 'delayed' | 'delivered' | 'relayed' | 'expanded';

export interface BounceRecipient {
  address: string;
  /** Enhanced status code, e.g. `5.1.1`; empty when the report gave none we could find. */
  status: string;
  action: BounceAction;
  diagnostic: string;
}

export interface BounceReport {
  recipients: BounceRecipient[];
  /** True when a recipient failed for good (5.x.x): the address is to be suppressed, not retried. */
  permanent: boolean;
  /** Message-ID (angle brackets included) of the message that bounced, when the report carried it. */
  originalMessageId?: string;
}

export interface ComplaintReport {
  /** ARF Feedback-Type: abuse, fraud, virus, not-spam, other, … */
  feedbackType: string;
  /** The recipient who complained, from Original-Rcpt-To or the returned message's To. */
  recipient?: string;
  originalMessageId?: string;
}

export interface InboundEmail {
  kind: InboundEmailKind;
  /** Lowercased address of the From header; empty when the message had none. */
  from: string;
  to: string[];
  subject: string;
  /** Message-IDs keep their angle brackets, as nodemailer reports the ones we send. */
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  /** The Date header; absent when missing or unparseable (mailparser would invent "now"). */
  receivedAt?: Date;
  /** The sender's own words, with the quoted history cut off where a known marker shows it. */
  text: string;
  bounce?: BounceReport;
  complaint?: ComplaintReport;
}
