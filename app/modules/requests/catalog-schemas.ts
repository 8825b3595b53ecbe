/** Moved to ./catalog/schemas.ts; this re-export keeps other areas' imports working until the lead updates them after the merge. */
export * from './catalog/schemas';
