import { z } from 'zod';

/**
 * The password policy, one rule for every place a password is chosen: a cadre's own change (StationApi), an
 * account made or reset by IT staff (admin API, platform command line) and the renderer's forms.
 */
export const PASSWORD_MIN_LENGTH = 8;

/** Chinese reason when a password is too weak, else null. */
export function passwordWeakness(password: string): string | null {
  if (password.normalize('NFKC').length < PASSWORD_MIN_LENGTH) return `密码至少需要${PASSWORD_MIN_LENGTH}个字符`;
  if (!/\d/.test(password) || !/[A-Za-z]/.test(password)) return '密码需同时包含字母和数字';
  return null;
}

/** A new password as a zod field: at most 256 characters, and the policy above. */
export const newPasswordSchema = z
  .string()
  .max(256, '密码不能超过256个字符')
  .superRefine((p, ctx) => {
    const weakness = passwordWeakness(p);
    if (weakness) ctx.addIssue({ code: 'custom', message: weakness });
  });
