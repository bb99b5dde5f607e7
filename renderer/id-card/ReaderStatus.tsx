import { Tag, Tooltip } from 'antd';
import { IdcardOutlined } from '@ant-design/icons';
import type { IdCardReaderState } from '../../core/api/id-card-methods';
import { useIdCardStatus } from './id-card-store';

const LABEL: Record<IdCardReaderState, string> = { none: '无读卡器', ready: '读卡器就绪', card: '已放身份证', error: '读卡器异常' };
/** What the tag itself shows beside the card icon (the top bar is full at 1366 px); the full words are its name and tooltip. */
const SHORT: Record<IdCardReaderState, string> = { none: '无', ready: '就绪', card: '有证', error: '异常' };
const COLOR: Record<IdCardReaderState, string> = { none: 'default', ready: 'blue', card: 'green', error: 'red' };

/** The ID card reader in the top bar: none, ready, a card on it, or what is wrong (on hover and for screen readers). */
export function ReaderStatus() {
  const status = useIdCardStatus();
  if (!status) return null;
  const text = LABEL[status.state];
  const detail = status.message ?? status.label ?? '本机未配置身份证读卡器';
  return (
    <Tooltip title={detail}>
      <Tag
        icon={<IdcardOutlined />}
        color={COLOR[status.state]}
        role="status"
        aria-label={`身份证读卡器：${text}。${detail}`}
        style={{ margin: 0, fontSize: 14, flexShrink: 0 }}
      >
        {SHORT[status.state]}
      </Tag>
    </Tooltip>
  );
}
