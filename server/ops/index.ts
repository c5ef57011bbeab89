// Operations: configuration, credentials, HTTP (health, metrics, headers), abuse limits, logging, Redis connections.
export * from './attempts';
export * from './config';
export * from './credentials';
export * from './http';
export * from './limits';
export * from './logger';
export * from './metrics';
export * from './redis';
