import type { PortalInvoice, PortalPlan, PortalView } from '../../../app/portal/load-payer-portal.ts';
import { escapeHtml } from '../../../core/messages/escape-html.ts';
import { formatAmount, formatMoney, parseAmount } from '../../../core/money/money.ts';
import { maxInstallments, minInstallments, planFrequencies, type PlanInstallment } from '../../../core/portal/plan-schedule.ts';
import type { PortalErrorField, PortalWords } from '../../../core/portal/portal-words.ts';
import { renderPortalLayout } from './render-portal-layout.ts';

// The payer page of one link: the invoice and its open balance with the pay button, its payment
// plan with each instalment's state, the customer's other open invoices, then promise, payment
// plan and dispute as plain forms. A form sent back with
// problems shows an error summary first (focused, each problem a link to its field) and keeps what
// the payer typed.

export type PortalForm = 'promise' | 'plan' | 'dispute';
export type PortalNotice = 'promise' | 'plan-pending' | 'plan-approved' | 'dispute' | 'paid';

export interface PortalFormState {
  form: PortalForm;
  values: Record<string, string>;
  errors: Partial<Record<PortalErrorField, string>>;
  /** The computed schedule of a plan shown before it is sent. */
  schedule?: PlanInstallment[];
}

export interface PortalPageInput {
  view: PortalView;
  words: PortalWords;
  /** The link's own address (`/pay/<token>`); forms post below it. */
  href: string;
  formToken: string;
  notice?: PortalNotice | null;
  state?: PortalFormState | null;
}

const fieldIds: Record<PortalErrorField, string> = {
  amount: 'promise-amount',
  on: 'promise-on',
  count: 'plan-count',
  firstOn: 'plan-first-on',
  frequency: 'plan-frequency',
  reason: 'dispute-reason',
  message: 'dispute-message',
  attachments: 'dispute-files',
  form: 'main',
};

// Building an Intl formatter costs far more than formatting with one: one per locale and zone, kept.
const longDates = new Map<string, Intl.DateTimeFormat>();

function longDateFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let format = longDates.get(key);
  if (!format) {
    if (longDates.size >= 1_000) longDates.clear();
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone });
    longDates.set(key, format);
  }
  return format;
}

function formatDay(on: string, locale: string): string {
  const [year, month, day] = on.split('-').map(Number) as [number, number, number];
  // A calendar day: its UTC midnight in UTC, so no zone shifts it.
  return longDateFormat(locale, 'UTC').format(Date.UTC(year, month - 1, day));
}

function attr(name: string, value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : ` ${name}="${escapeHtml(String(value))}"`;
}

function field(input: { id: string; label: string; control: string; error?: string | undefined }): string {
  const error = input.error ? `<p class="field-error" id="${input.id}-error">${escapeHtml(input.error)}</p>` : '';
  return `<label for="${input.id}">${escapeHtml(input.label)}</label>${error}${input.control}`;
}

function describedBy(error: string | undefined, id: string): string {
  return error ? ` aria-invalid="true" aria-describedby="${id}-error"` : '';
}

function invoiceRows(invoices: readonly PortalInvoice[], locale: string): string {
  return invoices
    .map((invoice) => `<tr><th scope="row">${escapeHtml(invoice.number)}</th><td>${escapeHtml(formatDay(invoice.dueOn, locale))}</td><td class="num">${escapeHtml(formatMoney(invoice.openMinor, invoice.currency, locale))}</td></tr>`)
    .join('');
}

