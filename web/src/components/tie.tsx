// A tie's status as the tables and the relationship page show it, and the audit log as a table.
import type { Correction, EditRecord, SourceRef } from '../api';
import { useI18n } from '../i18n';
import { formatDate } from '../format';
import { Link, placeHref } from '../router';
import { Badge, SourceCite } from './common';

export interface TieStatusData {
  status: string;
  end_date: string | null;
  end_reason?: string | null;
  unlisted_in?: string | null;
}

function badgeKind(status: string): 'doubtful' | 'listed' | 'ended' | 'suspended' | 'unlisted' {
  if (status === 'doubtful' || status === 'ended' || status === 'suspended' || status === 'unlisted') return status;
  return 'listed';
}

/** The status badge; for an ended or suspended tie its end date and reason; for an unlisted one, where it went missing. */
export function TieStatus({ tie }: { tie: TieStatusData }) {
  const { t, tk } = useI18n();
  const end = formatDate(tie.end_date, null);
  const ending = tie.status === 'ended' || tie.status === 'suspended';
  return (
    <>
      <Badge kind={badgeKind(tie.status)}>{tk(`status_${tie.status}`, tie.status)}</Badge>
      {ending && end ? (
        <span class="end-date">
          {' '}
          {t(tie.status === 'suspended' ? 'suspendedSince' : 'endedOn')} <time dateTime={end}>{end}</time>
        </span>
      ) : null}
      {ending && tie.end_reason ? (
        <p class="end-reason">
          {t('reason')}
          {t('colon')}
          <q>{tie.end_reason}</q>
        </p>
      ) : null}
      {tie.status === 'unlisted' ? (
        <p class="end-reason">{tie.unlisted_in ? t('unlistedIn', { version: tie.unlisted_in }) : t('unlistedNoVersion')}</p>
      ) : null}
    </>
  );
}

/**
 * An editor's correction: the tie shows the corrected value (the caller does); this says who corrected it,
 * when, and what the documents themselves say, each with its citation.
 */
export function CorrectionNote({ field, corrections, sources }: { field: Correction['field']; corrections: Correction[] | undefined; sources: SourceRef[] }) {
  const { t, tk } = useI18n();
  const last = (corrections ?? []).filter((c) => c.field === field).at(-1);
  if (!last) return null;
  // what the documents say now: of several versions of one document, its newest
  const newest = new Map<string, number>();
  for (const s of sources) newest.set(s.source, Math.max(newest.get(s.source) ?? 0, s.version ?? 0));
  const docs = sources.filter((s) => s.edit_id == null && s.format !== 'edit' && (s.version ?? 0) === newest.get(s.source));
  if (!docs.length) return null; // a tie an editor added: their word is its source, not a correction
  const shown = (s: SourceRef) => (field === 'kind' ? (s.kind ? tk(`kind_${s.kind}`, s.kind) : null) : (s.date ?? null));
  const said = docs.filter((s) => shown(s) !== null);
  return (
    <p class="correction" data-field={field} data-testid="correction">
      <Badge kind="corrected">{t('corrected')}</Badge>{' '}
      {t('correctedBy', { name: last.by, date: last.at.slice(0, 10) })}
      {said.length ? (
        <>
          {t('semicolon')}
          {t(said.length > 1 ? 'documentsSay' : 'documentSays')}{' '}
          {said.map((s, i) => (
            <span key={i} class="document-value">
              {i > 0 ? ' · ' : ''}
              <strong>{shown(s)}</strong> (<SourceCite s={s} />)
            </span>
          ))}
        </>
      ) : null}
    </p>
  );
}

/** A value from the audit log, as text. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(valueText).join(', ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.id === 'string' && ('name' in o || 'name_zh_hans' in o)) {
      const name = (o.name ?? o.name_zh_hans ?? o.name_en) as string | null;
      return name && name !== o.id ? `${name} (${o.id})` : String(o.id);
    }
    return JSON.stringify(v);
  }
  return String(v);
}

/** Fields a relationship entry may change, in the order they are worth reading. */
const REL_FIELDS = ['kind', 'start_date', 'start_precision', 'status', 'end_date', 'end_reason', 'unlisted_in', 'cn_place_id', 'foreign_place_id'];
const SKIP = new Set(['id', 'version']);

