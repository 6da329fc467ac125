/**
 * A tiny hash router: routes are "#/calendar", "#/clients", "#/clients/<id>",
 * "#/settings". Hash routes work the same under app:// and http://127.0.0.1.
 */
import { useEffect, useState } from 'react';

export type Route =
  | { name: 'calendar' }
  | { name: 'clients' }
  | { name: 'client'; id: string; tab: 'details' | 'invoices' }
  | { name: 'settings' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'clients' && parts[1]) return { name: 'client', id: parts[1], tab: parts[2] === 'invoices' ? 'invoices' : 'details' };
  if (parts[0] === 'clients') return { name: 'clients' };
  if (parts[0] === 'settings') return { name: 'settings' };
  return { name: 'calendar' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'client':
      return `#/clients/${encodeURIComponent(route.id)}${route.tab === 'invoices' ? '/invoices' : ''}`;
    default:
      return `#/${route.name}`;
  }
}

export function navigate(route: Route): void {
  location.hash = routeHref(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
