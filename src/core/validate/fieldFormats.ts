/** The field-format rules of Backstage's default FieldFormatEntityPolicy (format §1.3). */

const DNS_LABEL = /^[a-z0-9]+(?:-+[a-z0-9]+)*$/;
const OBJECT_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const KIND = /^[a-zA-Z][a-z0-9A-Z]*$/;
const API_VERSION_SUFFIX = /^[a-z0-9A-Z]+$/;
const TAG = /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/;

export function isValidDnsLabel(v: string): boolean {
  return v.length >= 1 && v.length <= 63 && DNS_LABEL.test(v);
}

export function isValidDnsSubdomain(v: string): boolean {
  return v.length >= 1 && v.length <= 253 && v.split('.').every(isValidDnsLabel);
}

export function isValidObjectName(v: string): boolean {
  return v.length >= 1 && v.length <= 63 && OBJECT_NAME.test(v);
}

export function isValidKind(v: string): boolean {
  return v.length >= 1 && v.length <= 63 && KIND.test(v);
}

export function isValidTag(v: string): boolean {
  return memo(tags, v, () => v.length >= 1 && v.length <= 63 && TAG.test(v));
}

/** `[prefix/]suffix` with at most one slash. */
function isValidPrefixAndOrSuffix(v: string, prefix: (p: string) => boolean, suffix: (s: string) => boolean): boolean {
  const parts = v.split('/');
  if (parts.length === 1) return suffix(parts[0]);
  if (parts.length === 2) return prefix(parts[0]) && suffix(parts[1]);
  return false;
}

export function isValidApiVersion(v: string): boolean {
  return memo(apiVersions, v, () => isValidPrefixAndOrSuffix(v, isValidDnsSubdomain, s => s.length >= 1 && s.length <= 63 && API_VERSION_SUFFIX.test(s)));
}

export function isValidLabelKey(v: string): boolean {
  return memo(labelKeys, v, () => isValidPrefixAndOrSuffix(v, isValidDnsSubdomain, isValidObjectName));
}

// Catalogs repeat the same annotation keys and tags on thousands of entities.
const labelKeys = new Map<string, boolean>();
const apiVersions = new Map<string, boolean>();
const tags = new Map<string, boolean>();
const MEMO_LIMIT = 20_000;

function memo(cache: Map<string, boolean>, key: string, compute: () => boolean): boolean {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const value = compute();
  if (cache.size < MEMO_LIMIT) cache.set(key, value);
  return value;
}

export const isValidAnnotationKey = isValidLabelKey;

export function isValidLabelValue(v: string): boolean {
  return v === '' || isValidObjectName(v);
}

// Absolute http(s) URLs with a plain host name are what links almost always
// are; the WHATWG parser accepts every one of them, so they skip it.
const PLAIN_WEB_URL = /^https?:\/\/[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::[0-9]{1,4})?(?:[/?#][^\s]*)?$/;

export function isValidUrl(v: string): boolean {
  if (PLAIN_WEB_URL.test(v)) return true;
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
}

export function isNonBlank(v: string): boolean {
  return v.trim().length >= 1;
}

/** What a person should write instead, in the words Backstage uses. */
export const EXPECTATIONS = {
  objectName: 'a string that is sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total',
  prefixSuffix: 'a valid prefix and/or suffix',
  dnsLabel: 'a string that is sequences of [a-z0-9] separated by [-], at most 63 characters in total',
  tag: 'a string that is sequences of [a-z0-9:+#] separated by [-], at most 63 characters in total',
  kind: 'a string that is a sequence of [a-zA-Z][a-z0-9A-Z], at most 63 characters in total',
  url: 'a string that is a valid url',
  nonEmpty: 'a non empty string',
} as const;
