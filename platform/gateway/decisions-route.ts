import type { FastifyInstance, FastifyRequest } from 'fastify';
import { v5 as uuidv5 } from 'uuid';
import { AWAITING_DECISION } from '../../core/review-levels';
import { reviewDecidedSchema } from '../../core/sync/messages';
import { REPLAY_WINDOW_MS } from '../../core/sync/protocol';
import { validBody, parseJsonBody, rawBody } from '../body';
import { appendChanges } from '../change-feed';
import type { PlatformContext } from '../context';
import { PlatformError } from '../errors';
import { lockApplication } from '../ingest/application-row';
import { applyDecision } from '../review/apply-decision';
import { externalDecisionSchema, type ConnectorConfig } from './config';
import { enabledConnectors } from './outbox';
import { GATEWAY_HEADERS, gatewaySignatureMatches } from './signing';

/** The namespace of the platform's decision ids for external decisions: one connector's id, one uuid, always. */
const EXTERNAL_DECISION_NAMESPACE = '6f1c0a52-9a4e-4c55-8d3e-2b7f5b1d9e10';
const BODY_LIMIT = 64 * 1024;

function header(request: FastifyRequest, name: string): string {
  const v = request.headers[name];
  return typeof v === 'string' ? v : '';
}

/** The connector named in the path, when it exists, is enabled and the request is its, signed, and in time. */
async function signedBy(ctx: PlatformContext, request: FastifyRequest, name: string): Promise<ConnectorConfig> {
  const config = (await enabledConnectors(ctx)).get(name);
  if (!config) throw new PlatformError(404, 'NOT_FOUND', '平台没有这个对接接口，或它已停用');
  const timestamp = header(request, GATEWAY_HEADERS.timestamp);
  const signature = header(request, GATEWAY_HEADERS.signature);
  if (!/^\d{1,12}$/.test(timestamp) || !signature) throw new PlatformError(401, 'UNSIGNED', '请求缺少签名或时间戳，平台不予受理');
  if (Math.abs(Number(timestamp) * 1000 - ctx.now().getTime()) > REPLAY_WINDOW_MS) {
    throw new PlatformError(401, 'CLOCK_SKEW', '请求时间与平台时间相差超过5分钟，平台不予受理，请核对外部系统的时钟');
  }
  if (!gatewaySignatureMatches(config.secret, timestamp, rawBody(request), signature)) throw new PlatformError(401, 'BAD_SIGNATURE', '签名不符，平台不予受理');
  if (!config.reviewExternally) throw new PlatformError(403, 'FORBIDDEN', '该对接接口未设置为在外部系统审核，平台不接收它的审核决定');
  return config;
}

/**
 * POST /v1/gateway/{name}/decisions: a decision of the province's own system on an application handed to it
 * (docs/gateway.md). Signed with the connector's secret, not a terminal's key. Applied by the same rule as a
 * terminal's (platform/review/apply-decision.ts) at the level the application awaits; the same decision sent
 * again is answered `duplicate` and applied once. It reaches the village and the township down the feed.
 */
export function registerGatewayDecisions(app: FastifyInstance, ctx: PlatformContext): void {
  app.post<{ Params: { name: string } }>('/v1/gateway/:name/decisions', { bodyLimit: BODY_LIMIT }, async (request) => {
    const name = request.params.name;
    await signedBy(ctx, request, name);
    const d = validBody(externalDecisionSchema, parseJsonBody(rawBody(request)), '审核决定不符合对接规范');
    const [handed] = await ctx.db.query('SELECT 1 FROM gateway_outbox WHERE connector = $1 AND application_id = $2', [name, d.applicationId]);
    if (!handed) throw new PlatformError(404, 'NOT_FOUND', '这件申请没有经本接口交给外部系统，平台不接收它的审核决定');
    const at = ctx.now().toISOString();
    return ctx.db.transaction(async (tx) => {
      const app = await lockApplication(tx, d.applicationId);
      if (!app) throw new PlatformError(404, 'NOT_FOUND', '平台上没有这件申请');
      const body = reviewDecidedSchema.parse({
        decisionId: uuidv5(`${name}:${d.decisionId}`, EXTERNAL_DECISION_NAMESPACE),
        applicationId: app.id,
        divisionCode: app.division_code,
        decision: d.decision,
        reason: d.reason,
        supplement: null,
        reviewer: { id: `gateway:${name}`, name: d.reviewerName },
        decidedAt: d.decidedAt,
      });
      const step = AWAITING_DECISION.county.includes(app.status) ? 'county' : 'township';
      const outcome = await applyDecision({ tx, db: ctx.db, at }, app, body, step, { connector: name });
      if (!outcome.ok) throw new PlatformError(409, 'CONFLICT', outcome.reason);
      await appendChanges(tx, outcome.changes, at);
      return { result: outcome.duplicate ? 'duplicate' : 'accepted', status: outcome.status };
    });
  });
}
