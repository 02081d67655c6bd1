'use server';
// Creating a coupon with its promotion code from the admin console. The form carries an attempt id
// generated when it rendered, so a double click creates one code.
import { revalidatePath } from 'next/cache';
import { validatedActionWithAdmin } from '@/lib/auth/validated-action';
import { createPromotionCode, promotionFormSchema } from '@/lib/billing/admin/promotions';

export const createPromotionCodeAction = validatedActionWithAdmin(
  {
    schema: promotionFormSchema,
    limit: 'promotion',
    scope: 'admin-promotion',
    doing: 'creating the promotion code',
  },
  async (form, admin) => {
    const created = await createPromotionCode(form, admin.email);
    revalidatePath('/admin/promotions');
    return { success: `Created ${created.code}: ${created.terms}.` };
  },
);
