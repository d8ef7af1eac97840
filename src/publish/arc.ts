// A tie as a GeoJSON geometry. GeoJSON readers join two positions with a straight line in longitude and
// latitude, so a plain [a, b] line from Guangzhou to Los Angeles runs west across Asia, Europe and the
// Atlantic. Here the line follows the great circle between the places (the short way), as positions a few
// degrees apart, and where it crosses the antimeridian it is cut in two at ±180° into a MultiLineString, as
// RFC 7946 §3.1.9 asks.

export type Position = [number, number];
export type TieGeometry = { type: 'LineString'; coordinates: Position[] } | { type: 'MultiLineString'; coordinates: Position[][] };

const RAD = Math.PI / 180;
/** At most this many degrees of arc between two positions of a line. */
const STEP_DEG = 3;

const round = (x: number) => Math.round(x * 1e5) / 1e5;

function vec([lon, lat]: Position): [number, number, number] {
  const l = lon * RAD;
  const p = lat * RAD;
  return [Math.cos(p) * Math.cos(l), Math.cos(p) * Math.sin(l), Math.sin(p)];
}

/** The angle between two places, in radians. */
export function centralAngle(a: Position, b: Position): number {
  const u = vec(a);
  const v = vec(b);
  const cross = Math.hypot(u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]);
  return Math.atan2(cross, u[0] * v[0] + u[1] * v[1] + u[2] * v[2]);
}

/** Positions along the great circle from a to b (both included), at most STEP_DEG apart. */
export function greatCircle(a: Position, b: Position): Position[] {
  const d = centralAngle(a, b);
  // the same place, or two antipodes (every great circle joins them: none is shorter)
  if (d < 1e-9 || Math.PI - d < 1e-9) return [a, b];
  const n = Math.max(1, Math.ceil(d / RAD / STEP_DEG));
  const u = vec(a);
  const v = vec(b);
  const out: Position[] = [a];
  for (let i = 1; i < n; i++) {
    const t = i / n;
    const s = Math.sin(d);
    const ka = Math.sin((1 - t) * d) / s;
    const kb = Math.sin(t * d) / s;
    const x = ka * u[0] + kb * v[0];
    const y = ka * u[1] + kb * v[1];
    const z = ka * u[2] + kb * v[2];
    out.push([round(Math.atan2(y, x) / RAD), round(Math.atan2(z, Math.hypot(x, y)) / RAD)]);
  }
  out.push(b);
  return out;
}

/** Cuts a line wherever one step jumps across the antimeridian, ending and starting the parts at ±180°. */
export function splitAtAntimeridian(line: Position[]): Position[][] {
  const parts: Position[][] = [[line[0]!]];
  for (let i = 1; i < line.length; i++) {
    const p = line[i - 1]!;
    const q = line[i]!;
    const jump = q[0] - p[0];
    if (Math.abs(jump) > 180) {
      const edge = p[0] > 0 ? 180 : -180;
      const qLon = q[0] + (jump < 0 ? 360 : -360); // q on p's side of the antimeridian
      const t = (edge - p[0]) / (qLon - p[0]);
      const lat = round(p[1] + t * (q[1] - p[1]));
      parts[parts.length - 1]!.push([edge, lat]);
      parts.push([[-edge, lat]]);
    }
    parts[parts.length - 1]!.push(q);
  }
  return parts;
}

/** The geometry of a tie from the Chinese place a to the foreign place b. */
export function tieGeometry(a: Position, b: Position): TieGeometry {
  const parts = splitAtAntimeridian(greatCircle(a, b));
  return parts.length === 1 ? { type: 'LineString', coordinates: parts[0]! } : { type: 'MultiLineString', coordinates: parts };
}
