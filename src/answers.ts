import type { Config } from './config.js';
import type { NpsResponse } from './response.js';
import type { Answer, NpsEvents, StoredData } from './types.js';
import { CandorError } from './errors.js';
import { buildResponse, pageFacts } from './anonymise.js';
import { checkContact, checkResponse } from './lib/checkResponse.js';
import { hourOf } from './lib/hourOf.js';
import { uuid } from './lib/uuid.js';
import type { NpsContact } from './contact.js';
import { isContact } from './outboxRecord.js';
import { createDelivery, type Env } from './delivery.js';
import { throttle } from './throttle.js';
import { newSecret } from './lib/secret.js';
import { warn } from './lib/warn.js';
import { receiptOf } from './receipts.js';
import { isWithdrawal } from './withdrawals.js';
import { gpcOn } from './lib/gpc.js';

// A surrogate code point can only be a lone one in /u mode. (No lookbehind: Safari < 16.4 can't parse it.)
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Where an answer becomes a stored, anonymised response, for the card and for
 * headless `submit()` alike. Consent is enforced here, in core: no
 * `consentVersion`, no storage.
 */
export function createAnswers(
  config: Config,
  emit: <K extends keyof NpsEvents>(event: K, data: NpsEvents[K]) => void,
  env: Env,
) {
  const { survey } = config;
  const memo = throttle(config.rules.storeThrottle);
  const delivery =
    typeof window === 'undefined' || config.preview
      ? undefined
      : createDelivery(
          config,
          {
            delivered: (ids) => emit('delivered', { ids }),
            dropped: (id, reason) => emit('dropped', { id, reason }),
            withdrawn: (ids) => emit('withdrawn', { ids }),
            error: (message) => emit('error', { message }),
          },
          env,
        );

  return {
    /**
     * Builds, checks and stores one answer; resolves once it is committed.
     * `lang` is the language the question was asked in.
     */
    async accept(answer: Answer, lang: string): Promise<NpsResponse> {
      const { score, comment, consentVersion } = answer ?? {};
      const refuse = (code: 'ConsentRequired' | 'InvalidAnswer', message: string) => {
        throw new CandorError(code, message);
      };
      if (typeof consentVersion !== 'string' || !consentVersion) {
        refuse(
          'ConsentRequired',
          'submit() needs the consentVersion your UI showed and the person agreed to; nothing was stored',
        );
      }
      if (gpcOn(config))
        refuse('ConsentRequired', 'Global Privacy Control is on (rules.respectGpc): nothing was stored');
      if (!Number.isInteger(score) || score < 0 || score > 10)
        refuse('InvalidAnswer', `score: expected a whole number from 0 to 10, got ${score}`);
      if (
        comment !== undefined &&
        (typeof comment !== 'string' || comment.length > 1000 || LONE_SURROGATE.test(comment))
      ) {
        refuse('InvalidAnswer', 'comment: expected text of at most 1,000 characters (well-formed UTF-16)');
      }
      const now = env.now();
      const body = buildResponse(config, answer, pageFacts(lang, now));
      // With withdraw on, the answer carries the proof; the device keeps the secret in a receipt.
      const key = config.withdraw && delivery ? await newSecret() : undefined;
      if (config.withdraw && delivery && !key)
        warn('withdraw needs a secure context (crypto.subtle): this answer cannot be taken back');
      if (key) body.proof = key.proof;
      const problem = checkResponse(body);
      if (problem) refuse('InvalidAnswer', problem);
      if (config.preview) {
        console.info('[Candor] preview: nothing is stored or sent; this is the answer:', body);
      } else if (delivery) {
        const { withdraw, ttlDays } = config;
        await delivery.submit(body, key && receiptOf(body, delivery.route, key.secret, now, ttlDays, withdraw!.days));
        memo.update(survey, { answeredAt: env.now() });
      }
      emit('submit', body);
      return body;
    },

    flush: async () => delivery?.flush(),

    async forget() {
      await delivery?.forget();
      memo.remove(survey);
    },

    /**
     * Stores the e-mail address a person left for a reply to answer
     * `answerId` (config `contact`). Rejects with `CandorError`
     * `InvalidAnswer` for an address that is not one (nothing stored).
     */
    async contact(answerId: string, email: string): Promise<void> {
      const { contact } = config;
      const body: NpsContact = {
        id: uuid(),
        answerId,
        email: email.trim(),
        at: hourOf(env.now()),
        consentVersion: contact!.version,
        retentionDays: contact!.retentionDays,
      };
      const problem = checkContact(body);
      if (problem) throw new CandorError('InvalidAnswer', problem);
      if (config.preview) console.info('[Candor] preview: nothing is stored or sent; this is the contact:', body);
      else await delivery?.submitContact(body);
    },

    /** Takes back the answers `ids` (the thank-you step's "Delete my answer"); the throttle record stays. */
    withdraw: async (ids: string[]) => delivery?.forget(ids),

    async export(): Promise<StoredData> {
      const { records, receipts } = (await delivery?.stored()) ?? { records: [], receipts: [] };
      const entry = memo.read()[survey];
      const strip = <T extends { v: 1 }>({ v: _, ...rest }: T) => rest;
      const withdrawals = records.filter(isWithdrawal);
      const contacts = records.filter((r) => !withdrawals.includes(r) && isContact(r));
      return {
        survey,
        answers: records
          .filter((r) => !withdrawals.includes(r) && !contacts.includes(r))
          .map(strip) as StoredData['answers'],
        ...(contacts.length ? { contacts: contacts.map(strip) as StoredData['contacts'] } : {}),
        ...(receipts.length ? { receipts: receipts.map(strip) } : {}),
        ...(withdrawals.length ? { withdrawals: withdrawals.map(strip) } : {}),
        ...(entry ? { throttle: entry } : {}),
      };
    },

    close: () => delivery?.close(),
  };
}
