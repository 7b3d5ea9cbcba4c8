import { useTranslation } from 'react-i18next';

const ROWS = ['ABCDEFG', 'HIJKLMN', 'OPQRSTU', 'VWXYZ'];

/**
 * The on-screen A–Z keyboard: a kiosk has no input method, so pinyin letters are picked with the
 * remote's arrows and OK. Alphabetical, not QWERTY: most of the people holding the remote have
 * never typed on a computer keyboard.
 */
export function LetterKeyboard({
  onLetter,
  onDelete,
  onClear,
}: {
  onLetter: (letter: string) => void;
  onDelete: () => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="letter-keyboard" data-testid="letter-keyboard">
      {ROWS.flatMap((row) =>
        [...row].map((letter) => (
          <button
            key={letter}
            type="button"
            className="letter-key"
            data-testid={`letter-${letter}`}
            data-autofocus={letter === 'A' ? '' : undefined}
            onClick={() => onLetter(letter.toLowerCase())}
          >
            {letter}
          </button>
        )),
      )}
      <button
        type="button"
        className="letter-key letter-key--action"
        data-testid="letter-delete"
        onClick={onDelete}
      >
        {t('checkin.delete')}
      </button>
      <button
        type="button"
        className="letter-key letter-key--action"
        data-testid="letter-clear"
        onClick={onClear}
      >
        {t('checkin.clear')}
      </button>
    </div>
  );
}
