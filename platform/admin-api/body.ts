import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { parseJsonBody, rawBody, validBody } from '../body';

/**
 * The admin API's JSON body, validated by a core/admin/api.ts schema. The schemas carry Chinese messages,
 * so the first one is what IT staff read. An empty body counts as `{}` (resetting to a generated password).
 */
export function readAdminBody<S extends z.ZodType>(request: FastifyRequest, schema: S): z.infer<S> {
  const bytes = rawBody(request);
  const json = bytes.length > 0 ? parseJsonBody(bytes) : {};
  return validBody(schema, json, ([first]) => {
    const where = first && first.path.length > 0 ? `（${first.path.join('.')}）` : '';
    // zod's own messages are English: only the schemas' Chinese ones are shown as they are.
    const message = first && /[\u4e00-\u9fff]/.test(first.message) ? first.message : '取值不符合要求';
    return `请求内容不正确${where}：${message}`;
  });
}
