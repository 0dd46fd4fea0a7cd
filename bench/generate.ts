/**
 * Generates a realistic, valid Backstage catalog of N entities (10 per multi-document YAML file)
 * whose every ref resolves. Deterministic for a given seed.
 *
 *   npx tsx bench/generate.ts 10000 out/        # writes out/part-000/entities-00000.yaml, ...
 */
import * as fs from 'fs';
import * as path from 'path';
import { Entity } from '../src/core/model/entity';
import { toYamlDocuments } from './yamlText';
import { DOMAIN_WORDS, FIRST_NAMES, LAST_NAMES, NOUNS, QUALIFIERS, SENTENCES, TAGS, TEAM_WORDS } from './words';

export type GeneratedKind = 'Component' | 'API' | 'Resource' | 'System' | 'Domain' | 'Group' | 'User';

/** Share of each kind in a generated catalog. */
export const KIND_MIX: Readonly<Record<GeneratedKind, number>> = {
  Component: 0.5, API: 0.15, Resource: 0.1, System: 0.05, Domain: 0.02, Group: 0.08, User: 0.1,
};

export interface GenerateOptions {
  /** Number of entities (at least 10). */
  count: number;
  /** PRNG seed; the same seed gives the same catalog. */
  seed?: number;
  /** Entities per file (default 10). */
  perFile?: number;
}

export interface GeneratedFile {
  /** Path relative to the output folder, '/'-separated. */
  path: string;
  entities: Entity[];
}

export interface GeneratedCatalog {
  files: GeneratedFile[];
  counts: Record<GeneratedKind, number>;
}

/** Mulberry32: a small, fast, seedable PRNG. */
export function makeRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return new Random(next);
}

/** Helpers over a uniform [0, 1) source. */
export class Random {
  constructor(readonly next: () => number) {}
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Up to `n` distinct items (fewer when the list is shorter). */
  some<T>(items: readonly T[], n: number): T[] {
    const out = new Set<T>();
    for (let tries = 0; out.size < Math.min(n, items.length) && tries < n * 4; tries++) out.add(this.pick(items));
    return [...out];
  }
}

/** How many entities of each kind a catalog of `count` entities gets (Components take the remainder). */
export function kindCounts(count: number): Record<GeneratedKind, number> {
  const counts = {} as Record<GeneratedKind, number>;
  let rest = count;
  for (const kind of Object.keys(KIND_MIX) as GeneratedKind[]) {
    if (kind === 'Component') continue;
    counts[kind] = Math.max(1, Math.floor(count * KIND_MIX[kind]));
    rest -= counts[kind];
  }
  counts.Component = rest;
  return counts;
}

/** The names of everything, decided before any entity is built so refs always resolve. */
interface Plan {
  domains: string[];
  root: string;
  areas: string[];
  teams: string[];
  users: string[];
  systems: string[];
  components: { name: string; type: string }[];
  apis: string[];
  resources: { name: string; type: string }[];
}

const COMPONENT_TYPES = ['service', 'service', 'service', 'website', 'library'];
const RESOURCE_TYPES: [string, string][] = [
  ['database', 'db'], ['s3-bucket', 'bucket'], ['kafka-topic', 'topic'], ['cache', 'cache'], ['cluster', 'cluster'],
];

