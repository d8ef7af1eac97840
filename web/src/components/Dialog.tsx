// A modal dialog on the native <dialog>: focus stays inside, Esc closes, focus returns to the opener.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';

let instance = 0;

export function Dialog({ title, onClose, children, testid }: { title: string; onClose: () => void; children: ComponentChildren; testid?: string }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [id] = useState(() => `dialog-${++instance}`);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const dlg = ref.current;
    if (dlg && !dlg.open) {
      try {
        dlg.showModal();
      } catch {
        dlg.setAttribute('open', '');
      }
      // the first field, not the close button
      const first = dlg.querySelector<HTMLElement>('input:not([type=hidden]):not([disabled]), select, textarea, button.primary');
      first?.focus();
    }
    return () => {
      if (dlg?.open) dlg.close();
      if (opener && opener.isConnected) opener.focus({ preventScroll: true });
    };
  }, []);

  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby={`${id}-title`}
      data-testid={testid}
      onCancel={(e) => {
        e.preventDefault();
        closeRef.current();
      }}
    >
      <div class="dialog-head">
        <h2 id={`${id}-title`}>{title}</h2>
        <button type="button" class="dialog-x" aria-label={t('close')} title={t('close')} onClick={() => closeRef.current()}>
          ×
        </button>
      </div>
      {children}
    </dialog>
  );
}
