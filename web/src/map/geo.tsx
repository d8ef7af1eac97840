// The map chunk (loaded lazily): Natural Earth countries (world-atlas 110m), d3-geo, and SVG maps drawn
// from them. Ties are great-circle arcs: a GeoJSON LineString is drawn along the great circle by d3-geo.
import { Component } from 'preact';
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
}

export interface Point {
  key: string;
  at: LonLat;
  title: string;
  main?: boolean;
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
}

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
 * does not redraw thousands of arcs: it redraws only when its data changes.
 */
export class WorldMap extends Component<Props> {
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

  render() {
    const { width, height, center, arcs, points = [], label, onHover } = this.props;
    const d = base(width, height, center);
    const path = geoPath(d.projection);
    const lookup = (e: Event): Arc | null => {
      const el = (e.target as Element).closest?.('[data-i]');
      const i = el ? Number(el.getAttribute('data-i')) : NaN;
      return Number.isFinite(i) ? (arcs[i] ?? null) : null;
    };
    return (
      <svg
        class={`worldmap ${this.props.class ?? ''}`}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={label}
        preserveAspectRatio="xMidYMid meet"
      >
        <title>{label}</title>
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
            return dd ? (
              <path key={a.key} data-i={i} class={`arc arc-${a.kind} arc-${a.status}`} d={dd}>
                <title>{a.title}</title>
              </path>
            ) : null;
          })}
        </g>
        <g class="points">
          {points.map((p) => {
            const xy = d.projection(p.at);
            return xy ? (
              <circle key={p.key} class={p.main ? 'point point-main' : 'point'} cx={xy[0]} cy={xy[1]} r={p.main ? 4 : 2}>
                <title>{p.title}</title>
              </circle>
            ) : null;
          })}
        </g>
      </svg>
    );
  }
}
