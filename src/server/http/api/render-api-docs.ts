import { escapeHtml } from '../../../core/messages/escape-html.ts';
import type { ApiRoute } from './define-route.ts';

/** /api/docs: every route, who may call it and its schemas, in one page that needs nothing else. */
export function renderApiDocs(routes: readonly ApiRoute[], openApi: Record<string, unknown>): string {
  const paths = openApi.paths as Record<string, Record<string, { summary: string; description: string; requestBody?: unknown; responses: Record<string, unknown>; parameters?: unknown[] }>>;
  const sections = new Map<string, string[]>();
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const operation = paths[path]![route.method.toLowerCase()]!;
    const block = `<details><summary><code class="m ${route.method.toLowerCase()}">${route.method}</code> <code>${escapeHtml(path)}</code> — ${escapeHtml(route.summary)}</summary><p>${escapeHtml(operation.description)}</p><pre>${escapeHtml(JSON.stringify({ parameters: operation.parameters, requestBody: operation.requestBody, responses: operation.responses }, null, 2))}</pre></details>`;
    sections.set(route.tag, [...(sections.get(route.tag) ?? []), block]);
  }
  const body = [...sections].map(([tag, blocks]) => `<h2>${escapeHtml(tag)}</h2>${blocks.join('')}`).join('');
  const info = openApi.info as { description: string; version: string };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Plixo API</title><meta name="viewport" content="width=device-width,initial-scale=1"><style>body{font:15px/1.5 system-ui,sans-serif;max-width:980px;margin:2rem auto;padding:0 1rem;color:#1d2433}details{border:1px solid #dde3ec;border-radius:6px;margin:.4rem 0;padding:.4rem .7rem}summary{cursor:pointer}pre{background:#f5f7fa;padding:.6rem;overflow:auto;font-size:12px}.m{font-weight:700}.get{color:#0b7a3e}.post{color:#1f5fbf}.patch,.put{color:#a45f00}.delete{color:#b3261e}</style></head><body><h1>Plixo API <small>${escapeHtml(info.version)}</small></h1><p>${escapeHtml(info.description)}</p><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>${body}</body></html>`;
}