/** Picks all names for the given counts. */
function makePlan(counts: Record<GeneratedKind, number>, random: Random): Plan {
  const groupCount = counts.Group;
  const areaCount = groupCount < 3 ? 0 : Math.max(1, Math.floor(Math.sqrt(groupCount - 1)));
  const teamCount = Math.max(0, groupCount - 1 - areaCount);
  const componentTypes = Array.from({ length: counts.Component }, () => random.pick(COMPONENT_TYPES));
  const resourceTypes = Array.from({ length: counts.Resource }, () => random.pick(RESOURCE_TYPES));
  const suffix = { service: 'service', website: 'web', library: 'lib' } as Record<string, string>;
  return {
    domains: names(counts.Domain, (i) => `${DOMAIN_WORDS[i % DOMAIN_WORDS.length]}-${i}`),
    root: 'acme',
    areas: names(areaCount, (i) => `area-${random.pick(DOMAIN_WORDS)}-${i}`),
    teams: names(teamCount, (i) => `team-${random.pick(TEAM_WORDS)}-${i}`),
    users: names(counts.User, (i) => `${random.pick(FIRST_NAMES)}.${random.pick(LAST_NAMES)}${i}`),
    systems: names(counts.System, (i) => `${random.pick(NOUNS)}-platform-${i}`),
    components: componentTypes.map((type, i) => ({ name: `${serviceWords(random)}-${suffix[type]}-${i}`, type })),
    apis: names(counts.API, (i) => `${serviceWords(random)}-api-${i}`),
    resources: resourceTypes.map(([type, short], i) => ({ name: `${random.pick(NOUNS)}-${short}-${i}`, type })),
  };
}

function names(n: number, make: (i: number) => string): string[] {
  return Array.from({ length: n }, (_, i) => make(i));
}

function serviceWords(random: Random): string {
  return `${random.pick(NOUNS)}-${random.pick(QUALIFIERS)}`;
}

/** Free text of one to three sentences about a noun. */
function description(random: Random, noun: string): string {
  const count = 1 + random.int(3);
  return random.some(SENTENCES, count).map((s) => s.replace('{noun}', noun)).join(' ');
}

