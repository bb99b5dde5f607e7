export * from './model';
export { SEED_CATALOG, SEED_CATALOG_VERSION, SEED_ITEMS } from './seed';
export { groupByDepartment } from './group';
export { buildCatalogIndex, searchCatalog, type CatalogIndex } from './search';
