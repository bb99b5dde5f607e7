import { call } from '../api/client';
import { PrintScreen } from '../print/PrintScreen';

/** 打印台账: the period's ledger as an A4 list, to the printer or saved as PDF. */
export function LedgerPrintScreen({ from, to }: { from?: string; to?: string }) {
  const period = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  return (
    <PrintScreen
      title="台账"
      hint="每件申请一行：受理与承诺办结日期、状态、审核决定及是否按期，末尾有合计。可存档或报送上级。"
      printerFor="ledger"
      render={() => call('stats.renderLedger', period)}
      renderKey={[from, to]}
      send={(printerId) => call('stats.printLedger', { ...period, printerId, copies: 1 })}
      back={{ name: 'stats' }}
    />
  );
}
