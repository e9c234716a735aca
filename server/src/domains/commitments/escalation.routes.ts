// Going higher, over HTTP: staff escalate a case through the API; customers follow the signed
// link in a footer to a small server-rendered page (no JavaScript, the case language) that
// asks why and moves the case one rung up.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requirePrincipal } from '../../platform/auth.ts';
import { IdParams, problemResponses } from '../../platform/http-schemas.ts';
import { escapeHtml, publicDocument, sameOrigin } from '../../platform/public-page.ts';
import { asLanguage } from '../cases/cases.language.ts';
import type { CaseRow } from '../cases/cases.repository.ts';
import { CaseSchema, EscalateBody } from '../cases/cases.schemas.ts';
import { companyProfile } from '../settings/settings.service.ts';
import { caseForEscalationLink, escalate, escalateByCustomer } from './escalation.ts';

export const escalationApiRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/cases/:id/escalate',
    {
      schema: {
        tags: ['commitments'],
        summary: 'Move the case one rung up the escalation ladder, saying why',
        params: IdParams,
        body: EscalateBody,
        response: { 200: CaseSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => escalate(ctx, requirePrincipal(request), request.params.id, request.body.reason),
  );
};

const PAGE_TEXT = {
  en: {
    title: 'Ask for a higher level',
    intro: (n: number, rung: string) => `Request #${n}. You can ask for ${rung} to take over your request.`,
    reason: 'What went wrong, or what do you expect from us?',
    submit: 'Ask for a higher level',
    done: (rung: string, name: string) => `Thank you. ${rung} — ${name} — now handles your request and will reply.`,
    already: (rung: string, name: string) => `Your request is already with ${rung} — ${name}.`,
    top: 'Your request is already with the highest level of our service.',
    closed: 'This request is closed. Write to us and we will open a new one right away.',
    invalid: 'This link is not valid or has expired. Reply to our last message instead and we will help.',
  },
  ru: {
    title: 'Обратиться выше',
    intro: (n: number, rung: string) => `Обращение №${n}. Вы можете попросить, чтобы вашим обращением занялся ${rung}.`,
    reason: 'Что пошло не так и чего вы ждёте от нас?',
    submit: 'Передать выше',
    done: (rung: string, name: string) =>
      `Спасибо. Теперь вашим обращением занимается ${rung} — ${name} — и ответит вам.`,
    already: (rung: string, name: string) => `Вашим обращением уже занимается ${rung} — ${name}.`,
    top: 'Вашим обращением уже занимается высший уровень нашей службы.',
    closed: 'Это обращение закрыто. Напишите нам, и мы сразу откроем новое.',
    invalid: 'Ссылка недействительна или устарела. Ответьте на наше последнее письмо, и мы поможем.',
  },
  pl: {
    title: 'Zwrócić się wyżej',
    intro: (n: number, rung: string) => `Zgłoszenie nr ${n}. Mogą Państwo poprosić, aby sprawę przejął(a) ${rung}.`,
    reason: 'Co poszło nie tak i czego Państwo od nas oczekują?',
    submit: 'Przekaż wyżej',
    done: (rung: string, name: string) => `Dziękujemy. Zgłoszeniem zajmuje się teraz ${rung} — ${name} — i odpowie.`,
    already: (rung: string, name: string) => `Zgłoszeniem zajmuje się już ${rung} — ${name}.`,
    top: 'Zgłoszeniem zajmuje się już najwyższy poziom naszej obsługi.',
    closed: 'To zgłoszenie jest zamknięte. Prosimy o wiadomość — od razu otworzymy nowe.',
    invalid: 'Link jest nieważny lub wygasł. Prosimy odpowiedzieć na naszą ostatnią wiadomość — pomożemy.',
  },
  ro: {
    title: 'Solicitați un nivel superior',
    intro: (n: number, rung: string) => `Solicitarea nr. ${n}. Puteți cere ca ${rung} să preia solicitarea.`,
    reason: 'Ce nu a mers bine și ce așteptați de la noi?',
    submit: 'Transmiteți mai sus',
    done: (rung: string, name: string) =>
      `Vă mulțumim. De solicitare se ocupă acum ${rung} — ${name} — și vă va răspunde.`,
    already: (rung: string, name: string) => `De solicitare se ocupă deja ${rung} — ${name}.`,
    top: 'De solicitare se ocupă deja nivelul cel mai înalt al serviciului nostru.',
    closed: 'Această solicitare este închisă. Scrieți-ne și deschidem imediat una nouă.',
    invalid: 'Linkul nu este valid sau a expirat. Răspundeți la ultimul nostru mesaj și vă ajutăm.',
  },
};

function page(reply: FastifyReply, language: string, company: string, body: string, status = 200) {
  const text = PAGE_TEXT[asLanguage(language, 'en')];
  return reply
    .code(status)
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
    .type('text/html; charset=utf-8')
    .send(
      publicDocument({
        language: escapeHtml(language),
        title: `${escapeHtml(text.title)} — ${escapeHtml(company)}`,
        style:
          'body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#222}' +
          'textarea{width:100%;min-height:8rem;font:inherit}button{font:inherit;padding:.5rem 1rem}',
        body: `<h1>${escapeHtml(text.title)}</h1>${body}<p><small>${escapeHtml(company)}</small></p>`,
      }),
    );
}

export const escalationPublicRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const Params = Type.Object({ token: Type.String({ maxLength: 500 }) });
  const limit = { max: 20, timeWindow: '1 minute' };

  /** The page in the case language, and its words. */
  const show = async (reply: FastifyReply, row: CaseRow) => {
    const company = (await companyProfile(ctx.database)).name;
    return {
      text: PAGE_TEXT[asLanguage(row.language, 'en')],
      send: (body: string) => page(reply, row.language, company, body),
    };
  };
  const invalidLink = async (reply: FastifyReply) =>
    page(reply, 'en', (await companyProfile(ctx.database)).name, `<p>${PAGE_TEXT.en.invalid}</p>`, 404);

  app.get(
    '/escalate/:token',
    { config: { public: true, rateLimit: limit }, schema: { hide: true, params: Params } },
    async (request, reply) => {
      let link: Awaited<ReturnType<typeof caseForEscalationLink>>;
      try {
        link = await caseForEscalationLink(ctx, ctx.database, request.params.token);
      } catch {
        return invalidLink(reply);
      }
      const { row, level } = link;
      const { text, send } = await show(reply, row);
      if (row.status === 'closed') return send(`<p>${escapeHtml(text.closed)}</p>`);
      if (row.escalation_level !== level) {
        return send(`<p>${escapeHtml(text.already(row.rung_title ?? '', row.rung_name ?? row.rung_title ?? ''))}</p>`);
      }
      if (!row.next_rung_title) return send(`<p>${escapeHtml(text.top)}</p>`);
      return send(
        `<p>${escapeHtml(text.intro(row.number, `${row.next_rung_title} (${row.next_rung_name ?? ''})`))}</p>` +
          `<form method="post"><p><label for="reason">${escapeHtml(text.reason)}</label></p>` +
          '<textarea id="reason" name="reason" required minlength="3" maxlength="2000"></textarea>' +
          `<p><button type="submit">${escapeHtml(text.submit)}</button></p></form>`,
      );
    },
  );

  app.post(
    '/escalate/:token',
    {
      config: { public: true, rateLimit: limit },
      schema: {
        hide: true,
        params: Params,
        body: Type.Object({ reason: Type.String({ minLength: 3, maxLength: 2000 }) }),
      },
    },
    async (request, reply) => {
      if (!sameOrigin(request, ctx.config.publicUrl)) return reply.code(403).send();
      try {
        const { escalated, row } = await escalateByCustomer(ctx, request.params.token, request.body.reason);
        const { text, send } = await show(reply, row);
        const rung = row.rung_title ?? '';
        const name = row.rung_name ?? rung;
        return send(`<p>${escapeHtml(escalated ? text.done(rung, name) : text.already(rung, name))}</p>`);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (error.code === 'not-found') return invalidLink(reply);
        const { row } = await caseForEscalationLink(ctx, ctx.database, request.params.token);
        const { text, send } = await show(reply, row);
        if (error.code === 'case-changed')
          return send(`<p>${escapeHtml(text.already(row.rung_title ?? '', row.rung_name ?? ''))}</p>`);
        return send(`<p>${escapeHtml(row.status === 'closed' ? text.closed : text.top)}</p>`);
      }
    },
  );
};
