// Knowledge base: articles per language, internal (agents) or public (the help pages and
// the portal), with categories and full-text search in the article's language.
import { type AppContext, transaction } from '../../context.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { Tx } from '../../platform/db.ts';
import type { Principal } from '../../platform/principal.ts';
import type { Language } from '../../platform/templates.ts';
import { canKb } from './kb.policy.ts';
import { type ArticleContent, type ArticleFilters, type ArticleRow, kbRepository as repo } from './kb.repository.ts';

/** A URL name from a title, keeping letters of every alphabet: "Zwrot towaru" → "zwrot-towaru". */
export const slugify = (title: string): string =>
  title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80) || 'article';

const actorId = (principal: Principal) => (principal.kind === 'user' ? principal.id : null);
const isUuid = (id: string) => /^[0-9a-f-]{36}$/i.test(id);

/** Who is not staff sees public articles only, whatever they ask for. */
export function listArticles(ctx: AppContext, principal: Principal | null, filters: ArticleFilters) {
  const internal = principal !== null && canKb(principal, 'read-internal');
  return repo.list(ctx.database, internal ? filters : { ...filters, visibility: 'public' });
}

export async function getArticle(tx: Tx, principal: Principal, id: string): Promise<ArticleRow> {
  const article = isUuid(id) ? await repo.byId(tx, id) : undefined;
  if (!article || (article.visibility !== 'public' && !canKb(principal, 'read-internal'))) throw notFound('article');
  return article;
}

export const publicArticle = async (tx: Tx, slug: string, language: Language) => {
  const article = await repo.bySlug(tx, slug, language);
  return article?.visibility === 'public' ? article : undefined;
};

export type ArticleInput = Omit<ArticleContent, 'slug'> & { slug?: string };

export async function createArticle(ctx: AppContext, principal: Principal, language: Language, input: ArticleInput) {
  if (!canKb(principal, 'manage')) throw forbidden('only supervisors and admins write articles');
  const content = { ...input, slug: input.slug ?? slugify(input.title) };
  const created = await transaction(ctx, (tx) => repo.insert(tx, language, content, actorId(principal)));
  if (!created) throw new AppError('conflict', `a ${language} article "${content.slug}" already exists`);
  return created;
}

export async function updateArticle(ctx: AppContext, principal: Principal, id: string, patch: Partial<ArticleContent>) {
  if (!canKb(principal, 'manage')) throw forbidden('only supervisors and admins write articles');
  return transaction(ctx, async (tx) => {
    const current = await getArticle(tx, principal, id);
    const { id: _id, language, createdAt: _c, updatedAt: _u, updatedBy: _b, ...content } = current;
    const next = { ...content, ...patch } as ArticleContent;
    const clash = await repo.bySlug(tx, next.slug, language as Language);
    if (clash && clash.id !== id) throw new AppError('conflict', `a ${language} article "${next.slug}" already exists`);
    return (await repo.update(tx, current, next, actorId(principal)))!;
  });
}

export async function deleteArticle(ctx: AppContext, principal: Principal, id: string): Promise<void> {
  if (!canKb(principal, 'manage')) throw forbidden('only supervisors and admins write articles');
  if (!isUuid(id) || !(await transaction(ctx, (tx) => repo.remove(tx, id)))) throw notFound('article');
}