export function renderPortalPage({ view, words, href, formToken, notice, state }: PortalPageInput): string {
  const { invoice, locale } = view;
  const money = (minor: number) => formatMoney(minor, invoice.currency, locale);
  const hidden = `<input type="hidden" name="form" value="${escapeHtml(formToken)}">`;
  const errors = state?.errors ?? {};
  const valueOf = (form: PortalForm, name: string, fallback: string) => (state?.form === form ? (state.values[name] ?? fallback) : fallback);
  const parts: string[] = [`<h1>${escapeHtml(words.invoiceTitle(invoice.number))}</h1><p class="muted">${escapeHtml(words.from(view.companyName))} · ${escapeHtml(view.customerName)}</p>`];

  const notices: Record<Exclude<PortalNotice, 'promise'>, string> = { 'plan-pending': words.planPending, 'plan-approved': words.planApproved, dispute: words.disputeDone, paid: words.paidThanks };
  if (notice) {
    const text = notice !== 'promise' ? notices[notice] : invoice.promise ? words.promiseDone(promiseMoney(invoice, locale), formatDay(invoice.promise.on, locale)) : null;
    if (text) parts.push(`<p class="notice" role="status">${escapeHtml(text)}</p>`);
  }

  const problems = Object.entries(errors) as [PortalErrorField, string][];
  if (problems.length > 0) {
    parts.push(
      `<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus><h2 id="error-summary-title">${escapeHtml(words.errorSummary)}</h2><ul>${problems
        .map(([name, message]) => `<li><a href="#${fieldIds[name]}">${escapeHtml(message)}</a></li>`)
        .join('')}</ul></div>`,
    );
  }

  const status = invoice.openMinor <= 0 ? `<p>${escapeHtml(words.paid)}</p>` : invoice.disputed ? `<p>${escapeHtml(words.disputed)}</p>` : invoice.promise ? `<p>${escapeHtml(words.promised(promiseMoney(invoice, locale), formatDay(invoice.promise.on, locale)))}</p>` : '';
  const pay =
    view.payment !== null
      ? `<form method="post" action="${escapeHtml(href)}/pay">${hidden}<button type="submit">${escapeHtml(words.pay(money(invoice.openMinor)))}</button><p class="muted">${escapeHtml(words.payHint)}</p></form>`
      : invoice.openMinor > 0
        ? `<p>${escapeHtml(words.payUnavailable)}</p>`
        : '';
  parts.push(
    `<section aria-labelledby="invoice-heading"><h2 id="invoice-heading">${escapeHtml(words.invoiceTitle(invoice.number))}</h2><dl><dt>${escapeHtml(words.issued)}</dt><dd>${escapeHtml(formatDay(invoice.issuedOn, locale))}</dd><dt>${escapeHtml(words.due)}</dt><dd>${escapeHtml(formatDay(invoice.dueOn, locale))}</dd><dt>${escapeHtml(words.amount)}</dt><dd>${escapeHtml(money(invoice.amountMinor))}</dd><dt>${escapeHtml(words.openBalance)}</dt><dd class="amount-due">${escapeHtml(money(invoice.openMinor))}</dd></dl>${status}${pay}</section>`,
  );

  if (view.plan) parts.push(renderCurrentPlan(view.plan, words, locale, invoice.currency));

  parts.push(
    `<section aria-labelledby="others-heading"><h2 id="others-heading">${escapeHtml(words.otherInvoices)}</h2>${
      view.others.length === 0
        ? `<p>${escapeHtml(words.noOtherInvoices)}</p>`
        : `<table><thead><tr><th scope="col">${escapeHtml(words.invoiceColumn)}</th><th scope="col">${escapeHtml(words.due)}</th><th scope="col" class="num">${escapeHtml(words.openBalance)}</th></tr></thead><tbody>${invoiceRows(view.others, locale)}</tbody></table>`
    }</section>`,
  );

  if (view.canPromise) {
    parts.push(
      `<section aria-labelledby="promise-heading"><h2 id="promise-heading">${escapeHtml(words.promiseHeading)}</h2><form method="post" action="${escapeHtml(href)}/promise" novalidate>${hidden}${field({
        id: 'promise-amount',
        label: `${words.promiseAmount} (${invoice.currency})`,
        error: errors.amount,
        control: `<input id="promise-amount" name="amount" inputmode="decimal" autocomplete="off" required${attr('value', valueOf('promise', 'amount', formatAmount(invoice.openMinor, invoice.currency)))}${describedBy(errors.amount, 'promise-amount')}>`,
      })}${field({ id: 'promise-on', label: words.promiseOn, error: errors.on, control: `<input id="promise-on" name="on" type="date" required${attr('min', view.today)}${attr('value', valueOf('promise', 'on', ''))}${describedBy(errors.on, 'promise-on')}>` })}${field({
        id: 'promise-contact',
        label: words.yourName,
        control: `<input id="promise-contact" name="contact" autocomplete="name" maxlength="200"${attr('value', valueOf('promise', 'contact', ''))}>`,
      })}<button type="submit">${escapeHtml(words.promiseSubmit)}</button></form></section>`,
    );
  }

  if (view.canPlan) parts.push(renderPlanSection({ words, href, hidden, errors, state: state?.form === 'plan' ? state : null, locale, currency: invoice.currency, today: view.today }));

  if (view.canDispute) {
    const reason = valueOf('dispute', 'reason', '');
    parts.push(
      `<section aria-labelledby="dispute-heading"><h2 id="dispute-heading">${escapeHtml(words.disputeHeading)}</h2><form method="post" action="${escapeHtml(href)}/dispute" enctype="multipart/form-data" novalidate>${hidden}${field({
        id: 'dispute-reason',
        label: words.disputeReason,
        error: errors.reason,
        control: `<select id="dispute-reason" name="reason" required${describedBy(errors.reason, 'dispute-reason')}><option value=""></option>${view.disputeReasons
          .map((code) => `<option value="${code}"${code === reason ? ' selected' : ''}>${escapeHtml(words.reasons[code])}</option>`)
          .join('')}</select>`,
      })}${field({ id: 'dispute-message', label: words.disputeMessage, error: errors.message, control: `<textarea id="dispute-message" name="message" maxlength="5000" required${describedBy(errors.message, 'dispute-message')}>${escapeHtml(valueOf('dispute', 'message', ''))}</textarea>` })}${field({
        id: 'dispute-files',
        label: words.disputeFiles,
        error: errors.attachments,
        control: `<input id="dispute-files" name="files" type="file" multiple accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"${describedBy(errors.attachments, 'dispute-files')}>`,
      })}<button type="submit">${escapeHtml(words.disputeSubmit)}</button></form></section>`,
    );
  }

  parts.push(`<p class="muted">${escapeHtml(words.expiresOn(longDateFormat(locale, view.timeZone).format(view.expiresAt)))}</p>`);
  return renderPortalLayout({ words, title: `${words.invoiceTitle(invoice.number)} · ${view.companyName}`, body: parts.join('') });
}

/** The plan agreed on the invoice: where it stands, and a row per instalment with its state. */
function renderCurrentPlan(plan: PortalPlan, words: PortalWords, locale: string, currency: string): string {
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const rows = plan.installments
    .map((installment, index) => `<tr><td>${index + 1}</td><td>${escapeHtml(formatDay(installment.on, locale))}</td><td class="num">${escapeHtml(money(installment.amountMinor))}</td><td class="plan-${installment.state}">${escapeHtml(words.planStates[installment.state])}</td></tr>`)
    .join('');
  return `<section aria-labelledby="current-plan-heading"><h2 id="current-plan-heading">${escapeHtml(words.planCurrentHeading)}</h2><p>${escapeHtml(words.planStanding[plan.status](money(plan.paidMinor), money(plan.totalMinor)))}</p><table aria-labelledby="current-plan-heading"><thead><tr><th scope="col">#</th><th scope="col">${escapeHtml(words.due)}</th><th scope="col" class="num">${escapeHtml(words.amount)}</th><th scope="col">${escapeHtml(words.planStateColumn)}</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function promiseMoney(invoice: PortalInvoice, locale: string): string {
  const amount = parseAmount(invoice.promise?.amount ?? '', invoice.currency);
  return amount.ok ? formatMoney(amount.minor, invoice.currency, locale) : (invoice.promise?.amount ?? '');
}

