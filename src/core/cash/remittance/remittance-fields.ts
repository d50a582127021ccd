import { normaliseHeading } from '../../imports/import-fields.ts';

// The columns of a remittance advice and the headings payers' payables systems give them (SAP,
// Oracle, Dynamics, NetSuite, Sage, DATEV exports and bank advices, in English, German, French
// and Spanish), compared after normaliseHeading (case, accents, punctuation, "#" and "N°" do not
// matter). Earlier aliases win: a file with both "Invoice No" and "Document" reads the invoice
// from "Invoice No" (in SAP advices "Document" is the payer's own posting number).

export const remittanceFieldNames = ['reference', 'paid', 'invoiceAmount', 'discount', 'deduction', 'reason', 'currency'] as const;
export type RemittanceFieldName = (typeof remittanceFieldNames)[number];

export interface RemittanceField {
  name: RemittanceFieldName;
  heading: string;
  aliases: readonly string[];
}

export const remittanceFields: readonly RemittanceField[] = [
  {
    name: 'reference',
    heading: 'Invoice Number',
    aliases: [
      'invoice number', 'invoice no', 'invoice nr', 'invoice num', 'invoice', 'inv no', 'inv number', 'inv', 'your invoice', 'your invoice no', 'your invoice number',
      'supplier invoice', 'supplier invoice no', 'supplier invoice number', 'vendor invoice', 'vendor invoice no', 'vendor invoice number', 'invoice ref', 'invoice reference',
      'your reference', 'your ref', 'bill number', 'bill no',
      'rechnungsnummer', 'rechnungs nr', 'rechnung nr', 'rechnung', 're nr', 'ihre rechnung', 'ihre rechnungsnummer', 'ihre rechnungs nr', 'ihre referenz', 'rechnungsreferenz',
      'numero de facture', 'no facture', 'n facture', 'no de facture', 'n de facture', 'facture', 'votre facture', 'votre reference', 'reference facture',
      'numero de factura', 'no factura', 'n factura', 'no de factura', 'factura', 'su factura', 'su referencia', 'referencia factura',
      'reference', 'ref', 'referenz', 'referencia',
      'document number', 'document no', 'document', 'doc no', 'doc number', 'belegnummer', 'beleg nr', 'beleg', 'numero de piece', 'no piece', 'piece',
      'numero de documento', 'no documento', 'documento',
    ],
  },
  {
    name: 'paid',
    heading: 'Amount Paid',
    aliases: [
      'amount paid', 'paid amount', 'payment amount', 'paid', 'net paid', 'net amount', 'net payment', 'amount remitted', 'remitted', 'remittance amount', 'amount to pay', 'net',
      'zahlbetrag', 'zahlungsbetrag', 'bezahlt', 'gezahlt', 'bezahlter betrag', 'uberweisungsbetrag', 'ueberweisungsbetrag', 'auszahlungsbetrag', 'nettobetrag', 'netto',
      'montant paye', 'montant regle', 'montant du reglement', 'reglement', 'montant net', 'net a payer', 'net paye',
      'importe pagado', 'importe abonado', 'importe neto', 'importe pago', 'pagado', 'neto', 'pago',
      'amount', 'payment', 'betrag', 'montant', 'importe',
    ],
  },
  {
    name: 'invoiceAmount',
    heading: 'Invoice Amount',
    aliases: [
      'invoice amount', 'gross amount', 'gross', 'original amount', 'document amount', 'invoice total', 'amount gross', 'total amount', 'invoice value',
      'rechnungsbetrag', 'bruttobetrag', 'brutto', 'belegbetrag', 'ursprungsbetrag',
      'montant facture', 'montant de la facture', 'montant brut', 'brut', 'montant ttc', 'montant origine',
      'importe factura', 'importe de la factura', 'importe bruto', 'bruto', 'total factura', 'importe original',
    ],
  },
  {
    name: 'discount',
    heading: 'Discount',
    aliases: [
      'discount', 'discount taken', 'discount amount', 'cash discount', 'early payment discount', 'prompt payment discount',
      'skonto', 'skontobetrag', 'rabatt', 'escompte', 'remise', 'descuento', 'descuento pronto pago', 'pronto pago',
    ],
  },
  {
    name: 'deduction',
    heading: 'Deduction',
    aliases: [
      'deduction', 'deductions', 'deduction amount', 'adjustment', 'adjustments', 'short pay', 'short paid', 'withholding', 'withholding tax', 'chargeback', 'other deductions',
      'abzug', 'abzuge', 'abzuege', 'abzugsbetrag', 'kurzung', 'kuerzung', 'einbehalt', 'minderung',
      'deduction', 'retenue', 'ajustement', 'reduction', 'abattement', 'deduccion', 'deducciones', 'retencion', 'ajuste',
    ],
  },
  {
    name: 'reason',
    heading: 'Reason',
    aliases: [
      'reason', 'deduction reason', 'reason code', 'adjustment reason', 'discount reason', 'remark', 'remarks', 'comment', 'comments', 'note', 'notes', 'memo', 'description',
      'grund', 'abzugsgrund', 'begrundung', 'bemerkung', 'kommentar', 'text', 'buchungstext',
      'motif', 'raison', 'commentaire', 'libelle', 'observation', 'motivo', 'razon', 'comentario', 'observaciones', 'concepto', 'descripcion',
    ],
  },
  { name: 'currency', heading: 'Currency', aliases: ['currency', 'currency code', 'curr', 'ccy', 'cur', 'wahrung', 'waehrung', 'devise', 'monnaie', 'moneda', 'divisa'] },
];

