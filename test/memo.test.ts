import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { remembered } from '../server/src/engine/memo';

test('remembered: reads each key once, keys by keyOf, and empties its store at the limit', () => {
  const reads: string[] = [];
  const upper = remembered((s: string) => { reads.push(s); return s.toUpperCase(); }, String, 3);
  assert.equal(upper('a'), 'A');
  assert.equal(upper('a'), 'A');
  upper('b'); upper('c');
  assert.deepEqual(reads, ['a', 'b', 'c']);
  upper('d'); // the store was full: it starts again
  upper('a');
  assert.deepEqual(reads, ['a', 'b', 'c', 'd', 'a']);
  const byName = remembered((o: { name: string; n: number }) => o.n, o => o.name);
  assert.equal(byName({ name: 'x', n: 1 }), 1);
  assert.equal(byName({ name: 'x', n: 2 }), 1, 'the same key gives the first reading');
  const nulls = remembered((_s: string) => { reads.push('null'); return null; });
  nulls('k'); nulls('k');
  assert.equal(reads.filter(r => r === 'null').length, 1, 'a null reading is remembered too');
});
