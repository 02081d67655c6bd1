// What list pages accept in their URLs: calendar days (filters, revenue ranges) and page cursors.
// Both are checked here, at the boundary, against what the database and JavaScript dates can both
// hold: a hand-edited "year 275760" or "9999-12-31" is a message or the first page, never a 500.
import { z } from 'zod';

/** The dates Paydesk can hold: four-digit years, from the Unix epoch on. */
const earliest = Date.UTC(1970, 0, 1);
const latest = Date.UTC(3000, 0, 1) - 1;

function inRange(at: Date): boolean {
  const time = at.getTime();
  return !Number.isNaN(time) && time >= earliest && time <= latest;
}

/** A calendar day in the URL ("2026-01-31"), a real one, between 1970 and 2999. */
export const isoDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-01-31.')
  .refine((value) => {
    const at = new Date(`${value}T00:00:00Z`);
    return inRange(at) && at.toISOString().startsWith(value);
  }, 'Not a real date.');

export interface PageCursor {
  /** The `created` of the last row shown. */
  created: Date;
  /** Its id, which breaks ties between rows created in the same instant. */
  id: string;
}

const cursorText = z
  .string()
  .max(400)
  .regex(/^[A-Za-z0-9_-]+$/)
  .transform((value) => Buffer.from(value, 'base64url').toString('utf8'))
  .pipe(z.string().regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z)\|([\w-]{1,255})$/));

export function encodePageCursor(created: Date, id: string): string {
  return Buffer.from(`${created.toISOString()}|${id}`).toString('base64url');
}

/** The cursor's position, or null for anything a list did not hand out itself. */
export function decodePageCursor(cursor: string): PageCursor | null {
  const text = cursorText.safeParse(cursor);
  if (!text.success) return null;
  const [created, id] = text.data.split('|');
  const at = new Date(created);
  return inRange(at) ? { created: at, id } : null;
}

/** A page cursor in the URL, for zod schemas at the boundary. */
export const pageCursorSchema = z.string().refine((value) => decodePageCursor(value) !== null, 'Not a page cursor.');
