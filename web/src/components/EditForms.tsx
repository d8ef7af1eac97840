// The editor's forms, each in a modal dialog: add a tie, correct its date or kind, end or suspend it,
// merge and split places, add an alias. Writes carry the tie's version; a 409 shows the tie as it is now
// and lets the editor try again on top of it.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, VersionConflict, reads, write, type Place, type RelationshipDetail, type SearchResult, type TieKind } from '../api';
import { bumpRevision } from '../auth';
import { useI18n } from '../i18n';
import { countryName, formatDate } from '../format';
import { Dialog } from './Dialog';
import { PlacePicker } from './SearchBox';
import { TieStatus } from './tie';
import { TokenEntry } from './SignIn';

let instance = 0;
function useId(prefix: string): string {
  const [id] = useState(() => `${prefix}-${++instance}`);
  return id;
}

// ---- dates with their precision ------------------------------------------------------------------------

export type Precision = 'none' | 'year' | 'month' | 'day';
export interface DateValue {
  precision: Precision;
  value: string;
}

export function dateValueOf(date: string | null | undefined, precision?: string | null): DateValue {
  if (!date) return { precision: 'none', value: '' };
  const p: Precision =
    precision === 'year' || precision === 'month' || precision === 'day' ? precision : date.length >= 10 ? 'day' : date.length >= 7 ? 'month' : 'year';
  return { precision: p, value: formatDate(date, p) ?? '' };
}

const DATE_RE: Record<Exclude<Precision, 'none'>, RegExp> = {
  year: /^\d{4}$/,
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  day: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
};
const LEN: Record<Exclude<Precision, 'none'>, number> = { year: 4, month: 7, day: 10 };

/** '' for no date; null when what is typed is not a date of the chosen precision. */
export function dateToSend(d: DateValue): string | null {
  if (d.precision === 'none') return '';
  const v = d.value.trim();
  return DATE_RE[d.precision].test(v) ? v : null;
}

export function DateField({ legend, value, onChange, allowNone = true }: { legend: string; value: DateValue; onChange: (d: DateValue) => void; allowNone?: boolean }) {
  const { t } = useI18n();
  const id = useId('date');
  const p = value.precision;
  const setPrecision = (np: Precision) => {
    if (np === 'none') return onChange({ precision: np, value: '' });
    const v = value.value.trim();
    const next = DATE_RE[np].test(v) ? v : v.length > LEN[np] && DATE_RE[np].test(v.slice(0, LEN[np])) ? v.slice(0, LEN[np]) : '';
    onChange({ precision: np, value: next });
  };
  return (
    <fieldset class="datefield">
      <legend>{legend}</legend>
      <div class="field">
        <label class="field-label" for={`${id}-p`}>
          {t('datePrecision')}
        </label>
        <select id={`${id}-p`} value={p} onChange={(e) => setPrecision((e.target as HTMLSelectElement).value as Precision)}>
          {allowNone ? <option value="none">{t('precision_none')}</option> : null}
          <option value="year">{t('precision_year')}</option>
          <option value="month">{t('precision_month')}</option>
          <option value="day">{t('precision_day')}</option>
        </select>
      </div>
      {p !== 'none' ? (
        <div class="field">
          <label class="field-label" for={`${id}-v`}>
            {t(p === 'year' ? 'dateInput_year' : p === 'month' ? 'dateInput_month' : 'dateInput_day')}
          </label>
          {p === 'year' ? (
            <input
              id={`${id}-v`}
              key="year"
              type="text"
              inputMode="numeric"
              pattern="\d{4}"
              placeholder="YYYY"
              maxLength={4}
              required
              value={value.value}
              onInput={(e) => onChange({ precision: p, value: (e.target as HTMLInputElement).value })}
            />
          ) : (
            <input
              id={`${id}-v`}
              key={p}
              type={p === 'month' ? 'month' : 'date'}
              pattern={p === 'month' ? '\d{4}-\d{2}' : '\d{4}-\d{2}-\d{2}'}
              placeholder={p === 'month' ? 'YYYY-MM' : 'YYYY-MM-DD'}
              min={p === 'month' ? '1900-01' : '1900-01-01'}
              max={p === 'month' ? '2099-12' : '2099-12-31'}
              required
              value={value.value}
              onInput={(e) => onChange({ precision: p, value: (e.target as HTMLInputElement).value })}
            />
          )}
        </div>
      ) : null}
    </fieldset>
  );
}

