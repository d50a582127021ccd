import { z } from 'zod';
import { AppError } from '../../../app/app-error.ts';
import type { ShortPayChoice } from '../../../app/payments/allocate-with-short-pays.ts';
import { approvalStatuses } from '../../../app/ports/approval-store.ts';
import { disputeReasonCodes } from '../../../core/collections/dispute-sla.ts';
import { roles } from '../../../core/policy/policy-schema.ts';

// What Allocate takes for a short-paid invoice, and what it answers. One flat object per invoice
// (the resolution says which of its fields count), so a client sends the same shape for each
// choice and an error names the one field that is missing.

export const shortPayResolutions = ['write_off', 'promise', 'dispute', 'leave_open'] as const;

export const shortPayBody = z.object({
  invoiceId: z.string().min(1),
  resolution: z.enum(shortPayResolutions),
  /** write_off: why the variance is accepted (default: the short-pay and the note); dispute: the reason code. */
  reason: z.string().max(2000).optional(),
  /** promise: the date the rest is promised for (YYYY-MM-DD). */
  on: z.string().max(10).optional(),
  /** promise: who promised. */
  contact: z.string().max(320).optional(),
  /** dispute: what the customer says (default: the note). */
  description: z.string().max(5000).optional(),
  /** dispute: one file (PDF, PNG or JPEG, up to 2 MB), base64, beside the remittance Plixo attaches itself. */
  attachment: z.object({ filename: z.string().min(1).max(255), contentBase64: z.string().max(3_000_000) }).optional(),
});

export const shortPayView = z.object({
  invoiceId: z.string(),
  invoiceNumber: z.string(),
  remainder: z.object({ minor: z.number().int(), currency: z.string(), formatted: z.string() }),
  resolution: z.enum(shortPayResolutions),
  approval: z.object({ id: z.number().int(), status: z.enum(approvalStatuses), awaiting: z.array(z.enum(roles)), explanation: z.string() }).nullable(),
  disputeId: z.number().int().nullable(),
  promisedOn: z.string().nullable(),
});

export function toShortPayChoice(body: z.infer<typeof shortPayBody>, index: number, record: string): ShortPayChoice {
  const field = `shortPays[${index}]`;
  const { invoiceId } = body;
  switch (body.resolution) {
    case 'write_off':
      return { invoiceId, resolution: 'write_off', ...(body.reason !== undefined ? { reason: body.reason } : {}) };
    case 'promise':
      if (!body.on) throw new AppError('invalid_input', `${field}.on: a promise for the rest needs the date it is promised for`, { record, field: `${field}.on` });
      return { invoiceId, resolution: 'promise', on: body.on, contact: body.contact ?? null };
    case 'dispute':
      if (!body.reason) throw new AppError('invalid_input', `${field}.reason: a dispute needs one of ${disputeReasonCodes.join(', ')}`, { record, field: `${field}.reason` });
      return {
        invoiceId,
        resolution: 'dispute',
        reason: body.reason,
        ...(body.description !== undefined ? { description: body.description } : {}),
        attachment: body.attachment ? { filename: body.attachment.filename, content: new Uint8Array(Buffer.from(body.attachment.contentBase64, 'base64')) } : null,
      };
    case 'leave_open':
      return { invoiceId, resolution: 'leave_open' };
  }
}