function renderPlanSection(input: { words: PortalWords; href: string; hidden: string; errors: Partial<Record<PortalErrorField, string>>; state: PortalFormState | null; locale: string; currency: string; today: string }): string {
  const { words, href, hidden, errors, state, locale, currency } = input;
  const value = (name: string, fallback: string) => state?.values[name] ?? fallback;
  const frequency = value('frequency', 'monthly');
  const schedule = state?.schedule;
  const form = `<form method="post" action="${escapeHtml(href)}/plan" novalidate>${hidden}<input type="hidden" name="step" value="preview">${field({
    id: 'plan-count',
    label: words.planCount,
    error: errors.count,
    control: `<input id="plan-count" name="count" type="number" inputmode="numeric" min="${minInstallments}" max="${maxInstallments}" required${attr('value', value('count', '3'))}${describedBy(errors.count, 'plan-count')}>`,
  })}${field({ id: 'plan-first-on', label: words.planFirstOn, error: errors.firstOn, control: `<input id="plan-first-on" name="firstOn" type="date" required${attr('min', input.today)}${attr('value', value('firstOn', ''))}${describedBy(errors.firstOn, 'plan-first-on')}>` })}${field({
    id: 'plan-frequency',
    label: words.planFrequency,
    error: errors.frequency,
    control: `<select id="plan-frequency" name="frequency"${describedBy(errors.frequency, 'plan-frequency')}>${planFrequencies.map((option) => `<option value="${option}"${option === frequency ? ' selected' : ''}>${escapeHtml(words.frequencies[option])}</option>`).join('')}</select>`,
  })}${field({ id: 'plan-note', label: words.note, control: `<textarea id="plan-note" name="note" maxlength="1000">${escapeHtml(value('note', ''))}</textarea>` })}<button type="submit"${schedule ? ' class="secondary"' : ''}>${escapeHtml(schedule ? words.planChange : words.planPreview)}</button></form>`;
  const confirm = schedule
    ? `<h3 id="plan-schedule-heading">${escapeHtml(words.planScheduleHeading)}</h3><table aria-labelledby="plan-schedule-heading"><thead><tr><th scope="col">#</th><th scope="col">${escapeHtml(words.due)}</th><th scope="col" class="num">${escapeHtml(words.amount)}</th></tr></thead><tbody>${schedule
        .map((installment, index) => `<tr><td>${index + 1}</td><td>${escapeHtml(formatDay(installment.on, locale))}</td><td class="num">${escapeHtml(formatMoney(installment.amountMinor, currency, locale))}</td></tr>`)
        .join('')}</tbody></table><form method="post" action="${escapeHtml(href)}/plan">${hidden}<input type="hidden" name="step" value="send">${['count', 'firstOn', 'frequency', 'note'].map((name) => `<input type="hidden" name="${name}"${attr('value', value(name, ''))}>`).join('')}<button type="submit">${escapeHtml(words.planSubmit)}</button></form>`
    : '';
  return `<section aria-labelledby="plan-heading"><h2 id="plan-heading">${escapeHtml(words.planHeading)}</h2>${confirm}${form}</section>`;
}
