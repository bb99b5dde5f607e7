import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { ApiOutlined, KeyOutlined } from '@ant-design/icons';
import type { ServicePointView } from '../../core/api/views';
import { call, StationCallError } from '../api/client';
import { finalEnrollCode, normalizeEnrollCode, normalizePlatformUrl } from './enroll-code';
import { setSyncStatus } from './sync-store';
import { markFieldRefusals } from '../shared/field-refusals';
import { useAction } from '../shared/use-action';

interface Values {
  platformUrl: string;
  code: string;
}

type Failure = { title: string; hint: string };

const FIELDS: (keyof Values)[] = ['platformUrl', 'code'];

/** A second line under the station's message: what to do next (the message itself says what went wrong). */
const HINTS: Record<string, string> = {
  PLATFORM_UNREACHABLE: '填写的平台地址和注册码都保留着，网络接通后直接点“接入”即可。',
  ENROLL_FAILED: '请逐个字符核对注册码（字母不分大小写，空格和短横可不填）；确认无误仍不行的，请联系县级运维人员。',
  ALREADY_ENROLLED: '无需再次接入。',
  AUTH_REQUIRED: '本机已有账号，须由管理员登录后，在右上角“网络与同步”中接入。',
  FORBIDDEN: '请由本机管理员或县级运维人员登录后接入。',
};

function hintFor(code: string): string {
  return HINTS[code] ?? '填写的内容都保留着，请核对后重试；仍不行请联系县级运维人员。';
}

/**
 * 省级平台地址 + 注册码 → `sync.enroll`. Field refusals go under their field, anything else into one alert;
 * what was typed is never cleared. Resolves with the service point the platform set up.
 */
export function EnrollForm({ onEnrolled, autoFocus = true }: { onEnrolled(servicePoint: ServicePointView): void; autoFocus?: boolean }) {
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<Failure | null>(null);

  const enroll = useAction(
    async (v: Values) => {
      setFailure(null);
      const status = await call('sync.enroll', { platformUrl: normalizePlatformUrl(v.platformUrl), code: finalEnrollCode(v.code) });
      setSyncStatus(status);
      onEnrolled((await call('session.current', {})).servicePoint);
    },
    (e) => {
      if (!markFieldRefusals(form, FIELDS, e)) {
        const err = StationCallError.from(e);
        setFailure({ title: err.message, hint: hintFor(err.code) });
      }
      return null;
    },
  );
  const busy = enroll.busy;
  const submit = (v: Values) => void enroll.run(v);

  return (
    <>
      {failure && <Alert type="error" showIcon role="alert" title={failure.title} description={failure.hint} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
        <Form.Item label="省级平台地址" name="platformUrl" rules={[{ required: true, whitespace: true, message: '请填写省级平台地址' }]}>
          <Input
            prefix={<ApiOutlined />}
            placeholder="https://…（由县级运维人员提供）"
            autoFocus={autoFocus}
            autoComplete="off"
            spellCheck={false}
            inputMode="url"
          />
        </Form.Item>
        <Form.Item
          label="注册码"
          name="code"
          extra="县级运维人员发给本服务点的一次性注册码，如 ABCD-EFGH-JKMN；字母不分大小写，空格和短横可不填"
          normalize={(v: string) => normalizeEnrollCode(v)}
          rules={[{ required: true, whitespace: true, message: '请填写注册码' }]}
        >
          <Input prefix={<KeyOutlined />} autoComplete="off" spellCheck={false} style={{ fontFamily: 'monospace', letterSpacing: 1 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {busy ? '正在接入，请稍候…' : '接入'}
        </Button>
      </Form>
    </>
  );
}
