// Loads the map chunk (d3-geo + world-atlas) on first use; the initial bundle stays small.
import { useEffect, useState } from 'preact/hooks';

export type MapModule = typeof import('./geo');

let pending: Promise<MapModule> | null = null;
let loaded: MapModule | null = null;

export function loadMap(): Promise<MapModule> {
  pending ??= import('./geo').then((m) => (loaded = m));
  return pending;
}

export function useMapModule(): MapModule | null {
  const [m, setM] = useState<MapModule | null>(loaded);
  useEffect(() => {
    if (!m) void loadMap().then((mod) => setM(() => mod));
  }, []);
  return m;
}
