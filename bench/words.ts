/** Vocabulary for generated catalogs (all names are fictional and safe as entity names and tags). */

export const NOUNS = [
  'orders', 'billing', 'invoice', 'ledger', 'payments', 'refunds', 'cart', 'checkout', 'pricing', 'catalog',
  'search', 'inventory', 'stock', 'warehouse', 'shipping', 'tracking', 'returns', 'customer', 'profile', 'identity',
  'auth', 'session', 'notification', 'email', 'sms', 'push', 'review', 'rating', 'recommendation', 'promotion',
  'coupon', 'loyalty', 'subscription', 'tax', 'fraud', 'risk', 'reporting', 'analytics', 'metrics', 'logging',
  'audit', 'consent', 'media', 'image', 'video', 'content', 'cms', 'feature', 'experiment', 'config',
  'scheduler', 'workflow', 'export', 'import', 'partner', 'vendor', 'supplier', 'procurement', 'forecast', 'routing',
];

export const QUALIFIERS = [
  'core', 'edge', 'gateway', 'engine', 'hub', 'store', 'sync', 'worker', 'bridge', 'portal',
  'manager', 'tracker', 'indexer', 'router', 'broker', 'collector', 'resolver', 'builder', 'planner', 'monitor',
];

export const DOMAIN_WORDS = [
  'commerce', 'fulfilment', 'finance', 'growth', 'platform', 'data', 'identity', 'marketplace', 'logistics', 'support',
];

export const TEAM_WORDS = [
  'falcon', 'otter', 'lynx', 'heron', 'badger', 'puffin', 'marten', 'gecko', 'ibis', 'koala',
  'walrus', 'bison', 'crane', 'dingo', 'egret', 'ferret', 'gannet', 'hyena', 'jackal', 'kestrel',
];

export const FIRST_NAMES = [
  'ada', 'ben', 'carla', 'dev', 'elena', 'farid', 'grace', 'hiro', 'ines', 'jonas',
  'kemi', 'lars', 'maya', 'nico', 'olga', 'pablo', 'quinn', 'rosa', 'sami', 'tara',
];

export const LAST_NAMES = [
  'okafor', 'hughes', 'mendes', 'patel', 'petrova', 'haddad', 'lin', 'tanaka', 'garcia', 'berg',
  'novak', 'silva', 'kowalski', 'nguyen', 'costa', 'weber', 'larsen', 'rossi', 'dubois', 'moreau',
];

export const TAGS = [
  'java', 'kotlin', 'go', 'typescript', 'python', 'rust', 'php', 'ruby', 'react', 'nextjs',
  'spring-boot', 'grpc', 'rest', 'graphql', 'kafka', 'postgres', 'mysql', 'redis', 'aws', 'gcp',
  'kubernetes', 'serverless', 'pci', 'gdpr', 'tier-1', 'tier-2', 'tier-3', 'customer-facing', 'internal', 'batch',
  'streaming', 'ml', 'search', 'cache', 'legacy', 'beta', 'team:core', 'lang:jvm', 'sla:99-9', 'cost-center:42',
];

export const SENTENCES = [
  'Handles {noun} requests from the storefront and the mobile apps.',
  'Owns the {noun} data model and publishes changes as events.',
  'Runs nightly batch jobs that reconcile {noun} records with the finance systems.',
  'Exposes a stable API so that other teams never read the {noun} tables directly.',
  'Caches {noun} lookups in Redis to keep p99 latency under 50 ms.',
  'Migrated from the old monolith in 2023; some endpoints are still proxied.',
  'Scales horizontally; state lives in the database and the message broker.',
  'On-call rotation is shared with the platform team during weekends.',
  'Emits structured logs and OpenTelemetry traces for every request.',
  'Feature flags control the rollout of every new {noun} capability.',
  'Processes roughly two million {noun} events per day at peak.',
  'Read-heavy workload; writes are batched and applied asynchronously.',
];
