// Accounts in the admin web app, end to end in Chromium: a person signs up a new organisation,
// invites a colleague from the Team screen, the invitation arrives at a real SMTP server on
// loopback, the colleague opens its link in a browser of their own and joins with their role, and
// the audit log shows it all and narrows by action. Elements are found by role and label.
import { simpleParser } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../adapters/mail/smtp/testing/start-smtp-server.ts';
import { browserSkipReason } from '../../testing/launch-test-chromium.ts';
import type { RunningPlixo } from '../main.ts';
import { startBrowserTestPlixo, type BrowserTestPlixo } from './testing/start-browser-test-plixo.ts';

const skipReason = browserSkipReason('web accounts');
const founder = { name: 'Frida Berg', email: 'frida@fjord-freight.example', password: 'fjords and freight 2026' };
const colleague = { name: 'Carl Holm', email: 'carl@fjord-freight.example', password: 'a colleague’s passphrase' };

describe.skipIf(skipReason !== null)('sign-up, team and audit log in Chromium', () => {
  let smtp: TestSmtpServer;
  let plixo: BrowserTestPlixo;
  let running: RunningPlixo;
  let browser: Browser;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    plixo = await startBrowserTestPlixo({
      env: { PLIXO_DEMO: 'false', PLIXO_SMTP_URL: smtp.url, PLIXO_SMTP_ALLOW_SELF_SIGNED: 'true', PLIXO_MAIL_FROM: 'plixo@fjord-freight.example' },
    });
    ({ running, browser } = plixo);
  });
  afterAll(async () => {
    await plixo?.close();
    await smtp?.stop();
  });

  const signIn = async (page: Page, who: { email: string; password: string }) => {
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel(/^Password/).fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  it('signs up, invites by email, the colleague joins with their role, and the audit log shows and filters it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(running.url!);
    await page.getByRole('link', { name: 'Create an organisation' }).click();
    await page.getByRole('heading', { name: 'Create your organisation' }).waitFor();
    await page.getByLabel('Organisation name').fill('Fjord Freight');
    await page.getByRole('combobox', { name: 'Currency' }).fill('NOK');
    await page.getByRole('option', { name: 'NOK', exact: true }).click();
    await page.getByLabel('Your name').fill(founder.name);
    await page.getByLabel('Email').fill(founder.email);
    // A short password is refused under its field, and nothing is created.
    await page.getByLabel(/^Password/).fill('too short');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.getByText(/password: must be at least 12 characters/).waitFor();
    await page.getByLabel(/^Password/).fill(founder.password);
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.getByRole('heading', { name: 'Collections queue' }).waitFor();
    const orgId = /\/orgs\/([\w-]+)\/queue$/.exec(page.url())![1]!;
    expect(orgId).toMatch(/^fjord-freight-/);
    expect(await page.getByRole('banner').textContent()).toContain('Fjord Freight');

    // The Team screen: the founder is its Controller; invite a colleague as A/R Manager.
    await page.getByRole('link', { name: 'Team' }).click();
    const members = page.getByRole('table', { name: 'Members' });
    await members.getByRole('cell', { name: founder.email, exact: true }).waitFor();
    expect(await members.getByRole('combobox', { name: `Role of ${founder.email}` }).inputValue()).toBe('Controller');
    const invite = page.getByRole('form', { name: 'Invite a colleague' });
    await invite.getByLabel('Colleague’s email').fill(colleague.email);
    await invite.getByRole('combobox', { name: 'Their role' }).click();
    await page.getByRole('option', { name: 'A/R Manager' }).click();
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain(`Invitation sent to ${colleague.email} as A/R Manager`);
    const invitations = page.getByRole('table', { name: 'Invitations' });
    await invitations.getByRole('cell', { name: colleague.email, exact: true }).waitFor();
    expect(await invitations.getByRole('button', { name: `Revoke the invitation of ${colleague.email}` }).isVisible()).toBe(true);

    // An API token: its secret is shown once, works as a Bearer token, and stops when revoked.
    const tokenForm = page.getByRole('form', { name: 'Create an API token' });
    await tokenForm.getByLabel('Token name').fill('CI publish');
    await tokenForm.getByRole('button', { name: 'Create token' }).click();
    const dialog = page.getByRole('dialog', { name: 'The token CI publish' });
    const secret = (await dialog.getByLabel('The token’s secret').textContent())!.trim();
    expect(secret).toMatch(/^plx_tok_/);
    await dialog.getByRole('button', { name: 'Copy the token' }).waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    const asToken = () => fetch(`${running.url}api/orgs/${orgId}`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await asToken()).status).toBe(200);
    await page.getByRole('button', { name: 'Revoke the token CI publish' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
    await page.getByRole('table', { name: 'API tokens' }).getByText('Revoked').waitFor();
    expect((await asToken()).status).toBe(401);
    expect(await page.getByText(secret).count()).toBe(0);

    // The email arrived at the SMTP server with a link to the web app's accept screen.
    const received = smtp.received.find((message) => message.to.includes(colleague.email));
    expect(received).toBeDefined();
    const mail = await simpleParser(received!.raw);
    expect(mail.subject).toMatch(/invited you to Fjord Freight on Plixo$/);
    const link = new URL(/https?:\/\/\S+/.exec(mail.text ?? '')![0]);
    expect(link.pathname).toBe('/accept-invitation');

    // The colleague, in a browser of their own, joins as a new person.
    const theirs = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const their = await theirs.newPage();
    await their.goto(new URL(`${link.pathname}${link.search}`, running.url!).href);
    await their.getByRole('heading', { name: 'Accept your invitation' }).waitFor();
    await their.getByLabel('Your name').fill(colleague.name);
    await their.getByLabel(/^Choose a password/).fill(colleague.password);
    await their.getByRole('button', { name: 'Join the organisation' }).click();
    await their.getByRole('heading', { name: 'Collections queue' }).waitFor();
    expect(their.url()).toContain(`/orgs/${orgId}/queue`);
    const session = (await (await their.request.get(`${running.url}api/auth/session`)).json()) as { organisations: { id: string; name: string; role: string }[] };
    expect(session.organisations).toEqual([expect.objectContaining({ id: orgId, name: 'Fjord Freight', role: 'ar_manager' })]);
    expect(await their.getByRole('banner').textContent()).toContain('Fjord Freight');
    // An A/R manager reads the audit log (here at phone width) but does not manage the team.
    await their.getByRole('button', { name: 'Open the navigation' }).click();
    await their.getByRole('link', { name: 'Audit log' }).click();
    await their.getByRole('listitem', { name: `member.join user ${colleague.email}` }).waitFor();
    expect(await their.getByRole('link', { name: 'Team' }).count()).toBe(0);
    await their.goto(`${running.url}orgs/${orgId}/team`);
    await expect.poll(() => their.getByRole('alert').textContent()).toMatch(/cannot manage the team/);
    expect(await their.getByRole('button', { name: 'Send invitation' }).count()).toBe(0);
    // The link works once.
    const again = await theirs.newPage();
    await again.goto(new URL(`${link.pathname}${link.search}`, running.url!).href);
    await again.getByLabel(/^Choose a password/).fill(colleague.password);
    await again.getByRole('button', { name: 'Join the organisation' }).click();
    await expect.poll(() => again.getByRole('alert').textContent()).toMatch(/not valid/);
    await theirs.close();

    // The founder sees the colleague as a member; signs out and in again (a sign-in entry).
    await page.reload();
    await page.getByRole('table', { name: 'Members' }).getByRole('cell', { name: colleague.email, exact: true }).waitFor();
    expect(await page.getByRole('table', { name: 'Members' }).getByRole('combobox', { name: `Role of ${colleague.email}` }).inputValue()).toBe('A/R Manager');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Plixo' }).waitFor();
    await signIn(page, founder);
    await page.getByRole('heading', { name: 'Collections queue' }).waitFor();

    // The audit log, newest first, and narrowed by action.
    await page.getByRole('link', { name: 'Audit log' }).click();
    const entries = page.getByRole('list', { name: 'Audit log entries' }).getByRole('listitem');
    await entries.first().waitFor();
    const actions = async () => entries.evaluateAll((items) => items.map((item) => item.getAttribute('aria-label')?.split(' ')[0] ?? ''));
    await expect.poll(actions).toEqual(expect.arrayContaining(['user.sign_in', 'member.join', 'invitation.create', 'member.add', 'organisation.create']));
    expect((await actions())[0]).toBe('user.sign_in');
    const invitation = page.getByRole('listitem', { name: `invitation.create user ${colleague.email}` });
    expect(await invitation.getByRole('table', { name: /^Change in entry/ }).getByRole('row', { name: /role.*ar_manager/ }).count()).toBe(1);

    // By person, and by time: nothing is later than the far future.
    await page.getByRole('combobox', { name: 'Person', exact: true }).fill(colleague.email);
    await expect.poll(actions).toEqual(['member.join']);
    await page.getByRole('combobox', { name: 'Person', exact: true }).fill('');
    await page.getByLabel('From', { exact: true }).fill('2999-01-01T00:00');
    await page.getByText('No entry matches these filters.').waitFor();
    await page.getByLabel('From', { exact: true }).fill('');
    await page.getByRole('combobox', { name: 'Action', exact: true }).fill('invitation.');
    await expect.poll(actions).toEqual(['invitation.create']);
    const csv = page.getByRole('link', { name: 'Export CSV' });
    const exported = await page.request.get(new URL((await csv.getAttribute('href'))!, running.url!).href);
    expect(exported.status()).toBe(200);
    const lines = (await exported.text()).trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,workspace,actor,action,subject,detail,prev_hash,hash');
    expect(lines.slice(1).map((line) => line.split(',')[4])).toEqual(['invitation.create']);
    await context.close();
  });
});
