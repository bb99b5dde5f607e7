import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { rawBody } from '../body';
import { PlatformError } from '../errors';

/**
 * The admin API's JSON body, validated by a core/admin/api.ts schema. The schemas carry Chinese messages,
 * so the first one is what IT staff read. An empty body counts as `{}` (resetting to a generated password).
 */
export function readAdminBody<S extends z.ZodType>(request: FastifyRequest, schema: S): z.infer<S> {
  const bytes = rawBody(request);
  let json: unknown = {};
  if (bytes.length > 0) {
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new PlatformError(400, 'INVALID_REQUEST', '请求内容不是有效的 JSON');
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? `（${first.path.join('.')}）` : '';
    // zod's own messages are English: only the schemas' Chinese ones are shown as they are.
    const message = first && /[\u4e00-\u9fff]/.test(first.message) ? first.message : '取值不符合要求';
    throw new PlatformError(400, 'INVALID_REQUEST', `请求内容不正确${where}：${message}`, {
      issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data;
}
