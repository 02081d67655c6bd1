// Coupons and promotion codes for admins: the list (from the mirror, filled by coupon and
// promotion_code webhooks), and creating a code — one coupon (percent or amount off, for how long)
// with one customer-facing code (redemption limit, expiry, first purchase only) in Stripe, then
// mirrored at once so the list shows it.
import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Database } from '@/lib/db/client';
import { stripeCoupons, stripePromotionCodes } from '@/lib/db/schema/billing';
import { stripe } from '@/lib/stripe/client';
import { UserError } from '@/lib/errors';
import { parseMoney } from '@/lib/money';
import { describeTerms } from '../promotions';
import { syncWith } from '../sync';

export interface PromotionRow {
  id: string;
  code: string;
  active: boolean;
  /** "20% off for 3 months". */
  terms: string;
  couponId: string;
  couponName: string | null;
  timesRedeemed: number;
  maxRedemptions: number | null;
  expiresAt: Date | null;
  firstTimeOnly: boolean;
  created: Date;
  /** Why it cannot be redeemed any more, or null while it can. */
  ended: 'inactive' | 'expired' | 'used up' | null;
}

/** Every promotion code with its coupon's terms, newest first. */
export async function listPromotionCodes(options: { db?: Database; now?: Date } = {}): Promise<PromotionRow[]> {
  const db = options.db ?? (await getDb());
  const now = options.now ?? new Date();
  const found = await db
    .select({ code: stripePromotionCodes, coupon: stripeCoupons })
    .from(stripePromotionCodes)
    .leftJoin(stripeCoupons, eq(stripeCoupons.id, stripePromotionCodes.couponId))
    .orderBy(desc(stripePromotionCodes.created), desc(stripePromotionCodes.id))
    .limit(500);
  return found.map(({ code, coupon }) => {
    const raw = code.raw as { restrictions?: { first_time_transaction?: boolean } };
    const expiresAt = code.expiresAt ?? coupon?.redeemBy ?? null;
    const usedUp =
      (code.maxRedemptions !== null && code.timesRedeemed >= code.maxRedemptions) ||
      (coupon?.maxRedemptions != null && coupon.timesRedeemed >= coupon.maxRedemptions);
    return {
      id: code.id,
      code: code.code,
      active: code.active,
      terms: coupon ? describeTerms(termsOfRow(coupon)) : 'Coupon not mirrored yet',
      couponId: code.couponId,
      couponName: coupon?.name ?? null,
      timesRedeemed: code.timesRedeemed,
      maxRedemptions: code.maxRedemptions,
      expiresAt,
      firstTimeOnly: raw.restrictions?.first_time_transaction === true,
      created: code.created,
      ended: !code.active || coupon?.valid === false ? 'inactive' : expiresAt && expiresAt <= now ? 'expired' : usedUp ? 'used up' : null,
    };
  });
}

function termsOfRow(coupon: typeof stripeCoupons.$inferSelect) {
  const duration = coupon.duration === 'repeating' || coupon.duration === 'forever' ? coupon.duration : 'once';
  return { percentOff: coupon.percentOff === null ? null : Number(coupon.percentOff), amountOff: coupon.amountOff, currency: coupon.currency, duration, durationInMonths: coupon.durationInMonths } as const;
}

const optional = (schema: z.ZodType) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

