import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureWebAppBuilt } from '../src/server/http/web-app-folder.ts';
import { launchTestChromium } from '../src/testing/launch-test-chromium.ts';
import type { UiScreenId } from './bench-report.ts';
import { readLoadAverage } from './describe-machine.ts';
import { firstRowMarkedExpression, firstRowMarksExpression, pageTimingsExpression, watchFirstRowScript, type FirstRowMarks, type PageTimings } from './page-scripts.ts';
import { startApiServerProcess } from './start-api-server-process.ts';

// How long the admin web app takes to open its big lists, the collections queue and the invoice
// list: the real server (the API section's process, also serving the built web app) over the
// seeded file, a Controller signed in through POST /api/auth/signin, then Chromium opening the
// screen's address. Per screen: a server process of its own that has served nothing yet and a
// fresh browser context (an empty cache) for the cold open, then warm opens, each a new page of
// that context. An open lasts from the navigation's start to the first row of the screen's table
// painted, and counts only when the table then shows the first page it should.

export interface UiTask {
  kind: 'ui';
  databasePath: string;
  workspaceId: string;
  email: string;
  password: string;
  invoices: number;
  /** Entries of the scored queue, so a page is known to hold min(50, entries) rows. */
  queueEntries: number;
  warmOpens: number;
}

export interface RequestSpan {
  startAt: number;
  responseEndAt: number;
}

export interface ScreenOpen {
  /** From the navigation's start to the first row painted (Element Timing), or its frame without it. */
  ms: number;
  paintedBy: 'element-timing' | 'animation-frame';
  firstRowInDomAt: number;
  documentAt: number;
  /** The session's and the list's first page's API requests: when the page sent them and had their answers. */
  session: RequestSpan | null;
  list: RequestSpan | null;
  /** Requests and bytes over the network up to the first row, the HTML included (0 bytes: from the cache). */
  requests: number;
  transferBytes: number;
  rows: number;
}

export interface ScreenMeasurement {
  id: UiScreenId;
  /** The screen's address, as opened. */
  path: string;
  /** The API request for the screen's first page, as the screen sends it. */
  listRequest: string;
  /** What the first row had to show for an open to count. */
  firstRow: string;
  cold: ScreenOpen;
  warm: ScreenOpen[];
}

export interface UiMeasurement {
  kind: 'ui';
  chromiumVersion: string;
  playwrightVersion: string;
  viewport: { width: number; height: number };
  invoices: number;
  /** How long making sure web/dist was current took (a build when it was stale). */
  webAppReadyMs: number;
  /** Whether the web app was built from uncommitted changes under web/ (the machine's commit only looks at src/); null without git. */
  uncommittedWebChanges: boolean | null;
  screens: ScreenMeasurement[];
  loadAverageAtStart: string;
  loadAverageAtEnd: string;
}

interface ScreenSpec {
  id: UiScreenId;
  path: string;
  table: string;
  listRequest: string;
  rows: number;
  /** The first cell of the first row, asked of the API after signing in. */
  firstCell(context: BrowserContext, url: string): Promise<string>;
}

export const uiViewport = { width: 1280, height: 800 } as const;
const openTimeoutMs = 30_000;

export async function measureUiOpen(task: UiTask): Promise<UiMeasurement> {
  const loadAverageAtStart = readLoadAverage();
  const readyStarted = performance.now();
  const webApp = await ensureWebAppBuilt({ log: (line) => console.log(`ui: ${line}`) });
  if (webApp === null) throw new Error('ui bench: the web app is not built and cannot be built here (is Vite installed?)');
  const webAppReadyMs = performance.now() - readyStarted;
  const browser = await launchTestChromium();
  try {
    const screens: ScreenMeasurement[] = [];
    for (const spec of screenSpecs(task)) screens.push(await measureScreen(browser, webApp, spec, task));
    return {
      kind: 'ui',
      chromiumVersion: browser.version(),
      playwrightVersion: playwrightVersion(),
      viewport: { ...uiViewport },
      invoices: task.invoices,
      webAppReadyMs,
      uncommittedWebChanges: readUncommittedWebChanges(),
      screens,
      loadAverageAtStart,
      loadAverageAtEnd: readLoadAverage(),
    };
  } finally {
    await browser.close();
  }
}

function screenSpecs(task: UiTask): ScreenSpec[] {
  const org = encodeURIComponent(task.workspaceId);
  return [
    {
      id: 'queue',
      path: `/orgs/${org}/queue`,
      table: 'Collections queue',
      listRequest: `/api/orgs/${org}/queue?limit=50`,
      rows: Math.min(50, task.queueEntries),
      firstCell: async () => '1',
    },
    {
      id: 'invoices',
      path: `/orgs/${org}/invoices`,
      table: 'Invoices',
      // The screen shows open invoices unless the address says otherwise.
      listRequest: `/api/orgs/${org}/invoices?limit=50&status=open`,
      rows: Math.min(50, task.invoices),
      firstCell: async (context, url) => {
        const response = await context.request.get(`${url}/api/orgs/${org}/invoices?limit=1&status=open`);
        if (response.status() !== 200) throw new Error(`ui bench: the first open invoice could not be read: ${response.status()}`);
        const page = (await response.json()) as { items: { number: string }[] };
        if (page.items[0] === undefined) throw new Error('ui bench: the organisation has no open invoice');
        return page.items[0].number;
      },
    },
  ];
}

