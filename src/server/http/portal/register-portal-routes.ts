import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApprovalSettings } from '../../../app/approvals/approval-settings.ts';
import { AppError } from '../../../app/app-error.ts';
import type { PaymentProcessor } from '../../../app/ports/payment-processor.ts';
import type { Store } from '../../../app/ports/store.ts';
import type { UserMailer } from '../../../app/ports/user-mailer.ts';
import { authorizePayerLink, type PayerLinkGrant } from '../../../app/portal/authorize-payer-link.ts';
import { loadPayerPortal } from '../../../app/portal/load-payer-portal.ts';
import { makePayerPromise } from '../../../app/portal/make-payer-promise.ts';
import { openPayerDispute } from '../../../app/portal/open-payer-dispute.ts';
import type { PayerLinkRefusal } from '../../../core/portal/payer-link-state.ts';
import { checkPortalFormToken, claimedPayerLinkId, createPortalFormToken } from '../../../app/portal/payer-link-token.ts';
import { previewPaymentPlan, proposePaymentPlan } from '../../../app/portal/propose-payment-plan.ts';
import { requestFreshPayerLink } from '../../../app/portal/request-fresh-payer-link.ts';
import { startPayerPayment } from '../../../app/portal/start-payer-payment.ts';
import { portalLocaleFromAcceptLanguage, portalWords, type PortalErrorField, type PortalWords } from '../../../core/portal/portal-words.ts';
import { parseMultipartForm, parseUrlEncodedForm, type ParsedForm } from './parse-form-body.ts';
import { renderMessagePage, renderRefusalPage } from './render-portal-layout.ts';
import { renderPortalPage, type PortalForm, type PortalFormState, type PortalNotice } from './render-portal-page.ts';

// The payer portal's pages under /pay/<token>: no sign-in, no script. Each request verifies the
// token (app/portal/authorize-payer-link.ts) and hands the grant to one use case; this file only
// reads forms, maps problems to fields and renders. Forms carry a token tied to the link and are
// refused from another site; a successful form redirects (303) back to the page with a notice.

export interface PortalDependencies {
  store: Store;
  secret: string;
  clock: () => number;
  /** Plixo's public address, for the processor's return addresses and fresh-link emails (never the request's Host). */
  baseUrl: () => string;
  /** The workspace's processor for checkouts (its Stripe connector); null: its payment address, if any. */
  processorFor(workspaceId: string): Promise<PaymentProcessor | null>;
  userMailer: UserMailer;
  approvals: ApprovalSettings;
}

const notices: readonly PortalNotice[] = ['promise', 'plan-pending', 'plan-approved', 'dispute', 'paid'];
const fieldOf: Record<string, PortalErrorField> = { amount: 'amount', on: 'on', count: 'count', firstOn: 'firstOn', frequency: 'frequency', installments: 'firstOn', reason: 'reason', message: 'message', attachments: 'attachments' };

function secure(reply: FastifyReply): FastifyReply {
  // The token is in the address: it must not leak to other sites, caches or search engines.
  return reply
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-robots-tag', 'noindex')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'")
    .type('text/html; charset=utf-8');
}

