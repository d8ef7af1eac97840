// The map chunk (loaded lazily): Natural Earth countries (world-atlas 110m), d3-geo, and SVG maps drawn
// from them. Ties are great-circle arcs: a GeoJSON LineString is drawn along the great circle by d3-geo.
import { Component, createRef } from 'preact';
import { navigate } from '../router';
import { geoGraticule10, geoNaturalEarth1, geoPath, type GeoProjection } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { FeatureCollection, MultiLineString } from 'geojson';
import world from 'world-atlas/countries-110m.json';

const topo = world as unknown as Topology<{ countries: GeometryCollection; land: GeometryCollection }>;
const land = feature(topo, topo.objects.countries) as unknown as FeatureCollection;
const borders = mesh(topo, topo.objects.countries, (a, b) => a !== b) as MultiLineString;
const graticule = geoGraticule10();

export type LonLat = [number, number];

export interface Arc {
  key: string;
  a: LonLat;
  b: LonLat;
  kind: string;
  status: string;
  /** the pair, named (tooltip) */
  title: string;
  /** where clicking it leads (the tie's page) */
  href?: string;
}

export interface Point {
  key: string;
  at: LonLat;
  title: string;
  main?: boolean;
  /** where clicking it leads (the place's page) */
  href?: string;
}

interface Props {
  width: number;
  height: number;
  /** central meridian */
  center: number;
  arcs: Arc[];
  points?: Point[];
  label: string;
  class?: string;
  onHover?: (arc: Arc | null) => void;
  /** zoom and pan (wheel, drag, pinch, keys, the caller's buttons); arcs and points as links reached by keyboard */
  interactive?: boolean;
  /** names the keyboard help, read with the map */
  describedBy?: string;
  /** set to this map once it is drawn, for the caller's zoom and pan buttons */
  control?: { current: WorldMap | null };
}

interface View {
  k: number;
  x: number;
  y: number;
}

const MAX_ZOOM = 16;

interface Drawn {
  sphere: string;
  graticule: string;
  land: string;
  borders: string;
  projection: GeoProjection;
}

const drawnCache = new Map<string, Drawn>();

function base(width: number, height: number, center: number): Drawn {
  const k = `${width}x${height}@${center}`;
  let d = drawnCache.get(k);
  if (!d) {
    const projection = geoNaturalEarth1()
      .rotate([-center, 0])
      .fitExtent(
        [
          [2, 2],
          [width - 2, height - 2],
        ],
        { type: 'Sphere' },
      );
    const path = geoPath(projection);
    d = {
      sphere: path({ type: 'Sphere' }) ?? '',
      graticule: path(graticule) ?? '',
      land: path(land) ?? '',
      borders: path(borders) ?? '',
      projection,
    };
    drawnCache.set(k, d);
  }
  return d;
}

/** Projected height for a width, keeping Natural Earth's proportions. */
export function heightFor(width: number): number {
  return Math.round(width * 0.52);
}

/**
 * A world map with arcs between partners. A class component so that hover state kept by the parent
 * does not redraw thousands of arcs: it redraws only when its data changes. Zooming and panning move one
 * transform on the DOM directly, for the same reason.
 */
export class WorldMap extends Component<Props> {
  private svg = createRef<SVGSVGElement>();
  private layer = createRef<SVGGElement>();
  private view: View = { k: 1, x: 0, y: 0 };
  private pointers = new Map<number, { x: number; y: number }>();
  private pinch: { d: number; k: number } | null = null;
  private dragged = false;
  private downAt: { x: number; y: number } | null = null;

  shouldComponentUpdate(next: Props): boolean {
    const p = this.props;
    return (
      next.arcs !== p.arcs ||
      next.points !== p.points ||
      next.width !== p.width ||
      next.height !== p.height ||
      next.center !== p.center ||
      next.label !== p.label
    );
  }

  componentDidMount(): void {
    // a wheel listener that may cancel the page's scroll must not be passive
    this.svg.current?.addEventListener('wheel', this.onWheel, { passive: false });
    if (this.props.control) this.props.control.current = this;
  }

  componentWillUnmount(): void {
    this.svg.current?.removeEventListener('wheel', this.onWheel);
    if (this.props.control?.current === this) this.props.control.current = null;
  }

  /** The zoom factor now (1: the whole world). */
  get zoom(): number {
    return this.view.k;
  }

