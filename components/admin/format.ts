// Dates in the admin console: always UTC (admins in different time zones read the same numbers),
// labelled as such where it matters.
const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC', hourCycle: 'h23' });
const dateOnly = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
const timeOnly = new Intl.DateTimeFormat('en-US', { timeStyle: 'short', timeZone: 'UTC', hourCycle: 'h23' });

export function formatDateTime(date: Date): string {
  return `${dateTime.format(date)} UTC`;
}

/** "14:05 UTC": the time of day, for tables that show the date on a line of its own. */
export function formatTime(date: Date): string {
  return `${timeOnly.format(date)} UTC`;
}

export function formatDate(date: Date): string {
  return dateOnly.format(date);
}

/** "requested_by_customer" → "Requested by customer". */
export function humanize(value: string): string {
  const text = value.replace(/[_.]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
