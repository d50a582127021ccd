// What each kind of CSV import reads: its fields, which are required, and the column headings
// common ERP and accounting exports use for them (QuickBooks, Xero, NetSuite, SAP, Sage, Dynamics
// aging reports, in English, German, French and Spanish), from which the column mapping is guessed.

export const importKinds = ['customers', 'contacts', 'invoices', 'payments'] as const;
export type ImportKind = (typeof importKinds)[number];

export type FieldType = 'id' | 'text' | 'email' | 'date' | 'amount' | 'currency' | 'timeZone' | 'locale' | 'tags' | 'boolean' | 'number' | 'invoiceStatus';

export interface ImportField {
  /** The field's name in mappings and reject logs. */
  name: string;
  /** The heading the template uses. */
  heading: string;
  type: FieldType;
  required: boolean;
  /** Other headings that mean this field, compared after normalising (see normaliseHeading). */
  aliases: readonly string[];
  /** An example value for the template. */
  example: string;
  /** One line for the template and the docs. */
  help: string;
}

const customerId = ['kundennummer', 'kunden nr', 'debitor', 'debitorennummer', 'numero client', 'code client', 'numero de cliente', 'codigo cliente', 'customer id', 'customer number', 'customer no', 'customer code', 'customer ref', 'cust id', 'cust no', 'account id', 'account number', 'account no', 'account code', 'client id', 'client number', 'debtor id', 'debtor number', 'debtor code', 'bp number', 'business partner', 'customer account', 'sold to', 'bill to id', 'account ref', 'customer ref no'];
const customerName = ['kunde', 'kundenname', 'firma', 'nom du client', 'raison sociale', 'nombre del cliente', 'razon social', 'customer name', 'customer', 'company', 'company name', 'account name', 'client', 'client name', 'debtor', 'debtor name', 'name', 'bill to', 'bill to name', 'contact company', 'contact name'];
const contactEmail = ['e mail adresse', 'courriel', 'correo', 'correo electronico', 'contact email', 'email', 'email address', 'e mail', 'contact e mail', 'billing email', 'ap email', 'accounts payable email', 'invoice email', 'customer email', 'primary email', 'payer email'];
const contactName = ['contact name', 'contact', 'ap contact', 'billing contact', 'attention', 'attn', 'contact person', 'primary contact'];

