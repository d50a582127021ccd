import { simpleParser, type AddressObject, type Attachment, type HeaderValue, type ParsedMail, type StructuredHeader } from 'mailparser';
import { detectAutoReply, type HeaderLookup } from './detect-auto-reply.ts';
import type { BounceReport, ComplaintReport, InboundEmail, InboundEmailKind } from './inbound-email.ts';
import { isPermanentFailure, parseDeliveryStatus } from './parse-delivery-status.ts';
import { findMessageId, normalizeMessageId, parseReportFields, readAddressField } from './parse-report-fields.ts';
import { looksLikePlainBounce, readPlainBounce } from './read-plain-bounce.ts';
import { stripQuotedText } from './strip-quoted-text.ts';

const returnedMessageTypes = new Set(['message/rfc822', 'text/rfc822-headers', 'message/global', 'message/global-headers']);
const replySubject = /^(re|aw|sv|antw|vs|odp|r)\s*:/i;

/** Parses a raw inbound message and says what it is: a person's reply, an auto-reply, a bounce, … */
export async function classifyInboundEmail(raw: Buffer | string): Promise<InboundEmail> {
  const mail = await simpleParser(raw, {
    keepDeliveryStatus: true, // the report parts come back as attachments we can read
    ignoreEmbedded: true, // a returned message stays one attachment instead of being merged into the text
    skipTextToHtml: true,
    skipImageLinks: true,
    checksumAlgo: false,
  });
  const header = headerLookup(mail);
  const common = readCommonFields(mail, header);
  const reportType = readReportType(mail);
  const returnedHeaders = mail.attachments.filter((part) => returnedMessageTypes.has(part.contentType.toLowerCase())).map(partText);

  if (reportType === 'feedback-report') {
    return { ...common, kind: 'complaint', complaint: readComplaint(mail.attachments, returnedHeaders) };
  }
  const deliveryStatus = mail.attachments.find((part) => part.contentType.toLowerCase() === 'message/delivery-status');
  if (reportType === 'delivery-status' && deliveryStatus) {
    const bounce = readDeliveryReport(partText(deliveryStatus), returnedHeaders);
    if (bounce.recipients.some((recipient) => recipient.action === 'failed' || recipient.action === 'delayed')) {
      return { ...common, kind: 'bounce', bounce };
    }
    return { ...common, kind: 'other' }; // a success report (delivered/relayed) needs no action
  }
  const plainBounceInput = { from: common.from, to: common.to, subject: common.subject, returnPath: header('return-path'), text: mail.text ?? '', returnedHeaders };
  if (looksLikePlainBounce(plainBounceInput)) {
    return { ...common, kind: 'bounce', bounce: readPlainBounce(plainBounceInput) };
  }
  const kind: InboundEmailKind = detectAutoReply(header, common.subject)
    ? 'auto_reply'
    : common.inReplyTo || common.references.length > 0 || replySubject.test(common.subject)
      ? 'reply'
      : 'other';
  return { ...common, kind, text: kind === 'reply' ? stripQuotedText(common.text) : common.text };
}

function readCommonFields(mail: ParsedMail, header: HeaderLookup): Omit<InboundEmail, 'kind'> {
  const messageId = normalizeMessageId(mail.messageId);
  const inReplyTo = normalizeMessageId(mail.inReplyTo);
  // mailparser puts "now" in `date` when the header is missing or broken; only a real Date header counts.
  const receivedAt = header('date') !== undefined && mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : undefined;
  return {
    from: firstAddress(mail.from) ?? '',
    to: addresses(mail.to),
    subject: (mail.subject ?? '').trim(),
    ...(messageId ? { messageId } : {}),
    ...(inReplyTo ? { inReplyTo } : {}),
    references: readReferences(mail.references),
    ...(receivedAt ? { receivedAt } : {}),
    text: (mail.text ?? '').replace(/\r\n?/g, '\n').trim(),
  };
}

function readDeliveryReport(statusText: string, returnedHeaders: string[]): BounceReport {
  const recipients = parseDeliveryStatus(statusText);
  const [perMessage] = parseReportFields(statusText);
  const originalMessageId =
    returnedHeaders.map(findMessageId).find((id) => id !== undefined) ?? normalizeMessageId(perMessage?.get('x-original-message-id'));
  return { recipients, permanent: recipients.some(isPermanentFailure), ...(originalMessageId ? { originalMessageId } : {}) };
}

function readComplaint(attachments: Attachment[], returnedHeaders: string[]): ComplaintReport {
  const report = attachments.find((part) => part.contentType.toLowerCase() === 'message/feedback-report');
  const [fields] = report ? parseReportFields(partText(report)) : [];
  const [returned] = returnedHeaders.length > 0 ? parseReportFields(returnedHeaders[0]!) : [];
  const recipient = readAddressField(fields?.get('original-rcpt-to')) ?? readAddressField(returned?.get('to')?.match(/<([^>]+)>/)?.[1] ?? returned?.get('to'));
  const originalMessageId = returnedHeaders.map(findMessageId).find((id) => id !== undefined);
  return {
    feedbackType: fields?.get('feedback-type')?.toLowerCase() ?? 'other',
    ...(recipient ? { recipient } : {}),
    ...(originalMessageId ? { originalMessageId } : {}),
  };
}

function readReportType(mail: ParsedMail): string | undefined {
  const contentType = mail.headers.get('content-type');
  if (!isStructuredHeader(contentType) || contentType.value.toLowerCase() !== 'multipart/report') return undefined;
  return contentType.params['report-type']?.toLowerCase();
}

function isStructuredHeader(value: HeaderValue | undefined): value is StructuredHeader {
  return typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && typeof value.value === 'string' && 'params' in value;
}

function headerLookup(mail: ParsedMail): HeaderLookup {
  return (name) => {
    const value: HeaderValue | undefined = mail.headers.get(name);
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : '';
    if (value instanceof Date) return value.toISOString();
    if ('value' in value && typeof value.value === 'string') return value.value;
    if ('text' in value && typeof value.text === 'string') return value.text;
    return '';
  };
}

function partText(part: Attachment): string {
  return part.content.toString('utf8');
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return objects
    .flatMap((object) => object.value.flatMap((entry) => (entry.group ? entry.group : [entry])))
    .map((entry) => entry.address?.toLowerCase())
    .filter((address): address is string => Boolean(address));
}

function firstAddress(field: AddressObject | undefined): string | undefined {
  return addresses(field)[0];
}

function readReferences(value: string | string[] | undefined): string[] {
  const raw = Array.isArray(value) ? value.join(' ') : (value ?? '');
  return (raw.match(/<[^<>\s]+>/g) ?? []).filter((id, index, all) => all.indexOf(id) === index);
}
