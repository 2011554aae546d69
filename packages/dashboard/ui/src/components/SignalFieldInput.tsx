import type { SignalField } from '../../../src/protocol.js';

interface Props {
  field: SignalField;
  value: string | boolean;
  /** What the form or the server said is wrong with it. */
  problems?: readonly string[];
  disabled: boolean;
  onChange: (value: string | boolean) => void;
}

/** What a field accepts, in words: `at most 200 characters`, `1 to 5, whole`. */
function hint(field: SignalField): string | undefined {
  if (field.kind === 'string') {
    const { minLength: min, maxLength: max } = field;
    if (min !== undefined && max !== undefined) return `${min} to ${max} characters`;
    if (max !== undefined) return `at most ${max} characters`;
    return min !== undefined ? `at least ${min} characters` : undefined;
  }
  if (field.kind === 'number') {
    const range = [field.min !== undefined && `≥ ${field.min}`, field.max !== undefined && `≤ ${field.max}`];
    return [...range, field.integer && 'whole'].filter(Boolean).join(', ') || undefined;
  }
  return field.kind === 'json' ? 'JSON' : undefined;
}

/** One field of a signal form: a select for choices, a text input (or area), a number, a checkbox, or JSON. */
export function SignalFieldInput({ field, value, problems = [], disabled, onChange }: Props) {
  const text = typeof value === 'string' ? value : '';
  const id = `signal-field-${field.name}`;
  const common = { id, 'data-testid': id, disabled, 'aria-invalid': problems.length > 0 };
  const over = field.maxLength !== undefined && text.length > field.maxLength;
  const note = hint(field);
  return (
    <div className={`signal-field${problems.length > 0 ? ' has-problem' : ''}`}>
      <label htmlFor={id}>
        <span className="mono">{field.name}</span>
        {field.optional && <span className="muted small"> optional</span>}
        {note && <span className="muted small"> · {note}</span>}
      </label>
      {field.kind === 'boolean' ? (
        <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
      ) : field.kind === 'enum' ? (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">{field.optional ? '(none)' : 'choose…'}</option>
          {(field.options ?? []).map((option) => (
            <option key={String(option)} value={String(option)}>
              {String(option)}
            </option>
          ))}
        </select>
      ) : field.kind === 'string' && (field.maxLength === undefined || field.maxLength > 120) ? (
        <textarea {...common} rows={2} value={text} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          type={field.kind === 'number' ? 'number' : 'text'}
          {...(field.kind === 'number' && { step: field.integer ? 1 : 'any' })}
          className={field.kind === 'json' ? 'mono' : undefined}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {field.maxLength !== undefined && (
        <span className={`small ${over ? 'form-error' : 'muted'}`} data-testid={`${id}-count`}>
          {text.length}/{field.maxLength}
        </span>
      )}
      {problems.map((problem, i) => (
        <p key={i} className="form-error" data-testid={`field-error-${field.name}`}>
          {problem}
        </p>
      ))}
    </div>
  );
}
