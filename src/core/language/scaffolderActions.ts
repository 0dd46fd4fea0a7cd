// The scaffolder actions templates call (format §7.4): ids, inputs and outputs.
// Built-in actions validate their input with `additionalProperties: false`, so
// an unknown key fails the task; publish actions come from optional modules
// whose input lists here are partial, so their unknown keys are not reported.

/** One input of an action. */
export interface ActionInput {
  name: string;
  description: string;
  required?: boolean;
}

/** A scaffolder action as templates see it. */
export interface ScaffolderAction {
  id: string;
  description: string;
  inputs: ActionInput[];
  outputs: string[];
  /** True when every input is listed: unknown keys are errors. */
  closed: boolean;
  /** The backend module that provides it, when it is not built in. */
  module?: string;
}

const token: ActionInput = { name: 'token', description: 'An access token for the SCM integration, used instead of the configured one.' };
const url = (required = true): ActionInput => ({ name: 'url', required, description: 'Where to fetch from: relative to the template\'s folder, or an absolute URL.' });
const values: ActionInput = { name: 'values', description: 'Values the skeleton is rendered with, available as `${{ values.<name> }}`.' };
const cookiecutterCompat: ActionInput = { name: 'cookiecutterCompat', description: 'Render with `{{ }}` delimiters and Jinja compatibility (cookiecutter templates).' };
const replace: ActionInput = { name: 'replace', description: 'Overwrite files that already exist in the workspace.' };
const trimBlocks: ActionInput = { name: 'trimBlocks', description: 'Remove the first newline after a block tag.' };
const lstripBlocks: ActionInput = { name: 'lstripBlocks', description: 'Strip blanks before a block tag on its line.' };
const targetPath = (required: boolean, what: string): ActionInput => ({ name: 'targetPath', required, description: what });

