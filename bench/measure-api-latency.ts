import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import autocannon from 'autocannon';
import { createStore } from '../src/adapters/storage/create-store.ts';
import { openDatabase } from '../src/adapters/storage/open-database.ts';
import { createApiToken } from '../src/app/access/manage-api-tokens.ts';
import { collectGarbage } from './create-memory-probe.ts';
import { startApiServerProcess, type ApiServerProcess } from './start-api-server-process.ts';

// Latency of the JSON API under load: the real HTTP server in a process of its own over the
// seeded SQLite file, autocannon in this one sending GETs with an API token over keep-alive
// connections on loopback, each endpoint for a fixed time after an untimed warm-up. Every answer
// a run will ask for is first fetched once and checked (status, what it holds), so a fast error
// page cannot pass for a fast list.

export type ApiEndpointId = 'queueFirst' | 'queueDeep' | 'queueCustomer' | 'firstPage' | 'deepPage' | 'customerOpen' | 'policy';

export const apiEndpointIds: readonly ApiEndpointId[] = ['queueFirst', 'queueDeep', 'queueCustomer', 'firstPage', 'deepPage', 'customerOpen', 'policy'];

export interface ApiTask {
  kind: 'api';
  databasePath: string;
  workspaceId: string;
  /** The member the API token is created as (a Controller). */
  userId: string;
  userEmail: string;
  invoices: number;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

/** Milliseconds, nearest rank over every response of the timed run. */
export interface LatencySummary {
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p97_5: number;
  p99: number;
  max: number;
}

export interface ApiEndpointRun {
  id: ApiEndpointId;
  /** The path and query as sent. */
  path: string;
  /** Items in the answer (lists: invoices or queue entries), checked before the load. */
  items: number | null;
  responseBytes: number;
  /** Responses received in the timed run. */
  requests: number;
  durationSeconds: number;
  requestsPerSecond: number;
  latency: LatencySummary;
  /** What autocannon's own histogram says (whole milliseconds; it has no p95). */
  autocannon: { mean: number; p50: number; p97_5: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** CPU time of the server's process over the timed run. */
  serverCpuMs: number;
  /** CPU time of the load generator's process (this one) over the timed run. */
  clientCpuMs: number;
}

export interface ApiMeasurement {
  kind: 'api';
  autocannonVersion: string;
  invoices: number;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** Invoices before the deep page's cursor (walked to through the API itself). */
  cursorDepth: number;
  customerId: string;
  /** Queue entries before the deep queue page's cursor, and the customer of that page's first entry. */
  queueCursorDepth: number;
  queueCustomerId: string;
  endpoints: ApiEndpointRun[];
}

interface Endpoint {
  id: ApiEndpointId;
  path: string;
  items: number | null;
}

export async function measureApiLatency(task: ApiTask): Promise<ApiMeasurement> {
  const token = await createBenchToken(task);
  const server = await startApiServerProcess(task.databasePath);
  try {
    const headers = { authorization: `Bearer ${token}` };
    const queue = await discoverQueueEndpoints(server.url, headers, task);
    const invoices = await discoverEndpoints(server.url, headers, task);
    const runs: ApiEndpointRun[] = [];
    for (const endpoint of [...queue.endpoints, ...invoices.endpoints]) runs.push(await loadEndpoint(server, headers, endpoint, task));
    return {
      kind: 'api',
      autocannonVersion: autocannonVersion(),
      invoices: task.invoices,
      connections: task.connections,
      durationSeconds: task.durationSeconds,
      warmupSeconds: task.warmupSeconds,
      cursorDepth: invoices.cursorDepth,
      customerId: invoices.customerId,
      queueCursorDepth: queue.cursorDepth,
      queueCustomerId: queue.customerId,
      endpoints: runs,
    };
  } finally {
    await server.stop();
  }
}

/** A fresh token each run: its secret is shown once, at creation, and never leaves this process. */
async function createBenchToken(task: ApiTask): Promise<string> {
  const database = openDatabase(`file:${task.databasePath}`);
  try {
    const store = createStore(database);
    const by = { kind: 'user' as const, id: task.userId, label: task.userEmail, role: 'controller' as const };
    const { secret } = await createApiToken({ store, now: Date.now(), workspaceId: task.workspaceId, by, name: `bench ${new Date().toISOString()}`, role: 'controller' });
    return secret;
  } finally {
    await database.close();
  }
}

interface InvoicePage {
  items: { id: string; customerId: string; status: string }[];
  nextCursor: string | null;
}

/**
 * The four requests, each fetched once and checked: the first page; a page whose cursor came
 * from walking the list through the API to its middle; the open invoices of the customer of that
 * page's first invoice; the live policy.
 */
async function discoverEndpoints(url: string, headers: Record<string, string>, task: ApiTask): Promise<{ endpoints: Endpoint[]; cursorDepth: number; customerId: string }> {
  const list = `/api/orgs/${encodeURIComponent(task.workspaceId)}/invoices`;
  const firstPath = `${list}?limit=50`;
  const first = await getJson<InvoicePage>(url, firstPath, headers);
  expectItems(first, Math.min(50, task.invoices), firstPath);

  const walkLimit = Math.max(1, Math.min(500, Math.floor(task.invoices / 4)));
  let cursor: string | null = null;
  let cursorDepth = 0;
  while (cursorDepth < task.invoices / 2) {
    const page: InvoicePage = await getJson<InvoicePage>(url, `${list}?limit=${walkLimit}${cursor ? `&cursor=${cursor}` : ''}`, headers);
    if (page.nextCursor === null) throw new Error(`api bench: the invoice list ended after ${cursorDepth + page.items.length} of ${task.invoices} invoices`);
    cursorDepth += page.items.length;
    cursor = page.nextCursor;
  }
  if (cursor === null) throw new Error('api bench: no cursor into the middle of the list');
  const deepPath = `${list}?limit=50&cursor=${cursor}`;
  const deep = await getJson<InvoicePage>(url, deepPath, headers);
  expectItems(deep, Math.min(50, task.invoices - cursorDepth), deepPath);

  const customerId = deep.items[0]!.customerId;
  const customerPath = `${list}?status=open&customerId=${encodeURIComponent(customerId)}`;
  const customer = await getJson<InvoicePage>(url, customerPath, headers);
  if (customer.items.length === 0 || customer.items.some((item) => item.customerId !== customerId || item.status !== 'open')) {
    throw new Error(`api bench: ${customerPath} did not answer ${customerId}'s open invoices`);
  }

  const policyPath = `/api/orgs/${encodeURIComponent(task.workspaceId)}/policy`;
  const policy = await getJson<{ segments: unknown[]; problem: string | null }>(url, policyPath, headers);
  if (policy.problem !== null || policy.segments.length === 0) throw new Error(`api bench: the live policy does not run: ${policy.problem ?? 'no segments'}`);

  return {
    endpoints: [
      { id: 'firstPage', path: firstPath, items: first.items.length },
      { id: 'deepPage', path: deepPath, items: deep.items.length },
      { id: 'customerOpen', path: customerPath, items: customer.items.length },
      { id: 'policy', path: policyPath, items: null },
    ],
    cursorDepth,
    customerId,
  };
}

interface QueuePage {
  refreshedAt: string | null;
  items: { rank: number; focus: boolean; customerId: string; score: number }[];
  nextCursor: string | null;
}

/**
 * The collections queue as a person opens it: the first page (today's focus on top), a page from
 * the middle by a cursor walked to through the API, and the queue of the customer at its top.
 */
async function discoverQueueEndpoints(url: string, headers: Record<string, string>, task: ApiTask): Promise<{ endpoints: Endpoint[]; cursorDepth: number; customerId: string }> {
  const queue = `/api/orgs/${encodeURIComponent(task.workspaceId)}/queue`;
  const firstPath = `${queue}?limit=50`;
  const first = await getJson<QueuePage>(url, firstPath, headers);
  if (first.refreshedAt === null || first.items.length === 0) throw new Error(`api bench: ${firstPath} answered an empty queue: was it scored?`);
  const entries = await countQueue(url, queue, headers);
  expectQueuePage(first, Math.min(50, entries), 1, firstPath);
  if (!first.items.slice(0, 3).every((item) => item.focus)) throw new Error(`api bench: ${firstPath} has no focus on its first three entries`);

  let cursor: string | null = null;
  let cursorDepth = 0;
  const walkLimit = Math.max(1, Math.min(500, Math.floor(entries / 4)));
  while (cursorDepth < entries / 2) {
    const page: QueuePage = await getJson<QueuePage>(url, `${queue}?limit=${walkLimit}${cursor ? `&cursor=${cursor}` : ''}`, headers);
    if (page.nextCursor === null) throw new Error(`api bench: the queue ended after ${cursorDepth + page.items.length} of ${entries} entries`);
    cursorDepth += page.items.length;
    cursor = page.nextCursor;
  }
  const deepPath = `${queue}?limit=50&cursor=${cursor!}`;
  const deep = await getJson<QueuePage>(url, deepPath, headers);
  expectQueuePage(deep, Math.min(50, entries - cursorDepth), cursorDepth + 1, deepPath);

  const customerId = first.items[0]!.customerId;
  const customerPath = `${queue}?customerId=${encodeURIComponent(customerId)}`;
  const customer = await getJson<QueuePage>(url, customerPath, headers);
  if (customer.items.length === 0 || customer.items.some((item) => item.customerId !== customerId)) throw new Error(`api bench: ${customerPath} did not answer ${customerId}'s queue`);
  return {
    endpoints: [
      { id: 'queueFirst', path: firstPath, items: first.items.length },
      { id: 'queueDeep', path: deepPath, items: deep.items.length },
      { id: 'queueCustomer', path: customerPath, items: customer.items.length },
    ],
    cursorDepth,
    customerId,
  };
}

/** Entries in the queue, by walking it in pages of 500: the number the middle is half of. */
async function countQueue(url: string, queue: string, headers: Record<string, string>): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page: QueuePage = await getJson<QueuePage>(url, `${queue}?limit=500${cursor ? `&cursor=${cursor}` : ''}`, headers);
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor !== null);
  return count;
}

