#!/usr/bin/env python3
"""Benchmark of `fieldplan zones build` (issue 4).

For each city size n and zone count k it
  1. generates a seeded synthetic agency of 1.1·n accounts (`fieldplan sample`) and imports
     the first n account lines,
  2. times `fieldplan zones build --zones k --fresh` (wall clock of the command, and the
     build time the command reports itself, which leaves out loading and saving),
  3. measures, on the located open/ptp accounts:
       - balance: max/mean and min/mean of the zones' workload hours as fieldplan reports
         them, and of an independent estimate (service + 0.7124·√(n·hull area) travel),
       - spread: mean distance of an account to its zone centroid, against plain k-means
         (scikit-learn KMeans when installed, else a numpy Lloyd) on the same points,
       - contiguity: share of accounts whose nearest neighbour is in another zone (both),
  4. imports the remaining 10 % accounts, runs a stable rebuild (no --fresh) and reports the
     share of existing accounts moved and the balance after it.
Goals (issue 4): balance within ±5 %, spread within 10 % of k-means, 100k/100 under 5 s,
under 3 % of existing accounts moved.
"""
import argparse
import json
import math
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def find_binary(explicit):
    if explicit:
        return explicit
    for p in [".build/release/fieldplan", ".build-zones/release/fieldplan", ".build/debug/fieldplan",
              ".build-zones/debug/fieldplan"]:
        full = os.path.join(ROOT, p)
        if os.access(full, os.X_OK):
            return full
    return shutil.which("fieldplan") or sys.exit("fieldplan binary not found; build it (swift build -c release) or pass --bin")