/** The admin's form, as typed: validated here, amounts parsed in the currency's minor units. */
export const promotionFormSchema = z
  .object({
    code: z
      .string()
      .trim()
      .min(3, 'Codes are at least 3 characters.')
      .max(40, 'Codes are at most 40 characters.')
      .regex(/^[A-Za-z0-9_-]+$/, 'Use letters, digits, dashes and underscores only.')
      .transform((s) => s.toUpperCase()),
    name: optional(z.string().trim().max(40, 'Names are at most 40 characters.')) as z.ZodType<string | undefined>,
    kind: z.enum(['percent', 'amount'], { message: 'Choose percent or amount off.' }),
    percentOff: optional(z.string().trim().max(10)) as z.ZodType<string | undefined>,
    amountOff: optional(z.string().trim().max(20)) as z.ZodType<string | undefined>,
    currency: z.string().trim().toLowerCase().regex(/^[a-z]{3}$/, 'Use a three-letter currency code, like USD.').default('usd'),
    duration: z.enum(['once', 'repeating', 'forever'], { message: 'Choose how long the discount lasts.' }),
    durationInMonths: optional(z.coerce.number().int('Whole months only.').min(1, 'At least 1 month.').max(36, 'At most 36 months.')) as z.ZodType<number | undefined>,
    maxRedemptions: optional(z.coerce.number().int('A whole number.').min(1, 'At least 1.').max(1_000_000, 'At most 1,000,000.')) as z.ZodType<number | undefined>,
    expiresOn: optional(z.iso.date('Pick a date.')) as z.ZodType<string | undefined>,
    firstTimeOnly: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
    attemptId: z.uuid('This form is out of date. Reload the page.'),
  })
  .superRefine((form, ctx) => {
    if (form.kind === 'percent') {
      const ok = form.percentOff !== undefined && /^\d{1,3}(\.\d{1,2})?$/.test(form.percentOff) && Number(form.percentOff) > 0 && Number(form.percentOff) <= 100;
      if (!ok) ctx.addIssue({ code: 'custom', path: ['percentOff'], message: 'Enter a percentage above 0 and at most 100 (two decimals at most).' });
    } else {
      const parsed = form.amountOff === undefined ? null : parseMoney(form.amountOff, form.currency);
      if (!parsed || !parsed.ok || parsed.amount < 1) ctx.addIssue({ code: 'custom', path: ['amountOff'], message: parsed && !parsed.ok ? parsed.message : 'Enter the amount off.' });
    }
    if (form.duration === 'repeating' && form.durationInMonths === undefined) ctx.addIssue({ code: 'custom', path: ['durationInMonths'], message: 'Enter for how many months.' });
    if (form.expiresOn !== undefined && Date.parse(`${form.expiresOn}T23:59:59Z`) <= Date.now()) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'Pick a date from today on.' });
  });

export type PromotionForm = z.output<typeof promotionFormSchema>;

/** Creates the coupon and its code in Stripe (once per attempt), and mirrors both. */
export async function createPromotionCode(form: PromotionForm, adminEmail: string): Promise<{ code: string; terms: string }> {
  const taken = await stripe().promotionCodes.list({ code: form.code, active: true, limit: 1 });
  if (taken.data.length) throw new UserError(`An active code ${form.code} already exists. Pick another code.`);
  const amountOff = form.kind === 'amount' ? (parseMoney(form.amountOff!, form.currency) as { ok: true; amount: number }).amount : undefined;
  const coupon = await stripe().coupons.create(
    {
      ...(form.kind === 'percent' ? { percent_off: Number(form.percentOff) } : { amount_off: amountOff, currency: form.currency }),
      duration: form.duration,
      ...(form.duration === 'repeating' ? { duration_in_months: form.durationInMonths } : {}),
      ...(form.name ? { name: form.name } : {}),
      metadata: { created_by: adminEmail },
    },
    { idempotencyKey: `paydesk-coupon-${form.attemptId}` },
  );
  const promotionCode = await stripe().promotionCodes.create(
    {
      promotion: { type: 'coupon', coupon: coupon.id },
      code: form.code,
      ...(form.maxRedemptions ? { max_redemptions: form.maxRedemptions } : {}),
      ...(form.expiresOn ? { expires_at: Math.floor(Date.parse(`${form.expiresOn}T23:59:59Z`) / 1000) } : {}),
      ...(form.firstTimeOnly ? { restrictions: { first_time_transaction: true } } : {}),
      metadata: { created_by: adminEmail },
    },
    { idempotencyKey: `paydesk-promotion-code-${form.attemptId}` },
  );
  await syncWith((run) => Promise.all([run.coupon(coupon.id), run.promotionCode(promotionCode.id)]));
  return {
    code: promotionCode.code,
    terms: describeTerms({ percentOff: coupon.percent_off, amountOff: coupon.amount_off, currency: coupon.currency, duration: form.duration, durationInMonths: coupon.duration_in_months }),
  };
}
