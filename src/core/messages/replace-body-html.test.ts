import { describe, expect, it } from 'vitest';
import { bodyEndMarker, bodyStartMarker } from './render-message.ts';
import { replaceBodyHtml } from './replace-body-html.ts';

describe('replaceBodyHtml', () => {
  const layout = `<html><body><header>Acme</header>${bodyStartMarker}<p>Old text {x}</p>${bodyEndMarker}<a class="pay">Pay now</a><footer>Acme Supplies</footer></body></html>`;

  it('puts the edited paragraphs in place of the body and keeps the layout around it', () => {
    expect(replaceBodyHtml(layout, 'Dear team,\n\nplease pay <INV-7> & call us.\nThanks')).toBe(
      `<html><body><header>Acme</header>${bodyStartMarker}<p style="margin:0 0 16px 0;">Dear team,</p><p style="margin:0 0 16px 0;">please pay &lt;INV-7&gt; &amp; call us.<br>Thanks</p>${bodyEndMarker}<a class="pay">Pay now</a><footer>Acme Supplies</footer></body></html>`,
    );
  });

  it('gives the paragraphs alone for an HTML part without the markers', () => {
    expect(replaceBodyHtml('<p>written before the markers</p>', 'One\n\nTwo')).toBe('<p style="margin:0 0 16px 0;">One</p><p style="margin:0 0 16px 0;">Two</p>');
  });
});