function expectQueuePage(page: QueuePage, count: number, firstRank: number, path: string): void {
  if (page.items.length !== count) throw new Error(`api bench: GET ${path} answered ${page.items.length} entries, not ${count}`);
  page.items.forEach((item, index) => {
    if (item.rank !== firstRank + index) throw new Error(`api bench: GET ${path} ranks entry ${index} as ${item.rank}, not ${firstRank + index}`);
    if (index > 0 && item.score > page.items[index - 1]!.score) throw new Error(`api bench: GET ${path} is not in score order at rank ${item.rank}`);
  });
}

async function getJson<T>(url: string, path: string, headers: Record<string, string>): Promise<T> {
  const response = await fetch(`${url}${path}`, { headers });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`api bench: GET ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

function expectItems(page: InvoicePage, count: number, path: string): void {
  if (page.items.length !== count) throw new Error(`api bench: GET ${path} answered ${page.items.length} invoices, not ${count}`);
}

async function loadEndpoint(server: ApiServerProcess, headers: Record<string, string>, endpoint: Endpoint, task: ApiTask): Promise<ApiEndpointRun> {
  const options = { url: `${server.url}${endpoint.path}`, headers, connections: task.connections };
  await runAutocannon({ ...options, duration: task.warmupSeconds }, () => {});
  collectGarbage();
  const latencies: number[] = [];
  let responseBytes = 0;
  const serverCpuBefore = await server.cpuMs();
  const clientCpuBefore = process.cpuUsage();
  const result = await runAutocannon({ ...options, duration: task.durationSeconds }, (statusCode, bytes, ms) => {
    latencies.push(ms);
    if (statusCode === 200) responseBytes = bytes;
  });
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const serverCpuMs = (await server.cpuMs()) - serverCpuBefore;
  return {
    id: endpoint.id,
    path: endpoint.path,
    items: endpoint.items,
    responseBytes,
    requests: latencies.length,
    durationSeconds: result.duration,
    requestsPerSecond: latencies.length / result.duration,
    latency: summarise(latencies),
    autocannon: { mean: result.latency.mean, p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, Number(count)])),
    serverCpuMs,
    clientCpuMs: (clientCpu.user + clientCpu.system) / 1000,
  };
}

function runAutocannon(options: autocannon.Options, onResponse: (statusCode: number, bytes: number, ms: number) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    instance.on('response', (_client, statusCode, bytes, ms) => onResponse(statusCode, bytes, ms));
  });
}

/** autocannon's histogram records whole milliseconds and offers p90, p97.5 and p99 but no p95; every response's own time gives both. */
export function summarise(latencies: readonly number[]): LatencySummary {
  if (latencies.length === 0) throw new Error('api bench: no responses in the timed run');
  const sorted = Float64Array.from(latencies).sort();
  const at = (percent: number) => sorted[Math.max(0, Math.ceil((percent / 100) * sorted.length) - 1)]!;
  return {
    mean: sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length,
    p50: at(50),
    p90: at(90),
    p95: at(95),
    p97_5: at(97.5),
    p99: at(99),
    max: sorted[sorted.length - 1]!,
  };
}

function autocannonVersion(): string {
  const require = createRequire(import.meta.url);
  return (JSON.parse(readFileSync(require.resolve('autocannon/package.json'), 'utf8')) as { version: string }).version;
}
