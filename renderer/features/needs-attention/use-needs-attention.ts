/** The desk's Needs-attention list (shared/db/needs-attention.ts), live. */
import { useEffect, useState } from 'react';
import type { ClinicDatabase } from '../../../shared/db/database.js';
import { watchNeedsAttention, type RefusedChange } from '../../../shared/db/needs-attention.js';

export function useNeedsAttention(db: ClinicDatabase): RefusedChange[] | undefined {
  const [entries, setEntries] = useState<RefusedChange[] | undefined>(undefined);
  useEffect(() => {
    const sub = watchNeedsAttention(db).subscribe(setEntries);
    return () => sub.unsubscribe();
  }, [db]);
  return entries;
}
