import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMessage } from '../../core/messages/render-message.ts';
import { buildConsolidatedInvoices, buildMessageContext } from '../../core/messages/testing/build-message-context.ts';
import { browserSkipReason, chromiumPath, launchTestChromium } from '../../testing/launch-test-chromium.ts';

// The HTML part of a consolidated reminder, opened in a real Chromium at a desktop and a phone
// width: it must fit a phone without sideways scrolling, show the three invoices and the totals,
// link its pay button to the pay link, and run nothing a customer's name might smuggle in.
// src/core/messages is pure, so the browser check lives here, beside the mail adapters.
// Chromium: src/testing/launch-test-chromium.ts. The screenshots are kept in a temporary folder, printed below.

const skipBrowserTests = browserSkipReason('email-in-browser') !== null;

const hostileName = '<img src=x onerror="window.__pwned=1">';
const payLink = 'https://pay.acme.example/i/INV-1';

function renderConsolidatedHtml(): string {
  const template = {
    subject: { neutral: '{customer_name}: {total_balance} open' },
    body: {
      neutral:
        'Dear {contact_name},\n\nthe account of **{customer_name}** has these invoices open:\n\n{invoice_table}\n\n' +
        'Together that is **{total_balance}**. You can pay them all online: [pay now]({pay_link})\n\nThank you,\n{sender_signature}',
    },
  };
  const context = buildMessageContext({
    locale: 'de-DE',
    customer: { id: 'c1', name: hostileName },
    contact: { name: 'Ana Weber', email: 'ap@globex.example' },
    invoices: buildConsolidatedInvoices(),
  });
  const result = renderMessage({ template, tone: 'neutral', context });
  if (!result.ok) throw new Error(`did not render: ${JSON.stringify(result)}`);
  return result.message.html;
}