const BUILTIN: ScaffolderAction[] = [
  {
    id: 'fetch:template',
    description: 'Fetches a skeleton folder and renders every path and file with the given values.',
    inputs: [
      url(), targetPath(false, 'Workspace folder to write into (default `./`).'), values,
      { name: 'copyWithoutTemplating', description: 'Globs of files copied without rendering their contents (paths are still rendered).' },
      { name: 'copyWithoutRender', description: 'Deprecated and ignored since scaffolder-backend 2.0.0: use copyWithoutTemplating.' },
      cookiecutterCompat,
      { name: 'templateFileExtension', description: 'Render only files with this extension (or `.njk` when `true`), stripping it.' },
      replace, trimBlocks, lstripBlocks, token,
    ],
    outputs: [],
    closed: true,
  },
  {
    id: 'fetch:template:file',
    description: 'Fetches one file and renders it with the given values.',
    inputs: [url(), targetPath(true, 'Workspace path of the file to write.'), values, cookiecutterCompat, replace, trimBlocks, lstripBlocks, token],
    outputs: [],
    closed: true,
  },
  { id: 'fetch:plain', description: 'Copies a folder into the workspace without rendering it.', inputs: [url(), targetPath(false, 'Workspace folder to write into (default `./`).'), token], outputs: [], closed: true },
  { id: 'fetch:plain:file', description: 'Copies one file into the workspace without rendering it.', inputs: [url(), targetPath(true, 'Workspace path of the file to write.'), token], outputs: [], closed: true },
  {
    id: 'debug:log',
    description: 'Writes a message, and optionally the workspace listing, to the task log.',
    inputs: [
      { name: 'message', description: 'The message to log.' },
      { name: 'listWorkspace', description: '`true`, `with-filenames` or `with-contents`: also log the workspace.' },
    ],
    outputs: [],
    closed: true,
  },
  {
    id: 'debug:wait',
    description: 'Waits for a while (at most 10 minutes by default).',
    inputs: [
      { name: 'minutes', description: 'Minutes to wait.' },
      { name: 'seconds', description: 'Seconds to wait.' },
      { name: 'milliseconds', description: 'Milliseconds to wait.' },
    ],
    outputs: [],
    closed: true,
  },
  {
    id: 'catalog:register',
    description: 'Registers a catalog-info file with the catalog as a `url` location.',
    inputs: [
      { name: 'catalogInfoUrl', description: 'URL of the catalog-info file (or give repoContentsUrl).' },
      { name: 'repoContentsUrl', description: 'URL of the repository contents, with catalogInfoPath.' },
      { name: 'catalogInfoPath', description: 'Path of the file in the repository (default `/catalog-info.yaml`).' },
      { name: 'optional', description: 'Do not fail when the location cannot be read.' },
    ],
    outputs: ['entityRef', 'catalogInfoUrl'],
    closed: true,
  },
  {
    id: 'catalog:fetch',
    description: 'Reads one or more entities from the catalog.',
    inputs: [
      { name: 'entityRef', description: 'The entity to fetch.' },
      { name: 'entityRefs', description: 'Several entities to fetch.' },
      { name: 'optional', description: 'Output null instead of failing when an entity is missing.' },
      { name: 'defaultKind', description: 'Kind for refs written without one.' },
      { name: 'defaultNamespace', description: 'Namespace for refs written without one.' },
    ],
    outputs: ['entity', 'entities'],
    closed: true,
  },
  {
    id: 'catalog:write',
    description: 'Writes a catalog-info file into the workspace, annotated with the template it came from.',
    inputs: [
      { name: 'filePath', description: 'Workspace path of the file (default `catalog-info.yaml`).' },
      { name: 'entity', required: true, description: 'The entity to write.' },
    ],
    outputs: [],
    closed: true,
  },
  { id: 'fs:delete', description: 'Deletes files from the workspace.', inputs: [{ name: 'files', required: true, description: 'Globs of the files to delete (dot files included).' }], outputs: [], closed: true },
  { id: 'fs:rename', description: 'Renames or moves files in the workspace.', inputs: [{ name: 'files', required: true, description: 'A list of `{from, to, overwrite}`.' }], outputs: [], closed: true },
  {
    id: 'fs:readdir',
    description: 'Lists files and folders of the workspace.',
    inputs: [
      { name: 'paths', required: true, description: 'Workspace folders to list.' },
      { name: 'recursive', description: 'Also list sub-folders (default false).' },
    ],
    outputs: ['files', 'folders'],
    closed: true,
  },
];

