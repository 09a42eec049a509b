"""Generate ``search/data/prefectures.json``, the directory map's geometry, once.

The source is the ``japanmap`` package (Apache-2.0, © Saito Tsutomu): its ``japan.json`` holds
each prefecture's main area as a ring of border segments shared with its neighbours. The
package itself needs opencv-python at import time, so this script only reads the JSON out of
the wheel; the site never depends on the package. Run by hand when the geometry should change:

    pip download --no-deps japanmap==0.6.0 -d /tmp/japanmap
    python devtools/make_prefecture_map.py /tmp/japanmap/japanmap-0.6.0-py3-none-any.whl

What it does to the data (the modifications the Apache licence asks us to state): projects
longitude/latitude onto a plane (equirectangular, longitude scaled by cos 36°), simplifies every
shared border once (Douglas–Peucker, so neighbours still meet without gaps), rounds to whole
units, and moves Okinawa into an inset box in the empty sea at the map's top left. Islands
other than each prefecture's main area are not in the source.
"""

import json
import math
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "search" / "data" / "prefectures.json"
SCALE = 60  # units per degree of latitude
LON0, LAT0 = 129.2, 45.7  # top-left corner of the main map
X_FACTOR = math.cos(math.radians(36))
TOLERANCE = 0.9  # units; about 1.7 km, invisible at the sizes the page draws
OKINAWA = "47"
INSET = (24, 60)  # where Okinawa's top-left corner goes, in map units
INSET_PAD = 14


def project(lon: float, lat: float) -> tuple[float, float]:
    return ((lon - LON0) * X_FACTOR * SCALE, (LAT0 - lat) * SCALE)


def _distance(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def simplify(points: list, tolerance: float) -> list:
    """Douglas–Peucker; the end points stay, so a border simplified once fits both sides."""
    if len(points) < 3:
        return points
    index, far = 0, -1.0
    for i in range(1, len(points) - 1):
        d = _distance(points[i], points[0], points[-1])
        if d > far:
            index, far = i, d
    if far <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def path(rings: list[list[tuple[int, int]]]) -> str:
    parts = []
    for ring in rings:
        deduped = [p for i, p in enumerate(ring) if i == 0 or p != ring[i - 1]]
        if len(deduped) > 1 and deduped[0] == deduped[-1]:
            deduped.pop()
        first, *rest = deduped
        parts.append(f"M{first[0]} {first[1]}" + "".join(f"L{x} {y}" for x, y in rest) + "Z")
    return "".join(parts)


def build(wheel: Path) -> dict:
    with zipfile.ZipFile(wheel) as archive:
        points, prefectures = json.loads(archive.read("japanmap/japan.json"))
    xy = [project(*point) for point, _weight in points]
    simplified: dict[tuple[int, ...], list] = {}

    def border(indices: list[int]) -> list:
        # Each shared border is simplified once, in one direction, for both neighbours.
        key = tuple(indices) if indices[0] <= indices[-1] else tuple(reversed(indices))
        if key not in simplified:
            simplified[key] = simplify([xy[i] for i in key], TOLERANCE)
        line = simplified[key]
        return line if tuple(indices) == key else list(reversed(line))

    shapes = {}
    for number, segments in enumerate(prefectures, start=1):
        ring = [p for _neighbour, indices in segments for p in border(indices)]
        shapes[f"{number:02}"] = [(round(x), round(y)) for x, y in ring]

    # Okinawa, inset: moved as a whole (same scale) into the open sea of the map's top left.
    ring = shapes[OKINAWA]
    left, top = min(x for x, _ in ring), min(y for _, y in ring)
    shapes[OKINAWA] = [(x - left + INSET[0], y - top + INSET[1]) for x, y in ring]
    right = max(x for x, _ in shapes[OKINAWA])
    bottom = max(y for _, y in shapes[OKINAWA])

    everything = [p for ring in shapes.values() for p in ring]
    width = max(x for x, _ in everything) + 8
    height = max(y for _, y in everything) + 8
    return {
        "source": "japanmap 0.6.0 (Apache-2.0, Copyright 2022 Saito Tsutomu); see LICENSE-japanmap.txt",
        "generator": "devtools/make_prefecture_map.py",
        "view_box": f"0 0 {width} {height}",
        "inset": {
            "x": INSET[0] - INSET_PAD,
            "y": INSET[1] - INSET_PAD,
            "width": right - INSET[0] + 2 * INSET_PAD,
            "height": bottom - INSET[1] + 2 * INSET_PAD,
        },
        "prefectures": {code: {"d": path([ring])} for code, ring in sorted(shapes.items())},
    }


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    OUT.write_text(json.dumps(build(Path(sys.argv[1])), ensure_ascii=False, indent=1) + "\n")
    print(f"{OUT}: {OUT.stat().st_size} bytes")
