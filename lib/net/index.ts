export { HostScheduler, hostOf } from './host-scheduler';
export type { HostLimits, HostSchedulerOptions } from './host-scheduler';
export { parseRetryAfter } from './retry-after';
export { backoffDelay, PAGE_RETRY, RECONNECT, type Backoff } from './backoff';
export { fetchPage, MAX_RETRY_AFTER_MS } from './fetch-page';
export type { AttemptInfo, FetchPageOptions, RawPage } from './fetch-page';
export { abortable, sleep } from './abortable';
export { readBody } from './read-body';
