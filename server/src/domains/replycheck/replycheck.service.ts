// Server side of the service-language checker: the packs supervisors edit (validated
// against their own examples before they are saved), the per-category severities and who
// may override a blocking finding, the authoritative check at send, and auto-QA scores.
import {
  CATEGORY_IDS,
  type CategoryId,
  type CheckContext,
  check,
  compilePack,
  DEFAULT_PACKS,
  DEFAULT_SEVERITIES,
  DEFAULT_WEIGHTS,
  type Finding,
  type RulePack,
  type SeverityOverride,
} from '@heard/replycheck';
import type { AppContext } from '../../context.ts';
import { AppError, forbidden } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts';
import type { Tx } from '../../platform/db.ts';
import { isRole, type Principal, type Role } from '../../platform/principal.ts';
import type { Language } from '../../platform/templates.ts';
import { settingsRepository } from '../settings/settings.repository.ts';
import { replycheckRepository as repo } from './replycheck.repository.ts';

export interface ReplycheckSettings {
  severities: Record<CategoryId, SeverityOverride>;
  overrideRoles: Role[];
  weights: { block: number; warn: number; info: number };
}

const DEFAULT_SETTINGS: ReplycheckSettings = {
  severities: { ...DEFAULT_SEVERITIES },
  overrideRoles: ['supervisor', 'admin', 'lawyer'],
  weights: { ...DEFAULT_WEIGHTS },
};

export async function replycheckSettings(tx: Tx): Promise<ReplycheckSettings> {
  const stored = await settingsRepository.get<Partial<ReplycheckSettings>>(tx, 'replycheck');
  return {
    severities: { ...DEFAULT_SETTINGS.severities, ...stored?.severities },
    overrideRoles: stored?.overrideRoles ?? DEFAULT_SETTINGS.overrideRoles,
    weights: { ...DEFAULT_SETTINGS.weights, ...stored?.weights },
  };
}

