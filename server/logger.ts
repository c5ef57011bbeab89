import pino from 'pino';
import type { Logger } from './handlers/context';

export function createLogger(level = process.env.LOG_LEVEL || 'info'): Logger {
  return pino({ level, base: { service: 'parley' } });
}
