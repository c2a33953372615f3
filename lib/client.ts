import type { Payload, Request, RequestOf, RequestType, Response } from './contract';
import { AppError } from './errors';

/** How a page reaches the worker; `browser.runtime.sendMessage` in the extension, a fake in tests. */
export type Transport = (request: Request) => Promise<unknown>;

/**
 * Typed calls over the message contract. Failures become an AppError carrying the worker's
 * code and sentence, so pages show exactly what the worker said.
 */
export function createClient(transport: Transport) {
  return async function call<T extends RequestType>(request: RequestOf<T>): Promise<Payload<T>> {
    const answer = (await transport(request)) as Response<T> | undefined;
    if (!answer || typeof answer !== 'object') {
      throw new AppError('internal', `The background worker gave no answer to ${request.type}.`);
    }
    if (!answer.ok) throw new AppError(answer.error.code, answer.error.message);
    const payload: Payload<T> & { ok?: true } = answer;
    delete payload.ok;
    return payload;
  };
}

export type Client = ReturnType<typeof createClient>;
