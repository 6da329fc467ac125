/**
 * A settings card's heading with its action button on the right. `editLabel` null: no
 * button (the person signed in may read but not change this card). The visible text is
 * the short "Edit"; the accessible name says which card, as there are several on the page.
 */
import { useT } from '../../app/language.js';

export function CardHeader({ id, title, editLabel, onEdit, actionText: givenAction }: {
  id: string;
  title: string;
  editLabel: string | null;
  onEdit: () => void;
  actionText?: string;
}) {
  const { t } = useT();
  const actionText = givenAction ?? t('common.edit');
  return (
    <div className="card__header">
      <h2 id={id}>{title}</h2>
      {editLabel !== null && (
        <button type="button" className="button" aria-label={editLabel === actionText ? undefined : editLabel} onClick={onEdit}>{actionText}</button>
      )}
    </div>
  );
}
