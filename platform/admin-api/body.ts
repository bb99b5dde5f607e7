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
  return validBody(schema, json, '请求内容不正确');
}
