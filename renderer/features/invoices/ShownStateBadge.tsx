/** An invoice's shown state as a badge (shared/domain/invoice-state.ts): one look for the invoice, lists and checkout. */
import { SHOWN_STATE_LABELS, type ShownInvoiceState } from '../../../shared/domain/invoice-state.js';
import { useT } from '../../app/language.js';

export function ShownStateBadge({ state, testId }: { state: ShownInvoiceState; testId?: string }) {
  const { t } = useT();
  return <span className={`badge badge--${state}`} data-testid={testId}>{t(SHOWN_STATE_LABELS[state])}</span>;
}
