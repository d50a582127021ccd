// The documents' fixed words. English by default; a caller passes its own (translated) words
// through `labels` in the render options.

export interface PdfLabels {
  statementTitle: string;
  invoiceSummaryTitle: string;
  statementDate: string;
  customerId: string;
  billTo: string;
  amountDue: string;
  payOnline: string;
  agingSummary: string;
  currency: string;
  /** In bucket order: current, 1-30, 31-60, 61-90, 91+. */
  agingBuckets: readonly [string, string, string, string, string];
  total: string;
  openInvoices: string;
  invoice: string;
  issued: string;
  due: string;
  daysOverdue: string;
  amount: string;
  balance: string;
  totalDue: string;
  noOpenInvoices: string;
  viewOnline: string;
  page: (page: number, pages: number) => string;
  date: string;
  invoiceAmount: string;
  paidToDate: string;
  balanceDue: string;
  status: string;
  statusPaid: string;
  statusOpen: string;
  statusOverdue: string;
  invoiceSummaryNote: string;
}

export const englishLabels: PdfLabels = {
  statementTitle: 'Statement',
  invoiceSummaryTitle: 'Invoice summary',
  statementDate: 'Statement date',
  customerId: 'Customer ID',
  billTo: 'Bill to',
  amountDue: 'Amount due',
  payOnline: 'Pay online',
  agingSummary: 'Aging summary',
  currency: 'Currency',
  agingBuckets: ['Current', '1–30 days', '31–60 days', '61–90 days', '91+ days'],
  total: 'Total',
  openInvoices: 'Open invoices',
  invoice: 'Invoice',
  issued: 'Issued',
  due: 'Due',
  daysOverdue: 'Days overdue',
  amount: 'Amount',
  balance: 'Balance',
  totalDue: 'Total due',
  noOpenInvoices: 'Your account has no open invoices. Thank you!',
  viewOnline: 'View online:',
  page: (page, pages) => `Page ${page} of ${pages}`,
  date: 'Date',
  invoiceAmount: 'Invoice amount',
  paidToDate: 'Paid to date',
  balanceDue: 'Balance due',
  status: 'Status',
  statusPaid: 'Paid',
  statusOpen: 'Open',
  statusOverdue: 'Overdue',
  invoiceSummaryNote: 'Amounts as of the date above. Payments made since may not be shown yet.',
};
