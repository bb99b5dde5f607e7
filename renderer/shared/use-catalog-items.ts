import { useEffect, useState } from 'react';
import type { CatalogItemSummary } from '../../core/api/views';
import { call } from '../api/client';

/** The whole catalog, for an item filter; empty (no filter choices) if it cannot be loaded. */
export function useCatalogItems(): CatalogItemSummary[] {
  const [items, setItems] = useState<CatalogItemSummary[]>([]);
  useEffect(() => {
    call('catalog.list', {}).then(setItems, () => undefined);
  }, []);
  return items;
}