export const importFields: Record<ImportKind, readonly ImportField[]> = {
  customers: [
    { name: 'id', heading: 'Customer ID', type: 'id', required: true, aliases: customerId, example: 'C-1001', help: "the customer's id in your ERP: imports update the customer with this id" },
    { name: 'name', heading: 'Customer Name', type: 'text', required: true, aliases: customerName, example: 'Acme GmbH', help: 'the name messages use' },
    { name: 'timeZone', heading: 'Time Zone', type: 'timeZone', required: false, aliases: ['time zone', 'timezone', 'tz', 'iana time zone', 'zone'], example: 'Europe/Berlin', help: "an IANA zone; empty: the workspace's" },
    { name: 'locale', heading: 'Locale', type: 'locale', required: false, aliases: ['locale', 'language', 'lang', 'language code', 'preferred language'], example: 'de-DE', help: "a BCP 47 tag; empty: the workspace's" },
    { name: 'region', heading: 'Region', type: 'text', required: false, aliases: ['region', 'territory', 'sales region', 'area'], example: 'EU', help: 'for segments' },
    { name: 'industry', heading: 'Industry', type: 'text', required: false, aliases: ['industry', 'sector', 'vertical'], example: 'Manufacturing', help: 'for segments' },
    { name: 'tier', heading: 'Risk Tier', type: 'text', required: false, aliases: ['risk tier', 'tier', 'risk class', 'risk category', 'credit tier'], example: 'B', help: 'for segments and the queue' },
    { name: 'score', heading: 'Score', type: 'number', required: false, aliases: ['score', 'credit score', 'risk score'], example: '72', help: 'a number, for segments' },
    { name: 'tags', heading: 'Tags', type: 'tags', required: false, aliases: ['tags', 'labels', 'groups', 'customer tags'], example: 'smb; key-account', help: 'separated by ; or |' },
    { name: 'contactEmail', heading: 'Contact Email', type: 'email', required: false, aliases: contactEmail, example: 'ap@acme.example', help: 'adds or updates this contact; other contacts stay' },
    { name: 'contactName', heading: 'Contact Name', type: 'text', required: false, aliases: contactName, example: 'Ana Berg', help: "the contact's name" },
  ],
  contacts: [
    { name: 'customerId', heading: 'Customer ID', type: 'id', required: true, aliases: customerId, example: 'C-1001', help: 'a customer already in Plixo' },
    { name: 'email', heading: 'Email', type: 'email', required: true, aliases: contactEmail, example: 'ap@acme.example', help: 'adds the contact, or updates the one with this email' },
    { name: 'name', heading: 'Name', type: 'text', required: false, aliases: [...contactName, 'name', 'full name'], example: 'Ana Berg', help: "the contact's name" },
    { name: 'role', heading: 'Role', type: 'text', required: false, aliases: ['role', 'title', 'job title', 'position', 'function'], example: 'Accounts payable', help: 'free text' },
    { name: 'isPrimary', heading: 'Primary', type: 'boolean', required: false, aliases: ['primary', 'is primary', 'primary contact', 'main contact', 'default'], example: 'yes', help: 'yes or no; one primary contact per customer' },
  ],
  invoices: [
    { name: 'id', heading: 'Invoice ID', type: 'id', required: false, aliases: ['invoice id', 'internal id', 'document id', 'transaction id', 'txn id', 'external id', 'record id', 'doc id'], example: 'INV-2026-0042', help: "the invoice's id in your ERP; empty column: the invoice number" },
    { name: 'number', heading: 'Invoice Number', type: 'text', required: true, aliases: ['invoice number', 'invoice no', 'rechnungsnummer', 'rechnung', 'rechnungs nr', 'numero de facture', 'facture', 'numero de factura', 'factura',  'invoice nr', 'invoice num', 'invoice', 'inv no', 'inv number', 'inv', 'number', 'num', 'document number', 'document no', 'doc number', 'doc no', 'reference', 'ref', 'transaction number', 'bill number'], example: 'INV-2026-0042', help: 'the number customers see' },
    { name: 'customerId', heading: 'Customer ID', type: 'id', required: true, aliases: customerId, example: 'C-1001', help: 'the customer; created from Customer Name when new; no column: the Customer Name is the id (QuickBooks)' },
    { name: 'customerName', heading: 'Customer Name', type: 'text', required: false, aliases: customerName, example: 'Acme GmbH', help: 'creates the customer when new; an existing customer keeps its name' },
    { name: 'contactEmail', heading: 'Contact Email', type: 'email', required: false, aliases: contactEmail, example: 'ap@acme.example', help: 'the contact of a customer created here' },
    { name: 'issuedOn', heading: 'Invoice Date', type: 'date', required: true, aliases: ['invoice date', 'issue date', 'rechnungsdatum', 'belegdatum', 'datum', 'date de facture', 'fecha de factura', 'fecha',  'issued', 'issued on', 'date', 'document date', 'doc date', 'posting date', 'txn date', 'transaction date', 'bill date', 'date issued'], example: '2026-03-01', help: 'in the date format of the mapping' },
    { name: 'dueOn', heading: 'Due Date', type: 'date', required: true, aliases: ['due date', 'due', 'falligkeit', 'falligkeitsdatum', 'faellig', 'fallig', 'date d echeance', 'echeance', 'fecha de vencimiento', 'vencimiento',  'due on', 'payment due', 'payment due date', 'net due date', 'date due', 'due dt'], example: '2026-03-31', help: 'in the date format of the mapping' },
    { name: 'amount', heading: 'Amount', type: 'amount', required: false, aliases: ['amount', 'total', 'invoice amount', 'betrag', 'rechnungsbetrag', 'brutto', 'montant', 'montant ttc', 'importe', 'importe total',  'invoice total', 'original amount', 'gross amount', 'total amount', 'amount gross', 'document amount'], example: '1200.00', help: 'the invoiced amount; empty column: the balance' },
    { name: 'balance', heading: 'Balance', type: 'amount', required: true, aliases: ['balance', 'open balance', 'offen', 'offener betrag', 'restbetrag', 'saldo', 'offener posten', 'solde', 'reste a payer', 'montant du', 'saldo pendiente', 'pendiente',  'balance due', 'amount due', 'outstanding', 'outstanding amount', 'open amount', 'remaining', 'amount remaining', 'remaining balance', 'amount open', 'open', 'amount outstanding', 'due amount'], example: '1200.00', help: 'what is still owed' },
    { name: 'currency', heading: 'Currency', type: 'currency', required: false, aliases: ['currency', 'currency code', 'curr', 'ccy', 'cur', 'iso currency', 'document currency', 'wahrung', 'devise', 'moneda', 'divisa'], example: 'EUR', help: "an ISO 4217 code; empty column: the workspace's" },
    { name: 'status', heading: 'Status', type: 'invoiceStatus', required: false, aliases: ['status', 'invoice status', 'state', 'document status'], example: 'open', help: 'open, or closed (also: paid, void, cancelled); empty: open while a balance remains' },
  ],
  payments: [
    { name: 'id', heading: 'Payment ID', type: 'id', required: true, aliases: ['payment id', 'payment number', 'payment no', 'receipt id', 'receipt number', 'transaction id', 'reference', 'bank reference', 'remittance id', 'id'], example: 'PAY-88812', help: 'the id in your bank or ERP: imports are idempotent by it' },
    { name: 'receivedOn', heading: 'Payment Date', type: 'date', required: true, aliases: ['payment date', 'date', 'received', 'received on', 'receipt date', 'value date', 'booking date', 'deposit date', 'paid on', 'paid date'], example: '2026-04-02', help: 'in the date format of the mapping' },
    { name: 'amount', heading: 'Amount', type: 'amount', required: true, aliases: ['amount', 'payment amount', 'paid', 'amount paid', 'received amount', 'credit', 'deposit'], example: '1200.00', help: 'the amount received' },
    { name: 'currency', heading: 'Currency', type: 'currency', required: false, aliases: ['currency', 'currency code', 'curr', 'ccy'], example: 'EUR', help: "empty column: the workspace's" },
    { name: 'customerId', heading: 'Customer ID', type: 'id', required: false, aliases: customerId, example: 'C-1001', help: 'when the bank or ERP knows the payer' },
    { name: 'payerName', heading: 'Payer', type: 'text', required: false, aliases: ['payer', 'payer name', 'remitter', 'from', 'counterparty', 'ordering party', 'name'], example: 'ACME GMBH', help: 'as the bank shows it' },
    { name: 'invoiceNumber', heading: 'Invoice Number', type: 'text', required: false, aliases: ['invoice number', 'invoice no', 'invoice', 'applied to', 'invoice ref'], example: 'INV-2026-0042', help: 'the invoice it pays, when known' },
    { name: 'memo', heading: 'Memo', type: 'text', required: false, aliases: ['memo', 'remittance', 'remittance information', 'description', 'narrative', 'details', 'payment reference', 'purpose', 'note', 'notes', 'text'], example: 'INV-2026-0042 March', help: 'the remittance text, for matching' },
  ],
};

/** Lower case, camel case split, accents dropped, punctuation and "#" folded: "InvoiceNo", "Invoice #" and "invoice-no." meet. */
export function normaliseHeading(heading: string): string {
  return heading
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/#/g, ' no ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
