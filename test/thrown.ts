/** What `f` threw, to assert on its fields; fails the test when it throws nothing. */
export function thrown(f: () => unknown): Record<string, unknown> {
  try {
    f();
  } catch (e) {
    return e as Record<string, unknown>;
  }
  throw new Error('nothing was thrown');
}

/** What the promise (or the call's promise) rejected with; fails the test when it resolves. */
export async function rejection(p: Promise<unknown> | (() => unknown)): Promise<Record<string, unknown>> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return e as Record<string, unknown>;
  }
  throw new Error('nothing was thrown');
}
