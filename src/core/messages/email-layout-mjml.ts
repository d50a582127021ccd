// The branded email around a message body, written in MJML, which turns it into the nested
// tables and Outlook conditionals that render alike in Gmail, Outlook and Apple Mail and narrow
// to one column on a phone. MJML runs once, when the layout changes, not per message: its output
// for each text direction is kept in email-layout.generated.ts (email-layout.test.ts checks it
// and `npx vitest run src/core/messages/email-layout.test.ts -u` rewrites it), with stand-ins
// that prepare-email-layout.ts fills.

/** Stand-ins in the layout. The colours are real colours so MJML's strict validation accepts them. */
export const layoutSlots = {
  brandColor: '#010203',
  onBrandColor: '#040506',
  companyName: 'plixo-slot-company-name',
  logoUrl: 'plixo-slot-logo-url',
  lang: 'plixo-slot-lang',
  title: 'plixo-slot-title',
  body: 'plixo-slot-body',
  signOff: 'plixo-slot-sign-off',
  payHref: 'plixo-slot-pay-href',
  payLabel: 'plixo-slot-pay-label',
  footer: 'plixo-slot-footer',
} as const;

/** Parts that are kept or cut out whole: `<!-- plixo:NAME -->…<!-- /plixo:NAME -->`. */
export const layoutSections = ['logo', 'name', 'button', 'signoff'] as const;

export type LayoutDirection = 'ltr' | 'rtl';

function section(name: (typeof layoutSections)[number], content: string): string {
  return `<mj-raw><!-- plixo:${name} --></mj-raw>\n${content}\n<mj-raw><!-- /plixo:${name} --></mj-raw>`;
}

export function buildEmailLayoutMjml(direction: LayoutDirection): string {
  const slot = layoutSlots;
  const align = direction === 'rtl' ? 'right' : 'left';
  return `<mjml lang="${slot.lang}" dir="${direction}">
  <mj-head>
    <mj-title>${slot.title}</mj-title>
    <mj-attributes>
      <mj-all font-family="-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif" />
      <mj-text font-size="15px" line-height="1.6" color="#1f2328" padding="0" align="${align}" />
      <mj-section padding="0" direction="${direction}" />
    </mj-attributes>
    <mj-style>
      .plixo-body p:last-child, .plixo-body ul:last-child, .plixo-body ol:last-child, .plixo-body table:last-child { margin-bottom: 0 !important; }
      @media only screen and (max-width: 480px) { .plixo-body table { font-size: 13px !important; } }
    </mj-style>
  </mj-head>
  <mj-body background-color="#eef1f4" width="600px">
    <mj-wrapper padding="24px 0">
      <mj-section background-color="${slot.brandColor}" padding="20px 32px" border-radius="8px 8px 0 0">
        <mj-column>
          ${section('logo', `<mj-image src="${slot.logoUrl}" alt="${slot.companyName}" width="160px" align="${align}" padding="0" />`)}
          ${section('name', `<mj-text color="${slot.onBrandColor}" font-size="20px" font-weight="700" line-height="1.3">${slot.companyName}</mj-text>`)}
        </mj-column>
      </mj-section>
      <mj-section background-color="#ffffff" padding="32px 32px 16px">
        <mj-column>
          <mj-text css-class="plixo-body"><div dir="${direction}">${slot.body}</div></mj-text>
          ${section(
            'button',
            `<mj-button href="${slot.payHref}" background-color="${slot.brandColor}" color="${slot.onBrandColor}" font-size="16px" font-weight="600" inner-padding="14px 28px" border-radius="6px" align="${align}" padding="8px 0 24px">${slot.payLabel}</mj-button>`,
          )}
          ${section('signoff', `<mj-text css-class="plixo-body"><div dir="${direction}">${slot.signOff}</div></mj-text>`)}
        </mj-column>
      </mj-section>
      <mj-section background-color="#f6f8fa" padding="20px 32px" border-radius="0 0 8px 8px">
        <mj-column>
          <mj-text font-size="13px" line-height="1.5" color="#57606a"><div dir="${direction}">${slot.footer}</div></mj-text>
        </mj-column>
      </mj-section>
    </mj-wrapper>
  </mj-body>
</mjml>
`;
}
