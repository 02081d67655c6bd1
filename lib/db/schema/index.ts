// The single drizzle schema: every table the app owns.
export * from './auth';
export * from './organisations';
export * from './billing';
export * from './usage';