export function registerPortalRoutes(app: FastifyInstance, deps: PortalDependencies): void {
  const { store, secret, clock } = deps;
  const hrefOf = (token: string) => `/pay/${token}`;

  const refuse = (reply: FastifyReply, request: FastifyRequest, token: string, access: { refusal: PayerLinkRefusal; locale: string | null }) => {
    const words = portalWords(access.locale ?? portalLocaleFromAcceptLanguage(request.headers['accept-language']));
    const claimed = claimedPayerLinkId(token);
    const freshLinkForm = claimed ? { action: `${hrefOf(token)}/fresh-link`, formToken: createPortalFormToken(secret, claimed) } : null;
    return secure(reply.code(access.refusal === 'invalid' ? 404 : 410)).send(renderRefusalPage({ words, refusal: access.refusal, freshLinkForm }));
  };

  const showPage = async (reply: FastifyReply, grant: PayerLinkGrant, token: string, options: { notice?: PortalNotice | null; state?: PortalFormState | null; status?: number } = {}) => {
    const view = await loadPayerPortal({ store, now: clock(), grant, hasProcessor: (await deps.processorFor(grant.workspace.id)) !== null });
    const words = portalWords(view.locale);
    return secure(reply.code(options.status ?? 200)).send(renderPortalPage({ view, words, href: hrefOf(token), formToken: createPortalFormToken(secret, grant.link.id), notice: options.notice ?? null, state: options.state ?? null }));
  };

  /** Verifies the link and the form token, then runs `act`; problems with fields re-render the form. */
  const handleForm = async (request: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply, form: PortalForm | 'pay', act: (grant: PayerLinkGrant, fields: ParsedForm) => Promise<FastifyReply | { notice: PortalNotice } | { state: PortalFormState }>) => {
    const { token } = request.params;
    if (request.headers['sec-fetch-site'] === 'cross-site') return refuse(reply, request, token, { refusal: 'invalid', locale: null });
    const access = await authorizePayerLink({ store, secret, now: clock(), token });
    if (!access.ok) return refuse(reply, request, token, access);
    const { grant } = access;
    const parsed = readForm(request);
    if (!checkPortalFormToken(secret, grant.link.id, parsed?.fields.form)) {
      return showPage(reply, grant, token, { status: 403, state: { form: form === 'pay' ? 'promise' : form, values: {}, errors: { form: portalWords(grant.customer.locale ?? grant.workspace.locale).errors.form } } });
    }
    try {
      const outcome = await act(grant, parsed!);
      if ('notice' in outcome) return reply.code(303).header('location', `${hrefOf(token)}?done=${outcome.notice}`).send();
      if ('state' in outcome) return showPage(reply, grant, token, { state: outcome.state, status: Object.keys(outcome.state.errors).length > 0 ? 422 : 200 });
      return outcome;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const words = portalWords(grant.customer.locale ?? grant.workspace.locale);
      if (error.code === 'invalid_input' && form !== 'pay') {
        const name = fieldOf[(error.details?.field ?? '').replace(/\[.*$/, '')] ?? 'form';
        return showPage(reply, grant, token, { status: 422, state: { form, values: parsed!.fields, errors: { [name]: words.errors[name] } } });
      }
      // Paid, disputed or closed meanwhile: the page says how the invoice stands now.
      if (error.code === 'conflict') return reply.code(303).header('location', hrefOf(token)).send();
      throw error;
    }
  };

  app.get('/pay/preview', async (request, reply) => {
    const words = portalWords(portalLocaleFromAcceptLanguage(request.headers['accept-language']));
    return secure(reply).send(renderMessagePage({ words, title: words.previewTitle, message: words.previewBody }));
  });

  app.get<{ Params: { token: string }; Querystring: { done?: string } }>('/pay/:token', async (request, reply) => {
    const { token } = request.params;
    const access = await authorizePayerLink({ store, secret, now: clock(), token });
    if (!access.ok) return refuse(reply, request, token, access);
    const done = notices.find((notice) => notice === request.query.done) ?? null;
    return showPage(reply, access.grant, token, { notice: done });
  });

  // Where the processor returns the payer. Reaching it proves nothing (the webhook spends the link); it thanks them, also once the link is spent.
  app.get<{ Params: { token: string } }>('/pay/:token/paid', async (request, reply) => {
    const { token } = request.params;
    const access = await authorizePayerLink({ store, secret, now: clock(), token });
    if (!access.ok && access.refusal !== 'spent') return refuse(reply, request, token, access);
    const words: PortalWords = portalWords(access.ok ? (access.grant.customer.locale ?? access.grant.workspace.locale) : access.locale);
    return secure(reply).send(renderMessagePage({ words, title: words.paidThanks.split('.')[0]!, message: words.paidThanks, ...(access.ok ? { backHref: hrefOf(token) } : {}) }));
  });

  app.post<{ Params: { token: string } }>('/pay/:token/pay', async (request, reply) =>
    handleForm(request, reply, 'pay', async (grant) => {
      const { redirectTo } = await startPayerPayment({ store, now: clock(), grant, processor: await deps.processorFor(grant.workspace.id), returnUrl: `${deps.baseUrl().replace(/\/+$/, '')}${hrefOf(request.params.token)}` });
      return reply.code(303).header('location', redirectTo).send();
    }),
  );

  app.post<{ Params: { token: string } }>('/pay/:token/promise', async (request, reply) =>
    handleForm(request, reply, 'promise', async (grant, { fields }) => {
      await makePayerPromise({ store, now: clock(), grant, amount: fields.amount ?? '', on: fields.on ?? '', contact: fields.contact ?? null });
      return { notice: 'promise' };
    }),
  );

  app.post<{ Params: { token: string } }>('/pay/:token/plan', async (request, reply) =>
    handleForm(request, reply, 'plan', async (grant, { fields }) => {
      const plan = { store, now: clock(), grant, count: Number(fields.count ?? ''), firstOn: fields.firstOn ?? '', frequency: fields.frequency ?? '' };
      if (fields.step !== 'send') return { state: { form: 'plan', values: fields, errors: {}, schedule: await previewPaymentPlan(plan) } };
      const { request: created } = await proposePaymentPlan({ ...plan, note: fields.note ?? null, settings: deps.approvals, mailer: deps.userMailer, baseUrl: deps.baseUrl() });
      return { notice: created.status === 'approved' ? 'plan-approved' : 'plan-pending' };
    }),
  );

  app.post<{ Params: { token: string } }>('/pay/:token/dispute', { bodyLimit: 7 * 1024 * 1024 }, async (request, reply) =>
    handleForm(request, reply, 'dispute', async (grant, { fields, files }) => {
      await openPayerDispute({ store, now: clock(), grant, reason: fields.reason ?? '', message: fields.message ?? '', attachments: files.filter((file) => file.field === 'files') });
      return { notice: 'dispute' };
    }),
  );

  app.post<{ Params: { token: string } }>('/pay/:token/fresh-link', async (request, reply) => {
    const { token } = request.params;
    const claimed = claimedPayerLinkId(token);
    const words = portalWords(portalLocaleFromAcceptLanguage(request.headers['accept-language']));
    if (claimed === null || request.headers['sec-fetch-site'] === 'cross-site' || !checkPortalFormToken(secret, claimed, readForm(request)?.fields.form)) {
      return refuse(reply, request, token, { refusal: 'invalid', locale: null });
    }
    const outcome = await requestFreshPayerLink({ store, now: clock(), token, baseUrl: deps.baseUrl(), secret });
    const access = await authorizePayerLink({ store, secret, now: clock(), token });
    const refusal = access.ok ? 'invalid' : access.refusal;
    const shown = portalWords(access.ok ? null : (access.locale ?? words.lang));
    return secure(reply.code(outcome === 'limited' ? 429 : 200)).send(renderRefusalPage({ words: shown, refusal, freshLinkForm: null, outcome: outcome === 'limited' ? shown.freshLinkLimited : shown.freshLinkSent }));
  });
}

function readForm(request: FastifyRequest): ParsedForm | null {
  const type = String(request.headers['content-type'] ?? '');
  if (type.startsWith('multipart/form-data')) return Buffer.isBuffer(request.body) ? parseMultipartForm(request.body, type) : null;
  return parseUrlEncodedForm(request.body);
}