// ---- small pieces ---------------------------------------------------------------------------------------

function FormError({ error }: { error: Error | string | null }) {
  const { t } = useI18n();
  if (!error) return null;
  let text: string;
  if (typeof error === 'string') text = error;
  else if (error instanceof ApiError && error.status === 403) text = `${t('forbidden')} (${error.message})`;
  else if (error instanceof ApiError && error.status === 401)
    // the form stays open with what was typed: signing in again here, then saving, loses nothing
    return <ReSignIn />;
  else text = `${t('error')}${error instanceof ApiError ? `${error.status} ` : ''}${error.message}`;
  return (
    <p class="error" role="alert" data-testid="form-error">
      {text}
    </p>
  );
}

function ReSignIn() {
  const { t } = useI18n();
  const [again, setAgain] = useState(false);
  if (again)
    return (
      <p class="notice" role="status" data-testid="signed-in-again">
        {t('signedInAgain')}
      </p>
    );
  return (
    <div class="error-box" role="alert" data-testid="form-error">
      <p class="error">{t('editRefusedKept')}</p>
      <TokenEntry autoFocus submitLabel={t('signInAgain')} onSignedIn={() => setAgain(true)} />
    </div>
  );
}

function TextField({
  label,
  value,
  onInput,
  required,
  multiline,
  hint,
  list,
  pattern,
  placeholder,
  maxLength,
}: {
  label: string;
  value: string;
  onInput: (v: string) => void;
  required?: boolean;
  multiline?: boolean;
  hint?: string;
  list?: string;
  pattern?: string;
  placeholder?: string;
  maxLength?: number;
}) {
  const id = useId('f');
  const common = {
    id,
    value,
    required,
    placeholder,
    maxLength,
    'aria-describedby': hint ? `${id}-hint` : undefined,
    onInput: (e: Event) => onInput((e.target as HTMLInputElement).value),
  };
  return (
    <div class="field">
      <label class="field-label" for={id}>
        {label}
      </label>
      {multiline ? <textarea rows={2} {...common} /> : <input type="text" autoComplete="off" list={list} pattern={pattern} {...common} />}
      {hint ? (
        <span id={`${id}-hint`} class="hint">
          {hint}
        </span>
      ) : null}
    </div>
  );
}

function KindField({ value, onChange }: { value: TieKind; onChange: (k: TieKind) => void }) {
  const { t } = useI18n();
  const id = useId('kind');
  return (
    <div class="field">
      <label class="field-label" for={id}>
        {t('kind')}
      </label>
      <select id={id} value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value as TieKind)}>
        <option value="sister">{t('kind_sister')}</option>
        <option value="cooperation">{t('kind_cooperation')}</option>
        <option value="other">{t('kind_other')}</option>
      </select>
    </div>
  );
}

function Buttons({ busy, submit, onCancel }: { busy: boolean; submit: string; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <p class="dialog-buttons">
      <button type="submit" class="button primary" disabled={busy} aria-busy={busy}>
        {busy ? t('saving') : submit}
      </button>
      <button type="button" class="button secondary" onClick={onCancel}>
        {t('cancel')}
      </button>
    </p>
  );
}

function asKind(k: string): TieKind {
  return k === 'cooperation' || k === 'other' ? k : 'sister';
}

/** 409: the tie as it is now, and a way to try again on top of it. */
function ConflictBox({ current, onRetry, busy }: { current: RelationshipDetail | null; onRetry: () => void; busy: boolean }) {
  const { t, tk } = useI18n();
  return (
    <div class="conflict-box" role="alert" data-testid="version-conflict">
      <p>
        <strong>{t('versionConflict')}</strong>
      </p>
      {current ? (
        <>
          <p>{t('currentState')}</p>
          <dl class="facts-list">
            <dt>{t('kind')}</dt>
            <dd>{tk(`kind_${current.kind}`, current.kind)}</dd>
            <dt>{t('date')}</dt>
            <dd>{formatDate(current.start_date, current.start_precision) ?? t('dateUnknown')}</dd>
            <dt>{t('status')}</dt>
            <dd>
              <TieStatus tie={current} />
            </dd>
            <dt>{t('version')}</dt>
            <dd>{current.version}</dd>
          </dl>
        </>
      ) : null}
      <p>
        <button type="button" class="button" onClick={onRetry} disabled={busy}>
          {t('retryWithCurrent')}
        </button>
      </p>
    </div>
  );
}

