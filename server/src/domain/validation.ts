import { ErrorCode, type Issue } from '@ca/signaling';
import { AppError } from '../errors.js';

/** One reason an input was refused: where (a dotted path) and what (`code`). Values are never echoed. */
export type { Issue } from '@ca/signaling';

/** The typed error every domain validator throws: BAD_REQUEST, with the issues as details. */
export function invalid(message: string, issues: readonly Issue[]): AppError {
  return new AppError(ErrorCode.BadRequest, message, issues);
}

/** Throws `invalid(message, issues)` when there is at least one issue. */
export function throwIfIssues(message: string, issues: readonly Issue[]): void {
  if (issues.length > 0) throw invalid(message, issues);
}

/** True when `value` is an integer in [min, max]. */
export function isIntegerBetween(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}
