import { boundedEditDistance } from './editDistance';

/** Well-known annotation keys (format §5), with what each is for. */
export const WELL_KNOWN_ANNOTATIONS: Readonly<Record<string, string>> = {
  'backstage.io/managed-by-location': 'The location the entity was read from; set by the catalog.',
  'backstage.io/managed-by-origin-location': 'The location whose registration led to this entity; set by the catalog.',
  'backstage.io/source-location': 'url:<folder URL ending in /> of the source; used for dir: TechDocs and scaffolder base URLs.',
  'backstage.io/view-url': 'A URL where the descriptor can be viewed.',
  'backstage.io/edit-url': 'A URL where the descriptor can be edited.',
  'backstage.io/orphan': '"true" when no location keeps the entity alive; set by the catalog.',
  'backstage.io/techdocs-ref': 'Where the TechDocs live: dir:<relative path> or url:<repository tree URL>.',
  'backstage.io/techdocs-entity': 'Ref of the entity whose TechDocs to show instead.',
  'backstage.io/source-template': 'The template entity ref this entity was created from.',
  'backstage.io/kubernetes-id': 'Links the entity to Kubernetes resources labelled with this id.',
  'backstage.io/kubernetes-label-selector': 'Label selector for the entity\'s Kubernetes resources.',
  'backstage.io/kubernetes-namespace': 'Kubernetes namespace of the entity\'s resources.',
  'backstage.io/code-coverage': 'Code coverage settings.',
  'backstage.io/ldap-rdn': 'LDAP relative distinguished name.',
  'backstage.io/ldap-uuid': 'LDAP UUID.',
  'backstage.io/ldap-dn': 'LDAP distinguished name.',
  'kubernetes.io/api-server': 'API server URL of a cluster Resource.',
  'kubernetes.io/api-server-certificate-authority': 'CA of a cluster Resource\'s API server.',
  'kubernetes.io/auth-provider': 'Auth provider of a cluster Resource.',
  'kubernetes.io/oidc-token-provider': 'OIDC token provider of a cluster Resource.',
  'kubernetes.io/skip-metrics-lookup': 'Skip metrics lookup for a cluster Resource.',
  'kubernetes.io/skip-tls-verify': 'Skip TLS verification for a cluster Resource.',
  'kubernetes.io/dashboard-url': 'Dashboard URL of a cluster Resource.',
  'kubernetes.io/dashboard-app': 'Dashboard app of a cluster Resource.',
  'kubernetes.io/dashboard-parameters': 'Dashboard parameters of a cluster Resource.',
  'kubernetes.io/aws-assume-role': 'AWS role to assume for a cluster Resource.',
  'kubernetes.io/x-k8s-aws-id': 'AWS cluster id of a cluster Resource.',
  'kubernetes.io/aws-external-id': 'AWS external id of a cluster Resource.',
  'github.com/project-slug': 'GitHub repository as <owner>/<repo>.',
  'github.com/team-slug': 'GitHub team as <org>/<team>.',
  'github.com/user-login': 'GitHub user login.',
  'gitlab.com/project-slug': 'GitLab project as <group>/<project>.',
  'gitlab.com/project-id': 'GitLab project id.',
  'dev.azure.com/project-slug': 'Azure DevOps project.',
  'bitbucket.org/project-slug': 'Bitbucket project.',
  'jenkins.io/job-full-name': 'Jenkins job full name.',
  'sentry.io/project-slug': 'Sentry project slug.',
  'rollbar.com/project-slug': 'Rollbar project slug.',
  'circleci.com/project-slug': 'CircleCI project slug.',
  'sonarqube.org/project-key': 'SonarQube project key.',
  'gocd.org/pipelines': 'GoCD pipelines.',
  'periskop.io/service-name': 'Periskop service name.',
  'vault.io/secrets-path': 'Vault secrets path.',
  'graph.microsoft.com/tenant-id': 'Microsoft Graph tenant id.',
  'graph.microsoft.com/group-id': 'Microsoft Graph group id.',
  'graph.microsoft.com/user-id': 'Microsoft Graph user id.',
};

/** Deprecated annotation keys and what replaces them. */
export const DEPRECATED_ANNOTATIONS: Readonly<Record<string, string>> = {
  'backstage.io/github-actions-id': 'use github.com/project-slug',
  'backstage.io/definition-at-location': 'use a $text placeholder in spec.definition',
  'jenkins.io/github-folder': 'use jenkins.io/job-full-name',
};


// Catalogs repeat the same few annotation keys thousands of times.
const typoCache = new Map<string, string | undefined>();

/** The well-known key an unknown key is probably a typo of, if any. */
export function likelyAnnotationTypo(key: string): string | undefined {
  if (key in WELL_KNOWN_ANNOTATIONS || key in DEPRECATED_ANNOTATIONS) return undefined;
  if (typoCache.has(key)) return typoCache.get(key);
  const typo = nearestAnnotation(key);
  if (typoCache.size < 10_000) typoCache.set(key, typo);
  return typo;
}

function nearestAnnotation(key: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const known of Object.keys(WELL_KNOWN_ANNOTATIONS)) {
    const d = boundedEditDistance(key.toLowerCase(), known, 2);
    if (d < bestDistance) {
      best = known;
      bestDistance = d;
    }
  }
  return best;
}
