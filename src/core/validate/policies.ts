import { isRecord, JsonPath } from '../model/entity';
import { Issue } from './types';
import * as F from './fieldFormats';

type Check = (value: string) => boolean;

/** One failed field rule, worded as Backstage words it (without its trailing link). */
function invalid(path: JsonPath, field: string, value: string, expectation: string, code: string, hint = '', part: 'key' | 'value' = 'value'): Issue {
  return {
    path,
    part,
    severity: 'error',
    code,
    message: `"${field}" is not valid; expected ${expectation} but found "${value}".${hint}`,
  };
}

function check(out: Issue[], path: JsonPath, field: string, value: unknown, ok: Check, expectation: string, code: string, hint?: (v: string) => string, part?: 'key' | 'value'): void {
  // Values of the wrong type are the schema's to report; formats only judge strings.
  if (typeof value !== 'string' || ok(value)) return;
  out.push(invalid(path, field, value, expectation, code, hint?.(value) ?? '', part));
}

/**
 * Backstage's FieldFormatEntityPolicy, reporting every failing field instead of
 * stopping at the first.
 */
export function fieldFormatIssues(entity: Record<string, unknown>): Issue[] {
  const out: Issue[] = [];
  check(out, ['apiVersion'], 'apiVersion', entity.apiVersion, F.isValidApiVersion, F.EXPECTATIONS.prefixSuffix, 'invalid-api-version', apiVersionHint);
  check(out, ['kind'], 'kind', entity.kind, F.isValidKind, F.EXPECTATIONS.kind, 'invalid-kind');
  const metadata = entity.metadata;
  if (!isRecord(metadata)) return out;
  check(out, ['metadata', 'name'], 'metadata.name', metadata.name, F.isValidObjectName, F.EXPECTATIONS.objectName, 'invalid-name', nameHint);
  check(out, ['metadata', 'namespace'], 'metadata.namespace', metadata.namespace, F.isValidDnsLabel, F.EXPECTATIONS.dnsLabel, 'invalid-namespace', lowerHint);
  checkKeyValues(out, metadata.labels, 'labels', F.isValidLabelValue);
  checkKeyValues(out, metadata.annotations, 'annotations');
  if (Array.isArray(metadata.tags)) {
    metadata.tags.forEach((tag, i) =>
      check(out, ['metadata', 'tags', i], `tags.${i}`, tag, F.isValidTag, F.EXPECTATIONS.tag, 'invalid-tag', tagHint));
  }
  if (Array.isArray(metadata.links)) metadata.links.forEach((link, i) => checkLink(out, link, i));
  return out;
}

function checkKeyValues(out: Issue[], map: unknown, name: 'labels' | 'annotations', valueOk?: Check): void {
  if (!isRecord(map)) return;
  for (const [key, value] of Object.entries(map)) {
    const path = ['metadata', name, key];
    check(out, path, `${name}.${key}`, key, F.isValidLabelKey, F.EXPECTATIONS.prefixSuffix, name === 'labels' ? 'invalid-label-key' : 'invalid-annotation-key', undefined, 'key');
    if (valueOk) check(out, path, `${name}.${key}`, value, valueOk, F.EXPECTATIONS.objectName, 'invalid-label-value');
  }
}

function checkLink(out: Issue[], link: unknown, i: number): void {
  if (!isRecord(link)) return;
  check(out, ['metadata', 'links', i, 'url'], `links.${i}.url`, link.url, F.isValidUrl, F.EXPECTATIONS.url, 'invalid-link-url', urlHint);
  check(out, ['metadata', 'links', i, 'title'], `links.${i}.title`, link.title, F.isNonBlank, F.EXPECTATIONS.nonEmpty, 'invalid-link-title');
  check(out, ['metadata', 'links', i, 'icon'], `links.${i}.icon`, link.icon, F.isNonBlank, F.EXPECTATIONS.nonEmpty, 'invalid-link-icon');
}

function tagHint(v: string): string {
  const fixed = v.trim().toLowerCase().replace(/[\s_]+/g, '-').replace(/-{2,}/g, '-');
  return fixed !== v && F.isValidTag(fixed) ? ` Did you mean "${fixed}"?` : '';
}

function lowerHint(v: string): string {
  const fixed = v.toLowerCase();
  return fixed !== v && F.isValidDnsLabel(fixed) ? ` Did you mean "${fixed}"?` : '';
}

function nameHint(v: string): string {
  if (v.length > 63) return ` It is ${v.length} characters long.`;
  const fixed = v.trim().replace(/\s+/g, '-').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return fixed && fixed !== v && F.isValidObjectName(fixed) ? ` Did you mean "${fixed}"?` : '';
}

function apiVersionHint(v: string): string {
  const fixed = v.toLowerCase();
  return fixed !== v && F.isValidApiVersion(fixed) ? ` Did you mean "${fixed}"?` : '';
}

function urlHint(v: string): string {
  return v.startsWith('/') || v.startsWith('.') ? ' Links must be absolute URLs (https://..., mailto:...).' : '';
}
