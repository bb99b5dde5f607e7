import { passwordWeakness } from '../../core/passwords';

/**
 * The password policy (core/passwords.ts) as an antd form rule: the same words the station and the platform
 * would answer, said before the form is sent. An empty box passes (a `required` rule says that).
 */
export const PASSWORD_RULE = {
  validator: async (_: unknown, value?: string) => {
    const weakness = value ? passwordWeakness(value) : null;
    if (weakness) throw new Error(weakness);
  },
};
