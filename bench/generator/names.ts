import { Rng } from './rng';

/**
 * Namespace names are `<domain>` or `<domain>-<qualifier>`. Domains carry no hyphen and qualifiers
 * are never service nouns, so names built as `<service>-<namespace>` (public hostnames) can never
 * collide with one another.
 */
const DOMAINS = [
  'payments', 'checkout', 'catalog', 'inventory', 'shipping', 'orders', 'billing', 'identity',
  'search', 'recommendations', 'bookinfo', 'notifications', 'analytics', 'ledger', 'pricing',
  'fraud', 'loyalty', 'media', 'messaging', 'profile', 'fulfillment', 'returns', 'tax', 'onboarding',
  'support', 'reporting', 'marketing', 'promotions', 'content', 'geo', 'logistics', 'warehouse',
  'compliance', 'audit', 'risk', 'kyc', 'settlement', 'invoicing', 'subscriptions', 'ads', 'bidding',
  'booking', 'travel', 'insurance', 'lending', 'treasury', 'crm', 'helpdesk', 'docs', 'storefront',
];

const QUALIFIERS = [
  'core', 'edge', 'eu', 'us', 'apac', 'batch', 'platform', 'legacy', 'next', 'internal', 'public',
  'stream', 'ops', 'east', 'west', 'mobile', 'web', 'data', 'sandbox', 'shared',
];

/** Service nouns; bare nouns recur across namespaces on purpose (short hosts resolve per namespace). */
export const SERVICE_NOUNS = [
  'reviews', 'ratings', 'details', 'productpage', 'cart', 'accounts', 'users', 'sessions', 'tokens',
  'wallet', 'ledger', 'quotes', 'offers', 'coupons', 'invoices', 'receipts', 'refunds', 'disputes',
  'carriers', 'labels', 'tracking', 'stock', 'items', 'prices', 'catalogue', 'images', 'thumbnails',
  'feeds', 'events', 'audits', 'alerts', 'emails', 'sms', 'push', 'webhooks', 'exports', 'imports',
  'reports', 'metrics', 'ranking', 'indexer', 'suggest', 'geocoder', 'routes', 'slots', 'schedules',
  'contracts', 'policies', 'claims', 'scores', 'rules', 'limits', 'keys', 'secrets', 'profiles',
  'preferences', 'consents', 'documents', 'uploads', 'comments', 'votes',
];

const SERVICE_ROLES = [
  'api', 'worker', 'service', 'web', 'grpc', 'sync', 'store', 'cache', 'gateway', 'backend',
  'frontend', 'processor', 'scheduler', 'adapter', 'bff', 'writer', 'reader', 'consumer',
];

export const TEAMS = [
  'atlas', 'borealis', 'comet', 'delta', 'ember', 'falcon', 'granite', 'harbor', 'iris', 'juniper',
  'kestrel', 'lumen', 'meridian', 'nimbus', 'onyx', 'pulsar', 'quartz', 'raven', 'sierra', 'tundra',
];

export const EXTERNAL_VENDORS = [
  'api.stripe.com', 'api.paypal.com', 'api.twilio.com', 'api.sendgrid.com', 'hooks.slack.com',
  'api.github.com', 'sqs.eu-west-1.amazonaws.com', 'api.segment.io', 'api.mailgun.net',
  'api.adyen.com', 'api.braintreegateway.com', 'api.shipengine.com', 'api.easypost.com',
  'maps.googleapis.com', 'oauth2.googleapis.com', 'api.pagerduty.com', 'api.datadoghq.com',
  'login.microsoftonline.com', 'api.openexchangerates.org', 'api.taxjar.com',
];

/** The first `count` namespace names, in a seed-dependent order. */
export function namespaceNames(rng: Rng, count: number): string[] {
  const names: string[] = rng.shuffle(DOMAINS);
  const combos: string[] = [];
  for (const q of QUALIFIERS) for (const d of DOMAINS) combos.push(`${d}-${q}`);
  names.push(...rng.shuffle(combos));
  if (count > names.length) throw new Error(`at most ${names.length} namespaces`);
  return names.slice(0, count);
}

/** `count` distinct service names for one namespace, mostly `<noun>-<role>` with some bare nouns. */
export function serviceNames(rng: Rng, count: number): string[] {
  const out = new Set<string>();
  const bare = Math.max(1, Math.round(count * 0.3));
  for (const noun of rng.shuffle(SERVICE_NOUNS).slice(0, bare)) out.add(noun);
  while (out.size < count) out.add(`${rng.pick(SERVICE_NOUNS)}-${rng.pick(SERVICE_ROLES)}`);
  return [...out];
}
