// Which partner to recommend for a case we cannot take on. Pure: decided from the partner
// list and what the case says about itself. The scoring (docs/refusals.md):
//   +3  the case category is one of the partner's specializations
//   +2  for each case tag that is one of them
//   +1  for each specialization named in the subject ("kitchen-installation" matches "kitchen installation")
//   no specialization matched → not a candidate
//   +2  the partner serves the customer's country; a partner with regions that do not include
//       a known customer country is not a candidate; no regions = serves everywhere (+0)
// Ties go to the partner with more customers who answered "satisfied", then by name.

/** ISO 3166-1 alpha-2 codes (officially assigned). */
const COUNTRY_CODES = new Set(
  `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA
   CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB
   GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG
   KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV
   MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB
   SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US
   UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW`.split(/\s+/),
);

export const isCountryCode = (value: string): boolean => COUNTRY_CODES.has(value);

/** Specializations are kept as lower-case words joined by hyphens: "Kitchen installation" → "kitchen-installation". */
export const normalizeSpecialization = (value: string): string =>
  value
    .trim()
    .toLocaleLowerCase()
    .replace(/[\s_]+/g, '-');

export interface MatchableCase {
  category: string;
  tags: readonly string[];
  subject: string;
  /** The customer's country (ISO code), when known. */
  country: string | null;
}

export interface MatchablePartner {
  id: string;
  name: string;
  specializations: readonly string[];
  regions: readonly string[];
  satisfied: number;
}

/** The partner's score for the case, or null when it does not qualify. */
export function scorePartner(partner: MatchablePartner, input: MatchableCase): number | null {
  const specializations = new Set(partner.specializations);
  const subject = ` ${input.subject.toLocaleLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  let score = specializations.has(normalizeSpecialization(input.category)) ? 3 : 0;
  for (const tag of new Set(input.tags.map(normalizeSpecialization))) if (specializations.has(tag)) score += 2;
  for (const specialization of specializations) {
    if (subject.includes(` ${specialization.replaceAll('-', ' ')} `)) score += 1;
  }
  if (score === 0) return null;
  if (input.country && partner.regions.length > 0) {
    if (!partner.regions.includes(input.country)) return null;
    score += 2;
  }
  return score;
}

/** The best qualifying partner, or undefined when none fits. */
export function bestPartner<P extends MatchablePartner>(partners: readonly P[], input: MatchableCase): P | undefined {
  let best: { partner: P; score: number } | undefined;
  for (const partner of partners) {
    const score = scorePartner(partner, input);
    if (score === null) continue;
    if (
      !best ||
      score > best.score ||
      (score === best.score &&
        (partner.satisfied > best.partner.satisfied ||
          (partner.satisfied === best.partner.satisfied && partner.name.localeCompare(best.partner.name) < 0)))
    ) {
      best = { partner, score };
    }
  }
  return best?.partner;
}
