export * from './protocol/limits';
