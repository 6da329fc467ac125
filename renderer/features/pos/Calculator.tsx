/**
 * The checkout's calculator: digits, decimal mark, back and clear on big buttons for a
 * touch screen or mouse, and "Full balance". Keyboard users type in the amount field
 * instead, so the keys are left out of the Tab order.
 */
const KEYS = ['7', '8', '9', '4', '5', '6', '1', '2', '3', '0', '00', '.'] as const;

export function Calculator({ value, onChange, onFull }: { value: string; onChange: (next: string) => void; onFull: () => void }) {
  const press = (key: string) => {
    if (key === '.' && value.includes('.')) return;
    onChange(value === '0' && key !== '.' ? key : value + key);
  };
  return (
    <div className="calculator" role="group" aria-label="Calculator">
      {KEYS.map((k) => (
        <button key={k} type="button" tabIndex={-1} className="calculator__key" onClick={() => press(k)}>{k}</button>
      ))}
      <button type="button" tabIndex={-1} className="calculator__key" aria-label="Delete last digit" onClick={() => onChange(value.slice(0, -1))}>⌫</button>
      <button type="button" tabIndex={-1} className="calculator__key" aria-label="Clear amount" onClick={() => onChange('')}>C</button>
      <button type="button" tabIndex={-1} className="calculator__key calculator__key--wide" onClick={onFull}>Full balance</button>
    </div>
  );
}
