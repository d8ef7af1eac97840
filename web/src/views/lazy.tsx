// Views most visits never open are separate chunks, loaded on first use: the initial bundle (what the
// home and place pages need) stays within its budget.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorBox, Loading } from '../components/common';

export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  return function Lazy(props: P) {
    const [C, setC] = useState<ComponentType<P> | null>(() => loaded);
    const [error, setError] = useState<Error | null>(null);
    useEffect(() => {
      if (C) return;
      pending ??= load().then((c) => (loaded = c));
      pending.then(
        (c) => setC(() => c),
        (e: Error) => {
          pending = null;
          setError(e);
        },
      );
    }, []);
    if (error) return <ErrorBox error={error} />;
    return C ? <C {...props} /> : <Loading />;
  };
}
