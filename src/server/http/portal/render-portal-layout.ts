import { escapeHtml } from '../../../core/messages/escape-html.ts';
import type { PortalRefusalKind, PortalWords } from '../../../core/portal/portal-words.ts';

// The frame of every portal page: the payer's language, one stylesheet inline (no bundle, no
// script), a main landmark, visible focus. Refusal and notice pages share it.

const style = `*{box-sizing:border-box}body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1d2433;background:#f6f7f9}
main{max-width:42rem;margin:0 auto;padding:1.5rem 1rem 3rem}h1{font-size:1.6rem;margin:.2rem 0 1rem}h2{font-size:1.2rem;margin:0 0 .75rem}
section,.panel{background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:1rem 1.25rem;margin:0 0 1rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .4rem;border-bottom:1px solid #e8ebf0}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}dt{color:#4a5468}dd{margin:0;font-variant-numeric:tabular-nums}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}input,select,textarea{font:inherit;padding:.45rem .55rem;border:1px solid #8a93a6;border-radius:6px;width:100%;max-width:22rem;background:#fff}
textarea{max-width:100%;min-height:6rem}button{font:inherit;font-weight:600;padding:.6rem 1.2rem;border-radius:6px;border:2px solid #1f5fcc;background:#1f5fcc;color:#fff;cursor:pointer;margin-top:1rem}
button.secondary{background:#fff;color:#1f5fcc}:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
.error-summary{border:3px solid #b3261e;background:#fff;padding:1rem 1.25rem;margin:0 0 1rem;border-radius:8px}.error-summary a{color:#b3261e;font-weight:600}
.field-error{color:#b3261e;font-weight:600;margin:.25rem 0 0}[aria-invalid=true]{border:2px solid #b3261e}
.notice{border-left:6px solid #1e7d45;background:#fff;padding:.75rem 1rem;margin:0 0 1rem;border-radius:4px}.muted{color:#4a5468;font-size:.9rem}
.amount-due{font-size:1.4rem;font-weight:700}`;

export function renderPortalLayout(input: { words: PortalWords; title: string; body: string }): string {
  return `<!doctype html><html lang="${escapeHtml(input.words.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(input.title)}</title><style>${style}</style></head><body><main id="main">${input.body}</main></body></html>`;
}

/** A refusal: what happened, and (when the link names an invoice) a button to get a fresh link by email. */
export function renderRefusalPage(input: { words: PortalWords; refusal: PortalRefusalKind; freshLinkForm: { action: string; formToken: string } | null; outcome?: string | null }): string {
  const { words, refusal } = input;
  const title = words.refusalTitle[refusal];
  const outcome = input.outcome ? `<p class="notice" role="status">${escapeHtml(input.outcome)}</p>` : '';
  const form =
    input.freshLinkForm && !input.outcome
      ? `<form method="post" action="${escapeHtml(input.freshLinkForm.action)}"><input type="hidden" name="form" value="${escapeHtml(input.freshLinkForm.formToken)}"><button type="submit">${escapeHtml(words.freshLink)}</button></form>`
      : '';
  return renderPortalLayout({ words, title, body: `<h1>${escapeHtml(title)}</h1><div class="panel"><p>${escapeHtml(words.refusalBody[refusal])}</p>${outcome}${form}</div>` });
}

export function renderMessagePage(input: { words: PortalWords; title: string; message: string; backHref?: string }): string {
  const back = input.backHref ? `<p><a href="${escapeHtml(input.backHref)}">${escapeHtml(input.words.back)}</a></p>` : '';
  return renderPortalLayout({ words: input.words, title: input.title, body: `<h1>${escapeHtml(input.title)}</h1><div class="panel"><p role="status">${escapeHtml(input.message)}</p>${back}</div>` });
}
