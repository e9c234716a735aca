// The service policy and the complaint procedure, built from Heard's own configuration —
// the reply checker's current packs and severities, the escalation ladder, the response
// targets and the company profile — so what the document says and what the software
// enforces never differ. One model, two renderers: HTML (policy.html.ts) and PDF (policy.pdf.ts).
import { PHRASE_CATEGORIES, type RuleExample } from '@heard/replycheck';
import type { Tx } from '../../platform/db.ts';
import type { Language } from '../../platform/templates.ts';
import { identityRepository } from '../identity/identity.repository.ts';
import { currentPack, replycheckSettings } from '../replycheck/replycheck.service.ts';
import { settingsRepository } from '../settings/settings.repository.ts';
import { companyProfile } from '../settings/settings.service.ts';
import { describeOpeningHours, slaTargets } from './policy.sla.ts';
import { POLICY_TEXTS, REFUSAL_REASONS } from './policy.texts.ts';

export const POLICY_DOCUMENTS = ['policy', 'complaints'] as const;
export type PolicyKind = (typeof POLICY_DOCUMENTS)[number];

export interface PolicyItem {
  term?: string;
  text: string;
}

export interface PolicySection {
  id: string;
  title: string;
  paragraphs: string[];
  items: PolicyItem[];
  ordered?: boolean;
  /** Column labels when items are pairs ("We never say" / "Instead"). */
  labels?: { term: string; text: string };
}

export interface PolicyDocument {
  kind: PolicyKind;
  language: Language;
  title: string;
  company: string;
  intro: string;
  sections: PolicySection[];
  footer: string;
}

const exampleText = (example: RuleExample | undefined): string =>
  typeof example === 'string' ? example : (example?.text ?? '');

/** The banned phrases the checker enforces now in `language`, with their approved replacements. */
async function bannedPhrases(tx: Tx, language: Language): Promise<PolicyItem[]> {
  const [{ pack }, settings] = await Promise.all([currentPack(tx, language), replycheckSettings(tx)]);
  return pack.rules
    .filter(
      (rule) =>
        (PHRASE_CATEGORIES as readonly string[]).includes(rule.category) &&
        settings.severities[rule.category] !== 'off',
    )
    .map((rule) => ({ term: exampleText(rule.examples.positive[0]), text: rule.suggestion }))
    .filter((item) => item.term);
}

async function ladder(tx: Tx): Promise<PolicyItem[]> {
  const [rungs, users] = await Promise.all([settingsRepository.listRungs(tx), identityRepository.listUsers(tx)]);
  return rungs.map((rung) => ({
    term: `${rung.position}. ${rung.title}`,
    text: [users.find((user) => user.id === rung.userId)?.name, rung.contactEmail, rung.contactPhone]
      .filter(Boolean)
      .join(' · '),
  }));
}

async function responseTargets(tx: Tx, language: Language): Promise<PolicySection> {
  const t = POLICY_TEXTS[language];
  const targets = await slaTargets(tx, language);
  return {
    id: 'sla',
    title: t.slaTitle,
    paragraphs: [t.slaIntro],
    items: [
      ...targets.targets.flatMap((target) => {
        const scope = t.slaScope(target.scope);
        return [
          { term: scope ? `${t.firstReply} (${scope})` : t.firstReply, text: target.firstResponse },
          { term: scope ? `${t.resolution} (${scope})` : t.resolution, text: target.resolution },
        ];
      }),
      { text: describeOpeningHours(targets.calendar, language) },
      { text: t.honestDates(targets.honestDates.percentile, targets.honestDates.margin) },
    ],
  };
}

export async function buildPolicyDocument(tx: Tx, kind: PolicyKind, language: Language): Promise<PolicyDocument> {
  const t = POLICY_TEXTS[language];
  const company = await companyProfile(tx);
  const ladderSection: PolicySection = {
    id: 'ladder',
    title: kind === 'policy' ? t.ladderTitle : t.goingHigherTitle,
    paragraphs: kind === 'policy' ? [t.ladderIntro] : [t.goingHigher, t.ladderIntro],
    items: await ladder(tx),
    ordered: false,
  };
  const contacts: PolicySection = {
    id: 'contacts',
    title: kind === 'policy' ? t.contactsTitle : t.complaintHowTitle,
    paragraphs: kind === 'policy' ? [] : [t.complaintChannels],
    items: [company.email, company.phone, company.website].filter(Boolean).map((text) => ({ text })),
  };
  const sections: PolicySection[] =
    kind === 'policy'
      ? [
          { id: 'principles', title: t.principlesTitle, paragraphs: [], items: t.principles.map((text) => ({ text })) },
          {
            id: 'refusals',
            title: t.refusalsTitle,
            paragraphs: [t.refusalsIntro],
            items: REFUSAL_REASONS.map((reason) => ({
              term: t.refusals[reason].title,
              text: t.refusals[reason].customerGets,
            })),
          },
          {
            id: 'language',
            title: t.languageTitle,
            paragraphs: [t.languageIntro],
            items: await bannedPhrases(tx, language),
            labels: { term: t.bannedLabel, text: t.insteadLabel },
          },
          await responseTargets(tx, language),
          ladderSection,
          contacts,
        ]
      : [
          contacts,
          {
            id: 'steps',
            title: t.complaintAfterTitle,
            paragraphs: [],
            items: t.complaintSteps.map((text) => ({ text })),
            ordered: true,
          },
          await responseTargets(tx, language),
          ladderSection,
        ];
  const today = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date());
  return {
    kind,
    language,
    title: kind === 'policy' ? t.policyTitle : t.complaintsTitle,
    company: company.name,
    intro: `${t.intro(company.name)} ${company.description[language]}`,
    sections,
    footer: t.generated(today),
  };
}