/** Width and height of a PNG, from its IHDR chunk. */
function readPngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe.skipIf(skipBrowserTests)(
  skipBrowserTests ? `the email in Chromium: SKIPPED, ${chromiumPath} not found (apt-get install -y chromium; with CI=true this fails)` : 'the email in Chromium',
  () => {
    const html = renderConsolidatedHtml();
    const screenshotDir = mkdtempSync(join(tmpdir(), 'plixo-email-screenshots-'));
    /** Every address each page asked for, in order. */
    const requested = new WeakMap<Page, string[]>();
    let server: Server;
    let origin: string;
    let browser: Browser;

    beforeAll(async () => {
      if (!existsSync(chromiumPath)) throw new Error(`CI=true and ${chromiumPath} is missing: install it (apt-get update && apt-get install -y chromium)`);
      server = createServer((request, response) => {
        if (request.url === '/email.html' || request.url === '/unescaped.html') {
          response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          // The control page: the name written into HTML unescaped, as a naive template would.
          response.end(request.url === '/email.html' ? html : `<!doctype html><html><body><p>Dear ${hostileName}</p></body></html>`);
        } else {
          response.writeHead(404).end();
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      browser = await launchTestChromium();
    }, 20_000);

    afterAll(async () => {
      await browser?.close();
      await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
      console.log(`email screenshots: ${screenshotDir}`);
    });

    async function open(width: number, mobile: boolean, path = '/email.html'): Promise<Page> {
      const context = await browser.newContext({
        viewport: { width, height: 900 },
        ...(mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : { deviceScaleFactor: 1 }),
      });
      const page = await context.newPage();
      const urls: string[] = [];
      requested.set(page, urls);
      // Nothing leaves the machine: the layout's web font and anything else remote is refused.
      await page.route('**/*', (route) => {
        const url = route.request().url();
        urls.push(url);
        return url.startsWith(origin) ? route.continue() : route.abort();
      });
      await page.goto(`${origin}${path}`, { waitUntil: 'load' });
      return page;
    }

    it.each([
      ['desktop', 700, false],
      ['mobile', 375, true],
    ] as const)('at %s width (%ipx) it fits without scrolling sideways and is saved as a screenshot', async (name, width, mobile) => {
      const page = await open(width, mobile);
      try {
        // A string, evaluated in the page: the project's TypeScript has no DOM types.
        const size = (await page.evaluate('({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })')) as {
          scrollWidth: number;
          clientWidth: number;
        };
        expect(size.clientWidth).toBe(width);
        expect(size.scrollWidth).toBeLessThanOrEqual(size.clientWidth + 1);
        // The table is inside the viewport, not cut off or hidden in an overflow.
        const tableBox = await page.locator('table:has(> tfoot)').boundingBox();
        expect(tableBox).not.toBeNull();
        expect(tableBox!.x).toBeGreaterThanOrEqual(0);
        expect(tableBox!.x + tableBox!.width).toBeLessThanOrEqual(width);
        // No word of the table is split over two lines ("Rechnun|g", "31.03.202|4"): each word of a
        // cell lies on one line box.
        const splitWords = (await page.evaluate(`(() => {
          const split = [];
          for (const cell of document.querySelectorAll('table:has(> tfoot) th, table:has(> tfoot) td')) {
            const text = cell.firstChild;
            if (!text || text.nodeType !== 3) continue;
            for (const match of text.textContent.matchAll(/\\S+/g)) {
              const range = document.createRange();
              range.setStart(text, match.index);
              range.setEnd(text, match.index + match[0].length);
              const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
              if (tops.size > 1) split.push(match[0]);
            }
          }
          return split;
        })()`)) as string[];
        expect(splitWords).toEqual([]);

        const path = join(screenshotDir, `email-${name}-${width}.png`);
        await page.screenshot({ path, fullPage: true });
        const png = readPngSize(path);
        expect(png.width).toBe(width * (mobile ? 2 : 1));
        expect(png.height).toBeGreaterThan(png.width / 2);
      } finally {
        await page.context().close();
      }
    });

    it('shows the three invoices and a total per currency, and links the pay button to the pay link', async () => {
      const page = await open(700, false);
      try {
        const table = page.locator('table:has(> tfoot)');
        await expect.poll(() => table.count()).toBe(1);
        const cells = async (rows: string) => Promise.all((await table.locator(rows).all()).map(async (row) => (await row.locator('td').allTextContents()).map((text) => text.trim())));
        const rows = await cells('tbody tr');
        expect(rows).toEqual([
          ['INV-1', '31.03.2024', '8', '1.200,50\u00a0€'],
          ['INV-2', '04.04.2024', '4', '300,00\u00a0$'],
          ['INV-3', '07.04.2024', '1', '50,00\u00a0€'],
        ]);
        const totals = await cells('tfoot tr');
        expect(totals).toEqual([
          ['Summe', '1.250,50\u00a0€'],
          ['', '300,00\u00a0$'],
        ]);

        // The button's label is in the customer's language: "Pay now" in de-DE.
        const button = page.getByRole('link', { name: 'Jetzt bezahlen' });
        await expect.poll(() => button.count()).toBe(1);
        expect(await button.getAttribute('href')).toBe(payLink);
        expect(await button.isVisible()).toBe(true);
        // The link in the body's text goes to the same place.
        expect(await page.getByRole('link', { name: 'pay now' }).getAttribute('href')).toBe(payLink);
      } finally {
        await page.context().close();
      }
    });

    it('shows a hostile customer name as text and runs no script', async () => {
      const page = await open(375, true);
      try {
        expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
        expect(await page.locator('img[onerror], [onerror], script').count()).toBe(0);
        expect(await page.title()).toBe(`${hostileName}: 1.250,50\u00a0€ und 300,00\u00a0$ open`);
        expect(await page.locator('strong', { hasText: hostileName }).count()).toBe(1);
        // The page itself and the layout's web font (refused) were asked for, nothing else: no image named "x".
        expect(requested.get(page)!.filter((url) => url !== `${origin}/email.html` && !url.startsWith('https://fonts.googleapis.com/'))).toEqual([]);
      } finally {
        await page.context().close();
      }
    });

    it('would notice the script: the same name written unescaped does set window.__pwned', async () => {
      const page = await open(375, true, '/unescaped.html');
      try {
        await expect.poll(() => page.evaluate('typeof window.__pwned')).toBe('number');
        expect(requested.get(page)).toContain(`${origin}/x`);
      } finally {
        await page.context().close();
      }
    });
  },
);
