import { z } from 'zod';

/** How large a free-form value (a mediasoup parameter object a client sends) may be. */
export type ValueBounds = {
  /** Deepest nesting of objects and arrays; the value itself is depth 1. */
  maxDepth: number;
  /** Most objects, arrays and primitives in the whole value. */
  maxNodes: number;
};

/**
 * Bounds of the mediasoup parameter objects. A browser's RTP capabilities are about five levels
 * deep and a few hundred values; these leave room for more codecs and extensions, while
 * deeply nested junk (which overflows the stack of the media server's deep copy) is refused.
 */
export const MEDIA_PARAMETER_BOUNDS: ValueBounds = { maxDepth: 8, maxNodes: 4096 };

/**
 * Why `value` exceeds `bounds`, or undefined when it fits. Walks iteratively (an explicit
 * stack, stopping at the first excess), so however deep the input it cannot overflow the stack.
 */
export function exceedsBounds(value: unknown, bounds: ValueBounds): string | undefined {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  let nodes = 0;
  while (pending.length > 0) {
    const next = pending.pop()!;
    nodes += 1;
    if (nodes > bounds.maxNodes) return `more than ${bounds.maxNodes} values`;
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.depth > bounds.maxDepth) return `nested deeper than ${bounds.maxDepth} levels`;
    const children = Array.isArray(next.value) ? next.value : Object.values(next.value);
    if (nodes + pending.length + children.length > bounds.maxNodes) return `more than ${bounds.maxNodes} values`;
    for (const child of children) pending.push({ value: child, depth: next.depth + 1 });
  }
  return undefined;
}

/**
 * `schema`, refusing (before it parses) any value deeper or larger than `bounds`: for the
 * loose, free-form objects of the wire (mediasoup parameters), whose unknown fields pass
 * through to the media server untouched.
 */
export function bounded<T extends z.ZodType>(schema: T, bounds: ValueBounds = MEDIA_PARAMETER_BOUNDS) {
  return z
    .unknown()
    .superRefine((value, ctx) => {
      const problem = exceedsBounds(value, bounds);
      if (problem) ctx.addIssue({ code: 'custom', message: `value too large: ${problem}`, abort: true });
    })
    .pipe(schema);
}
