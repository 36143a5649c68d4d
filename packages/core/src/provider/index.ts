export * from './errors.js';
export * from './handler.js';
export * from './provider.js';
export * from './resource.js';
export * from './terraform.js';