  private apply(next: View): void {
    const { width, height } = this.props;
    const k = Math.min(MAX_ZOOM, Math.max(1, next.k));
    // keep the map filling the frame: no panning off into empty space
    const x = Math.min(0, Math.max(width * (1 - k), next.x));
    const y = Math.min(0, Math.max(height * (1 - k), next.y));
    this.view = { k, x, y };
    const g = this.layer.current;
    if (g) {
      g.setAttribute('transform', `translate(${x.toFixed(2)} ${y.toFixed(2)}) scale(${k.toFixed(4)})`);
      g.style.setProperty('--k', String(k));
    }
    this.svg.current?.setAttribute('data-zoom', k.toFixed(2));
  }

  /** Zoom by `factor` keeping the map point under (cx, cy) (map units; default the middle) where it is. */
  zoomBy(factor: number, cx = this.props.width / 2, cy = this.props.height / 2): void {
    const { k, x, y } = this.view;
    const nk = Math.min(MAX_ZOOM, Math.max(1, k * factor));
    const f = nk / k;
    this.apply({ k: nk, x: cx - (cx - x) * f, y: cy - (cy - y) * f });
  }

  /** Pan by (dx, dy) map units. */
  panBy(dx: number, dy: number): void {
    this.apply({ ...this.view, x: this.view.x + dx, y: this.view.y + dy });
  }

  reset(): void {
    this.apply({ k: 1, x: 0, y: 0 });
  }

  /** From a pointer's client position to map units. */
  private toMap(clientX: number, clientY: number): { x: number; y: number } {
    const r = this.svg.current!.getBoundingClientRect();
    return { x: ((clientX - r.left) * this.props.width) / r.width, y: ((clientY - r.top) * this.props.height) / r.height };
  }

