/**
 * The canonical JSON of a value, as receipts are signed: object keys sorted (by UTF-16 code
 * units, JavaScript's default order) at every depth, no whitespace, strings and numbers written
 * as JSON.stringify writes them. Anyone can rebuild it from a receipt in any language.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as Record<string, unknown>)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  const text = JSON.stringify(value);
  // undefined, functions and symbols have no JSON form: a receipt never holds them.
  if (text === undefined) throw new TypeError('canonicalJson: value has no JSON form');
  return text;
}
