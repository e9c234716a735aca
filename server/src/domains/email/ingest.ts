// Ingesting one accepted message (the `email.ingest` job): parse it in the worker pool,
// quarantine what cannot be parsed, drop nothing. In one transaction: dedupe by Message-ID
// (or content hash), the blocklist, bounces and auto-replies (kept, never a case), threading
// (references, then the subject token), then the message on its case with its HTML,
// attachments, headers, authentication results and CC'd participants.
import { BlockList, isIP } from 'node:net';
import { join } from 'node:path';
import { type AppContext, transaction, type Unit } from '../../context.ts';
import { writeContentAddressed } from '../attachments/attachments.service.ts';
import { addCustomerMessage } from '../cases/cases.messages.ts';
import { type CaseRow, casesRepository } from '../cases/cases.repository.ts';
import { announce, indexMessage } from '../cases/cases.service.ts';
import { type CaseReferenceData, caseReferenceData } from '../cases/reference-data.ts';
import { acknowledgeCase } from '../commitments/customer-messages.ts';
import { firstReplyCommitment } from '../commitments/first-reply.ts';
import { type InboundRouting, inboundRouting } from './inbound.service.ts';
import { type IngestJob, ingestRepository as ingestRepo, type Outcome } from './ingest.repository.ts';
import { flagCase, recordBounce, SPAM_SUSPECT_TAG } from './ingest.signals.ts';
import { sentMessageId } from './outbound.ts';
import { parseEmail } from './parse/parse-email.ts';
import type { ParsedEmail } from './parse/parsed.ts';
import { storeThirdPartyReply } from './third-party.ts';
import { parseCaseToken } from './token.ts';

