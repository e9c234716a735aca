// The public referral-outcome page `/r/{token}`: plain server-rendered HTML (no JavaScript),
// in the referral's language. GET shows the question (and never changes anything: mail
// scanners prefetch links); POST records the answer once and redirects back to the page
// (post/redirect/get). The signed token names the one referral it may answer; a POST from
// another site's page is refused by its Origin, and the page sends no Referer and may not be
// framed.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, transaction } from '../../context.ts';
import { escapeHtml, publicDocument, sameOrigin } from '../../platform/public-page.ts';
import { asLanguage } from '../cases/cases.language.ts';
import { companyProfile } from '../settings/settings.service.ts';
import {
  ANSWERS,
  type Answer,
  answerOf,
  answerValues,
  FOLLOW_UP_TEXT,
  isAnswer,
  referralOfLink,
} from './partners.follow-up.ts';
import { referralsRepository } from './partners.repository.ts';

/** Public, and rate-limited per address: the page is reachable by anyone holding a link. */
const PAGE_CONFIG = { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } };

const PAGE_CSS = `body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1b1e;background:#f8f9fa;margin:0}
main{max-width:32rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002}
h1{font-size:1.4rem;margin:0 0 1.5rem}
form{display:grid;gap:.75rem}
button{font:inherit;padding:.8rem 1rem;border:1px solid #228be6;border-radius:6px;background:#fff;color:#1864ab;cursor:pointer;text-align:left}
button.chosen,button:hover,button:focus{background:#228be6;color:#fff}
p.note{color:#555;font-size:.9rem;margin-top:1.5rem}
`;

function page(language: string, title: string, content: string): string {
  return publicDocument({ language, title, style: PAGE_CSS, body: `<main>${content}</main>`, noindex: true });
}

function send(reply: FastifyReply, status: number, html: string) {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY')
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    )
    .send(html);
}

const invalidLink = (reply: FastifyReply, language: string) => {
  const text = FOLLOW_UP_TEXT[asLanguage(language, 'en')];
  return send(reply, 404, page(language, escapeHtml(text.invalid), `<h1>${escapeHtml(text.invalid)}</h1>`));
};

export const referralPageRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const languageOf = (request: FastifyRequest) => {
    const header = request.headers['accept-language']?.slice(0, 2);
    return asLanguage(header, 'en');
  };

  async function show(
    request: FastifyRequest<{ Params: { token: string }; Querystring: { answer?: string } }>,
    reply: FastifyReply,
  ) {
    const id = referralOfLink(ctx.secret, request.params.token);
    const referral = id ? await referralsRepository.byId(ctx.database, id) : undefined;
    if (referral?.direction !== 'outgoing') return invalidLink(reply, languageOf(request));
    const language = asLanguage(referral.language, 'en');
    const text = FOLLOW_UP_TEXT[language];
    const company = await companyProfile(ctx.database);
    const question = escapeHtml(text.question.replace('{{partner}}', referral.partner_name));
    const footer = `<p class="note">${escapeHtml(text.footer.replace('{{company}}', company.name))}</p>`;
    const given = answerOf(referral.served, referral.satisfied);
    if (given) {
      const content = `<h1>${escapeHtml(text.thanks)}</h1><p>${question}</p><p>${escapeHtml(text.answered)}: <strong>${escapeHtml(text.answers[given])}</strong></p>${footer}`;
      return send(reply, 200, page(language, escapeHtml(text.thanks), content));
    }
    const proposed = request.query.answer;
    const buttons = ANSWERS.map(
      (answer: Answer) =>
        `<button type="submit" name="answer" value="${answer}"${answer === proposed ? ' class="chosen" autofocus' : ''}>${escapeHtml(text.answers[answer])}</button>`,
    ).join('\n');
    const content = `<h1>${question}</h1><form method="post" action="/r/${escapeHtml(request.params.token)}">${buttons}</form>${footer}`;
    return send(reply, 200, page(language, question, content));
  }

  app.get<{ Params: { token: string }; Querystring: { answer?: string } }>(
    '/r/:token',
    { config: PAGE_CONFIG, schema: { hide: true } },
    show,
  );

  app.post<{ Params: { token: string }; Body: Record<string, string> | undefined }>(
    '/r/:token',
    { config: PAGE_CONFIG, schema: { hide: true } },
    async (request, reply) => {
      const id = referralOfLink(ctx.secret, request.params.token);
      if (!id) return invalidLink(reply, languageOf(request));
      if (!sameOrigin(request, ctx.config.publicUrl)) {
        return send(reply, 403, page('en', 'Forbidden', '<h1>Forbidden</h1>'));
      }
      const answer = request.body?.answer;
      if (!isAnswer(answer)) return reply.redirect(`/r/${request.params.token}`, 303);
      const found = await transaction(ctx, async (unit) => {
        const referral = await referralsRepository.byId(unit, id);
        if (referral?.direction !== 'outgoing') return false;
        // The first answer counts; a second POST changes nothing and shows the recorded one.
        await referralsRepository.answer(unit, id, answerValues(answer));
        return true;
      });
      if (!found) return invalidLink(reply, languageOf(request));
      return reply.redirect(`/r/${request.params.token}`, 303);
    },
  );
};
