import '../styles/setup.css';
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HomeView } from '../../../common/contract.js';
import { useStation } from '../api/context.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import {
  EMPTY_SETUP,
  SETUP_FIELDS,
  setupInput,
  validateSetup,
  type SetupField,
  type SetupProblem,
} from './setupForm.js';

const PIN_FIELDS = new Set<SetupField>([
  'organizerPin',
  'organizerPinRepeat',
  'technicianPin',
  'technicianPinRepeat',
]);

/** First run on a real install: name the place and set both PINs, all with a remote or keyboard. */
export function SetupScreen({ onDone }: { onDone: (home: HomeView) => void }) {
  const { t } = useTranslation();
  const { api } = useStation();
  const [values, setValues] = useState(EMPTY_SETUP);
  const [problems, setProblems] = useState<Partial<Record<SetupField, SetupProblem>>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const focusField = (field: SetupField) =>
    formRef.current?.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();

  const sentence = (field: SetupField, problem: SetupProblem) => {
    const label = t(`setup.${field}`);
    return problem === 'pinMismatch'
      ? t('setup.pinMismatch')
      : t(`setup.${problem}`, { field: label });
  };

  const submit = async () => {
    if (busy) return;
    const found = validateSetup(values);
    setProblems(found);
    const first = SETUP_FIELDS.find((field) => found[field]);
    if (first) {
      focusField(first);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onDone(await api.completeSetup(setupInput(values)));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void submit();
  };

  // Enter in a field moves on to the next one, as OK on a remote would; only the button submits.
  const onFieldKeyDown = (event: KeyboardEvent<HTMLInputElement>, name: SetupField) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const next = SETUP_FIELDS[SETUP_FIELDS.indexOf(name) + 1];
    if (next) focusField(next);
    else formRef.current?.querySelector<HTMLElement>('button[type="submit"]')?.focus();
  };

  const field = (name: SetupField, hint?: string) => {
    const problem = problems[name];
    const pin = PIN_FIELDS.has(name);
    return (
      <label className={problem ? 'field field--invalid' : 'field'} key={name}>
        <span className="field__label">{t(`setup.${name}`)}</span>
        <input
          className="field__input"
          name={name}
          data-testid={`setup-${name}`}
          data-autofocus={name === 'village' ? '' : undefined}
          type={pin ? 'password' : 'text'}
          inputMode={pin ? 'numeric' : 'text'}
          autoComplete="off"
          maxLength={pin ? 8 : 60}
          placeholder={hint ?? (pin ? t('setup.pinHint') : undefined)}
          value={values[name]}
          aria-invalid={problem ? true : undefined}
          onKeyDown={(event) => onFieldKeyDown(event, name)}
          onChange={(event) => {
            const value = event.target.value;
            setValues((current) => ({ ...current, [name]: value }));
          }}
        />
        {problem ? (
          <span className="field__problem" data-testid={`problem-${name}`}>
            {sentence(name, problem)}
          </span>
        ) : null}
      </label>
    );
  };

  const problemCount = Object.keys(problems).length;
  return (
    <div className="screen setup-screen" data-testid="setup-screen">
      <header className="screen-header">
        <div className="screen-header__titles">
          <h1 className="screen-header__title">{t('setup.title')}</h1>
          <p className="screen-header__subtitle">{t('setup.intro')}</p>
        </div>
      </header>
      <form className="setup-form" ref={formRef} onSubmit={onSubmit} noValidate>
        <div className="setup-form__column">
          {field('village')}
          {field('county')}
          {field('terminalName', t('setup.terminalNameHint'))}
        </div>
        <div className="setup-form__column">
          {field('organizerPin')}
          {field('organizerPinRepeat')}
          {field('technicianPin')}
          {field('technicianPinRepeat')}
        </div>
        <div className="setup-form__footer">
          {problemCount > 0 ? (
            <p className="notice notice--bad" role="alert">
              {t('setup.fixFirst', { count: problemCount })}
            </p>
          ) : null}
          {error ? <ErrorBanner error={error} /> : null}
          <button
            type="submit"
            className="button button--primary"
            data-testid="setup-submit"
            aria-disabled={busy || undefined}
          >
            {busy ? t('setup.saving') : t('setup.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