/** The tie as the form opens it: from the table if it knows the version, else read from the server. */
function useTieState(tie: TieRef): { rel: RelationshipDetail | null; error: Error | null; setRel: (r: RelationshipDetail) => void } {
  const [rel, setRel] = useState<RelationshipDetail | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    const ctl = new AbortController();
    reads.relationship(tie.id, ctl.signal).then(
      (r) => !ctl.signal.aborted && setRel((prev) => prev ?? r),
      (e: Error) => !ctl.signal.aborted && setError(e),
    );
    return () => ctl.abort();
  }, [tie.id]);
  return { rel, error, setRel };
}

export interface TieRef {
  id: number;
  /** the version the table showed, when it knows it */
  version?: number;
  kind: string;
  start_date: string | null;
  start_precision: string;
  /** "大连市 — 东京都": what the dialog is about */
  label: string;
}

// ---- add a tie ------------------------------------------------------------------------------------------

export function AddTieDialog({ place, onClose, onDone }: { place: Place; onClose: () => void; onDone: (r: RelationshipDetail, other: SearchResult) => void }) {
  const { t, lang } = useI18n();
  const isCn = place.country_iso2 === 'CN';
  const [other, setOther] = useState<SearchResult | null>(null);
  const [kind, setKind] = useState<TieKind>('sister');
  const [date, setDate] = useState<DateValue>({ precision: 'year', value: '' });
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!other) return setError(t('pickPlaceFirst'));
    const d = dateToSend(date);
    if (d === null) return setError(t('badDate'));
    if (!reference.trim() && !note.trim()) return setError(t('needSource'));
    setBusy(true);
    try {
      const r = await write.addRelationship({
        cn_place_id: isCn ? place.id : other.id,
        foreign_place_id: isCn ? other.id : place.id,
        kind,
        date: d || undefined,
        reference: reference.trim(),
        note: note.trim(),
      });
      onDone(r, other);
      bumpRevision();
    } catch (err) {
      setError(err as Error);
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('addTieTitle', { name: (lang === 'en' ? place.name_en : null) ?? place.name_zh_hans ?? place.name_en ?? place.id })} onClose={onClose} testid="add-tie">
      <form class="editform" onSubmit={submit} noValidate>
        <PlacePicker
          label={isCn ? t('pickForeign') : t('pickChinese')}
          value={other}
          onChange={setOther}
          filter={(r) => r.id !== place.id && r.is_chinese !== isCn}
          testid="pick-partner"
        />
        <KindField value={kind} onChange={setKind} />
        <DateField legend={t('dateSigned')} value={date} onChange={setDate} />
        <TextField label={t('reference')} hint={t('referenceHint')} value={reference} onInput={setReference} />
        <TextField label={t('note')} value={note} onInput={setNote} multiline />
        <FormError error={error} />
        <Buttons busy={busy} submit={t('addTieSubmit')} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

// ---- correct the date (or kind) -------------------------------------------------------------------------

