import { canonicalJson } from '../../../services/receipts/canonical-json';

describe('canonicalJson', () => {
  test('when an object has keys in any order at any depth, then they are sorted and nothing is spaced', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'ż' } })).toBe('{"a":{"c":"ż","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  test('when two objects differ only in key order, then their canonical forms are equal', () => {
    expect(canonicalJson({ x: 1, y: [1, 2] })).toBe(canonicalJson({ y: [1, 2], x: 1 }));
  });

  test('when an array changes order, then the canonical form changes (order in lists is meaning)', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  test('when strings hold quotes, backslashes, control and bidi characters, then they are escaped as JSON.stringify does', () => {
    const s = 'a"b\\c\n\u0001\u202e';
    expect(canonicalJson({ s })).toBe(`{"s":${JSON.stringify(s)}}`);
  });

  test('when a value has no JSON form, then it is refused; an undefined property is left out as JSON leaves it', () => {
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });
});
