export * from './schemas';
export * from './station-api';
export * from './views';
export * from './events';