export function CorrectDateDialog({ tie, onClose, onDone }: { tie: TieRef; onClose: () => void; onDone: (r: RelationshipDetail) => void }) {
  const { t } = useI18n();
  const loaded = useTieState(tie);
  const base = loaded.rel ?? null;
  const [date, setDate] = useState<DateValue>(() => {
    const d = dateValueOf(tie.start_date, tie.start_precision);
    return d.precision === 'none' ? { precision: 'year', value: '' } : d;
  });
  const [kind, setKind] = useState<TieKind>(asKind(tie.kind));
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | string | null>(null);
  const [conflict, setConflict] = useState<RelationshipDetail | null | undefined>(undefined);
  // the version this edit is made on top of: the table's, else the server's when the dialog opened
  const [version, setVersion] = useState<number | undefined>(tie.version);
  useEffect(() => {
    if (version === undefined && base) setVersion(base.version);
  }, [base]);

  const send = async (v: number | undefined, against: { kind: string; start_date: string | null; start_precision: string }) => {
    setError(null);
    const d = dateToSend(date);
    if (d === null || d === '') return setError(t('badDate'));
    const was = dateValueOf(against.start_date, against.start_precision);
    const body: { date?: string; kind?: TieKind; reference?: string; note?: string; version: number } = { version: v ?? 0 };
    if (!(was.precision === date.precision && was.value === d)) body.date = d;
    if (kind !== against.kind) body.kind = kind;
    if (!body.date && !body.kind) return setError(t('nothingChanged'));
    if (v === undefined) return setError(t('loading'));
    body.reference = reference.trim();
    body.note = note.trim();
    setBusy(true);
    try {
      const r = await write.patchRelationship(tie.id, body);
      onDone(r);
      bumpRevision();
    } catch (err) {
      setBusy(false);
      if (err instanceof VersionConflict) {
        let cur = err.current;
        if (!cur) cur = await reads.relationship(tie.id).catch(() => null);
        if (cur) {
          // what the editor left alone now shows the tie as it is, so saving again changes only what they changed
          if (kind === asKind(against.kind)) setKind(asKind(cur.kind));
          if (was.precision === date.precision && was.value === date.value.trim()) {
            const now = dateValueOf(cur.start_date, cur.start_precision);
            setDate(now.precision === 'none' ? { precision: 'year', value: '' } : now);
          }
          setVersion(cur.version);
        }
        setConflict(cur);
        return;
      }
      setError(err as Error);
    }
  };

  return (
    <Dialog title={t('correctDateTitle', { tie: tie.label })} onClose={onClose} testid="correct-date">
      <form
        class="editform"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          send(version, conflict ?? tie);
        }}
      >
        <p class="muted">
          {t('currentlyDate')}
          {t('colon')}
          {formatDate(tie.start_date, tie.start_precision) ?? t('dateUnknown')}
        </p>
        <DateField legend={t('dateSigned')} value={date} onChange={setDate} allowNone={false} />
        <KindField value={kind} onChange={setKind} />
        <TextField label={t('reference')} hint={t('referenceHint')} value={reference} onInput={setReference} />
        <TextField label={t('note')} value={note} onInput={setNote} multiline />
        {conflict !== undefined ? <ConflictBox current={conflict} busy={busy} onRetry={() => conflict && send(conflict.version, conflict)} /> : null}
        {loaded.error ? <FormError error={loaded.error} /> : null}
        <FormError error={error} />
        <Buttons busy={busy || version === undefined} submit={t('save')} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

// ---- end or suspend -------------------------------------------------------------------------------------

