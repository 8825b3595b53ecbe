import pino from 'pino';
import { getEnv } from './env.server';

/** Structured JSON logs. Never log personal data: no e-mail, names, IPs, bodies or query strings. */
let instance: pino.Logger | undefined;
export function logger(): pino.Logger {
  instance ??= pino({ level: getEnv().LOG_LEVEL, base: { app: 'townsquare' } });
  return instance;
}
