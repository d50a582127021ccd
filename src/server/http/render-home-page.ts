import type { WorkspaceOverview } from '../../app/get-workspace-overview.ts';
import { escapeHtml } from '../../core/messages/escape-html.ts';


/** The first page: what the demo workspace holds and what the engine decided, until the admin UI lands. */
export function renderHomePage(overview: WorkspaceOverview | null): string {
  const body = overview
    ? `<h1>${escapeHtml(overview.workspace.name)}</h1>
<p>${overview.customers} customers · ${overview.openInvoices} open invoices · time zone ${escapeHtml(overview.workspace.timeZone)}</p>
<p>Engine decisions so far: ${
        Object.entries(overview.actionsByType)
          .map(([type, count]) => `${count} ${escapeHtml(type)}`)
          .join(', ') || 'none yet'
      }</p>
<h2>Latest decisions</h2>
<table><thead><tr><th>At (UTC)</th><th>Type</th><th>Customer</th><th>Invoice</th><th>Step</th><th>Reason</th></tr></thead><tbody>
${overview.latestActions
  .map(
    (action) =>
      `<tr><td>${new Date(action.at).toISOString().replace('T', ' ').slice(0, 16)}</td><td>${escapeHtml(action.type)}</td><td>${escapeHtml(action.customerId)}</td><td>${escapeHtml(action.invoiceId)}</td><td>${escapeHtml(action.step)}</td><td>${escapeHtml(action.reason ?? '')}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`
    : '<h1>Plixo</h1><p>No workspace yet.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Plixo</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#1d2433}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e3e6ec;font-size:.9rem}th{background:#f4f6fa}</style>
</head><body>
${body}
<p><small>Plixo · <a href="/healthz">health</a></small></p>
</body></html>`;
}
