/**
 * What Stripe accepts for POST /v1/checkout/sessions, checked the way Stripe checks it
 * (unknown parameters, missing ones, integers, currencies, the expiry window), plus our own
 * rules that a test should catch: metadata holds our ids only (docs/design.md invariant 7), and a
 * real Stripe parameter this fake does not implement is refused rather than silently
 * ignored. Parameter names are those of the Stripe SDK's SessionCreateParams.
 * Imported by the local Stripe test server only.
 */
import type { FormObject, FormValue } from './form.js';

export interface StripeErrorBody {
  readonly type: 'invalid_request_error' | 'idempotency_error' | 'api_error';
  readonly code?: string;
  readonly param?: string;
  readonly message: string;
}

export interface StripeFailure {
  readonly status: number;
  readonly error: StripeErrorBody;
}

/** Every top-level parameter of Checkout Session creation in the pinned SDK (stripe 23.1.0). */
const SESSION_CREATE_PARAMS = new Set([
  'adaptive_pricing', 'after_expiration', 'allow_promotion_codes', 'allowed_payment_method_types', 'automatic_tax',
  'billing_address_collection', 'branding_settings', 'cancel_url', 'client_reference_id', 'consent_collection', 'currency',
  'custom_fields', 'custom_text', 'customer', 'customer_account', 'customer_creation', 'customer_email', 'customer_update',
  'discounts', 'excluded_payment_method_types', 'expand', 'expires_at', 'integration_identifier', 'invoice_creation',
  'line_items', 'locale', 'managed_payments', 'metadata', 'mode', 'name_collection', 'optional_items', 'origin_context',
  'payment_intent_data', 'payment_method_collection', 'payment_method_configuration', 'payment_method_data',
  'payment_method_options', 'permissions', 'phone_number_collection', 'redirect_on_completion', 'return_url',
  'saved_payment_method_options', 'setup_intent_data', 'shipping_address_collection', 'shipping_options', 'submit_type',
  'subscription_data', 'success_url', 'tax_id_collection', 'ui_mode', 'wallet_options',
]);
const LINE_ITEM_PARAMS = new Set(['adjustable_quantity', 'metadata', 'price', 'price_data', 'quantity', 'tax_rates']);
const PRICE_DATA_PARAMS = new Set(['currency', 'product', 'product_data', 'recurring', 'tax_behavior', 'unit_amount', 'unit_amount_decimal']);
const PRODUCT_DATA_PARAMS = new Set(['description', 'images', 'metadata', 'name', 'tax_code', 'unit_label']);
const PAYMENT_INTENT_DATA_PARAMS = new Set([
  'application_fee_amount', 'capture_method', 'description', 'metadata', 'on_behalf_of', 'receipt_email', 'setup_future_usage',
  'shipping', 'statement_descriptor', 'statement_descriptor_suffix', 'transfer_data', 'transfer_group',
]);

/** What this fake implements; anything else Stripe knows is refused as not implemented. */
const IMPLEMENTED = {
  session: new Set(['cancel_url', 'expand', 'expires_at', 'line_items', 'locale', 'metadata', 'mode', 'payment_intent_data', 'success_url']),
  lineItem: new Set(['price_data', 'quantity']),
  priceData: new Set(['currency', 'product_data', 'unit_amount']),
  productData: new Set(['name']),
  paymentIntentData: new Set(['metadata']),
};

/** The values Checkout's `locale` takes in the pinned SDK (SessionCreateParams.Locale), in Stripe's own order. */
const CHECKOUT_LOCALES: readonly string[] = [
  'auto', 'bg', 'cs', 'da', 'de', 'el', 'en', 'en-GB', 'es', 'es-419', 'et', 'fi', 'fil', 'fr', 'fr-CA', 'hi-IN', 'hr', 'hu', 'id', 'it',
  'ja', 'ko', 'lt', 'lv', 'ms', 'mt', 'nb', 'nl', 'pl', 'pt', 'pt-BR', 'ro', 'ru', 'sk', 'sl', 'sv', 'th', 'tr', 'vi', 'zh', 'zh-HK', 'zh-TW',
];

/** Our ids: the only metadata a link may carry. */
export const ALLOWED_METADATA_KEYS: readonly string[] = ['clinic_id', 'invoice_id', 'payment_request_id'];

/** ISO 4217 codes Stripe settles in, lowercase (a subset: enough for our clinics and for refusing nonsense). */
const CURRENCIES = new Set(['aud', 'cad', 'chf', 'czk', 'dkk', 'eur', 'gbp', 'huf', 'isk', 'jpy', 'nok', 'nzd', 'pln', 'ron', 'sek', 'usd']);

export const MIN_LIFETIME_SECONDS = 30 * 60;
export const MAX_LIFETIME_SECONDS = 24 * 60 * 60;

