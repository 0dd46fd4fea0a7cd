import { Diagnostic } from '../core/diagnostics';
import { EntityRecordLite } from '../core/index/crossFile';
import { FileOutcome } from '../core/validate/validateCatalog';
import { ParsedEntity } from '../core/validate/types';

// What worker threads send back, as compact as JSON allows: one string per
// batch, no repeated file names or keys (100k records cross threads per run).

type OutgoingTuple = [path: (string | number)[], targetRef: string, relation: string, written: string];
type RecordTuple = [ref: string, documentIndex: number, name: string, kind: string, outgoing: OutgoingTuple[]];
type OutcomeTuple = [file: string, diagnostics: Diagnostic[], records: RecordTuple[], locations: ParsedEntity[]];

/** Serialises a batch of outcomes for the trip from a worker thread. */
export function encodeOutcomes(outcomes: FileOutcome[]): string {
  const tuples: OutcomeTuple[] = outcomes.map(o => [
    o.file,
    o.diagnostics,
    o.records.map(r => [r.ref, r.documentIndex, r.name, r.kind, r.outgoing.map(g => [g.path, g.targetRef, g.relation, g.written])]),
    o.locations,
  ]);
  return JSON.stringify(tuples);
}

/** The inverse of encodeOutcomes. */
export function decodeOutcomes(json: string): FileOutcome[] {
  const tuples = JSON.parse(json) as OutcomeTuple[];
  return tuples.map(([file, diagnostics, records, locations]) => ({
    file,
    diagnostics,
    locations,
    records: records.map(([ref, documentIndex, name, kind, outgoing]): EntityRecordLite => ({
      ref,
      file,
      documentIndex,
      name,
      kind,
      outgoing: outgoing.map(([path, targetRef, relation, written]) => ({ path, targetRef, relation, written })),
    })),
  }));
}
