// The Stripe emulator's control API (`/_emulator/…`), for tests, specs and benchmarks.

/** POSTs `body` as JSON (or GETs) `<emulator>/_emulator/<path>` and returns the parsed answer. */
export async function callEmulatorControl<T = unknown>(emulatorUrl: string, path: string, body?: unknown, method: 'GET' | 'POST' = 'POST'): Promise<T> {
  const response = await fetch(`${emulatorUrl}/_emulator/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
  });
  if (!response.ok) throw new Error(`emulator control ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
