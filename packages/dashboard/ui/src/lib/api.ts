import type { ErrorBody, RunPage, RunQuery, RunSnapshot, TraceEvent } from '@baton/runtime';
import type { ApiError, WorkflowInfo } from '../../../src/protocol.js';
import { ACCESS_TOKEN, API_BASE } from './env.js';

/** A failed REST call: the HTTP status and the server's error body. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
    this.name = 'ApiRequestError';
  }
}

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  // `x-baton-client` tells the REST API who asks: a cancel from here is recorded as "cancelled from the dashboard".
  const headers: Record<string, string> = { accept: 'application/json', 'x-baton-client': 'dashboard' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (ACCESS_TOKEN) headers.authorization = `Bearer ${ACCESS_TOKEN}`;
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new ApiRequestError(0, {
      name: 'NetworkError',
      message: `The server could not be reached (${(error as Error).message}).`,
    });
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const error = (parsed as Partial<ApiError> | undefined)?.error;
    throw new ApiRequestError(
      response.status,
      error ?? { name: `HTTP ${response.status}`, message: text.slice(0, 300) || response.statusText },
    );
  }
  return parsed as T;
}

const enc = encodeURIComponent;

/** The REST API of the dashboard (`<path>/api`). */
export const api = {
  workflows: () => request<WorkflowInfo[]>('GET', '/workflows'),
  runs(query: RunQuery): Promise<RunPage> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query))
      if (value !== undefined && value !== '') params.set(key, String(value));
    return request<RunPage>('GET', `/runs?${params}`);
  },
  run: (runId: string) => request<RunSnapshot>('GET', `/runs/${enc(runId)}`),
  events: (runId: string, afterSeq = 0) =>
    request<TraceEvent[]>('GET', `/runs/${enc(runId)}/events?afterSeq=${afterSeq}`),
  start: (workflow: string, input: unknown) =>
    request<{ runId: string }>('POST', `/workflows/${enc(workflow)}/runs`, input),
  cancel: (runId: string) => request<{ cancelled: boolean }>('POST', `/runs/${enc(runId)}/cancel`),
  signal: (runId: string, signal: string, payload: unknown) =>
    request<{ runId: string }>('POST', `/runs/${enc(runId)}/signals/${enc(signal)}`, payload ?? {}),
  rerun: (runId: string, fromStep?: string) =>
    request<{ runId: string }>('POST', `/runs/${enc(runId)}/rerun`, fromStep === undefined ? {} : { fromStep }),
};