/** The fields whose cells are amounts. */
export const amountFields: readonly RemittanceFieldName[] = ['paid', 'invoiceAmount', 'discount', 'deduction'];

// A running total carried to the next page is not the advice's total (checked before totals:
// "sous-total" holds "total").
const carriedWords = ['carried forward', 'brought forward', 'sub total', 'subtotal', 'page total', 'total page', 'zwischensumme', 'ubertrag', 'uebertrag', 'seitensumme', 'a reporter', 'report', 'sous total', 'suma y sigue', 'total pagina', 'suma anterior'];
const totalWords = [
  'total', 'totals', 'grand total', 'sum', 'total paid', 'total payment', 'payment total', 'total remitted', 'check amount', 'cheque amount', 'payment amount', 'amount paid', 'transfer amount',
  'summe', 'gesamt', 'gesamtsumme', 'gesamtbetrag', 'zahlbetrag', 'summe zahlung', 'uberweisungsbetrag',
  'total general', 'montant total', 'total a payer', 'total du reglement', 'montant du virement', 'montant du reglement',
  'suma', 'total pagado', 'importe total', 'total a pagar', 'importe de la transferencia',
];
// On a total line that says which total it is, the paid one is the advice's ("Total paid", not "Total invoices").
const paidTotalWords = ['paid', 'payment', 'remitted', 'check', 'cheque', 'transfer', 'net', 'zahl', 'bezahlt', 'gezahlt', 'uberweisung', 'paye', 'reglement', 'virement', 'pagado', 'pago', 'neto', 'transferencia'];

/** Whether a line (or cell) begins with words that carry a total to the next page. */
export function isCarriedTotal(text: string): boolean {
  return startsWithPhrase(normaliseHeading(text), carriedWords);
}

/** Whether a line (or cell) begins with the words of a total: "Total", "Summe", "Montant total", "Payment amount:". */
export function isTotalText(text: string): boolean {
  const normal = normaliseHeading(text);
  return !startsWithPhrase(normal, carriedWords) && startsWithPhrase(normal, totalWords);
}

/** A total line that names the amount paid (or transferred), the one an advice's payment is checked against. */
export function namesPaidTotal(text: string): boolean {
  const words = normaliseHeading(text).split(' ');
  return words.some((word) => paidTotalWords.some((paid) => word.startsWith(paid)));
}

function startsWithPhrase(normal: string, phrases: readonly string[]): boolean {
  return phrases.some((phrase) => normal === phrase || normal.startsWith(`${phrase} `));
}