  private onWheel = (e: WheelEvent): void => {
    if (!this.props.interactive) return;
    e.preventDefault();
    const p = this.toMap(e.clientX, e.clientY);
    this.zoomBy(Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.002)), p.x, p.y);
  };

  private onPointerDown = (e: PointerEvent): void => {
    if (!this.props.interactive || (e.pointerType === 'mouse' && e.button !== 0)) return;
    this.pointers.set(e.pointerId, this.toMap(e.clientX, e.clientY));
    if (this.pointers.size === 1) {
      this.dragged = false;
      this.downAt = { x: e.clientX, y: e.clientY };
    }
    if (this.pointers.size === 2) {
      const [a, b] = [...this.pointers.values()];
      this.pinch = { d: Math.hypot(a!.x - b!.x, a!.y - b!.y) || 1, k: this.view.k };
    }
  };

  private onPointerMove = (e: PointerEvent): void => {
    const prev = this.pointers.get(e.pointerId);
    if (!prev) return;
    const now = this.toMap(e.clientX, e.clientY);
    if (!this.dragged && this.downAt && Math.hypot(e.clientX - this.downAt.x, e.clientY - this.downAt.y) > 4) {
      this.dragged = true;
      // captured only once it is a drag, so that a click still lands on the arc or city under it
      this.svg.current?.setPointerCapture?.(e.pointerId);
    }
    this.pointers.set(e.pointerId, now);
    if (this.pointers.size === 2 && this.pinch) {
      const [a, b] = [...this.pointers.values()];
      const d = Math.hypot(a!.x - b!.x, a!.y - b!.y);
      const mid = { x: (a!.x + b!.x) / 2, y: (a!.y + b!.y) / 2 };
      this.zoomBy((this.pinch.k * (d / this.pinch.d)) / this.view.k, mid.x, mid.y);
      this.dragged = true;
    } else if (this.dragged && this.pointers.size === 1) {
      // the layer moves with the pointer: a map unit under it before is under it after
      this.panBy(now.x - prev.x, now.y - prev.y);
    }
  };

  private onPointerUp = (e: PointerEvent): void => {
    this.pointers.delete(e.pointerId);
    if (this.pointers.size < 2) this.pinch = null;
  };

  private onClick = (e: MouseEvent): void => {
    const a = (e.target as Element).closest?.('a[data-href]');
    if (this.dragged) {
      // the end of a drag is not a click on what it ended over
      e.preventDefault();
      this.dragged = false;
      return;
    }
    if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(a.getAttribute('data-href')!);
  };

  /** Arrow keys move between the arcs (or between the cities); + and − zoom, 0 shows the whole world. */
  private onKeyDown = (e: KeyboardEvent): void => {
    if (!this.props.interactive) return;
    const t = e.target as Element;
    if (e.key === '+' || e.key === '=') return (e.preventDefault(), this.zoomBy(1.5));
    if (e.key === '-' || e.key === '_') return (e.preventDefault(), this.zoomBy(1 / 1.5));
    if (e.key === '0') return (e.preventDefault(), this.reset());
    const group = t.closest?.('g.arcs, g.points');
    if (!group) return;
    const items = [...group.querySelectorAll<SVGAElement>(':scope > a')];
    const i = items.indexOf(t as SVGAElement);
    if (i < 0) return;
    const next =
      e.key === 'ArrowRight' || e.key === 'ArrowDown' ? i + 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const to = items[Math.max(0, Math.min(items.length - 1, next))]!;
    // one tab stop per group: the item last reached
    items[i]!.setAttribute('tabindex', '-1');
    to.setAttribute('tabindex', '0');
    to.focus();
  };

  private onFocusIn = (e: FocusEvent): void => {
    const el = (e.target as Element).closest?.('[data-i]');
    const i = el ? Number(el.getAttribute('data-i')) : NaN;
    if (Number.isFinite(i)) this.props.onHover?.(this.props.arcs[i] ?? null);
  };

  render() {
    const { width, height, center, arcs, points = [], label, onHover, interactive } = this.props;
    const d = base(width, height, center);
    const path = geoPath(d.projection);
    const lookup = (e: Event): Arc | null => {
      const el = (e.target as Element).closest?.('[data-i]');
      const i = el ? Number(el.getAttribute('data-i')) : NaN;
      return Number.isFinite(i) ? (arcs[i] ?? null) : null;
    };
    return (
      <svg
        ref={this.svg}
        class={`worldmap ${interactive ? 'worldmap-interactive' : ''} ${this.props.class ?? ''}`}
        viewBox={`0 0 ${width} ${height}`}
        role={interactive ? 'group' : 'img'}
        aria-label={label}
        aria-describedby={this.props.describedBy}
        preserveAspectRatio="xMidYMid meet"
        onPointerDown={interactive ? this.onPointerDown : undefined}
        onPointerMove={interactive ? this.onPointerMove : undefined}
        onPointerUp={interactive ? this.onPointerUp : undefined}
        onPointerCancel={interactive ? this.onPointerUp : undefined}
        onClick={interactive ? this.onClick : undefined}
        onKeyDown={interactive ? this.onKeyDown : undefined}
        onFocusIn={interactive ? this.onFocusIn : undefined}
        data-zoom="1.00"
        // the map itself is no tab stop: its arcs and cities are (one each, see onKeyDown)
        tabindex={interactive ? -1 : undefined}
      >
        <title>{label}</title>
        <g ref={this.layer} class="map-layer">
          <path class="map-sphere" d={d.sphere} />
          <path class="map-graticule" d={d.graticule} />
          <path class="map-land" d={d.land} />
          <path class="map-borders" d={d.borders} />
          <g
            class="arcs"
            onMouseOver={onHover ? (e) => onHover(lookup(e)) : undefined}
            onMouseOut={onHover ? () => onHover(null) : undefined}
          >
            {arcs.map((a, i) => {
              const dd = path({ type: 'LineString', coordinates: [a.a, a.b] });
              if (!dd) return null;
              const line = (
                <path key={a.key} data-i={i} class={`arc arc-${a.kind} arc-${a.status}`} d={dd}>
                  <title>{a.title}</title>
                </path>
              );
              return interactive && a.href ? (
                <a key={a.key} href={a.href} data-href={a.href} data-i={i} class="arc-link" tabindex={i === 0 ? 0 : -1} aria-label={a.title}>
                  {line}
                </a>
              ) : (
                line
              );
            })}
          </g>
          <g class="points">
            {points.map((p, i) => {
              const xy = d.projection(p.at);
              if (!xy) return null;
              const dot = (
                <circle key={p.key} class={p.main ? 'point point-main' : 'point'} cx={xy[0]} cy={xy[1]} r={p.main ? 4 : 2}>
                  <title>{p.title}</title>
                </circle>
              );
              return interactive && p.href ? (
                <a key={p.key} href={p.href} data-href={p.href} class="point-link" data-place-id={p.key} tabindex={i === 0 ? 0 : -1} aria-label={p.title}>
                  {dot}
                </a>
              ) : (
                dot
              );
            })}
          </g>
        </g>
      </svg>
    );
  }
}