export interface CheckoutRequest {
  readonly amountTotal: number;
  readonly currency: string;
  readonly productName: string;
  readonly expiresAt: number;
  readonly metadata: Record<string, string>;
  readonly paymentIntentMetadata: Record<string, string>;
  readonly successUrl: string;
  readonly cancelUrl: string | null;
  /** The language Checkout speaks; null when not given (Stripe then uses the browser's). */
  readonly locale: string | null;
}

class Refusal extends Error {
  constructor(readonly failure: StripeFailure) { super(failure.error.message); }
}

const refuse = (param: string | undefined, message: string, code?: string, status = 400): never => {
  throw new Refusal({ status, error: { type: 'invalid_request_error', ...(code ? { code } : {}), ...(param ? { param } : {}), message } });
};

const isObject = (v: FormValue | undefined): v is FormObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkKeys(obj: FormObject, path: string, known: ReadonlySet<string>, implemented: ReadonlySet<string>): void {
  for (const key of Object.keys(obj)) {
    const name = path ? `${path}[${key}]` : key;
    if (!known.has(key)) refuse(name, `Received unknown parameter: ${name}`, 'parameter_unknown');
    if (!implemented.has(key)) {
      refuse(name, `The local Stripe test server does not implement ${name}. Implement it there before sending it.`, 'fake_not_implemented');
    }
  }
}

function str(obj: FormObject, key: string, path: string, required: boolean): string | null {
  const v = obj[key];
  const name = path ? `${path}[${key}]` : key;
  if (v === undefined) return required ? refuse(name, `Missing required param: ${name}.`, 'parameter_missing') : null;
  if (typeof v !== 'string') return refuse(name, `Invalid string: ${name} must be a string.`, 'parameter_invalid_string');
  return v;
}

function positiveInt(obj: FormObject, key: string, path: string): number {
  const name = path ? `${path}[${key}]` : key;
  const v = str(obj, key, path, true)!;
  if (!/^-?\d+$/.test(v)) refuse(name, `Invalid integer: ${v}`, 'parameter_invalid_integer');
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n <= 0) refuse(name, `Invalid positive integer: ${name} must be greater than 0.`, 'parameter_invalid_integer');
  return n;
}

function url(obj: FormObject, key: string, required: boolean): string | null {
  const v = str(obj, key, '', required);
  if (v === null) return null;
  if (!/^https?:\/\/[^\s]+$/.test(v)) refuse(key, `Not a valid URL: ${key}`, 'url_invalid');
  return v;
}

function metadata(obj: FormObject, key: string, path: string): Record<string, string> {
  const name = path ? `${path}[${key}]` : key;
  const v = obj[key];
  if (v === undefined) return {};
  if (!isObject(v)) return refuse(name, `Invalid object: ${name}`, 'parameter_invalid_object');
  const out: Record<string, string> = {};
  const keys = Object.keys(v);
  if (keys.length > 50) refuse(name, `${name} can have at most 50 keys.`);
  for (const k of keys) {
    const value = v[k];
    if (typeof value !== 'string') refuse(`${name}[${k}]`, `Invalid string: ${name}[${k}]`, 'parameter_invalid_string');
    if (k.length > 40) refuse(`${name}[${k}]`, `Metadata keys can be at most 40 characters (${k}).`);
    if ((value as string).length > 500) refuse(`${name}[${k}]`, `Metadata values can be at most 500 characters (${k}).`);
    // Ours, not Stripe's: only our ids leave the clinic (docs/design.md invariant 7).
    if (!ALLOWED_METADATA_KEYS.includes(k)) {
      refuse(`${name}[${k}]`, `Metadata may hold ${ALLOWED_METADATA_KEYS.join(', ')} only; "${k}" is not allowed.`, 'metadata_key_not_allowed');
    }
    out[k] = value as string;
  }
  return out;
}

