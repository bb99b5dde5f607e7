import { useEffect, useState } from 'react';
import { Select } from 'antd';
import type { StationInput } from '../../core/api/schemas';
import type { PrinterView } from '../../core/api/views';

/** What is about to be printed: the receipt or one of the documents. */
export type PrintedDocument = NonNullable<StationInput<'printers.list'>['for']>;
import { call, errorMessage } from '../api/client';

/** The printers of this terminal: the one this document went to last time chosen, else the system's default. */
export function usePrinters(doc: PrintedDocument): {
  printers: PrinterView[];
  printerId: string | undefined;
  setPrinterId(id: string): void;
  error: string | null;
} {
  const [printers, setPrinters] = useState<PrinterView[]>([]);
  const [printerId, setPrinterId] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('printers.list', { for: doc }).then(
      (list) => {
        setPrinters(list);
        setPrinterId((list.find((p) => p.lastUsed) ?? list.find((p) => p.isDefault) ?? list[0])?.id);
      },
      (e) => setError(errorMessage(e)),
    );
  }, [doc]);
  return { printers, printerId, setPrinterId, error };
}

export function PrinterPicker({ printers, value, onChange }: { printers: PrinterView[]; value: string | undefined; onChange(id: string): void }) {
  return (
    <div style={{ marginBottom: 12 }}>
      <label htmlFor="printer">打印机：</label>
      <Select
        id="printer"
        value={value}
        onChange={onChange}
        showSearch={{ optionFilterProp: 'label' }}
        options={printers.map((p) => ({ value: p.id, label: p.name }))}
        style={{ width: 240 }}
        placeholder="请选择打印机"
      />
    </div>
  );
}
