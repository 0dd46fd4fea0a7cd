import * as assert from 'assert';
import { complete } from '../../src/core/language/complete';
import { hover } from '../../src/core/language/hover';
import { templateDiagnostics } from '../../src/core/language/templates';
import { catalogOf, cursor } from './languageKit';

const TEMPLATE = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: service
spec:
  type: service
  parameters:
    - title: Basics
      properties:
        name:
          type: string
        owner:
          type: string
    - title: Repository
      properties:
        repoUrl:
          type: string
  steps:
    - id: fetch
      action: fetch:template
      input:
        url: ./skeleton
        values:
          name: \${{ parameters.name }}
    - id: publish
      action: publish:github
      input:
        repoUrl: \${{ parameters.repoUrl }}
    - id: register
      action: catalog:register
      input:
        repoContentsUrl: \${{ steps.publish.output.repoContentsUrl }}
  output:
    links:
      - entityRef: \${{ steps['register'].output.entityRef }}
`;

/** The template with `find` replaced by `replace` (which holds the `|` marker). */
function at(find: string, replace: string) {
  assert.ok(TEMPLATE.includes(find), find);
  return cursor('/ws/template.yaml', TEMPLATE.replace(find, replace));
}

describe('language: Software Templates', () => {
  const host = catalogOf({});
  const labels = (c: { doc: Parameters<typeof complete>[0]; pos: Parameters<typeof complete>[1] }) => complete(c.doc, c.pos, host)?.items.map(i => i.label) ?? [];

  it('completes action ids in steps[].action, built-ins first', () => {
    const items = labels(at('action: catalog:register', 'action: cat|'));
    assert.deepStrictEqual(items.slice(0, 3), ['fetch:template', 'fetch:template:file', 'fetch:plain']);
    assert.ok(items.includes('catalog:register') && items.includes('publish:github'));
  });

  it('completes the input keys of the step\'s action, required first, without those written', () => {
    const items = labels(at('        url: ./skeleton\n', '        url: ./skeleton\n        |\n'));
    assert.ok(!items.includes('url'));
    assert.deepStrictEqual(items.slice(0, 3), ['targetPath', 'copyWithoutTemplating', 'copyWithoutRender'], '`values` is already written');
    const fsRename = labels(cursor('/ws/t.yaml', TEMPLATE.replace('action: catalog:register\n      input:\n        repoContentsUrl: ${{ steps.publish.output.repoContentsUrl }}', 'action: fs:readdir\n      input:\n        |')));
    assert.deepStrictEqual(fsRename, ['paths', 'recursive']);
  });

  it('completes parameters, step ids and step outputs inside ${{ }}', () => {
    assert.deepStrictEqual(labels(at('${{ parameters.name }}', '${{ parameters.| }}')), ['name', 'owner', 'repoUrl']);
    assert.deepStrictEqual(labels(at('${{ parameters.repoUrl }}', '${{ steps.| }}')), ['fetch', 'publish', 'register']);
    assert.deepStrictEqual(labels(at('${{ steps.publish.output.repoContentsUrl }}', '${{ steps.publish.output.r| }}')), ['remoteUrl', 'repoContentsUrl', 'commitHash']);
    assert.ok(labels(at('${{ parameters.name }}', '${{ | }}')).includes('parameters'));
  });

  it('hovers an action id and an input key with what they do', () => {
    const action = at('action: fetch:template', 'action: fetch:temp|late');
    assert.match(hover(action.doc, action.pos, host)?.markdown ?? '', /^\*\*fetch:template\*\*\n\nFetches a skeleton folder/);
    const input = at('        url: ./skeleton', '        u|rl: ./skeleton');
    assert.match(hover(input.doc, input.pos, host)?.markdown ?? '', /^\*\*url\*\* \(fetch:template, required\)/);
  });

  it('reports nothing for a correct template', () => {
    assert.deepStrictEqual(templateDiagnostics({ file: '/ws/t.yaml', text: TEMPLATE }), []);
  });

  it('reports unknown and missing inputs of built-in actions as errors (the scaffolder rejects them)', () => {
    const text = TEMPLATE.replace('        url: ./skeleton\n', '        targetPath: ./out\n        copyWithoutRendering: [x]\n');
    const found = templateDiagnostics({ file: '/ws/t.yaml', text }).map(d => `${d.range.start.line} ${d.severity} ${d.code}`);
    assert.deepStrictEqual(found, ['20 error template-missing-input', '22 error template-unknown-input']);
  });

  it('reports expressions naming parameters or steps that do not exist, or steps that run later', () => {
    const text = TEMPLATE.replace('${{ parameters.name }}', '${{ parameters.nmae }}')
      .replace('${{ parameters.repoUrl }}', '${{ steps.register.output.entityRef }}')
      .replace("${{ steps['register'].output.entityRef }}", "${{ steps['regster'].output.entityRef }}");
    const found = templateDiagnostics({ file: '/ws/t.yaml', text }).map(d => `${d.code}: ${d.message}`);
    assert.deepStrictEqual(found, [
      'template-unknown-parameter: The form has no parameter "nmae": this renders as undefined',
      'template-step-order: Step "register" has not run yet here: its output is undefined',
      'template-unknown-step: No step has id "regster" (steps: fetch, publish, register)',
    ]);
    const output = templateDiagnostics({ file: '/ws/t.yaml', text: TEMPLATE.replace('output.entityRef }}', 'output.entityRf }}') });
    assert.deepStrictEqual(output.map(d => d.message), ['catalog:register has no output "entityRf" (outputs: entityRef, catalogInfoUrl)']);
  });
});