export function EndTieDialog({ tie, onClose, onDone }: { tie: TieRef; onClose: () => void; onDone: (r: RelationshipDetail) => void }) {
  const { t } = useI18n();
  const loaded = useTieState(tie);
  const [status, setStatus] = useState<'ended' | 'suspended'>('ended');
  const [end, setEnd] = useState<DateValue>({ precision: 'none', value: '' });
  const [reason, setReason] = useState('');
  const [reference, setReference] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | string | null>(null);
  const [conflict, setConflict] = useState<RelationshipDetail | null | undefined>(undefined);
  const [version, setVersion] = useState<number | undefined>(tie.version);
  useEffect(() => {
    if (version === undefined && loaded.rel) setVersion(loaded.rel.version);
  }, [loaded.rel]);
  const id = useId('end');

  const send = async (v: number | undefined) => {
    setError(null);
    const d = dateToSend(end);
    if (d === null) return setError(t('badDate'));
    if (!reason.trim()) return setError(t('needReason'));
    if (v === undefined) return setError(t('loading'));
    setBusy(true);
    try {
      const r = await write.endRelationship(tie.id, { status, end_date: d || undefined, reason: reason.trim(), reference: reference.trim(), version: v });
      onDone(r);
      bumpRevision();
    } catch (err) {
      setBusy(false);
      if (err instanceof VersionConflict) {
        let cur = err.current;
        if (!cur) cur = await reads.relationship(tie.id).catch(() => null);
        setConflict(cur);
        if (cur) setVersion(cur.version);
        return;
      }
      setError(err as Error);
    }
  };

  return (
    <Dialog title={t('endTieTitle', { tie: tie.label })} onClose={onClose} testid="end-tie">
      <form
        class="editform"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          send(version);
        }}
      >
        <fieldset class="radios">
          <legend>{t('endStatus')}</legend>
          {(['ended', 'suspended'] as const).map((s) => (
            <label key={s} for={`${id}-${s}`}>
              <input id={`${id}-${s}`} type="radio" name={`${id}-status`} value={s} checked={status === s} onChange={() => setStatus(s)} />{' '}
              {t(s === 'ended' ? 'endAsEnded' : 'endAsSuspended')}
            </label>
          ))}
        </fieldset>
        <DateField legend={t('endDate')} value={end} onChange={setEnd} />
        <TextField label={t('reason')} value={reason} onInput={setReason} required multiline />
        <TextField label={t('reference')} hint={t('referenceHint')} value={reference} onInput={setReference} />
        {conflict !== undefined ? <ConflictBox current={conflict} busy={busy} onRetry={() => conflict && send(conflict.version)} /> : null}
        {loaded.error ? <FormError error={loaded.error} /> : null}
        <FormError error={error} />
        <Buttons busy={busy || version === undefined} submit={t(status === 'ended' ? 'endTieSubmit' : 'suspendTieSubmit')} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

// ---- places: merge, split, alias ------------------------------------------------------------------------

function placeLabel(p: { id: string; name_zh_hans?: string | null; name_en?: string | null }): string {
  const zh = p.name_zh_hans;
  const en = p.name_en && p.name_en !== zh ? p.name_en : null;
  return [zh || en || p.id, zh ? en : null].filter(Boolean).join(' ');
}

export function MergeDialog({ place, onClose, onDone }: { place: Place; onClose: () => void; onDone: (r: { from: string; into: string }, text: string) => void }) {
  const { t } = useI18n();
  const isCn = place.country_iso2 === 'CN';
  const [other, setOther] = useState<SearchResult | null>(null);
  const [dir, setDir] = useState<'this-into-other' | 'other-into-this'>('this-into-other');
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | string | null>(null);
  const id = useId('merge');
  const formRef = useRef<HTMLFormElement>(null);
  const stepStarted = useRef(false);
  useEffect(() => {
    // the confirm step replaces the form: keep focus on its button (and, going back, in the form)
    if (!stepStarted.current) {
      stepStarted.current = true;
      return;
    }
    formRef.current?.querySelector<HTMLElement>('button.primary')?.focus();
  }, [confirming]);
  const from = other ? (dir === 'this-into-other' ? place : other) : null;
  const into = other ? (dir === 'this-into-other' ? other : place) : null;
  const summary = from && into ? t('mergeSummary', { from: `${placeLabel(from)} (${from.id})`, into: `${placeLabel(into)} (${into.id})` }) : '';

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!from || !into) return setError(t('pickPlaceFirst'));
    if (!confirming) return setConfirming(true);
    setBusy(true);
    try {
      const r = await write.merge({ from: from.id, into: into.id, note: note.trim() });
      onDone(r, summary);
      bumpRevision();
    } catch (err) {
      setBusy(false);
      setConfirming(false);
      setError(err as Error);
    }
  };

  return (
    <Dialog title={t('mergeTitle', { name: placeLabel(place) })} onClose={onClose} testid="merge">
      <form class="editform" onSubmit={submit} noValidate ref={formRef}>
        {!confirming ? (
          <>
            <PlacePicker
              label={t('mergeWith')}
              value={other}
              onChange={setOther}
              filter={(r) => r.id !== place.id && r.is_chinese === isCn}
              testid="pick-merge"
            />
            <fieldset class="radios">
              <legend>{t('mergeDirection')}</legend>
              {(['this-into-other', 'other-into-this'] as const).map((d) => (
                <label key={d} for={`${id}-${d}`}>
                  <input id={`${id}-${d}`} type="radio" name={`${id}-dir`} checked={dir === d} onChange={() => setDir(d)} />{' '}
                  {t(d === 'this-into-other' ? 'mergeThisIntoOther' : 'mergeOtherIntoThis')}
                </label>
              ))}
            </fieldset>
            <TextField label={t('note')} value={note} onInput={setNote} multiline />
            <FormError error={error} />
            <Buttons busy={busy} submit={t('mergeNext')} onCancel={onClose} />
          </>
        ) : (
          <>
            <p class="confirm" role="alert">
              {summary}
            </p>
            <FormError error={error} />
            <p class="dialog-buttons">
              <button type="submit" class="button primary" disabled={busy} aria-busy={busy}>
                {busy ? t('saving') : t('mergeConfirm')}
              </button>
              <button type="button" class="button secondary" onClick={() => setConfirming(false)}>
                {t('back')}
              </button>
            </p>
          </>
        )}
      </form>
    </Dialog>
  );
}

