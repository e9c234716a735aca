// Opaque cursors for `{items, nextCursor}` lists: the sort key of the last item, as
// base64url JSON. A cursor not made by this API is a 400 naming the parameter.
import { invalid } from '../errors.ts';

export const encodeCursor = (key: readonly unknown[]): string => Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor<Key extends unknown[]>(cursor: string, isKey: (value: unknown[]) => value is Key): Key {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && isKey(value)) return value;
  } catch {
    // not JSON: refused below
  }
  throw invalid('querystring/cursor', 'is not a cursor returned by this API');
}
