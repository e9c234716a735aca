// A customer may also go higher by simply asking in a reply ("I want to speak to a manager",
// "прошу передать руководителю", "proszę o kontakt z kierownikiem", "vreau să vorbesc cu un
// manager"). Such a reply moves the case one rung up, exactly like the footer's link. The
// patterns ask for an explicit request aimed at someone higher, not a mere mention of a manager.

const REQUESTS: readonly RegExp[] = [
  // English
  /\b(?:speak|talk|escalate (?:this|it|my (?:case|complaint|request))|pass (?:this|it|me) on|put me through)\b[^.!?\n]{0,40}\b(?:manager|supervisor|superior|someone (?:higher|senior|in charge)|your boss|head of)/i,
  /\bescalate (?:this|it|my (?:case|complaint|request))\b/i,
  /\bi (?:want|would like|demand|ask) (?:to (?:speak|talk) (?:to|with) )?(?:a|your|the) (?:manager|supervisor|superior)\b/i,
  // Russian
  /(?:позов(?:и|ите)|соедин(?:и|ите)|переда(?:й|йте|ть)|хочу (?:поговорить|связаться)|прошу (?:передать|связать|соединить))[^.!?\n]{0,40}(?:руководител|начальник|старш(?:ему|ий|им) (?:специалист|менеджер)|вышестоящ)/i,
  /(?:эскалир|эскалаци)/i,
  // Polish
  /(?:proszę|chcę|żądam)[^.!?\n]{0,40}(?:kierownik|przełożon|przełożoneg|menedżer|szef)/i,
  /\beskal(?:uj|ować|acj)/i,
  // Romanian
  /(?:vreau|doresc|cer|solicit)[^.!?\n]{0,40}(?:manager|superior|șef|sef|responsabil)/i,
  /\bescalad(?:ați|ati|area|ez)/i,
];

/** Whether the text explicitly asks for the case to go to someone higher. */
export function asksToEscalate(text: string): boolean {
  return REQUESTS.some((pattern) => pattern.test(text));
}
