import type { RemittanceDocument } from '../../core/cash/remittance/remittance-advice.ts';

// Reads an uploaded remittance file (a CSV export, a PDF advice, a text file) into what the
// advice readers of core/cash/remittance take. Files that are none of these, or that cannot be
// read (a PDF with a password, an unclosed quote), come back as a reason, never as a throw.

export type { RemittanceDocument } from '../../core/cash/remittance/remittance-advice.ts';

export type ReadRemittanceFileResult = { ok: true; document: RemittanceDocument } | { ok: false; reason: string; line: number | null };

export type RemittanceFileReader = (file: { name: string; content: Uint8Array }) => Promise<ReadRemittanceFileResult>;