export function SplitDialog({ place, onClose, onDone }: { place: Place; onClose: () => void; onDone: (r: { place: string; split: string }) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [country, setCountry] = useState(place.country_iso2 ?? '');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | string | null>(null);
  const listId = useId('names');

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const cc = country.trim().toUpperCase();
    if (cc && !/^([A-Z]{2}|\*)$/.test(cc)) return setError(t('badCountry'));
    setBusy(true);
    try {
      const r = await write.split({ place: place.id, name: name.trim(), country: name.trim() ? cc : '', note: note.trim() });
      onDone(r);
      bumpRevision();
    } catch (err) {
      setBusy(false);
      setError(err as Error);
    }
  };

  return (
    <Dialog title={t('splitTitle', { name: placeLabel(place) })} onClose={onClose} testid="split">
      <form class="editform" onSubmit={submit} noValidate>
        <p class="muted">{t('splitIntro')}</p>
        <TextField label={t('splitName')} hint={t('splitNameHint')} value={name} onInput={setName} list={listId} />
        <datalist id={listId}>
          {place.names.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <TextField label={t('aliasCountry')} hint={t('countryHint')} value={country} onInput={setCountry} maxLength={2} />
        <TextField label={t('note')} value={note} onInput={setNote} multiline />
        <FormError error={error} />
        <Buttons busy={busy} submit={t('splitSubmit')} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

export function AliasDialog({ place, onClose, onDone }: { place: Place; onClose: () => void; onDone: (r: { name: string; target: string }) => void }) {
  const { t, lang } = useI18n();
  const [name, setName] = useState('');
  const [country, setCountry] = useState(place.country_iso2 ?? '*');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const cc = country.trim().toUpperCase();
    if (!name.trim()) return setError(t('needName'));
    if (!/^([A-Z]{2}|\*)$/.test(cc)) return setError(t('badCountry'));
    setBusy(true);
    try {
      const r = await write.alias({ name: name.trim(), country: cc, target: place.id, note: note.trim() });
      onDone(r);
      bumpRevision();
    } catch (err) {
      setBusy(false);
      setError(err as Error);
    }
  };

  return (
    <Dialog title={t('aliasTitle', { name: placeLabel(place) })} onClose={onClose} testid="alias">
      <form class="editform" onSubmit={submit} noValidate>
        <TextField label={t('aliasName')} value={name} onInput={setName} required />
        <TextField label={t('aliasCountry')} hint={t('countryHint')} value={country} onInput={setCountry} maxLength={2} required />
        <div class="field">
          <span class="field-label">{t('aliasTarget')}</span>
          <p class="picked">
            {placeLabel(place)}{' '}
            <span class="muted">
              ({[countryName(place.country_iso2, lang), place.id].filter(Boolean).join(' · ')})
            </span>
          </p>
        </div>
        <TextField label={t('note')} value={note} onInput={setNote} multiline />
        <FormError error={error} />
        <Buttons busy={busy} submit={t('aliasSubmit')} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

/** A message after an edit, announced politely; a link where there is something to look at. */
export function Notice({ children, onDismiss }: { children: ComponentChildren; onDismiss: () => void }) {
  const { t } = useI18n();
  return (
    <div class="notice" role="status" data-testid="notice">
      <span>{children}</span>
      <button type="button" class="dialog-x" aria-label={t('dismiss')} title={t('dismiss')} onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
