/**
 * Places overlapping bookings side by side in one calendar column. Bookings are
 * grouped into clusters of mutually reachable overlaps; inside a cluster each takes
 * the first free lane, and every member shares the cluster's lane count so widths
 * line up. O(n log n + n·lanes).
 */
export interface ColumnItem {
  id: string;
  startMin: number;
  endMin: number;
}

export interface Placement {
  lane: number;
  lanes: number;
}

export function layoutColumn(items: readonly ColumnItem[]): Map<string, Placement> {
  const sorted = [...items].sort((a, b) => a.startMin - b.startMin || b.endMin - a.endMin);
  const out = new Map<string, Placement>();
  let cluster: { id: string; lane: number }[] = [];
  let laneEnds: number[] = [];
  let clusterEnd = -Infinity;

  const flush = () => {
    for (const c of cluster) out.set(c.id, { lane: c.lane, lanes: laneEnds.length });
    cluster = [];
    laneEnds = [];
  };

  for (const item of sorted) {
    if (item.startMin >= clusterEnd) flush();
    let lane = laneEnds.findIndex((end) => end <= item.startMin);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(item.endMin);
    } else {
      laneEnds[lane] = item.endMin;
    }
    cluster.push({ id: item.id, lane });
    clusterEnd = Math.max(clusterEnd === -Infinity ? item.endMin : clusterEnd, item.endMin);
  }
  flush();
  return out;
}

/** The visible hours: working hours, stretched to show any booking outside them. */
export function visibleHours(items: readonly ColumnItem[], defaultStart = 7, defaultEnd = 20): { startHour: number; endHour: number } {
  let startHour = defaultStart;
  let endHour = defaultEnd;
  for (const i of items) {
    startHour = Math.min(startHour, Math.floor(i.startMin / 60));
    endHour = Math.max(endHour, Math.ceil(Math.min(i.endMin, 24 * 60) / 60));
  }
  return { startHour: Math.max(0, startHour), endHour: Math.min(24, endHour) };
}
