/**
 * The comparison pipeline: what the released Backstage libraries do with a folder of catalog files.
 * For every file: js-yaml loadAll, then per document the default entity policies and the kind
 * validators, tried in turn until one accepts the entity (as the catalog's processors do).
 *
 *   npx tsx bench/reference.ts bench/.data/10000     # prints { entities, files, ms, entitiesPerSec, peakRssMb, ... }
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import * as jsYaml from 'js-yaml';
import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  KindValidator,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';

export interface ReferenceResult {
  entities: number;
  files: number;
  /** Entities the default catalog would reject (0 for a generated catalog). */
  rejected: number;
  /** Wall time of listing, reading, parsing and validating, without process start and module loading. */
  ms: number;
  entitiesPerSec: number;
  /** Peak resident set size of this process. */
  peakRssMb: number;
  /** The first few rejection messages, to tell a broken catalog from a slow one. */
  sampleErrors: string[];
}

const policy = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
]);

/** Kind validators in the order of the catalog's built-in processor, then the scaffolder's. */
const validators: KindValidator[] = [
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  templateEntityV1beta3Validator,
];

/** Every .yaml/.yml file under `dir`, sorted. */
export function listYamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listYamlFiles(full));
    else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/** Validates one document; returns an error message or undefined when the catalog accepts it. */
async function checkDocument(document: unknown): Promise<string | undefined> {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return 'Expected object at root';
  try {
    const entity = (await policy.enforce(document as Entity)) ?? (document as Entity);
    for (const validator of validators) if (await validator.check(entity)) return undefined;
    return `No processor recognized the entity ${entity.kind}:${entity.metadata.name}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Runs the reference pipeline over every YAML file under `dir`. */
export async function runReference(dir: string): Promise<ReferenceResult> {
  const started = performance.now();
  const files = listYamlFiles(dir);
  let entities = 0;
  const errors: string[] = [];
  for (const file of files) {
    for (const document of jsYaml.loadAll(fs.readFileSync(file, 'utf8'))) {
      if (document === null || document === undefined) continue;
      entities++;
      const error = await checkDocument(document);
      if (error !== undefined) errors.push(`${file}: ${error}`);
    }
  }
  const ms = performance.now() - started;
  return {
    entities,
    files: files.length,
    rejected: errors.length,
    ms: Math.round(ms),
    entitiesPerSec: Math.round((entities / ms) * 1000),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    sampleErrors: errors.slice(0, 5),
  };
}

async function main(argv: string[]): Promise<void> {
  if (argv.length !== 1) {
    process.stderr.write('usage: tsx bench/reference.ts <folder>\n');
    process.exitCode = 2;
    return;
  }
  process.stdout.write(JSON.stringify(await runReference(argv[0])) + '\n');
}

if (require.main === module) void main(process.argv.slice(2));
