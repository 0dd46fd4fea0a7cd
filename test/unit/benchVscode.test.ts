// The VS Code bench's reading of what the page drew: when the first tree level was drawn complete
// after the index was ready.
import { strict as assert } from 'node:assert';
import { drawnAfterReady } from '../../bench/vscode/run';

describe('bench: the first tree level as the page drew it', () => {
  const final = ['Components|5000', 'APIs|1500'];
  const partial = ['Components|1100', 'APIs|330'];

  it('counts from ready to the first drawing of the complete rows', () => {
    const drawn = [
      { at: 900, rows: partial },
      { at: 1080, rows: ['Components|5000', 'APIs|330'] },
      { at: 1120, rows: final },
      { at: 1300, rows: partial },
    ];
    assert.equal(drawnAfterReady(drawn, 1000, final), 120);
  });

  it('is 0 when the rows drawn last before ready were already complete', () => {
    assert.equal(drawnAfterReady([{ at: 900, rows: partial }, { at: 950, rows: final }], 1000, final), 0);
  });

  it('does not take complete rows drawn earlier and then replaced', () => {
    assert.equal(drawnAfterReady([{ at: 900, rows: final }, { at: 950, rows: partial }, { at: 1200, rows: final }], 1000, final), 200);
  });

  it('is undefined when the complete rows never came, or came in another order', () => {
    assert.equal(drawnAfterReady([{ at: 1100, rows: partial }], 1000, final), undefined);
    assert.equal(drawnAfterReady([{ at: 1100, rows: [...final].reverse() }], 1000, final), undefined);
    assert.equal(drawnAfterReady([], 1000, final), undefined);
  });
});
