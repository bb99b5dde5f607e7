export * from './model';
export { SEED_CATALOG, SEED_CATALOG_VERSION, SEED_ITEMS } from './seed';
export { buildCatalogIndex, groupByDepartment, searchCatalog, type CatalogIndex } from './search';
