// Copying the named fields of an object: for mappers between shapes that share
// most of their fields (a form, a draft, a table row), so only the fields that
// change on the way are spelled out.

/** The named fields of `from`, as a new object. */
export function pickFields<T, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, from[k]])) as Pick<T, K>;
}
