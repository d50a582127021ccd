import { maxUiOpenMs, screenOpenSummary, uiScreenLabels, type UiSection } from './bench-report.ts';
import { markdownTable, reproduceLines } from './markdown-table.ts';
import type { ScreenMeasurement, ScreenOpen } from './measure-ui-open.ts';
import { opensWithin } from './summarise-opens.ts';

// docs/benchmarks.md's section on the admin web app: how long its big lists take to open, and
// where each open spends its time.

export function renderUiSection(section: UiSection): string[] {
  const m = section.measurement;
  const heading = '## 6. The admin web app: opening its big lists';
  const reproduce = reproduceLines(section.commands);
  if (m === null) return [heading, '', `Not measured: ${section.skipped ?? 'skipped'}.`, '', ...reproduce];
  const { seed } = section;
  const opens = m.screens[0]?.warm.length ?? 0;
  const everyOpen = m.screens.flatMap((screen) => [screen.cold, ...screen.warm]);
  return [
    heading,
    '',
    `The organisation of section 5 (\`${seed.workspaceId}\`, ${formatCount(m.invoices)} open invoices, a collections queue of ` +
      `${formatCount(seed.queue.entries)} entries), served by the same server as section 5 (bench/start-api-server-process.ts on 127.0.0.1), ` +
      `which here also serves the built web app as \`plixo start\` does (web/dist, made current by \`ensureWebAppBuilt\` first: ` +
      `${ms(m.webAppReadyMs)}, not timed${webSource(m.uncommittedWebChanges)}). The Controller signs in through \`POST /api/auth/signin\` ` +
      `from the browser context, so its pages have the session's cookie; then Chromium ${m.chromiumVersion} (headless, ` +
      `${m.viewport.width}x${m.viewport.height}, through playwright-core ${m.playwrightVersion}) opens each screen. Load average ` +
      `(1, 5, 15 min) at the start / end of this measurement: ${m.loadAverageAtStart} / ${m.loadAverageAtEnd}; the browser and the ` +
      'server share the machine\'s cores.',
    '',
    '- **An open** lasts from the navigation\'s start (the page\'s `performance.now()` origin) to the first row of the screen\'s table ' +
      'painted: a mutation observer, installed before the app\'s scripts, marks that row\'s cells for Element Timing as soon as React ' +
      `inserts them, before their first paint, and Chromium reports when it painted their text (${paintedBy(everyOpen)}). It covers the ` +
      'HTML, the scripts and styles, the session request, the list\'s first page and React\'s render. An open counts only when the table ' +
      'then shows the whole first page, its first row visible and the one it should be (rank 1 of the queue; the first open invoice, ' +
      'as the API lists them).',
    '- **Cold:** per screen, a server process that has served nothing yet and a fresh browser context (an empty cache). **Warm:** ' +
      `${opens} opens after it, each a new page in the same context: scripts and styles from the browser's cache (the HTML is ` +
      'revalidated), the API asked afresh, as a person reloading or coming back to the screen sees it. p50 and p95 are nearest rank ' +
      `over the ${opens} opens${opens <= 20 ? ', so with this few the p95 is the slowest of them' : ''}.`,
    '',
    markdownTable(
      ['screen', 'address', 'its first page', 'cold', 'warm p50', 'warm p95', 'warm max', `under ${maxUiOpenMs / 1000} s (cold and warm p95)`],
      m.screens.map((screen) => {
        const summary = screenOpenSummary(screen);
        return [
          uiScreenLabels[screen.id],
          `\`${screen.path}\``,
          `\`GET ${screen.listRequest}\`, ${screen.cold.rows} rows`,
          `**${ms(summary.coldMs)}**`,
          ms(summary.warm.p50),
          `**${ms(summary.warm.p95)}**`,
          ms(summary.warm.max),
          opensWithin(summary, maxUiOpenMs) ? '**met**' : '**NOT met**',
        ];
      }),
    ),
    '',
    'Where an open goes (milliseconds from the navigation\'s start; "warm" is the median warm open, so its parts add up to a time that was measured):',
    '',
    renderBreakdown(m.screens),
    '',
    ...m.screens.map((screen) => `Each warm open of ${uiScreenLabels[screen.id]} (ms): ${screen.warm.map((open) => Math.round(open.ms)).join(', ')}.`),
    '',
    ...reproduce,
  ];
}

function renderBreakdown(screens: readonly ScreenMeasurement[]): string {
  const columns = screens.flatMap((screen) => [
    { label: `${screen.id}, cold`, open: screen.cold },
    { label: `${screen.id}, warm`, open: medianOpen(screen.warm) },
  ]);
  const row = (label: string, cell: (open: ScreenOpen) => string) => [label, ...columns.map((column) => cell(column.open))];
  return markdownTable(
    ['', ...columns.map((column) => column.label)],
    [
      row('HTML received', (open) => ms(open.documentAt)),
      row('session asked for (`GET /api/auth/session`: the app\'s script has loaded and run)', (open) => at(open.session?.startAt)),
      row('session answered', (open) => at(open.session?.responseEndAt)),
      row('first page asked for', (open) => at(open.list?.startAt)),
      row('first page answered', (open) => at(open.list?.responseEndAt)),
      row('first row in the document', (open) => ms(open.firstRowInDomAt)),
      row('**first row painted**', (open) => `**${ms(open.ms)}**`),
      row('requests up to then (the HTML included)', (open) => formatCount(open.requests)),
      row('bytes over the network up to then (0: from the cache)', (open) => formatCount(open.transferBytes)),
    ],
  );
}

/** The warm open at the p50's rank. */
function medianOpen(opens: readonly ScreenOpen[]): ScreenOpen {
  const sorted = [...opens].sort((a, b) => a.ms - b.ms);
  return sorted[Math.max(0, Math.ceil(sorted.length / 2) - 1)]!;
}

function paintedBy(opens: readonly ScreenOpen[]): string {
  const fallback = opens.filter((open) => open.paintedBy === 'animation-frame').length;
  if (fallback === 0) return 'every open timed by Element Timing';
  return `${fallback} of ${opens.length} opens without an Element Timing entry were timed at the end of the frame after the row's insertion instead`;
}

function webSource(uncommitted: boolean | null): string {
  if (uncommitted === null) return '';
  return uncommitted ? '; **built from uncommitted changes under web/**' : '; web/ as committed';
}

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}

function at(value: number | undefined): string {
  return value === undefined ? 'not seen' : ms(value);
}

function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
