import { Collapse, Typography } from 'antd';
import type { CatalogItem } from '../../core/catalog/model';

/**
 * 办理指南 beside the form: the item's 受理条件 (always open, the cadre checks them with the resident) and its
 * 办理流程 and time limits (one click), so what to tell the resident is on screen, not in a binder.
 */
export function CounterGuide({ item }: { item: CatalogItem }) {
  return (
    <Collapse
      size="small"
      style={{ marginBottom: 12, background: '#fffbe6' }}
      defaultActiveKey={['conditions']}
      items={[
        {
          key: 'conditions',
          label: '受理条件',
          children: (
            <ol style={{ margin: 0, paddingLeft: 20 }}>
              {item.conditions.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ol>
          ),
        },
        {
          key: 'process',
          label: `办理流程　承诺${item.promisedDays}个工作日办结　${item.fee}`,
          children: (
            <>
              <ol style={{ margin: 0, paddingLeft: 20 }}>
                {item.process.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ol>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                实施机关：{item.implementingAgency}；设定依据：{item.legalBasis.join('；')}
              </Typography.Text>
            </>
          ),
        },
      ]}
    />
  );
}
