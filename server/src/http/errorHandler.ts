import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ErrorCode } from '@ca/signaling';
import { AppError, httpStatusOf, isInternal, toErrorBody } from '../errors.js';
import type { Logger } from '../logger.js';

/** 404 for any /api path no route answered. */
export const apiNotFound: RequestHandler = (_req, _res, next) => {
  next(new AppError(ErrorCode.NotFound, 'no such endpoint'));
};

/**
 * The single place HTTP errors become responses: `{ error: { code, message, details? } }`
 * with the status that belongs to the code. Body-parser failures (bad JSON, too large)
 * are mapped too.
 */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    let mapped = error;
    const status = (error as { status?: unknown; type?: unknown }).status;
    const type = (error as { type?: unknown }).type;
    if (type === 'entity.too.large') mapped = new AppError(ErrorCode.PayloadTooLarge, 'request body is too large');
    else if (type === 'entity.parse.failed') mapped = new AppError(ErrorCode.BadRequest, 'request body is not valid JSON');
    else if (typeof status === 'number' && status >= 400 && status < 500 && !(error instanceof AppError)) {
      mapped = new AppError(ErrorCode.BadRequest, 'bad request');
    }
    const body = toErrorBody(mapped);
    if (isInternal(mapped)) log.error({ err: error, method: req.method, path: req.path }, 'request failed');
    res.status(httpStatusOf(body.code)).json({ error: body });
  };
}
