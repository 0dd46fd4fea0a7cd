import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList, DocumentSymbol, FoldingRange, FormattingOptions, Hover, Position, TextEdit, Diagnostic } from 'vscode-languageserver';
import { getLanguageService, LanguageService } from 'yaml-language-server';
import { BUILTIN_KINDS } from '../core/model/entity';
import entitySchema from '../../schemas/entity.schema.json';
import componentSchema from '../../schemas/component.schema.json';
import apiSchema from '../../schemas/api.schema.json';
import resourceSchema from '../../schemas/resource.schema.json';
import systemSchema from '../../schemas/system.schema.json';
import domainSchema from '../../schemas/domain.schema.json';
import groupSchema from '../../schemas/group.schema.json';
import userSchema from '../../schemas/user.schema.json';
import locationSchema from '../../schemas/location.schema.json';
import templateSchema from '../../schemas/template.v1beta3.schema.json';
import commonSchema from '../../schemas/common.schema.json';

// yaml-language-server gives schema completion, hover, formatting, symbols and
// folding from the JSON Schemas in schemas/. It never validates: the core's
// validator is the one source of diagnostics (validate: false).

const BASE = 'https://catwalk.dev/schemas/';
/** The schema every catalog document is read with: the envelope, plus its kind's schema chosen by `kind`. */
export const CATALOG_SCHEMA_URI = `${BASE}catalog.schema.json`;

const KIND_SCHEMA_FILES: Record<string, string> = {
  Component: 'component.schema.json',
  API: 'api.schema.json',
  Resource: 'resource.schema.json',
  System: 'system.schema.json',
  Domain: 'domain.schema.json',
  Group: 'group.schema.json',
  User: 'user.schema.json',
  Location: 'location.schema.json',
  Template: 'template.v1beta3.schema.json',
};

/** The schemas served to yaml-language-server, by URI. */
export function catalogSchemas(): Map<string, unknown> {
  const schemas = new Map<string, unknown>([
    [`${BASE}entity.schema.json`, entitySchema],
    [`${BASE}component.schema.json`, componentSchema],
    [`${BASE}api.schema.json`, apiSchema],
    [`${BASE}resource.schema.json`, resourceSchema],
    [`${BASE}system.schema.json`, systemSchema],
    [`${BASE}domain.schema.json`, domainSchema],
    [`${BASE}group.schema.json`, groupSchema],
    [`${BASE}user.schema.json`, userSchema],
    [`${BASE}location.schema.json`, locationSchema],
    [`${BASE}template.v1beta3.schema.json`, templateSchema],
    [`${BASE}common.schema.json`, commonSchema],
  ]);
  schemas.set(CATALOG_SCHEMA_URI, catalogSchema());
  return schemas;
}

/** The envelope for every document, and each kind's schema when `kind` names it. */
function catalogSchema(): unknown {
  const byKind = Object.entries(KIND_SCHEMA_FILES).map(([kind, file]) => ({
    if: { properties: { kind: { const: kind } }, required: ['kind'] },
    then: { $ref: file },
  }));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: CATALOG_SCHEMA_URI,
    title: 'Backstage catalog descriptor',
    allOf: [{ $ref: 'entity.schema.json' }, ...byKind],
    properties: { kind: { enum: Object.keys(BUILTIN_KINDS) } },
  };
}

/** Options yaml-language-server is configured with; `validate` is off unless asked (the bench compares both). */
export interface YamlServiceOptions {
  validate?: boolean;
}

/** yaml-language-server's language service over the catalog schemas. */
export class YamlService {
  private readonly service: LanguageService;

  constructor(options: YamlServiceOptions = {}) {
    const schemas = catalogSchemas();
    this.service = getLanguageService({
      schemaRequestService: uri => {
        const schema = schemas.get(uri);
        return schema ? Promise.resolve(JSON.stringify(schema)) : Promise.reject(`Unknown schema ${uri}`);
      },
      workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).href },
    });
    this.service.configure({
      validate: options.validate ?? false,
      hover: true,
      completion: true,
      format: true,
      isKubernetes: false,
      yamlVersion: '1.2',
      customTags: [],
      hoverSchemaSource: false,
      schemas: [],
    });
    this.service.registerCustomSchemaProvider(() => Promise.resolve(CATALOG_SCHEMA_URI));
  }

  complete(document: TextDocument, position: Position): Promise<CompletionList> {
    return this.service.doComplete(document, position, false);
  }

  hover(document: TextDocument, position: Position): Promise<Hover | null> {
    return this.service.doHover(document, position);
  }

  /** Schema validation (used only to compare with the core validator in benchmarks). */
  validate(document: TextDocument): Promise<Diagnostic[]> {
    return this.service.doValidation(document, false);
  }

  format(document: TextDocument, options: FormattingOptions): Promise<TextEdit[]> {
    return this.service.doFormat(document, { ...options, enable: true, proseWrap: 'preserve', printWidth: 120 });
  }

  symbols(document: TextDocument): DocumentSymbol[] {
    return this.service.findDocumentSymbols2(document, {});
  }

  folding(document: TextDocument): FoldingRange[] {
    return this.service.getFoldingRanges(document, { rangeLimit: 5000 }) ?? [];
  }
}
