// What the ui section runs inside the page, as JavaScript text: a function handed to Playwright
// would be serialised with the helpers tsx adds to it (`__name`), which the page does not have.
// Every time is the page's performance.now(), whose origin is the navigation's start.

/** The marks watchFirstRowScript leaves on `window.__plixoFirstRow`. */
export interface FirstRowMarks {
  /** The first row matching the selector was in the document. */
  inDomAt: number | null;
  /** After the next animation frame (the frame that paints the row) had run. */
  frameAt: number | null;
  /** Element Timing's render time of the row's text: when Chromium painted it. */
  paintedAt: number | null;
  /** Whether this browser reports Element Timing; without it paintedAt stays null. */
  elementTiming: boolean;
}

/**
 * Run before the page's own scripts (addInitScript): watches the document for the first row
 * matching `selector`. Its cells are marked for Element Timing from the mutation observer, which
 * runs before the row's first paint, so the paint is reported; the frame mark is the fallback.
 */
export function watchFirstRowScript(selector: string): string {
  return `(() => {
  const selector = ${JSON.stringify(selector)};
  const marks = { inDomAt: null, frameAt: null, paintedAt: null, elementTiming: false };
  window.__plixoFirstRow = marks;
  try {
    marks.elementTiming = PerformanceObserver.supportedEntryTypes.includes('element');
    if (marks.elementTiming) {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          if (entry.identifier !== 'plixo-first-row') continue;
          const at = entry.renderTime || entry.loadTime;
          if (marks.paintedAt === null || at < marks.paintedAt) marks.paintedAt = at;
        }
      }).observe({ type: 'element', buffered: true });
    }
  } catch {
    marks.elementTiming = false;
  }
  const observer = new MutationObserver(() => {
    const row = document.querySelector(selector);
    if (row === null) return;
    observer.disconnect();
    marks.inDomAt = performance.now();
    for (const cell of row.querySelectorAll('td')) cell.setAttribute('elementtiming', 'plixo-first-row');
    requestAnimationFrame(() => setTimeout(() => { marks.frameAt = performance.now(); }, 0));
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;
}

/** An expression: true once the marks are complete (painted, or the frame ran in a browser without Element Timing). */
export const firstRowMarkedExpression = 'window.__plixoFirstRow !== undefined && window.__plixoFirstRow.frameAt !== null && (window.__plixoFirstRow.paintedAt !== null || !window.__plixoFirstRow.elementTiming)';

export const firstRowMarksExpression = 'window.__plixoFirstRow';

export interface RequestTiming {
  /** The resource's name as the browser recorded it (the full address). */
  name: string;
  startAt: number;
  responseEndAt: number;
  /** 0 when it came from the browser's cache. */
  transferBytes: number;
}

export interface PageTimings {
  /** The HTML's last byte. */
  documentAt: number;
  documentTransferBytes: number;
  /** Every resource the page fetched so far: scripts, styles, API requests. */
  requests: RequestTiming[];
}

/** An expression: the navigation's and every resource's timing so far. */
export const pageTimingsExpression = `(() => {
  const navigation = performance.getEntriesByType('navigation')[0];
  return {
    documentAt: navigation ? navigation.responseEnd : 0,
    documentTransferBytes: navigation ? navigation.transferSize : 0,
    requests: performance.getEntriesByType('resource').map((entry) => ({
      name: entry.name,
      startAt: entry.startTime,
      responseEndAt: entry.responseEnd,
      transferBytes: entry.transferSize,
    })),
  };
})()`;
