// The few words Plixo itself adds to a message (the invoice table's headings, the pay button), in
// the customer's language. Everything else in a message is the template author's words. A
// language not listed here gets English.

export interface MessageLabels {
  invoice: string;
  dueDate: string;
  daysOverdue: string;
  balance: string;
  total: string;
  payNow: string;
  direction: 'ltr' | 'rtl';
}

const english: MessageLabels = {
  invoice: 'Invoice',
  dueDate: 'Due date',
  daysOverdue: 'Days overdue',
  balance: 'Balance',
  total: 'Total',
  payNow: 'Pay now',
  direction: 'ltr',
};

const labels: Record<string, MessageLabels> = {
  en: english,
  de: { invoice: 'Rechnung', dueDate: 'Fällig am', daysOverdue: 'Tage überfällig', balance: 'Offen', total: 'Summe', payNow: 'Jetzt bezahlen', direction: 'ltr' },
  fr: { invoice: 'Facture', dueDate: 'Échéance', daysOverdue: 'Jours de retard', balance: 'Solde dû', total: 'Total', payNow: 'Payer maintenant', direction: 'ltr' },
  es: { invoice: 'Factura', dueDate: 'Vencimiento', daysOverdue: 'Días de retraso', balance: 'Saldo pendiente', total: 'Total', payNow: 'Pagar ahora', direction: 'ltr' },
  it: { invoice: 'Fattura', dueDate: 'Scadenza', daysOverdue: 'Giorni di ritardo', balance: 'Saldo', total: 'Totale', payNow: 'Paga ora', direction: 'ltr' },
  nl: { invoice: 'Factuur', dueDate: 'Vervaldatum', daysOverdue: 'Dagen te laat', balance: 'Openstaand', total: 'Totaal', payNow: 'Nu betalen', direction: 'ltr' },
  pt: { invoice: 'Fatura', dueDate: 'Vencimento', daysOverdue: 'Dias em atraso', balance: 'Saldo em aberto', total: 'Total', payNow: 'Pagar agora', direction: 'ltr' },
  ja: { invoice: '請求書', dueDate: '支払期日', daysOverdue: '延滞日数', balance: '未払残高', total: '合計', payNow: '今すぐ支払う', direction: 'ltr' },
  ar: { invoice: 'الفاتورة', dueDate: 'تاريخ الاستحقاق', daysOverdue: 'أيام التأخير', balance: 'الرصيد المستحق', total: 'الإجمالي', payNow: 'ادفع الآن', direction: 'rtl' },
  he: { ...english, direction: 'rtl' },
  fa: { ...english, direction: 'rtl' },
  ur: { ...english, direction: 'rtl' },
};

const byLocale = new Map<string, MessageLabels>();

export function getMessageLabels(locale: string): MessageLabels {
  let found = byLocale.get(locale);
  if (!found) {
    const language = locale.split(/[-_]/)[0]?.toLowerCase() ?? 'en';
    found = labels[language] ?? english;
    byLocale.set(locale, found);
  }
  return found;
}