def run(binary, args, db, cwd):
    env = dict(os.environ, FIELDPLAN_DB=db)
    t = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run([binary] + args, cwd=cwd, env=env, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    dt = time.perf_counter() - t
    run.cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if p.returncode not in (0, 3):
        sys.exit(f"fieldplan {' '.join(args)} failed ({p.returncode}): {p.stderr.strip()}")
    return p.stdout, dt


def planar(lat, lon):
    lat0 = float(np.mean(lat))
    r = 6371000.0 * math.pi / 180
    return np.column_stack(((lon - float(np.mean(lon))) * r * math.cos(math.radians(lat0)), (lat - lat0) * r))


def spread(xy, labels):
    total = 0.0
    for z in np.unique(labels):
        pts = xy[labels == z]
        total += np.linalg.norm(pts - pts.mean(axis=0), axis=1).sum()
    return total / len(xy)


def nearest_other(xy):
    try:
        from sklearn.neighbors import NearestNeighbors
        _, idx = NearestNeighbors(n_neighbors=2).fit(xy).kneighbors(xy)
        return idx[:, 1]
    except ImportError:
        from scipy.spatial import cKDTree  # noqa: WPS433
        _, idx = cKDTree(xy).query(xy, k=2)
        return idx[:, 1]


def contiguity(labels, nn):
    return float(np.mean(labels[nn] != labels))


def kmeans(xy, k, seed):
    try:
        from sklearn.cluster import KMeans
        return KMeans(n_clusters=k, n_init=1, random_state=seed).fit_predict(xy), "scikit-learn"
    except ImportError:
        rng = np.random.default_rng(seed)
        centres = [xy[rng.integers(len(xy))]]
        d2 = ((xy - centres[0]) ** 2).sum(axis=1)
        for _ in range(1, k):
            c = xy[rng.choice(len(xy), p=d2 / d2.sum())]
            centres.append(c)
            d2 = np.minimum(d2, ((xy - c) ** 2).sum(axis=1))
        centres = np.array(centres)
        for _ in range(100):
            labels = np.concatenate([((xy[i:i + 5000, None, :] - centres[None]) ** 2).sum(axis=2).argmin(axis=1)
                                     for i in range(0, len(xy), 5000)])
            new = np.array([xy[labels == j].mean(axis=0) if np.any(labels == j) else centres[j] for j in range(k)])
            if np.allclose(new, centres):
                break
            centres = new
        return labels, "numpy Lloyd"


def hull_area(pts):
    pts = sorted(map(tuple, pts))
    if len(pts) < 3:
        return 0.0

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
    lower, upper = [], []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    h = lower[:-1] + upper[:-1]
    return abs(sum(h[i][0] * h[(i + 1) % len(h)][1] - h[(i + 1) % len(h)][0] * h[i][1] for i in range(len(h)))) / 2


def ratios(values):
    m = float(np.mean(values))
    return max(values) / m, min(values) / m


def measure(binary, db, cwd):
    out, _ = run(binary, ["export", "--kind", "account,zone"], db, cwd)
    accounts, zones = [], []
    for line in out.splitlines():
        o = json.loads(line)
        if o["kind"] == "zone":
            zones.append(o)
        elif "lat" in o and o.get("status", "open") in ("open", "ptp") and o.get("zone_id"):
            accounts.append(o)
    lat = np.array([a["lat"] for a in accounts])
    lon = np.array([a["lon"] for a in accounts])
    ids = sorted({a["zone_id"] for a in accounts})
    labels = np.array([ids.index(a["zone_id"]) for a in accounts])
    service = np.array([a.get("service_minutes", 20) for a in accounts]) / 60.0
    xy = planar(lat, lon)
    hull_hours = []
    for j in range(len(ids)):
        mask = labels == j
        travel_km = 0.7124 * math.sqrt(mask.sum() * hull_area(xy[mask])) / 1000 * 1.3
        hull_hours.append(service[mask].sum() + travel_km / 25)
    model_hours = [z["workload_hours"] for z in zones if z.get("accounts", 0) > 0]
    counts = [int((labels == j).sum()) for j in range(len(ids))]
    return dict(accounts=accounts, xy=xy, labels=labels, model=ratios(model_hours), hull=ratios(hull_hours), counts=ratios(counts),
                ids={a["id"]: a["zone_id"] for a in accounts})


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--zones", default="20,100")
    ap.add_argument("--by", default="workload", choices=["workload", "accounts"])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bin")
    args = ap.parse_args()
    binary = find_binary(args.bin)
    print(f"binary: {binary}")
    for n in map(int, args.sizes.split(",")):
        for k in map(int, args.zones.split(",")):
            with tempfile.TemporaryDirectory(prefix="bench-zones-") as tmp:
                db = os.path.join(tmp, "f.db")
                total = n + n // 10
                run(binary, ["sample", "-o", "city", "--accounts", str(total), "--appointments", "0", "--seed", str(args.seed)], db, tmp)
                with open(os.path.join(tmp, "city/accounts.ndjson")) as f:
                    lines = f.readlines()
                with open(os.path.join(tmp, "base.ndjson"), "w") as f:
                    f.writelines(lines[:n])
                with open(os.path.join(tmp, "new.ndjson"), "w") as f:
                    f.writelines(lines[n:])
                run(binary, ["import", "city/agents.csv", "base.ndjson"], db, tmp)
                out, wall = run(binary, ["zones", "build", "--zones", str(k), "--fresh", "--by", args.by, "--seed", str(args.seed)], db, tmp)
                built, cpu = float(re.search(r"in ([0-9.]+) s", out).group(1)), run.cpu
                m = measure(binary, db, tmp)
                nn = nearest_other(m["xy"])
                km, how = kmeans(m["xy"], k, args.seed)
                ours_spread, km_spread = spread(m["xy"], m["labels"]), spread(m["xy"], km)
                print(f"\nn={n} accounts imported, {len(m['accounts'])} located open/ptp, {k} zones, by {args.by}")
                print(f"  time          build {built:.2f} s wall (command: {wall:.2f} s wall, {cpu:.2f} s CPU, incl. load/save;"
                      " wall > CPU means the machine was shared)")
                print(f"  balance       fieldplan workload max/mean {m['model'][0]:.3f} min/mean {m['model'][1]:.3f};"
                      f" hull-BHH estimate max/mean {m['hull'][0]:.3f} min/mean {m['hull'][1]:.3f};"
                      f" accounts max/mean {m['counts'][0]:.3f} min/mean {m['counts'][1]:.3f}")
                print(f"  spread        {ours_spread:.0f} m vs plain k-means ({how}) {km_spread:.0f} m:"
                      f" {100 * (ours_spread / km_spread - 1):+.1f} %")
                if len(m["xy"]) <= 20000:
                    try:
                        from k_means_constrained import KMeansConstrained
                        size = len(m["xy"]) / k
                        kc = KMeansConstrained(n_clusters=k, size_min=int(size * 0.95), size_max=int(size * 1.05) + 1,
                                               random_state=args.seed, n_init=1).fit_predict(m["xy"])
                        print(f"                size-constrained k-means (min-cost flow, counts ±5 %, pip k-means-constrained):"
                              f" {spread(m['xy'], kc):.0f} m, {100 * (spread(m['xy'], kc) / km_spread - 1):+.1f} %: the price of balance")
                    except ImportError:
                        pass
                print(f"  contiguity    {contiguity(m['labels'], nn):.3f} vs k-means {contiguity(km, nn):.3f}"
                      " (share of accounts whose nearest neighbour is in another zone)")
                run(binary, ["import", "new.ndjson"], db, tmp)
                out, wall = run(binary, ["zones", "build", "--zones", str(k), "--by", args.by, "--seed", str(args.seed)], db, tmp)
                moved = re.search(r"moved (\d+) of (\d+)", out)
                after = measure(binary, db, tmp)
                kept = sum(1 for a, z in m["ids"].items() if a in after["ids"])
                moved_n = sum(1 for a, z in m["ids"].items() if after["ids"].get(a, z) != z)
                print(f"  rebuild +10 % accounts: moved {moved_n} of {kept} existing ({100 * moved_n / max(kept, 1):.2f} %;"
                      f" fieldplan says {moved.group(1)} of {moved.group(2)}), wall {wall:.2f} s,"
                      f" balance ({'accounts' if args.by == 'accounts' else 'workload'}) max/mean"
                      f" {after['counts' if args.by == 'accounts' else 'model'][0]:.3f}"
                      f" min/mean {after['counts' if args.by == 'accounts' else 'model'][1]:.3f}")


if __name__ == "__main__":
    main()