async function measureScreen(browser: Browser, webApp: string, spec: ScreenSpec, task: UiTask): Promise<ScreenMeasurement> {
  const server = await startApiServerProcess(task.databasePath, { webApp });
  const context = await browser.newContext({ viewport: uiViewport });
  try {
    await signIn(context, server.url, task);
    const firstRow = await spec.firstCell(context, server.url);
    await context.addInitScript({ content: watchFirstRowScript(rowSelector(spec)) });
    const open = async () => {
      const page = await context.newPage();
      try {
        return await openScreen(page, `${server.url}${spec.path}`, spec, firstRow);
      } finally {
        await page.close();
      }
    };
    const cold = await open();
    const warm: ScreenOpen[] = [];
    for (let index = 0; index < task.warmOpens; index += 1) warm.push(await open());
    return { id: spec.id, path: spec.path, listRequest: spec.listRequest, firstRow, cold, warm };
  } finally {
    await context.close();
    await server.stop();
  }
}

/** Through the API, as the sign-in screen does; the context's request client shares its cookies with its pages. */
async function signIn(context: BrowserContext, url: string, task: UiTask): Promise<void> {
  const response = await context.request.post(`${url}/api/auth/signin`, { data: { email: task.email, password: task.password } });
  const text = await response.text();
  if (response.status() !== 200) throw new Error(`ui bench: POST /api/auth/signin answered ${response.status()}: ${text.slice(0, 300)}`);
  const session = JSON.parse(text) as { organisations: { id: string }[] };
  if (!session.organisations.some((organisation) => organisation.id === task.workspaceId)) throw new Error(`ui bench: ${task.email} is not a member of ${task.workspaceId}`);
}

function rowSelector(spec: ScreenSpec): string {
  return `table[aria-label=${JSON.stringify(spec.table)}] tbody tr`;
}

async function openScreen(page: Page, url: string, spec: ScreenSpec, firstRow: string): Promise<ScreenOpen> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(firstRowMarkedExpression, undefined, { timeout: openTimeoutMs, polling: 'raf' });
  const marks = (await page.evaluate(firstRowMarksExpression)) as FirstRowMarks;
  const timings = (await page.evaluate(pageTimingsExpression)) as PageTimings;
  // A fast error page must not pass for a fast list: the open counts only with the screen's first page shown.
  const selector = rowSelector(spec);
  await page.waitForFunction(`document.querySelectorAll(${JSON.stringify(selector)}).length >= ${spec.rows}`, undefined, { timeout: openTimeoutMs });
  const bodyRows = page.locator(selector);
  const shown = await bodyRows.count();
  if (shown !== spec.rows) throw new Error(`ui bench: ${spec.path} showed ${shown} rows, not ${spec.rows}`);
  if (!(await bodyRows.first().isVisible())) throw new Error(`ui bench: ${spec.path}'s first row is not visible`);
  const cell = (await bodyRows.first().locator('td').first().textContent())?.trim() ?? '';
  if (cell !== firstRow && !cell.startsWith(`${firstRow} `)) throw new Error(`ui bench: ${spec.path}'s first row starts "${cell}", not "${firstRow}"`);
  const shownAt = marks.paintedAt ?? marks.frameAt!;
  const upToRow = timings.requests.filter((request) => request.startAt <= shownAt);
  return {
    ms: shownAt,
    paintedBy: marks.paintedAt === null ? 'animation-frame' : 'element-timing',
    firstRowInDomAt: marks.inDomAt!,
    documentAt: timings.documentAt,
    session: findRequest(timings, '/api/auth/session'),
    list: findRequest(timings, spec.listRequest),
    requests: upToRow.length + 1,
    transferBytes: timings.documentTransferBytes + upToRow.reduce((sum, request) => sum + request.transferBytes, 0),
    rows: shown,
  };
}

function findRequest(timings: PageTimings, path: string): RequestSpan | null {
  const request = timings.requests.find((candidate) => new URL(candidate.name).pathname + new URL(candidate.name).search === path);
  return request ? { startAt: request.startAt, responseEndAt: request.responseEndAt } : null;
}

function readUncommittedWebChanges(): boolean | null {
  try {
    return execFileSync('git', ['status', '--porcelain', '--', 'web'], { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
  } catch {
    return null;
  }
}

function playwrightVersion(): string {
  const require = createRequire(import.meta.url);
  return (JSON.parse(readFileSync(require.resolve('playwright-core/package.json'), 'utf8')) as { version: string }).version;
}
