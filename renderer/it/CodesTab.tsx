import { useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Typography } from 'antd';
import { CopyOutlined, KeyOutlined } from '@ant-design/icons';
import type { EnrollmentCodeView } from '../../core/admin/api';
import { call } from '../api/client';
import { showDateTime, TERMINAL_ROLE_LABEL } from './labels';
import { useItSubmit } from './use-it-submit';

interface Values {
  role: 'village' | 'township' | 'county';
  divisionCode: string;
  servicePointName: string;
  ttlHours: number;
}

const FIELDS: (keyof Values)[] = ['role', 'divisionCode', 'servicePointName', 'ttlHours'];

/** 注册码: a one-time code for a new terminal, shown large once (the platform keeps only its hash). */
export function CodesTab() {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form) ?? 'village';
  const { busy, error, submit } = useItSubmit(form, FIELDS);
  const [issued, setIssued] = useState<EnrollmentCodeView | null>(null);

  const issue = (v: Values) =>
    submit(async () => {
      setIssued(
        await call('it.issueCode', { role: v.role, divisionCode: v.divisionCode.trim(), servicePointName: v.servicePointName.trim(), ttlHours: v.ttlHours }),
      );
      form.resetFields(['divisionCode', 'servicePointName']);
    });

  const copy = (code: string) =>
    navigator.clipboard?.writeText(code).then(
      () => message.success('注册码已复制'),
      () => message.warning('无法复制，请手工抄写'),
    );

  return (
    <Row gutter={16}>
      <Col span={12}>
        <Card size="small" title="为新终端生成注册码">
          {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="vertical" onFinish={issue} requiredMark={false} initialValues={{ role: 'village', ttlHours: 72 }}>
            <Form.Item name="role" label="终端类型">
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'village', label: TERMINAL_ROLE_LABEL.village },
                  { value: 'township', label: TERMINAL_ROLE_LABEL.township },
                  { value: 'county', label: TERMINAL_ROLE_LABEL.county },
                ]}
              />
            </Form.Item>
            <Form.Item
              name="divisionCode"
              label={role === 'village' ? '村（社区）区划代码' : '乡镇（街道）区划代码'}
              extra={role === 'village' ? '12位，如 360781102201' : '9位，如 360781102'}
              rules={[
                { required: true, message: '请填写区划代码' },
                {
                  pattern: role === 'village' ? /^\d{12}$/ : /^\d{9}$/,
                  message: role === 'village' ? '村代办点的区划代码应为12位数字' : '乡镇的区划代码应为9位数字',
                },
              ]}
            >
              <Input inputMode="numeric" maxLength={12} autoComplete="off" style={{ fontFamily: 'monospace' }} />
            </Form.Item>
            <Form.Item
              name="servicePointName"
              label="服务点名称"
              rules={[
                { required: true, whitespace: true, message: '请填写服务点名称' },
                { min: 2, message: '服务点名称太短' },
              ]}
            >
              <Input maxLength={40} placeholder="如：瑞金市叶坪乡华屋村为民服务代办点" autoComplete="off" />
            </Form.Item>
            <Form.Item name="ttlHours" label="有效期（小时）" extra="过期未用的注册码自动作废；最长720小时（30天）">
              <InputNumber min={1} max={720} precision={0} style={{ width: 160 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" icon={<KeyOutlined />} loading={busy}>
              生成注册码
            </Button>
          </Form>
        </Card>
      </Col>
      <Col span={12}>
        {issued ? (
          <Card size="small" title="注册码（只显示这一次）" styles={{ body: { textAlign: 'center' } }}>
            <Typography.Text
              aria-label="新注册码"
              style={{ display: 'block', fontSize: 40, fontFamily: 'monospace', letterSpacing: 4, fontWeight: 600, margin: '8px 0 12px', color: '#12407f' }}
            >
              {issued.code}
            </Typography.Text>
            <p style={{ margin: '0 0 4px', fontSize: 17 }}>{issued.servicePointName}</p>
            <p className="muted" style={{ margin: '0 0 4px' }}>
              {TERMINAL_ROLE_LABEL[issued.role]} · 区划代码 {issued.divisionCode}
            </p>
            <p style={{ margin: '0 0 12px' }}>
              有效期至 <b>{showDateTime(issued.expiresAt)}</b>
            </p>
            <Button icon={<CopyOutlined />} onClick={() => void copy(issued.code)}>
              复制注册码
            </Button>
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 16, textAlign: 'left' }}
              title="请现在抄写或拍照交给服务点"
              description="注册码只能使用一次，离开本页后无法再次查看；遗失或过期的，重新生成即可。服务点在终端首次启动时填写省级平台地址和此注册码。"
            />
          </Card>
        ) : (
          <Card size="small" title="说明">
            <ol style={{ margin: 0, paddingInlineStart: 20, lineHeight: 1.9 }}>
              <li>每台新终端需要一个注册码，用过即作废。</li>
              <li>注册码决定终端属于哪个村或乡镇，以及服务点名称，请核对区划代码。</li>
              <li>服务点在终端上填写省级平台地址和注册码即可接入，账号和事项目录会自动下载。</li>
              <li>已接入的终端会出现在“终端”页中。</li>
            </ol>
          </Card>
        )}
      </Col>
    </Row>
  );
}
