import { Form, InputNumber, Modal, Select, Slider, Space } from 'antd';
import type { ReleaseView } from '../../core/admin/api';
import { call, StationCallError } from '../api/client';
import { useAction } from '../shared/use-action';
import { useItLink } from './it-context';

interface Values {
  percentage: number;
  divisions: string[];
}

const DIVISION = /^\d{2}(\d{2}){0,2}(\d{3}){0,2}$/;

/** 调整分批: the share of terminals offered a release, and the divisions it is limited to (`it.setStaging`). */
export function StagingModal({ release, onClose, onSaved }: { release: ReleaseView | null; onClose(): void; onSaved(next: ReleaseView): void }) {
  const { failed } = useItLink();
  const [form] = Form.useForm<Values>();
  const action = useAction(
    async (v: Values) => {
      if (!release) return;
      onSaved(await call('it.setStaging', { id: release.id, percentage: v.percentage, divisions: v.divisions.map((d) => d.trim()) }));
    },
    (e) => {
      const fields = StationCallError.from(e).fields;
      const text = failed(e);
      form.setFields([{ name: fields.divisions ? 'divisions' : 'percentage', errors: [fields.divisions ?? fields.percentage ?? text] }]);
      return null;
    },
  );
  const busy = action.busy;
  const save = (v: Values) => void action.run(v);

  return (
    <Modal
      open={release !== null}
      title={`调整分批发布：${release?.version ?? ''}（${release?.channel ?? ''}）`}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={560}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        preserve={false}
        initialValues={{ percentage: release?.stagingPercentage ?? 100, divisions: release?.stagingDivisions ?? [] }}
      >
        <Form.Item label="推送比例" extra="按终端编号固定分组：比例调大时，已收到的终端仍在其中。">
          <Space style={{ width: '100%' }} align="center">
            <Form.Item name="percentage" noStyle>
              <Slider min={1} max={100} style={{ width: 280, marginInlineEnd: 28 }} marks={{ 10: '10%', 50: '50%', 100: '100%' }} />
            </Form.Item>
            <Form.Item name="percentage" noStyle rules={[{ required: true, message: '请填写比例' }]}>
              <InputNumber min={1} max={100} precision={0} suffix="%" aria-label="推送比例" style={{ width: 100 }} />
            </Form.Item>
          </Space>
        </Form.Item>
        <Form.Item
          name="divisions"
          label="只推送给这些区划（留空为全部）"
          extra="填区划代码前缀并回车，如 360781102（某乡镇）；试点时可先只推送一个乡镇"
          rules={[
            {
              validator: (_r, v: string[] | undefined) =>
                (v ?? []).every((d) => DIVISION.test(d.trim())) ? Promise.resolve() : Promise.reject(new Error('区划代码应为2、4、6、9或12位数字')),
            },
          ]}
        >
          <Select mode="tags" aria-label="限定区划" tokenSeparators={[',', '，', ' ']} open={false} suffixIcon={null} placeholder="全部区划" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