/** Actions exported but not registered by default, or registered by optional modules. */
const MODULE_ACTIONS: ScaffolderAction[] = [
  {
    id: 'workspace:template',
    description: 'Like fetch:template, from a folder already in the workspace (not registered by default).',
    inputs: [
      { name: 'sourcePath', required: true, description: 'Workspace folder of the skeleton.' },
      targetPath(true, 'Workspace folder to write into.'), values,
      { name: 'copyWithoutTemplating', required: true, description: 'Globs of files copied without rendering.' },
      cookiecutterCompat, { name: 'templateFileExtension', description: 'Render only files with this extension.' }, replace,
    ],
    outputs: [],
    closed: true,
    module: 'not registered by default',
  },
  {
    id: 'workspace:template:file',
    description: 'Like fetch:template:file, from a file already in the workspace (not registered by default).',
    inputs: [{ name: 'sourcePath', required: true, description: 'Workspace path of the file.' }, targetPath(true, 'Workspace path to write.'), values, cookiecutterCompat, replace],
    outputs: [],
    closed: true,
    module: 'not registered by default',
  },
  publish('publish:github', 'GitHub', ['description', 'homepage', 'access', 'repoVisibility', 'defaultBranch', 'protectDefaultBranch', 'protectEnforceAdmins', 'deleteBranchOnMerge', 'gitCommitMessage', 'gitAuthorName', 'gitAuthorEmail', 'allowMergeCommit', 'allowSquashMerge', 'allowRebaseMerge', 'allowAutoMerge', 'sourcePath', 'collaborators', 'hasProjects', 'hasWiki', 'hasIssues', 'token', 'topics', 'repoVariables', 'secrets', 'requiredCommitSigning', 'requiredLinearHistory', 'customProperties'], ['remoteUrl', 'repoContentsUrl', 'commitHash']),
  publish('publish:github:pull-request', 'GitHub', ['branchName', 'title', 'description', 'targetBranchName', 'draft', 'sourcePath', 'targetPath', 'filesToDelete', 'reviewers', 'teamReviewers', 'assignees', 'commitMessage', 'update', 'forceFork', 'gitAuthorName', 'gitAuthorEmail', 'createWhenEmpty', 'token'], ['targetBranchName', 'remoteUrl', 'pullRequestNumber']),
  publish('publish:gitlab', 'GitLab', ['description', 'defaultBranch', 'repoVisibility', 'sourcePath', 'token', 'gitCommitMessage', 'gitAuthorName', 'gitAuthorEmail', 'setUserAsOwner', 'topics', 'settings', 'branches', 'projectVariables'], ['remoteUrl', 'repoContentsUrl', 'projectId', 'commitHash', 'created']),
  publish('publish:gitlab:merge-request', 'GitLab', ['title', 'branchName', 'description', 'targetBranchName', 'sourcePath', 'targetPath', 'commitAction', 'removeSourceBranch', 'assignee', 'reviewers', 'labels', 'token'], ['targetBranchName', 'projectid', 'projectPath', 'mergeRequestUrl']),
  publish('publish:azure', 'Azure DevOps', ['description', 'defaultBranch', 'sourcePath', 'token', 'gitCommitMessage', 'gitAuthorName', 'gitAuthorEmail'], ['remoteUrl', 'repoContentsUrl', 'commitHash']),
  publish('publish:bitbucketCloud', 'Bitbucket Cloud', ['description', 'repoVisibility', 'defaultBranch', 'sourcePath', 'token'], ['remoteUrl', 'repoContentsUrl', 'commitHash']),
  publish('publish:bitbucketServer', 'Bitbucket Server', ['description', 'repoVisibility', 'defaultBranch', 'sourcePath', 'token'], ['remoteUrl', 'repoContentsUrl', 'commitHash']),
  publish('publish:gerrit', 'Gerrit', ['description', 'defaultBranch', 'sourcePath', 'gitCommitMessage', 'gitAuthorName', 'gitAuthorEmail'], ['remoteUrl', 'repoContentsUrl', 'commitHash']),
  publish('publish:gitea', 'Gitea', ['description', 'defaultBranch', 'repoVisibility', 'sourcePath', 'gitCommitMessage', 'gitAuthorName', 'gitAuthorEmail'], ['remoteUrl', 'repoContentsUrl', 'commitHash']),
];

function publish(id: string, host: string, inputs: string[], outputs: string[]): ScaffolderAction {
  return {
    id,
    description: `Publishes the workspace to ${host} (needs the ${host} scaffolder module).`,
    inputs: [{ name: 'repoUrl', required: true, description: 'The repository, as RepoUrlPicker writes it: `host?owner=o&repo=r`.' }, ...inputs.map(name => ({ name, description: `${name} (${id})` }))],
    outputs,
    closed: false,
    module: `the ${host} scaffolder module`,
  };
}

/** Every action Catwalk knows, built-ins first. */
export const SCAFFOLDER_ACTIONS: readonly ScaffolderAction[] = [...BUILTIN, ...MODULE_ACTIONS];

/** Ids of the actions the default scaffolder backend registers. */
export const BUILTIN_ACTION_IDS: ReadonlySet<string> = new Set(BUILTIN.map(a => a.id));

/** The action with this id, if known. */
export function actionById(id: string): ScaffolderAction | undefined {
  return SCAFFOLDER_ACTIONS.find(a => a.id === id);
}
