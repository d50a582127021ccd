import type { BounceAction, BounceRecipient } from './inbound-email.ts';
import { parseReportFields, readAddressField } from './parse-report-fields.ts';

const actions: readonly BounceAction[] = ['failed', 'delayed', 'delivered', 'relayed', 'expanded'];

/** The per-recipient blocks of a message/delivery-status part (RFC 3464). */
export function parseDeliveryStatus(text: string): BounceRecipient[] {
  const [, ...recipientGroups] = parseReportFields(text);
  const recipients: BounceRecipient[] = [];
  for (const fields of recipientGroups) {
    const address = readAddressField(fields.get('final-recipient')) ?? readAddressField(fields.get('original-recipient'));
    if (!address) continue;
    const diagnostic = readDiagnostic(fields.get('diagnostic-code'));
    const status = findStatusCode(fields.get('status')) ?? findStatusCode(diagnostic) ?? '';
    recipients.push({ address, status, action: readAction(fields.get('action'), status), diagnostic });
  }
  return recipients;
}

/** A 5.x.x failure is for good; a 4.x.x one (even an expired retry) says nothing about the address. */
export function isPermanentFailure(recipient: BounceRecipient): boolean {
  return recipient.action === 'failed' && (recipient.status === '' || recipient.status.startsWith('5.'));
}

export function findStatusCode(text: string | undefined): string | undefined {
  return text?.match(/\b([245]\.\d{1,3}\.\d{1,3})\b/)?.[1];
}

function readDiagnostic(value: string | undefined): string {
  if (!value) return '';
  // "smtp; 550 5.1.1 …" or "X-Postfix; connect to …": the type before the first ';' is noise.
  const semicolon = value.indexOf(';');
  const text = semicolon >= 0 && /^[\w-]+$/.test(value.slice(0, semicolon).trim()) ? value.slice(semicolon + 1) : value;
  return text.replace(/\s+/g, ' ').trim();
}

function readAction(value: string | undefined, status: string): BounceAction {
  const action = value?.trim().toLowerCase().split(/\s/)[0];
  const known = actions.find((candidate) => candidate === action);
  if (known) return known;
  return status.startsWith('4.') ? 'delayed' : 'failed';
}
