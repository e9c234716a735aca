// Knowledge-base articles: internal or public, per language; public ones are on /help.
import { api } from './client.ts';
import type { Page } from './types.ts';

export type ArticleVisibility = 'internal' | 'public';

export interface ArticleSummary {
  id: string;
  slug: string;
  language: string;
  title: string;
  category: string;
  visibility: ArticleVisibility;
  excerpt: string;
  updatedAt: string;
}

export interface Article extends ArticleSummary {
  body: string;
  html: string;
}

export interface ArticleInput {
  slug?: string;
  title: string;
  body: string;
  category: string;
  visibility: ArticleVisibility;
}

export const kbApi = {
  list: (filters: { q?: string; language?: string | null; category?: string | null }) =>
    api<Page<ArticleSummary>>('/kb/articles', { query: { ...filters, limit: 100 } }),
  get: (id: string) => api<Article>(`/kb/articles/${id}`),
  create: (input: ArticleInput & { language: string }) => api<Article>('/kb/articles', { method: 'POST', body: input }),
  update: (id: string, patch: Partial<ArticleInput>) =>
    api<Article>(`/kb/articles/${id}`, { method: 'PATCH', body: patch }),
  remove: (id: string) => api<void>(`/kb/articles/${id}`, { method: 'DELETE' }),
};

/** The public address of an article on the help pages. */
export const helpUrl = (article: Pick<ArticleSummary, 'slug' | 'language'>) =>
  `${window.location.origin}/help/${encodeURIComponent(article.slug)}?lang=${article.language}`;
