// Logging an unexpected error: an id the person who hit it can quote, and a summary an operator can
// act on, never the SQL text and parameters (customer ids, emails) a failed query carries.

/** Logs the error under a fresh id and returns the id, for a generic message that quotes it. */
export function logError(scope: string, doing: string, error: unknown): string {
  const id = crypto.randomUUID().slice(0, 8);
  console.error(`[${scope}] ${doing} failed (error id ${id}): ${errorSummary(error)}`);
  return id;
}

/**
 * A failed query (drizzle's DrizzleQueryError) keeps the statement and its parameters on the error
 * and in its message: summarise it by the database's own answer instead.
 */
export function errorSummary(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if ('query' in error && 'params' in error) {
    const cause = error.cause as { message?: string; code?: string } | undefined;
    return `database query failed: ${cause?.message ?? 'no reason given'}${cause?.code ? ` (SQLSTATE ${cause.code})` : ''}`;
  }
  return error.stack ?? `${error.name}: ${error.message}`;
}
