import type { TFunction } from 'i18next';
import type { Problem } from '../../media/problems';

/** One plain sentence for a problem, in the page's language. */
export function problemText(t: TFunction, problem: Problem): string {
  return t(`reasons.${problem.code}`);
}
