// Ids of the commands the catalog view, the status bar and the palette run
// (each is contributed in package.json). Kept apart from extension.ts so
// feature modules never import the entry point.

/** Commands that take an entity (a ref, or a tree node standing for one). */
export const EntityCommands = {
  /** Opens what catwalk.tree.clickAction says: the entity page or the source. */
  open: 'catwalk.openEntity',
  /** Registered by the entity page. */
  openEntityPage: 'catwalk.openEntityPage',
  openSource: 'catwalk.openSource',
  openDocs: 'catwalk.openDocs',
  copyEntityRef: 'catwalk.copyEntityRef',
  revealInExplorer: 'catwalk.revealInExplorer',
} as const;

/** Commands of the catalog as a whole. */
export const CatalogCommands = {
  goToEntity: 'catwalk.goToEntity',
  refresh: 'catwalk.refresh',
  createCatalogInfo: 'catwalk.createCatalogInfo',
  openCatalogFolder: 'catwalk.openCatalogFolder',
} as const;

/** Commands of the Catalog view's title bar. */
export const TreeCommands = {
  filter: 'catwalk.tree.filter',
  clearFilter: 'catwalk.tree.clearFilter',
  groupByKind: 'catwalk.tree.groupByKind',
  groupByOwner: 'catwalk.tree.groupByOwner',
  groupBySystem: 'catwalk.tree.groupBySystem',
  groupByNamespace: 'catwalk.tree.groupByNamespace',
} as const;

/** The id of the Catalog view and its container. */
export const CATALOG_VIEW = 'catwalk.catalog';
