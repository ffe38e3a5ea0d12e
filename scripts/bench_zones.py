#!/usr/bin/env python3
"""Benchmark of `fieldplan zones build` against balanced k-means (issues 4 and 18).

For each city (the `fieldplan sample` agency, and the same accounts moved to uniformly random
places over a 20 km square) and each zone count k, in one run:
  1. generates a seeded agency of 1.1·n accounts and imports the first n account lines,
  2. builds `fieldplan zones build --zones k --fresh --by accounts` (the build time the
     command reports, which leaves out loading and saving),
  3. runs size-constrained k-means (`k-means-constrained` from PyPI: k-means whose
     assignment step is a min-cost flow with size bounds; benchmark only, never a product
     dependency) on exactly the same points, with the same size limits: every zone between
     ceil(0.95·n/k) and floor(1.05·n/k) accounts, the ±5 % fieldplan promises,
  4. prints for both: spread (mean distance of an account to its zone's centre, m), border
     share (share of accounts whose nearest neighbour is in another zone), balance (largest
     over smallest zone, in accounts) and seconds,
  5. imports the remaining 10 % accounts, rebuilds (no --fresh) and prints the share of the
     existing accounts moved.
k-means-constrained is slow (a min-cost flow over every account-zone pair each round): its
result on a city (same points, zone count, limits, n_init and seed) is cached under
--cache, so a re-run after a fieldplan change costs only fieldplan's build; --zones accepts
K@N to compare K zones on N accounts instead of --accounts (for rows k-m-c cannot finish in
minutes).
Why accounts: k-means-constrained bounds counts, not weights, so the honest comparison is an
accounts-balanced fieldplan build against it; the workload build (the default) is timed on
the large city (`--large`), with its rebuild share.
Goals (issue 18): spread <= 1.00 x and border share <= 1.05 x balanced k-means at 20 zones,
100,000 accounts into 100 zones under 5 s, a rebuild moving <= 3 %.
"""
import argparse
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def find_binary(explicit):
    if explicit:
        return os.path.abspath(explicit)
    for p in [".build/release/fieldplan", ".build/debug/fieldplan"]:
        full = os.path.join(ROOT, p)
        if os.access(full, os.X_OK):
            return full
    return shutil.which("fieldplan") or sys.exit("fieldplan binary not found; build it (swift build -c release) or pass --bin")


def run(binary, args, db, cwd):
    env = dict(os.environ, FIELDPLAN_DB=db)
    p = subprocess.run([binary] + args, cwd=cwd, env=env, capture_output=True, text=True)
    if p.returncode not in (0, 3):
        sys.exit(f"fieldplan {' '.join(args)} failed ({p.returncode}): {p.stderr.strip()}")
    return p.stdout


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
    from scipy.spatial import cKDTree
    _, idx = cKDTree(xy).query(xy, k=2)
    return idx[:, 1]


def squares(xy, labels):
    total = 0.0
    for z in np.unique(labels):
        pts = xy[labels == z]
        total += float(((pts - pts.mean(axis=0)) ** 2).sum())
    return total


def border_share(labels, nn):
    return float(np.mean(labels[nn] != labels))


def balance(labels, k):
    counts = np.bincount(labels, minlength=k)
    return counts.max() / counts.min()


def zoned_accounts(binary, db, cwd):
    out = run(binary, ["export", "--kind", "account"], db, cwd)
    accounts = []
    for line in out.splitlines():
        o = json.loads(line)
        if o.get("kind") == "account" and "lat" in o and o.get("zone_id"):
            accounts.append(o)
    accounts.sort(key=lambda a: a["id"])
    return accounts


def make_city(binary, tmp, db, n, seed, uniform):
    total = n + n // 10
    run(binary, ["sample", "-o", "city", "--accounts", str(total), "--appointments", "0", "--seed", str(seed)], db, tmp)
    with open(os.path.join(tmp, "city/accounts.ndjson")) as f:
        lines = f.readlines()
    if uniform:
        rng = np.random.default_rng(seed)
        moved = []
        for line in lines:
            o = json.loads(line)
            if "lat" in o:
                o["lat"] = round(-1.286 + (rng.random() - 0.5) * 20000 / 111195, 6)
                o["lon"] = round(36.817 + (rng.random() - 0.5) * 20000 / (111195 * math.cos(math.radians(-1.286))), 6)
            moved.append(json.dumps(o) + "\n")
        lines = moved
    with open(os.path.join(tmp, "base.ndjson"), "w") as f:
        f.writelines(lines[:n])
    with open(os.path.join(tmp, "new.ndjson"), "w") as f:
        f.writelines(lines[n:])
    run(binary, ["import", "city/agents.csv", "base.ndjson"], db, tmp)


def rebuild_share(binary, tmp, db, k, by, seed, before):
    run(binary, ["import", "new.ndjson"], db, tmp)
    out = run(binary, ["zones", "build", "--zones", str(k), "--by", by, "--seed", str(seed)], db, tmp)
    after = {a["id"]: a["zone_id"] for a in zoned_accounts(binary, db, tmp)}
    moved = sum(1 for a, z in before.items() if after.get(a, z) != z)
    return moved / max(len(before), 1), out


