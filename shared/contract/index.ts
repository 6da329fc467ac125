export * from './bridge.js';
export * from './channels.js';
export * from './define.js';
export * from './types.js';
export * from './wire.js';
export * from './refusal-envelope.js';