function checkSession(params: FormObject, nowSeconds: number): CheckoutRequest {
  checkKeys(params, '', SESSION_CREATE_PARAMS, IMPLEMENTED.session);
  const mode = str(params, 'mode', '', true);
  if (mode !== 'payment') refuse('mode', `Invalid mode: this server implements "payment" only, not "${mode}".`, 'parameter_invalid_string');
  const successUrl = url(params, 'success_url', true)!;
  const cancelUrl = url(params, 'cancel_url', false);
  // An empty value unsets an optional parameter at Stripe.
  const locale = str(params, 'locale', '', false) || null;
  // Stripe's words for a value outside an enum: "Invalid locale: must be one of auto, bg, …, or zh-TW".
  if (locale !== null && !CHECKOUT_LOCALES.includes(locale)) {
    refuse('locale', `Invalid locale: must be one of ${CHECKOUT_LOCALES.slice(0, -1).join(', ')}, or ${CHECKOUT_LOCALES.at(-1)!}`);
  }

  const items = params.line_items;
  if (items === undefined) refuse('line_items', 'Missing required param: line_items.', 'parameter_missing');
  if (!Array.isArray(items) || items.length === 0) return refuse('line_items', 'Invalid array: line_items must list at least one item.', 'parameter_invalid_array');
  let amountTotal = 0;
  let currency: string | null = null;
  let productName = '';
  items.forEach((item, i) => {
    const path = `line_items[${i}]`;
    if (!isObject(item)) return refuse(path, `Invalid object: ${path}`, 'parameter_invalid_object');
    checkKeys(item, path, LINE_ITEM_PARAMS, IMPLEMENTED.lineItem);
    const price = item.price_data;
    if (!isObject(price)) return refuse(`${path}[price_data]`, `Missing required param: ${path}[price_data].`, 'parameter_missing');
    checkKeys(price, `${path}[price_data]`, PRICE_DATA_PARAMS, IMPLEMENTED.priceData);
    const c = str(price, 'currency', `${path}[price_data]`, true)!;
    // Stripe's docs: "Three-letter ISO currency code, in lowercase. Must be a supported currency."
    if (!/^[a-z]{3}$/.test(c) || !CURRENCIES.has(c)) refuse(`${path}[price_data][currency]`, `Invalid currency: ${c}. Use a supported three-letter ISO code in lowercase.`, 'parameter_invalid_string');
    if (currency !== null && c !== currency) refuse(`${path}[price_data][currency]`, 'All line items must use the same currency.');
    currency = c;
    const unit = positiveInt(price, 'unit_amount', `${path}[price_data]`);
    const product = price.product_data;
    if (!isObject(product)) return refuse(`${path}[price_data][product_data]`, `Missing required param: ${path}[price_data][product_data].`, 'parameter_missing');
    checkKeys(product, `${path}[price_data][product_data]`, PRODUCT_DATA_PARAMS, IMPLEMENTED.productData);
    const name = str(product, 'name', `${path}[price_data][product_data]`, true)!;
    if (name.trim() === '') refuse(`${path}[price_data][product_data][name]`, 'The product name cannot be empty.', 'parameter_invalid_empty');
    productName ||= name;
    const quantity = positiveInt(item, 'quantity', path);
    amountTotal += unit * quantity;
  });
  if (!Number.isSafeInteger(amountTotal) || amountTotal > 99_999_999) refuse('line_items', 'The total amount is above what a Checkout Session can charge.', 'amount_too_large');

  let expiresAt = nowSeconds + MAX_LIFETIME_SECONDS;
  if (params.expires_at !== undefined) {
    expiresAt = positiveInt(params, 'expires_at', '');
    if (expiresAt < nowSeconds + MIN_LIFETIME_SECONDS) refuse('expires_at', 'The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.', 'parameter_invalid_integer');
    if (expiresAt > nowSeconds + MAX_LIFETIME_SECONDS) refuse('expires_at', 'The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.', 'parameter_invalid_integer');
  }

  const meta = metadata(params, 'metadata', '');
  let paymentIntentMetadata: Record<string, string> = {};
  const pid = params.payment_intent_data;
  if (pid !== undefined) {
    if (!isObject(pid)) refuse('payment_intent_data', 'Invalid object: payment_intent_data', 'parameter_invalid_object');
    checkKeys(pid as FormObject, 'payment_intent_data', PAYMENT_INTENT_DATA_PARAMS, IMPLEMENTED.paymentIntentData);
    paymentIntentMetadata = metadata(pid as FormObject, 'metadata', 'payment_intent_data');
  }
  return { amountTotal, currency: currency!, productName, expiresAt, metadata: meta, paymentIntentMetadata, successUrl, cancelUrl, locale };
}

export function checkCheckoutCreate(params: FormObject, nowSeconds: number): { ok: true; value: CheckoutRequest } | { ok: false; failure: StripeFailure } {
  try {
    return { ok: true, value: checkSession(params, nowSeconds) };
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, failure: err.failure };
    throw err;
  }
}

/** Query parameters of a GET: refused when Stripe does not know them for that endpoint. */
export function checkQuery(query: URLSearchParams, known: ReadonlySet<string>): StripeFailure | null {
  for (const key of new Set(query.keys())) {
    const base = key.replace(/\[.*$/, '');
    if (!known.has(base)) return { status: 400, error: { type: 'invalid_request_error', code: 'parameter_unknown', param: key, message: `Received unknown parameter: ${key}` } };
  }
  return null;
}

export function failure(status: number, message: string, extra: Partial<StripeErrorBody> = {}): StripeFailure {
  return { status, error: { type: 'invalid_request_error', message, ...extra } };
}