def constrained_kmeans(xy, k, low, high, seed, kmc_init, cache):
    """k-means-constrained's labels and seconds, from the cache when this exact run was made."""
    key = hashlib.sha256(xy.tobytes() + f"{k}:{low}:{high}:{seed}:{kmc_init}".encode()).hexdigest()[:24]
    path = os.path.join(cache, key + ".npz") if cache else None
    if path and os.path.exists(path):
        saved = np.load(path)
        return saved["labels"], float(saved["seconds"]), True
    from k_means_constrained import KMeansConstrained
    t = time.perf_counter()
    labels = KMeansConstrained(n_clusters=k, size_min=low, size_max=high, random_state=seed,
                               n_init=kmc_init).fit_predict(xy)
    seconds = time.perf_counter() - t
    if path:
        os.makedirs(cache, exist_ok=True)
        np.savez(path, labels=labels, seconds=seconds)
    return labels, seconds, False


def compare(binary, n, k, seed, uniform, kmc_init, cache):
    with tempfile.TemporaryDirectory(prefix="bench-zones-") as tmp:
        db = os.path.join(tmp, "f.db")
        make_city(binary, tmp, db, n, seed, uniform)
        out = run(binary, ["zones", "build", "--zones", str(k), "--fresh", "--by", "accounts", "--seed", str(seed)], db, tmp)
        ours_seconds = float(re.search(r"in ([0-9.]+) s", out).group(1))
        accounts = zoned_accounts(binary, db, tmp)
        xy = planar(np.array([a["lat"] for a in accounts]), np.array([a["lon"] for a in accounts]))
        ids = sorted({a["zone_id"] for a in accounts})
        ours = np.array([ids.index(a["zone_id"]) for a in accounts])
        nn = nearest_other(xy)
        mean = len(xy) / k
        low, high = math.ceil(mean * 0.95), math.floor(mean * 1.05)
        theirs, theirs_seconds, cached = constrained_kmeans(xy, k, low, high, seed, kmc_init, cache)
        moved, _ = rebuild_share(binary, tmp, db, k, "accounts", seed, {a["id"]: a["zone_id"] for a in accounts})
        return dict(points=len(xy), low=low, high=high, cached=cached,
                    squares=squares(xy, ours) / squares(xy, theirs),
                    ours=(spread(xy, ours), border_share(ours, nn), balance(ours, k), ours_seconds),
                    theirs=(spread(xy, theirs), border_share(theirs, nn), balance(theirs, k), theirs_seconds),
                    moved=moved)


def large(binary, n, k, seed):
    with tempfile.TemporaryDirectory(prefix="bench-zones-") as tmp:
        db = os.path.join(tmp, "f.db")
        make_city(binary, tmp, db, n, seed, False)
        out = run(binary, ["zones", "build", "--zones", str(k), "--fresh", "--seed", str(seed)], db, tmp)
        seconds = float(re.search(r"in ([0-9.]+) s", out).group(1))
        before = {a["id"]: a["zone_id"] for a in zoned_accounts(binary, db, tmp)}
        moved, _ = rebuild_share(binary, tmp, db, k, "workload", seed, before)
        return seconds, moved


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--accounts", type=int, default=10000, help="accounts of the compared cities (default 10000)")
    ap.add_argument("--zones", default="20,100", help="zone counts, K or K@N (N accounts for that row)")
    ap.add_argument("--cities", default="sample,uniform")
    ap.add_argument("--large", default="100000:100", help="N:K for the timed workload build, '' to skip")
    ap.add_argument("--kmc-init", type=int, default=1, help="k-means-constrained restarts (n_init, default 1)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bin")
    ap.add_argument("--cache", default=os.path.join(os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")),
                                                    "fieldplan-bench-zones"),
                    help="where k-means-constrained results are kept ('' for none)")
    args = ap.parse_args()
    binary = find_binary(args.bin)
    print(f"binary: {binary}; k-means-constrained n_init={args.kmc_init}; sizes within ±5 % of the mean count")
    print()
    print("| city | zones | accounts | spread m fieldplan / k-m-c | ratio | border share fieldplan / k-m-c | ratio |"
          " squares ratio | balance fieldplan / k-m-c | seconds fieldplan / k-m-c | rebuild moved | load |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for city in args.cities.split(","):
        for row in args.zones.split(","):
            k, _, n = row.partition("@")
            k, n = int(k), int(n) if n else args.accounts
            r = compare(binary, n, k, args.seed, city == "uniform", args.kmc_init, args.cache)
            o, t = r["ours"], r["theirs"]
            theirs_seconds = f"{t[3]:.1f}" + (" (cached)" if r["cached"] else "")
            print(f"| {city} | {k} | {r['points']} | {o[0]:.0f} / {t[0]:.0f} | {o[0] / t[0]:.3f} |"
                  f" {o[1]:.4f} / {t[1]:.4f} | {o[1] / t[1]:.3f} | {r['squares']:.4f} | {o[2]:.3f} / {t[2]:.3f} |"
                  f" {o[3]:.2f} / {theirs_seconds} | {100 * r['moved']:.2f} % | {os.getloadavg()[0]:.1f} |", flush=True)
    if args.large:
        n, k = map(int, args.large.split(":"))
        seconds, moved = large(binary, n, k, args.seed)
        print(f"\nworkload build, sample city, {n} accounts into {k} zones: {seconds:.2f} s"
              f" (load average {os.getloadavg()[0]:.1f});"
              f" rebuild after 10 % new accounts moved {100 * moved:.2f} % of the existing ones")


if __name__ == "__main__":
    main()