export async function saveReplycheckSettings(ctx: AppContext, next: ReplycheckSettings): Promise<ReplycheckSettings> {
  const unknown = Object.keys(next.severities).filter((key) => !(CATEGORY_IDS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw new AppError('validation-failed', `unknown categories: ${unknown.join(', ')}`, {
      errors: unknown.map((key) => ({ field: `body/severities/${key}`, message: 'is not a category' })),
    });
  }
  if (!next.overrideRoles.every(isRole)) throw new AppError('validation-failed', 'unknown role in overrideRoles');
  await settingsRepository.put(ctx.database, 'replycheck', next);
  return replycheckSettings(ctx.database);
}

/** Packs are compiled once per object: keep one object per language until its version changes. */
const PACK_CHECK_MS = 5_000;
const packCache = new Map<string, { version: number; pack: RulePack; checkedAt: number }>();

export async function currentPack(tx: Tx, language: Language): Promise<{ pack: RulePack; version: number }> {
  const cached = packCache.get(language);
  if (cached && Date.now() - cached.checkedAt < PACK_CHECK_MS) return cached;
  const version = (await repo.packVersion(tx, language)) ?? 1;
  if (cached && cached.version === version) {
    cached.checkedAt = Date.now();
    return cached;
  }
  const stored = version > 1 ? await repo.storedPack(tx, language) : undefined;
  const pack = (stored as RulePack | undefined) ?? DEFAULT_PACKS[language];
  const entry = { version, pack, checkedAt: Date.now() };
  packCache.set(language, entry);
  return entry;
}

export async function listPacks(tx: Tx) {
  const stored = await repo.packs(tx);
  return (Object.keys(DEFAULT_PACKS) as Language[]).map((language) => {
    const row = stored.find((entry) => entry.language === language);
    return {
      language,
      version: row?.version ?? 1,
      updatedAt: row?.updated_at.toISOString() ?? null,
      updatedBy: row?.updated_by ? { id: row.updated_by, name: row.updated_by_name ?? '' } : null,
    };
  });
}

/** Saves a supervisor's pack after it passes every rule's own examples; nothing is saved otherwise. */
export async function savePack(ctx: AppContext, principal: Principal, language: Language, pack: unknown) {
  const result = compilePack(pack);
  if (!result.ok)
    throw new AppError('pack-invalid', `the ${language} pack does not pass its own examples`, {
      errors: result.errors,
    });
  if ((pack as RulePack).language !== language) {
    throw new AppError('pack-invalid', `the pack is for "${(pack as RulePack).language}", not ${language}`, {
      errors: [],
    });
  }
  const saved = await repo.savePack(ctx.database, language, pack, principal.kind === 'user' ? principal.id : null);
  packCache.delete(language);
  return { language, version: saved.version, updatedAt: saved.updated_at.toISOString() };
}

export interface ReplyCheckInput {
  body: string;
  language: Language;
  context: CheckContext;
  override?: { reason: string };
}

/**
 * The authoritative check at send. Returns the findings to store; throws 422
 * reply-check-blocked for a block finding unless overridden by a role that may.
 */
export async function checkBeforeSend(tx: Tx, principal: Principal, input: ReplyCheckInput) {
  const [{ pack }, settings] = await Promise.all([currentPack(tx, input.language), replycheckSettings(tx)]);
  const findings = check(input.body, {
    ...input.context,
    language: input.language,
    pack,
    severities: settings.severities,
  });
  const blocking = findings.filter((finding) => finding.severity === 'block');
  if (blocking.length === 0) return { findings, overridden: false };
  if (!input.override) {
    throw new AppError('reply-check-blocked', `the reply contains ${blocking.length} phrase(s) that must not be sent`, {
      findings,
      canOverride: settings.overrideRoles.includes(principal.role),
    });
  }
  if (!settings.overrideRoles.includes(principal.role)) {
    throw forbidden('your role may not send a reply the checker blocks; ask a supervisor');
  }
  return { findings, overridden: true };
}

export async function recordFindings(
  tx: Tx,
  message: { id: string; caseId: string; agentId: string | null; language: string },
  findings: Finding[],
): Promise<void> {
  await repo.insertFindings(tx, message, findings);
  await repo.refreshScore(tx, message.caseId, (await replycheckSettings(tx)).weights);
}

// —— Auto-QA ——

type Cursor = [number, string, string];

const isQaCursor = (value: unknown[]): value is Cursor =>
  value.length === 3 && typeof value[0] === 'number' && typeof value[1] === 'string' && typeof value[2] === 'string';

/** Sent conversations, worst quality score first. */
export async function worstConversations(
  ctx: AppContext,
  query: { agentId?: string; cursor?: string; limit?: number },
) {
  const limit = Math.min(query.limit ?? 25, 100);
  const after = query.cursor ? decodeCursor(query.cursor, isQaCursor) : undefined;
  const rows = await repo.worstConversations(ctx.database, {
    limit: limit + 1,
    ...(query.agentId ? { agentId: query.agentId } : {}),
    ...(after ? { after } : {}),
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      case: { id: row.case_id, number: row.number, subject: row.subject },
      agent: row.agent_id ? { id: row.agent_id, name: row.agent_name ?? '' } : null,
      score: row.score,
      findings: row.findings,
      byCategory: row.by_category,
      lastSentAt: row.last_sent_at.toISOString(),
    })),
    nextCursor: rows.length > limit && last ? encodeCursor([last.score, last.sent_key, last.case_id]) : null,
  };
}

export async function dismissFinding(ctx: AppContext, principal: Principal, id: string, reason: string): Promise<void> {
  await ctx.database.transaction(async (tx) => {
    const caseId = await repo.dismiss(tx, id, principal.kind === 'user' ? principal.id : null, reason);
    if (!caseId) throw new AppError('not-found', 'finding not found or already dismissed');
    await repo.refreshScore(tx, caseId, (await replycheckSettings(tx)).weights);
  });
}
