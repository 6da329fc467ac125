/** Clean print views (being built). */
import type { PrintKind } from '../../app/router.js';

export function PrintScreen({ kind, id }: { kind: PrintKind; id: string }) {
  return <main className="print-view"><h1>{kind}</h1><p>{id}</p></main>;
}
