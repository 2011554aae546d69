import { useState } from 'react';
import type { SignalSchema } from '../../../src/protocol.js';
import { sendSignal } from '../lib/send-signal.js';
import { buildPayload, choiceField, initialValues, parseJson, splitViolations } from '../lib/signal-form.js';
import { SignalFieldInput } from './SignalFieldInput.js';

interface Props {
  runId: string;
  step: string;
  signal: string;
  /** The signal's payload fields; without them (no class, or no metadata) the payload is edited as JSON. */
  schema?: SignalSchema;
}

/**
 * The form that sends a waiting step its signal, built from the payload class's fields: the one required
 * choice (`approve` / `reject`) as submit buttons, the other fields as inputs; JSON when the fields are
 * unknown. Violations show next to their field, other errors above the form. Once sent, it stays disabled
 * until the step leaves `waiting` and the page drops the form.
 */
export function SignalForm({ runId, step, signal, schema }: Props) {
  const fields = schema?.fields;
  const choice = fields && choiceField(fields);
  const others = (fields ?? []).filter((f) => f !== choice);
  const [values, setValues] = useState(() => initialValues(fields ?? []));
  const [json, setJson] = useState('{}');
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  const submit = async (chosen?: string): Promise<void> => {
    const all = choice && chosen !== undefined ? { ...values, [choice.name]: chosen } : values;
    let payload: unknown;
    if (fields) {
      const built = buildPayload(fields, all);
      if (!built.ok)
        return void setProblems(Object.fromEntries(Object.entries(built.problems).map(([k, v]) => [k, [v]])));
      payload = built.payload;
    } else {
      const parsed = parseJson(json);
      if (!parsed.ok) return void setError([`Invalid JSON: ${parsed.message}`]);
      payload = parsed.value;
    }
    setBusy(true);
    setProblems({});
    setError([]);
    const reply = await sendSignal(runId, signal, payload);
    setBusy(false);
    if (!('error' in reply)) return void setSent(true);
    const { byField, other } = splitViolations(reply.error.violations ?? [], fields ?? []);
    setProblems(byField);
    const rest = other.map((v) => `${v.path || 'payload'}: ${v.message}`);
    setError(reply.error.violations?.length ? rest : [`${reply.error.name}: ${reply.error.message}`]);
  };

  const disabled = busy || sent;
  return (
    <form
      className="signal-form"
      data-testid={`signal-form-${step}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p className="signal-form-head">
        <span className="mono">{step}</span> waits for the <strong className="mono">{signal}</strong> signal
        {schema?.payload && <span className="muted"> (payload {schema.payload})</span>}
      </p>
      {error.map((message, i) => (
        <p key={i} className="form-error" data-testid="signal-error">
          {message}
        </p>
      ))}
      {others.map((field) => (
        <SignalFieldInput
          key={field.name}
          field={field}
          value={values[field.name]}
          problems={problems[field.name] ?? []}
          disabled={disabled}
          onChange={(value) => setValues((v) => ({ ...v, [field.name]: value }))}
        />
      ))}
      {!fields && (
        <textarea
          className="json-editor"
          data-testid="signal-json"
          aria-label={`Payload of the ${signal} signal (JSON)`}
          rows={3}
          value={json}
          disabled={disabled}
          onChange={(e) => setJson(e.target.value)}
        />
      )}
      <div className="signal-form-actions">
        {choice ? (
          (choice.options ?? []).map((option, i) => (
            <button
              key={String(option)}
              type="button"
              className={i === 0 ? 'btn btn-primary' : 'btn'}
              data-testid={`signal-choice-${String(option)}`}
              disabled={disabled}
              onClick={() => void submit(String(option))}
            >
              {String(option)}
            </button>
          ))
        ) : (
          <button type="submit" className="btn btn-primary" data-testid="signal-send" disabled={disabled}>
            Send {signal}
          </button>
        )}
        {busy && <span className="muted small">Sending…</span>}
        {sent && (
          <span className="muted small" data-testid="signal-sent">
            Sent; the step runs with it.
          </span>
        )}
      </div>
      {choice &&
        (problems[choice.name] ?? []).map((problem, i) => (
          <p key={i} className="form-error" data-testid={`field-error-${choice.name}`}>
            {problem}
          </p>
        ))}
    </form>
  );
}
