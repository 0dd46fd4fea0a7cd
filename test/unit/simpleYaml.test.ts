import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { parseSimpleYaml } from '../../src/core/parse/simpleYaml';

/** What the catalog's own parser makes of a text, or 'error'. */
function reference(text: string): unknown[] | 'error' {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [];
  if (list.some(d => d.errors.length > 0)) return 'error';
  try {
    return list.map(d => d.toJSON());
  } catch {
    return 'error';
  }
}

/** The property that makes the simple reader safe: when it answers, it answers as `yaml` does. */
function assertAgrees(text: string): 'accepted' | 'refused' {
  const got = parseSimpleYaml(text);
  if (got === undefined) return 'refused';
  const expected = reference(text);
  assert.notStrictEqual(expected, 'error', `accepted text the yaml package refuses: ${JSON.stringify(text)}`);
  assert.deepStrictEqual(got, expected, JSON.stringify(text));
  return 'accepted';
}

const ACCEPTED = [
  'a: 1\nb: two\nc: true\nd: ~\ne:\nf: 0x1f\ng: -.5e3\nh: "x"\ni: \'y\'\n',
  'list:\n  - a\n  - b: 1\n    c: 2\n  -\n    d: 3\n  - [x, "y, z", \'w\']\n',
  'compact:\n- a\n- b\nnext: 1\n',
  'text: |\n  line one\n    indented\n\n  after blank\nnext: 1\n',
  'strip: |-\n  a\n\n\nkeep: |+\n  b\n\n\nclip: >\n  folded\n  lines\n\n  para\nlast: >-\n  x\n',
  'description: a long plain\n  value over lines\n\n  and a paragraph\nnext: 1\n',
  'quoted: "tab\\tnewline\\n\\u00e9 \\"q\\""\nsingle: \'it\'\'s\'\n',
  'k: v # comment\n# full comment\n  # indented comment\nurl: https://x.io/a#frag\ncolon: a:b\n',
  '---\na: 1\n---\n---\nb: 2\n...'.replace('...', ''),
  'a: 1\r\nb:\r\n  - x\r\n',
  '\ufeffa: 1\n',
  'empty_flow: []\nempty_map: {}\n"quoted key": 1\n\'single key\': 2\n<<: merge-is-plain\n',
  '- a\n- b: [1]\n',
  'spec:\n  steps:\n    - id: fetch\n      name: Fetch\n      action: fetch:template\n      input:\n        url: ./skeleton\n        values:\n          name: ${{ parameters.name }}\n',
];

const REFUSED = [
  'a: &x 1\nb: *x\n', 'a: !!str 1\n', '%YAML 1.2\n---\na: 1\n', 'a:\n\tb: 1\n', 'a: {b: 1}\n', 'a: [b, [c]]\n',
  'a: "multi\n  line"\n', '? complex\n: key\n', 'a: |2\n  x\n', 'a: 1\na: 2\n', 'just a scalar\n',
];

describe('parse: the simple reader agrees with the yaml package', () => {
  it('accepts the plain subset and reads it exactly as yaml does', () => {
    for (const text of ACCEPTED) assert.strictEqual(assertAgrees(text), 'accepted', JSON.stringify(text));
  });

  it('refuses what lies outside the subset', () => {
    for (const text of REFUSED) assert.strictEqual(parseSimpleYaml(text), undefined, JSON.stringify(text));
  });

  it('reads every catalog file of the example catalog', () => {
    const root = path.resolve(__dirname, '../../examples/acme');
    const files: string[] = [];
    const walk = (dir: string) => fs.readdirSync(dir, { withFileTypes: true }).forEach(e => (e.isDirectory() ? walk(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) && files.push(path.join(dir, e.name))));
    walk(root);
    assert.ok(files.length > 15);
    for (const file of files) assert.strictEqual(assertAgrees(fs.readFileSync(file, 'utf8')), 'accepted', file);
  });

  it('never disagrees on thousands of mutated files', () => {
    let state = 7;
    const random = (n: number) => ((state = (state * 1103515245 + 12345) & 0x7fffffff), state % n);
    const pieces = [' ', '-', '- ', ':', ': ', '#', ' #', '"', "'", '|', '>', '|-', '>+', '[', ']', '{', ',', '\n', '\n  ', '---\n', '&a', '*a', '!', '?', '\\', 'true', '~', '\r\n', '  \n', 'a: b\n', "'it''s'", 'K'];
    let accepted = 0;
    for (let t = 0; t < 4000; t++) {
      const lines = ACCEPTED[random(ACCEPTED.length)].split('\n');
      for (let k = 0; k <= random(3); k++) {
        const i = random(lines.length);
        const at = random(lines[i].length + 1);
        const op = random(4);
        if (op === 0) lines[i] = lines[i].slice(0, at) + pieces[random(pieces.length)] + lines[i].slice(at);
        else if (op === 1) lines[i] = lines[i].slice(0, at) + lines[i].slice(at + 1 + random(2));
        else if (op === 2) lines[i] = ' '.repeat(1 + random(3)) + lines[i];
        else lines.splice(i, 1);
      }
      if (assertAgrees(lines.join('\n')) === 'accepted') accepted++;
    }
    assert.ok(accepted > 500, `only ${accepted} mutations were read by the simple reader`);
  });
});
