/**
 * Stripe's request encoding, read strictly: application/x-www-form-urlencoded with
 * bracket syntax for nesting (`line_items[0][price_data][currency]=nok`, `expand[]=x`).
 * A malformed key or a key that is both a value and an object is refused, as Stripe does.
 * Imported by the local Stripe test server only.
 */
export type FormValue = string | FormValue[] | FormObject;
export interface FormObject { [key: string]: FormValue }

export type FormResult = { ok: true; params: FormObject } | { ok: false; param: string; message: string };

class FormError extends Error {
  constructor(readonly param: string, message: string) { super(message); }
}

const KEY = /^([^[\]]+)((?:\[[^[\]]*\])*)$/;

function segmentsOf(key: string): string[] | null {
  const m = KEY.exec(key);
  if (!m) return null;
  const rest = m[2] ? m[2].slice(1, -1).split('][') : [];
  return [m[1]!, ...rest];
}

const isObject = (v: FormValue | undefined): v is FormObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseStripeForm(body: string): FormResult {
  const params: FormObject = {};
  // Arrays are built as index → value maps first, then checked for holes.
  const arrays = new Set<FormObject>();
  for (const [key, value] of new URLSearchParams(body)) {
    const segments = segmentsOf(key);
    if (!segments) return { ok: false, param: key, message: `Invalid parameter name: ${key}` };
    let node: FormObject = params;
    for (let i = 0; i < segments.length; i++) {
      let seg = segments[i]!;
      const last = i === segments.length - 1;
      if (seg === '') {
        // `a[]`: append (Stripe's encoding of a list of strings).
        if (!arrays.has(node)) return { ok: false, param: key, message: `Invalid array: ${key}` };
        seg = String(Object.keys(node).length);
      }
      const next = segments[i + 1];
      if (last) {
        if (node[seg] !== undefined) return { ok: false, param: key, message: `Received both a value and other values for ${key}` };
        node[seg] = value;
        break;
      }
      let child = node[seg];
      if (child === undefined) {
        child = {};
        node[seg] = child;
        if (next === '' || /^\d+$/.test(next ?? '')) arrays.add(child);
      }
      if (!isObject(child)) return { ok: false, param: key, message: `Received both a value and nested values for ${key}` };
      node = child;
    }
  }
  // Turn index maps into arrays; `a[0]`, `a[2]` without `a[1]` is not a list.
  const settle = (v: FormValue, path: string): FormValue => {
    if (!isObject(v)) return v;
    if (arrays.has(v)) {
      const keys = Object.keys(v);
      if (!keys.every((k) => /^\d+$/.test(k))) throw new FormError(path, `Invalid array: ${path}`);
      return keys.map((_, i) => {
        const item = v[String(i)];
        if (item === undefined) throw new FormError(path, `Invalid array: ${path} has no item ${i}`);
        return settle(item, `${path}[${i}]`);
      });
    }
    for (const k of Object.keys(v)) v[k] = settle(v[k]!, path ? `${path}[${k}]` : k);
    return v;
  };
  try {
    settle(params, '');
  } catch (err) {
    if (err instanceof FormError) return { ok: false, param: err.param, message: err.message };
    throw err;
  }
  return { ok: true, params };
}