// Mail handed over by the company's own server (loopback, private networks) is not checked
// against SPF for that hop: its Authentication-Results header, if any, is what counts.
const privateNetworks = new BlockList();
for (const [network, bits] of [
  ['127.0.0.0', 8],
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['169.254.0.0', 16],
] as const) {
  privateNetworks.addSubnet(network, bits, 'ipv4');
}
for (const [network, bits] of [
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  privateNetworks.addSubnet(network, bits, 'ipv6');
}

function isPublicAddress(address: string): boolean {
  const plain = address.replace(/^::ffff:(?=\d+\.)/, '');
  const family = isIP(plain);
  return family !== 0 && !privateNetworks.check(plain, family === 6 ? 'ipv6' : 'ipv4');
}

const isUniqueViolation = (error: unknown): boolean => (error as { code?: string }).code === '23505';

/**
 * Ingests a waiting message; a no-op when it was already processed (the job is parsed without
 * a look at the row: the transaction's locked read finds it processed).
 */
export async function ingestInbound(ctx: AppContext, row: IngestJob): Promise<void> {
  const { id } = row;
  const envelope =
    row.remote_address && isPublicAddress(row.remote_address)
      ? {
          remoteAddress: row.remote_address,
          ...(row.helo ? { helo: row.helo } : {}),
          ...(row.envelope_from ? { mailFrom: row.envelope_from } : {}),
        }
      : undefined;
  // The parser process reads the spool file itself.
  const parsed = await parseEmail(
    { path: join(ctx.config.dataDir, row.spool_path), size: row.size },
    envelope ? { envelope } : {},
  );
  if (!parsed.ok) {
    await finishAlone(ctx, id, { state: 'quarantined', reason: parsed.failure.reason });
    return;
  }
  const email = withoutNul(parsed.email);
  // A From header without a usable address (mis-encoded by the client) falls back to the envelope sender.
  if (!email.from?.address && row.envelope_from) {
    email.from = { address: row.envelope_from, name: email.from?.name.includes('@') ? '' : (email.from?.name ?? '') };
  }
  if (!email.from?.address) {
    await finishAlone(ctx, id, {
      state: 'quarantined',
      reason: 'the message has no sender address',
      subject: email.subject,
    });
    return;
  }
  // Attachment files first (content-addressed: a file written for mail that turns out to be a
  // duplicate costs disk, never correctness); their rows go in with the message.
  const files =
    email.kind === 'human'
      ? await Promise.all(email.attachments.map((a) => writeContentAddressed(ctx, a.content)))
      : [];
  // Read before the transaction: on PGlite nothing may query outside it while it is open.
  const reference = await caseReferenceData(ctx);
  const routing = await inboundRouting(ctx);
  for (let attempt = 1; ; attempt++) {
    try {
      await transaction(ctx, (unit) => store(ctx, unit, { id, email, files, reference, routing }));
      return;
    } catch (error) {
      // The same Message-ID ingested concurrently: the next attempt sees it and records a duplicate.
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

/** PostgreSQL text cannot hold NUL characters, which some mail carries in its decoded text. */
function withoutNul(email: ParsedEmail): ParsedEmail {
  const clean = (value: string) => value.replaceAll('\u0000', '');
  const person = <T extends { name: string } | null>(value: T): T =>
    value ? { ...value, name: clean(value.name) } : value;
  return {
    ...email,
    subject: clean(email.subject),
    text: clean(email.text),
    textWithoutQuote: clean(email.textWithoutQuote),
    html: email.html === null ? null : clean(email.html),
    from: person(email.from),
    to: email.to.map(person),
    cc: email.cc.map(person),
    attachments: email.attachments.map((attachment) => ({ ...attachment, filename: clean(attachment.filename) })),
  };
}

/** The last attempt failed too: the message is kept in quarantine with the error, never left waiting. */
export async function quarantineFailed(ctx: AppContext, id: string, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await finishAlone(ctx, id, { state: 'quarantined', reason: `ingestion failed: ${message}` });
}

async function finishAlone(ctx: AppContext, id: string, outcome: Outcome): Promise<void> {
  await transaction(ctx, async (unit) => {
    if (await ingestRepo.lockReceived(unit, id)) await ingestRepo.finish(unit, id, outcome);
  });
}

type StoredFile = Awaited<ReturnType<typeof writeContentAddressed>>;

interface Ingestion {
  id: string;
  email: ParsedEmail;
  files: StoredFile[];
  reference: CaseReferenceData;
  routing: InboundRouting;
}

async function store(ctx: AppContext, unit: Unit, { id, email, files, reference, routing }: Ingestion) {
  const from = email.from!.address.toLowerCase();
  const dedupeKey = email.messageId ?? `sha256:${email.sha256}`;
  const references = [...new Set([email.inReplyTo, ...[...email.references].reverse()].filter((h) => h !== null))];
  const row = await ingestRepo.ingestContext(unit, {
    id,
    dedupeKey,
    from,
    references: references.map((header) => ({ header, sentId: sentMessageId(header) })),
  });
  if (!row) return;
  const seen = { subject: email.subject, fromAddress: from };
  if (row.earlier) {
    await ingestRepo.finish(unit, id, { ...seen, state: 'duplicate', reason: `the same message as ${row.earlier}` });
    return;
  }
  const finish = (outcome: Omit<Outcome, 'dedupeKey'>) =>
    ingestRepo.finish(unit, id, { ...seen, dedupeKey, ...outcome });

  if (row.blocked) {
    const { kind, value, reason } = row.blocked;
    await finish({ state: 'ignored', reason: `blocked ${kind} ${value}: ${reason}` });
    return;
  }
  if (email.kind === 'bounce') {
    const caseId = await recordBounce(ctx, unit, email);
    await finish({ state: 'ignored', reason: `bounce: ${email.kindReason ?? 'delivery status notification'}`, caseId });
    return;
  }
  const target = await threadedCase(ctx, unit, email, from, row.referenced_case_id);
  if (email.kind === 'auto-reply') {
    await finish({ state: 'ignored', reason: `auto-reply: ${email.kindReason ?? 'automatic'}`, caseId: target?.id });
    return;
  }

  // The message shows the text with quoted history folded away; email_messages keeps it whole.
  const body = email.textWithoutQuote.trim() ? email.textWithoutQuote : email.text;
  const sender = row.sender;
  const authorName = email.from!.name || from;
  const authFailed = [email.authentication.spf, email.authentication.dkim, email.authentication.dmarc].includes('fail');
  const attachments = attachmentRows(email, files);
  // Every message is written whole, with its HTML (sanitized by the parser, inline images
  // pointing at their attachments) and arrival time (the conversation is in the order mail
  // arrived, whatever order the ingest jobs ran in).
  const written = { html: email.html, receivedAt: row.received_at };
  let landed: { caseId: string; messageId: string | null; thirdParty?: boolean };
  let created: CaseRow | undefined;
  if (target) {
    landed =
      (await storeThirdPartyReply(ctx, unit, target, email, {
        from,
        body,
        defaultLanguage: reference.defaultLanguage,
        email: written,
      })) ??
      (await addCustomerMessage(ctx, unit, target, {
        body,
        channel: 'email',
        authorName,
        authorCustomerId: sender?.id ?? null,
        defaultLanguage: reference.defaultLanguage,
        email: written,
      }));
  } else {
    const byAddress = routing.route(
      row.recipients.length > 0 ? row.recipients : [...email.to, ...email.cc].map((a) => a.address),
    );
    // Mail fetched from an IMAP mailbox goes where that mailbox is set to send it.
    const mailbox = row.source === 'imap' && row.mailbox ? await ingestRepo.mailboxRoute(unit, row.mailbox) : undefined;
    const route = {
      teamId: mailbox?.team_id ?? byAddress.teamId,
      category: mailbox?.category ?? byAddress.category,
    };
    const message = indexMessage(body, reference.defaultLanguage);
    created = await casesRepository.create(unit, {
      customer: {
        email: sender?.email ?? from,
        name: email.from!.name || null,
        locale: message.detected ?? null,
        phone: null,
      },
      subject: email.subject.trim(),
      priority: 'normal',
      category: route.category && reference.categories.has(route.category) ? route.category : 'other',
      channel: 'email',
      tags: authFailed ? [SPAM_SUSPECT_TAG] : [],
      messageLanguage: message.language,
      searchConfig: message.searchConfig,
      searchText: message.searchText,
      body,
      ownerId: null,
      teamId: route.teamId ?? reference.defaultTeamId,
      actor: { type: 'customer', userId: null, name: authorName },
      authorUserId: null,
      firstCommitment: firstReplyCommitment(),
      // Acknowledged below, in this transaction: a job of its own would cost a second one.
      acknowledgedByCaller: true,
      email: written,
    });
    announce(ctx, unit, created);
    // The new case's only message: storeIngested finds it.
    landed = { caseId: created.id, messageId: null };
  }

  await ingestRepo.storeIngested(unit, {
    inboundId: id,
    ...landed,
    attachments,
    email: {
      headerMessageId: email.messageId,
      inReplyTo: email.inReplyTo,
      references: email.references,
      fromAddress: from,
      fromName: email.from!.name || null,
      to: email.to.map((a) => a.address),
      cc: email.cc.map((a) => a.address),
      subject: email.subject,
      originalText: email.text,
      authentication: {
        spf: email.authentication.spf,
        dkim: email.authentication.dkim,
        dmarc: email.authentication.dmarc,
      },
    },
    // A third party's reply adds no participant: they are not part of the customer's conversation.
    participants: landed.thirdParty ? [] : participants(ctx, routing, row.recipients, email, from),
    dedupeKey,
  });
  if (created) await acknowledgeCase(ctx, unit, created);
  else await flagCase(ctx, unit, landed.caseId, from, authFailed ? email : undefined);
}

/**
 * The case an email continues: the first of its In-Reply-To and References (newest first)
 * that we sent or received (`referenced`, looked up with the inbound row); else a subject
 * token that is signed, or whose sender takes part in the case. A closed case continues on
 * its open follow-up, if it has one.
 */
async function threadedCase(
  ctx: AppContext,
  unit: Unit,
  email: ParsedEmail,
  from: string,
  referenced: string | null,
): Promise<CaseRow | undefined> {
  let caseId = referenced ?? undefined;
  if (!caseId) {
    const token = parseCaseToken(ctx.secret, email.subject);
    const candidate = token ? await ingestRepo.caseIdByNumber(unit, token.number) : undefined;
    if (candidate && (token!.signed || (await ingestRepo.isParticipant(unit, candidate, from)))) caseId = candidate;
  }
  if (!caseId) return undefined;
  // Mail to one case is stored one at a time (a single follow-up for a closed case, a true loop count).
  await unit.executeSql('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
  const current = await casesRepository.byId(unit, caseId);
  if (current?.status === 'closed') {
    const followUpId = await ingestRepo.latestFollowUp(unit, caseId);
    const followUp = followUpId ? await casesRepository.byId(unit, followUpId) : undefined;
    if (followUp && followUp.status !== 'closed') return followUp;
  }
  return current;
}

/** The rows of a message's attachments (ids chosen by the parser: the HTML points at them). */
function attachmentRows(email: ParsedEmail, files: StoredFile[]) {
  return email.attachments.map((attachment, index) => ({
    id: attachment.id,
    filename: attachment.filename.slice(0, 255) || 'attachment',
    contentType: files[index]!.contentType,
    size: files[index]!.size,
    sha256: files[index]!.sha256,
  }));
}

/**
 * The people CC'd (and addressed besides the desk) who join the case: not the sender, not the
 * desk — its configured addresses, its own sender address, and the To addresses the message
 * was delivered to us for (all of To when the envelope is unknown); the case's customer is
 * left out when they are stored.
 */
function participants(
  ctx: AppContext,
  routing: InboundRouting,
  recipients: string[],
  email: ParsedEmail,
  from: string,
): { email: string; name: string | null }[] {
  const delivered = new Set(recipients);
  const toDesk = (address: string) => recipients.length === 0 || delivered.has(address);
  const exclude = new Set([from, mailboxOf(ctx.config.mailFrom)]);
  const candidates = [
    ...email.to.map((person) => ({ person, desk: toDesk(person.address.toLowerCase()) })),
    ...email.cc.map((person) => ({ person, desk: false })),
  ];
  return candidates.flatMap(({ person, desk }) => {
    const address = person.address.toLowerCase();
    if (desk || !address.includes('@') || exclude.has(address) || routing.isDeskAddress(address)) return [];
    exclude.add(address);
    return [{ email: address, name: person.name || null }];
  });
}

/** The address in "Name <address>" (or the bare address), lower-cased. */
const mailboxOf = (value: string): string => (/<([^>]+)>/.exec(value)?.[1] ?? value).trim().toLowerCase();
