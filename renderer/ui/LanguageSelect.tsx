/**
 * A choice of language: each named in itself ("Norsk bokmål", "English"), as people look for
 * their own language, and first the clinic's default (docs/decisions/0033-languages.md).
 */
import type { SelectHTMLAttributes } from 'react';
import { LANGUAGES } from '../../shared/i18n/catalogues/index.js';
import { useT } from '../app/language.js';
import { languageChoiceName } from './language-name.js';

interface Props extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> {
  /** A language code, or '' for the clinic's. */
  readonly value: string;
  readonly onChange: (language: string) => void;
  /** The clinic's locale, whose language '' stands for. */
  readonly clinicLocale: string;
}

export function LanguageSelect({ value, onChange, clinicLocale, ...rest }: Props) {
  const translator = useT();
  // The same names a record shows the choice by (language-name.ts).
  const name = (choice: string) => languageChoiceName(choice, clinicLocale, translator);
  return (
    <select {...rest} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{name('')}</option>
      {LANGUAGES.map((code) => <option key={code} value={code} lang={code}>{name(code)}</option>)}
    </select>
  );
}
