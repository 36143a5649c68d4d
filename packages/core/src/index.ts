// The public surface of @kopsx/core. Each folder's index.ts decides what it exports.
export * from './errors.js';
export * from './model/index.js';
export * from './state/index.js';
export * from './provider/index.js';
export * from './graph/index.js';
export * from './engine/index.js';
export * from './pki/index.js';
export * from './ops/index.js';
export * from './bootstrap/index.js';
