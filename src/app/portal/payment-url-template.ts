// A workspace's own payment address, for installs without a processor: an http(s) URL whose
// `{invoice_number}`, `{amount}` (decimal, a dot before the cents) and `{currency}` are filled in,
// each percent-encoded. Any other `{…}` is refused when the setting is saved.

const placeholders = ['invoice_number', 'amount', 'currency'] as const;

/** Why the template cannot be used; null when it can. */
export function checkPaymentUrlTemplate(template: string): string | null {
  const unknown = [...template.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]!).filter((name) => !(placeholders as readonly string[]).includes(name));
  if (unknown.length > 0) return `{${unknown[0]}} is not a placeholder; use ${placeholders.map((name) => `{${name}}`).join(', ')}`;
  let url: URL;
  try {
    url = new URL(fillPaymentUrl(template, { invoiceNumber: 'INV-1', amount: '1.00', currency: 'USD' }));
  } catch {
    return 'is not an absolute URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http or https address';
  return null;
}

export function fillPaymentUrl(template: string, values: { invoiceNumber: string; amount: string; currency: string }): string {
  return template
    .replaceAll('{invoice_number}', encodeURIComponent(values.invoiceNumber))
    .replaceAll('{amount}', encodeURIComponent(values.amount))
    .replaceAll('{currency}', encodeURIComponent(values.currency));
}
