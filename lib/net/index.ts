export { HostScheduler, hostOf } from './host-scheduler';
export type { HostLimits, HostSchedulerOptions, HostSnapshot } from './host-scheduler';
export { parseRetryAfter } from './retry-after';
export { backoffDelay, BACKOFF_BASE_MS, BACKOFF_CAP_MS, BACKOFF_JITTER } from './backoff';
export { fetchPage, MAX_RETRY_AFTER_MS } from './fetch-page';
export type { AttemptInfo, FetchPageOptions, RawPage } from './fetch-page';
export { abortable, sleep } from './abortable';
export { readBody } from './read-body';