export interface Change {
  field: string;
  before: string;
  after: string;
}

/** What an entry changed: each field whose value differs, before → after (or all of `after` for a new thing). */
export function changesOf(e: EditRecord): Change[] {
  const b = e.before;
  const a = e.after;
  if (!a && !b) return [];
  const keys = new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})]);
  const ordered = [...REL_FIELDS.filter((k) => keys.has(k)), ...[...keys].filter((k) => !REL_FIELDS.includes(k))].filter((k) => !SKIP.has(k));
  const out: Change[] = [];
  for (const k of ordered) {
    const bv = b ? valueText(b[k]) : '—';
    const av = a ? valueText(a[k]) : '—';
    if (b && a && bv === av) continue;
    if (!b && (k === 'cn_place_id' || k === 'foreign_place_id' || k === 'start_precision') && a) continue;
    if (!b && av === '—') continue;
    out.push({ field: k, before: bv, after: av });
  }
  return out;
}

function targetLink(e: EditRecord) {
  if (e.action.startsWith('relationship.') && /^\d+$/.test(e.target))
    return (
      <Link href={`/relationship/${e.target}`} data-target={e.target}>
        #{e.target}
      </Link>
    );
  if (e.action.startsWith('place.'))
    return (
      <Link href={placeHref(e.target)} data-target={e.target}>
        {e.target}
      </Link>
    );
  return <span data-target={e.target}>{e.target}</span>;
}

function when(at: string, lang: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  return d.toLocaleString(lang === 'zh' ? 'zh-Hans' : 'en', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** The audit log: who, when, what, before → after, note. */
export function EditTable({ edits, showTarget = true, label }: { edits: EditRecord[]; showTarget?: boolean; label: string }) {
  const { t, tk, lang } = useI18n();
  // values the interface has words for: kinds, statuses, precisions
  const shown = (field: string, v: string): string => {
    if (v === '—') return v;
    if (field === 'kind') return tk(`kind_${v}`, v);
    if (field === 'status') return tk(`status_${v}`, v);
    if (field === 'start_precision') return tk(`precision_${v}`, v);
    return v;
  };
  return (
    <div class="tablewrap">
      <table class="table edits stack" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{t('editWhen')}</th>
            <th scope="col">{t('editWho')}</th>
            <th scope="col">{t('editWhat')}</th>
            {showTarget ? <th scope="col">{t('editTarget')}</th> : null}
            <th scope="col">{t('editChange')}</th>
            <th scope="col">{t('note')}</th>
          </tr>
        </thead>
        <tbody>
          {edits.map((e) => {
            const changes = changesOf(e);
            return (
              <tr key={e.id} data-edit-id={e.id} data-action={e.action}>
                <td data-label={t('editWhen')} class="date">
                  <time dateTime={e.at}>{when(e.at, lang)}</time>
                </td>
                <td data-label={t('editWho')}>
                  <Link href={`/edits?user=${encodeURIComponent(e.user_name)}`}>{e.user_name}</Link>
                </td>
                <td data-label={t('editWhat')}>{tk(`action_${e.action.replace(/\./g, '_')}`, e.action)}</td>
                {showTarget ? <td data-label={t('editTarget')}>{targetLink(e)}</td> : null}
                <td data-label={t('editChange')}>
                  {changes.length ? (
                    <ul class="changes">
                      {changes.map((c, i) => (
                        <li key={i} data-field={c.field}>
                          {c.field ? <span class="change-field">{tk(`field_${c.field}`, c.field)}</span> : null}
                          {c.field ? t('colon') : null}
                          <span class="change-before">{shown(c.field, c.before)}</span>
                          {' → '}
                          <span class="change-after">{shown(c.field, c.after)}</span>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span class="muted">—</span>
                  )}
                </td>
                <td data-label={t('note')}>{e.note ?? <span class="muted">—</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
