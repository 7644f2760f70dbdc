export * from './types';
export * from './errors';
export * from './transport';
export * from './chunks';
export * from './retry';
export * from './client';
