// Faults and latency on demand, for chaos tests and for benchmarks that model real round trips.

export interface FaultSettings {
  /** Probability (0–1) of a 429 rate_limit error. */
  rateLimitRate: number;
  /** Probability (0–1) of a 500 api_error. */
  serverErrorRate: number;
  /** Probability (0–1) that the connection is reset without a response. */
  connectionResetRate: number;
  /** Added to every API call before it is handled. */
  latencyMs: number;
}

export type Fault = 'rate_limit' | 'server_error' | 'connection_reset' | null;

export function noFaults(): FaultSettings {
  return { rateLimitRate: 0, serverErrorRate: 0, connectionResetRate: 0, latencyMs: 0 };
}

export function pickFault(settings: FaultSettings): Fault {
  if (Math.random() < settings.connectionResetRate) return 'connection_reset';
  if (Math.random() < settings.rateLimitRate) return 'rate_limit';
  if (Math.random() < settings.serverErrorRate) return 'server_error';
  return null;
}