function metadata(random: Random, name: string, extra: Partial<Entity['metadata']> = {}): Entity['metadata'] {
  const noun = name.split(/[-.]/)[0];
  return {
    name,
    title: name.split(/[-.]/).filter((w) => !/^\d+$/.test(w)).map(capitalise).join(' '),
    description: description(random, noun),
    ...extra,
  };
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function entity(kind: string, meta: Entity['metadata'], spec: Record<string, unknown>): Entity {
  return { apiVersion: 'backstage.io/v1alpha1', kind, metadata: meta, spec };
}

/** Annotations, labels, tags and links the way real service descriptors carry them. */
function serviceDecorations(random: Random, name: string, type: string): Partial<Entity['metadata']> {
  const annotations: Record<string, string> = { 'github.com/project-slug': `acme/${name}` };
  if (random.chance(0.4)) annotations['backstage.io/techdocs-ref'] = 'dir:.';
  if (type === 'service' && random.chance(0.5)) annotations['backstage.io/kubernetes-id'] = name;
  if (random.chance(0.3)) annotations['pagerduty.com/service-id'] = `P${(random.int(1e7) + 1e6).toString(36).toUpperCase()}`;
  if (random.chance(0.3)) annotations['sonarqube.org/project-key'] = `acme_${name}`;
  const labels: Record<string, string> = { 'acme.example/tier': String(1 + random.int(3)) };
  if (random.chance(0.5)) labels['acme.example/cost-center'] = `cc-${1000 + random.int(9000)}`;
  return { annotations, labels, tags: random.some(TAGS, 1 + random.int(5)), links: links(random, name) };
}

function links(random: Random, name: string): Entity['metadata']['links'] {
  const all = [
    { url: `https://grafana.acme.example/d/${name}`, title: 'Dashboard', icon: 'dashboard' },
    { url: `https://runbooks.acme.example/${name}`, title: 'Runbook', icon: 'docs' },
    { url: `https://github.com/acme/${name}/issues`, title: 'Issues', icon: 'github' },
  ];
  return all.slice(0, random.int(4));
}

/** Builds the Domain entities; about a third are subdomains of an earlier domain. */
function domains(plan: Plan, random: Random): Entity[] {
  const owners = plan.areas.length ? plan.areas : [plan.root];
  return plan.domains.map((name, i) => {
    const spec: Record<string, unknown> = { owner: `group:${random.pick(owners)}`, type: 'product-group' };
    if (i > 0 && random.chance(0.3)) spec.subdomainOf = plan.domains[random.int(i)];
    return entity('Domain', metadata(random, name, { tags: random.some(TAGS, 2) }), spec);
  });
}

/** Builds the Group tree: one business unit, product areas, teams. */
function groups(plan: Plan, random: Random): Entity[] {
  const areaOf = (t: number): string => plan.areas[t % plan.areas.length];
  const teamsOf = new Map<string, string[]>(plan.areas.map((a) => [a, []]));
  plan.teams.forEach((team, t) => teamsOf.get(areaOf(t))?.push(team));
  const group = (name: string, type: string, parent: string | undefined, children: string[]): Entity =>
    entity('Group', metadata(random, name, {
      description: `The ${name} ${type.replace('-', ' ')} at Acme.`,
      annotations: { 'github.com/team-slug': `acme/${name}` },
    }), {
      type,
      profile: { displayName: name, email: `${name}@acme.example` },
      ...(parent ? { parent } : {}),
      children,
    });
  const rootChildren = plan.areas.length ? plan.areas : plan.teams;
  return [
    group(plan.root, 'business-unit', undefined, rootChildren),
    ...plan.areas.map((area) => group(area, 'product-area', plan.root, teamsOf.get(area) ?? [])),
    ...plan.teams.map((team, t) => group(team, 'team', plan.areas.length ? areaOf(t) : plan.root, [])),
  ];
}

function allTeams(plan: Plan): string[] {
  return plan.teams.length ? plan.teams : plan.areas.length ? plan.areas : [plan.root];
}

/** Builds the Users, each a member of one or two teams. */
function users(plan: Plan, random: Random): Entity[] {
  const teams = allTeams(plan);
  return plan.users.map((name) => {
    const displayName = name.replace(/\d+$/, '').split('.').map(capitalise).join(' ');
    return entity('User', { name, title: displayName, annotations: { 'github.com/user-login': name.replace('.', '-') } }, {
      profile: { displayName, email: `${name}@acme.example`, picture: `https://avatars.acme.example/${name}.png` },
      memberOf: random.some(teams, 1 + random.int(2)),
    });
  });
}

/** Builds the Systems, each owned by a team and part of a domain. */
function systems(plan: Plan, random: Random): Entity[] {
  const teams = allTeams(plan);
  return plan.systems.map((name) =>
    entity('System', metadata(random, name, { tags: random.some(TAGS, 2) }), {
      owner: random.pick(teams),
      domain: random.pick(plan.domains),
      type: random.pick(['product', 'service', 'feature-set']),
    }),
  );
}

/** Which component provides each API and which component each resource serves. */
function assignments(plan: Plan): { apisOf: string[][]; resourcesOf: number[][] } {
  const c = plan.components.length;
  const apisOf = plan.components.map((): string[] => []);
  const resourcesOf = plan.components.map((): number[] => []);
  plan.apis.forEach((api, j) => apisOf[Math.floor((j * c) / plan.apis.length)].push(api));
  plan.resources.forEach((_, k) => resourcesOf[Math.floor((k * c) / plan.resources.length)].push(k));
  return { apisOf, resourcesOf };
}

interface Owner {
  owner: string;
  system: string;
}

/** Builds one Component; owner and system are handed down to its APIs and resources. */
function component(plan: Plan, random: Random, i: number, provides: string[], resources: number[]): [Entity, Owner] {
  const { name, type } = plan.components[i];
  const owner = random.chance(0.3) ? `group:${random.pick(allTeams(plan))}` : random.pick(allTeams(plan));
  const system = random.pick(plan.systems);
  const spec: Record<string, unknown> = {
    type,
    lifecycle: random.pick(['production', 'production', 'production', 'experimental', 'deprecated']),
    owner,
    system,
  };
  if (provides.length) spec.providesApis = provides;
  const consumes = type === 'library' ? [] : random.some(plan.apis, random.int(4)).filter((a) => !provides.includes(a));
  if (consumes.length) spec.consumesApis = consumes;
  const dependsOn = [
    ...resources.map((k) => `resource:${plan.resources[k].name}`),
    ...random.some(plan.components.slice(Math.max(0, i - 50), i), random.int(3)).map((c) => `component:${c.name}`),
  ];
  if (dependsOn.length) spec.dependsOn = dependsOn;
  if (i > 0 && random.chance(0.05)) spec.subcomponentOf = plan.components[random.int(i)].name;
  return [entity('Component', metadata(random, name, serviceDecorations(random, name, type)), spec), { owner, system }];
}

/** Builds one API with an inline definition of a realistic size. */
function api(random: Random, name: string, owner: Owner): Entity {
  const type = random.pick(['openapi', 'openapi', 'openapi', 'asyncapi', 'graphql', 'grpc']);
  return entity('API', metadata(random, name, { tags: [type, ...random.some(TAGS, random.int(3))] }), {
    type,
    lifecycle: random.pick(['production', 'production', 'experimental']),
    owner: owner.owner,
    system: owner.system,
    definition: definition(random, type, name),
  });
}

/** Builds one Resource, sometimes depending on an earlier one. */
function resource(plan: Plan, random: Random, k: number, owner: Owner): Entity {
  const { name, type } = plan.resources[k];
  const spec: Record<string, unknown> = { type, owner: owner.owner, system: owner.system };
  if (k > 0 && random.chance(0.2)) spec.dependsOn = [`resource:${plan.resources[random.int(k)].name}`];
  return entity('Resource', metadata(random, name, { tags: random.some(TAGS, 1 + random.int(2)) }), spec);
}

/** A small but real API definition of the given type. */
function definition(random: Random, type: string, name: string): string {
  const noun = name.split('-')[0];
  const ops = 1 + random.int(4);
  if (type === 'graphql') return graphql(noun, ops);
  if (type === 'grpc') return grpc(noun, ops);
  if (type === 'asyncapi') return asyncapi(noun, name);
  return openapi(noun, name, ops);
}

function openapi(noun: string, name: string, ops: number): string {
  const lines = ['openapi: 3.0.3', 'info:', `  title: ${name}`, '  version: 1.0.0', 'paths:'];
  for (let i = 0; i < ops; i++) {
    lines.push(
      `  /${noun}/v${i + 1}/{id}:`, '    get:', `      operationId: get${capitalise(noun)}V${i + 1}`,
      '      parameters:', '        - name: id', '          in: path', '          required: true',
      '          schema:', '            type: string', '      responses:', "        '200':",
      '          description: OK', '          content:', '            application/json:',
      '              schema:', `                $ref: '#/components/schemas/${capitalise(noun)}'`,
    );
  }
  lines.push('components:', '  schemas:', `    ${capitalise(noun)}:`, '      type: object', '      properties:');
  lines.push('        id:', '          type: string', '        updatedAt:', '          type: string', '          format: date-time');
  return lines.join('\n') + '\n';
}

function asyncapi(noun: string, name: string): string {
  return [
    'asyncapi: 2.6.0', 'info:', `  title: ${name}`, '  version: 1.0.0', 'channels:', `  ${noun}.v1:`,
    '    subscribe:', '      message:', '        payload:', '          type: object', '          properties:',
    '            id:', '              type: string', '            type:', '              type: string',
  ].join('\n') + '\n';
}

function graphql(noun: string, ops: number): string {
  const type = capitalise(noun);
  const fields = Array.from({ length: ops }, (_, i) => `  ${noun}${i}(id: ID!): ${type}`);
  return ['type Query {', ...fields, '}', '', `type ${type} {`, '  id: ID!', '  name: String!', '  updatedAt: String', '}'].join('\n') + '\n';
}

function grpc(noun: string, ops: number): string {
  const type = capitalise(noun);
  const rpcs = Array.from({ length: ops }, (_, i) => `  rpc Get${type}${i}(Get${type}Request) returns (${type});`);
  return [
    'syntax = "proto3";', '', `package acme.${noun}.v1;`, '', `service ${type}Service {`, ...rpcs, '}', '',
    `message Get${type}Request { string id = 1; }`, `message ${type} {`, '  string id = 1;', '  string name = 2;', '}',
  ].join('\n') + '\n';
}

/** Every component bundled with the APIs it provides and the resources it uses, as one repo would. */
function serviceBundles(plan: Plan, random: Random): Entity[] {
  const { apisOf, resourcesOf } = assignments(plan);
  const out: Entity[] = [];
  plan.components.forEach((_, i) => {
    const [comp, owner] = component(plan, random, i, apisOf[i], resourcesOf[i]);
    out.push(comp, ...apisOf[i].map((a) => api(random, a, owner)), ...resourcesOf[i].map((k) => resource(plan, random, k, owner)));
  });
  return out;
}

/** Generates the catalog in memory: files of `perFile` entities in a stable order. */
export function generateCatalog(options: GenerateOptions): GeneratedCatalog {
  if (!Number.isInteger(options.count) || options.count < 10) throw new Error('count must be an integer >= 10');
  const random = makeRandom(options.seed ?? 20240601);
  const counts = kindCounts(options.count);
  const plan = makePlan(counts, random);
  const all = [
    ...groups(plan, random), ...users(plan, random), ...domains(plan, random),
    ...systems(plan, random), ...serviceBundles(plan, random),
  ];
  const perFile = options.perFile ?? 10;
  const files: GeneratedFile[] = [];
  for (let f = 0; f * perFile < all.length; f++) {
    const dir = `part-${String(Math.floor(f / 100)).padStart(3, '0')}`;
    files.push({ path: `${dir}/entities-${String(f).padStart(5, '0')}.yaml`, entities: all.slice(f * perFile, (f + 1) * perFile) });
  }
  return { files, counts };
}

/** The YAML text of one generated file. */
export function fileText(file: GeneratedFile): string {
  return toYamlDocuments(file.entities);
}

/** Name of the marker written last, so a half-written folder is regenerated. */
export const MARKER = '.generated.json';

/** Generates and writes a catalog into `outDir`; returns what was written. */
export function writeCatalog(options: GenerateOptions & { outDir: string }): { entities: number; files: number; outDir: string } {
  const catalog = generateCatalog(options);
  fs.rmSync(options.outDir, { recursive: true, force: true });
  for (const file of catalog.files) {
    const target = path.join(options.outDir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, fileText(file));
  }
  const summary = { entities: options.count, files: catalog.files.length, outDir: options.outDir };
  fs.writeFileSync(path.join(options.outDir, MARKER), JSON.stringify({ ...summary, seed: options.seed ?? null, counts: catalog.counts }, null, 2));
  return summary;
}

/** True when `outDir` holds a complete generated catalog of `count` entities. */
export function isGenerated(outDir: string, count: number): boolean {
  try {
    return JSON.parse(fs.readFileSync(path.join(outDir, MARKER), 'utf8')).entities === count;
  } catch {
    return false;
  }
}

function main(argv: string[]): void {
  const count = Number(argv[0]);
  if (!Number.isInteger(count) || count < 10) {
    process.stderr.write('usage: tsx bench/generate.ts <count >= 10> [outDir] [seed]\n');
    process.exitCode = 2;
    return;
  }
  const outDir = argv[1] ?? path.join(__dirname, '.data', String(count));
  const seed = argv[2] === undefined ? undefined : Number(argv[2]);
  const started = Date.now();
  const summary = writeCatalog({ count, outDir, seed });
  process.stdout.write(JSON.stringify({ ...summary, ms: Date.now() - started }) + '\n');
}

if (require.main === module) main(process.argv.slice(2));
