/** The envelope every catalog descriptor shares (format §1.1). */
export interface EntityMeta {
  name: string;
  namespace?: string;
  title?: string;
  description?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  tags?: string[];
  links?: EntityLink[];
  [key: string]: unknown;
}

export interface EntityLink {
  url: string;
  title?: string;
  icon?: string;
  type?: string;
}

export interface Entity {
  apiVersion: string;
  kind: string;
  metadata: EntityMeta;
  spec?: Record<string, unknown>;
  relations?: EntityRelation[];
}

export interface EntityRelation {
  type: string;
  targetRef: string;
}

/** A JSON path into a document: object keys and array indexes. */
export type JsonPath = readonly (string | number)[];

export const DEFAULT_NAMESPACE = 'default';

/** Built-in kinds of the default catalog, with the apiVersions each accepts (format §1.4). */
export const BUILTIN_KINDS: Readonly<Record<string, readonly string[]>> = {
  Component: ['backstage.io/v1alpha1', 'backstage.io/v1beta1'],
  API: ['backstage.io/v1alpha1', 'backstage.io/v1beta1'],
  Resource: ['backstage.io/v1alpha1', 'backstage.io/v1beta1'],
  System: ['backstage.io/v1alpha1', 'backstage.io/v1beta1'],
  Domain: ['backstage.io/v1alpha1', 'backstage.io/v1beta1'],
  Group: ['backstage.io/v1alpha1', 'backstage.io/v1beta1'],
  User: ['backstage.io/v1alpha1', 'backstage.io/v1beta1'],
  Location: ['backstage.io/v1alpha1', 'backstage.io/v1beta1'],
  Template: ['scaffolder.backstage.io/v1beta3'],
};

/** Kinds that exist in Backstage only when an optional backend module is installed. */
export const PLUGIN_KINDS: Readonly<Record<string, string>> = {
  AiResource: '@backstage/plugin-catalog-backend-module-ai-model',
};

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
