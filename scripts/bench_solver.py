#!/usr/bin/env python3
"""Runs `fieldplan solve` on the benchmark instances, re-checks every returned solution
itself (distance recomputed in the format's convention; capacity, time windows, fleet,
every customer exactly once) and prints the gap to bks.csv. With --peers it also runs
PyVRP, pyvroom and OR-Tools on the same instances with the same limit (installed with pip
on demand; they are benchmark peers, never a product dependency)."""
import argparse, csv, json, math, os, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.environ.get("FIELDPLAN_BENCH", "/work/shared/bench")
DEFAULT_SECONDS = {"solomon": 10, "homberger": 30, "cvrp_x": 30, "tsplib": 10}
FAMILIES = ["solomon", "homberger", "cvrp_x", "tsplib"]


# ---------- reading instances ----------
def read_solomon(path):
    lines = open(path).read().splitlines()
    i = next(k for k, l in enumerate(lines) if "NUMBER" in l.upper())
    i += 1
    while not lines[i].split():
        i += 1
    fleet, cap = map(int, lines[i].split())
    nodes = []
    for l in lines[i + 1:]:
        f = l.split()
        if len(f) == 7 and f[0].lstrip("-").isdigit():
            nodes.append(dict(id=int(f[0]), x=float(f[1]), y=float(f[2]), demand=int(float(f[3])),
                              ready=float(f[4]), due=float(f[5]), service=float(f[6])))
    return dict(kind="solomon", fleet=fleet, capacity=cap, nodes=nodes, depot=0)


def read_lib(path):
    hdr, sec, coords, dem = {}, None, {}, {}
    for l in open(path).read().splitlines():
        s = l.strip()
        if not s or s == "EOF":
            continue
        if s.endswith("SECTION"):
            sec = s.split()[0]
            continue
        if ":" in s and not s[0].isdigit() and s[0] != "-":
            k, v = s.split(":", 1)
            hdr[k.strip().upper()] = v.strip()
            sec = None
            continue
        f = s.split()
        if sec == "NODE_COORD_SECTION":
            coords[int(f[0])] = (float(f[1]), float(f[2]))
        elif sec == "DEMAND_SECTION":
            dem[int(f[0])] = int(f[1])
    ids = sorted(coords)
    nodes = [dict(id=i, x=coords[i][0], y=coords[i][1], demand=dem.get(i, 0)) for i in ids]
    tsp = hdr.get("TYPE", "").upper() == "TSP"
    return dict(kind="tsplib" if tsp else "vrplib", capacity=int(hdr.get("CAPACITY", 0) or 0),
                fleet=1 if tsp else None, nodes=nodes, depot=0)


def read_instance(family, path):
    return read_solomon(path) if family in ("solomon", "homberger") else read_lib(path)


def dist(inst, a, b):
    na, nb = inst["nodes"][a], inst["nodes"][b]
    d = math.hypot(na["x"] - nb["x"], na["y"] - nb["y"])
    return d if inst["kind"] == "solomon" else math.floor(d + 0.5)


# ---------- checking a solution ----------
def check(inst, routes):
    """Returns (distance, problems) for routes given as lists of node indices (0 = depot)."""
    problems, total = [], 0.0
    n = len(inst["nodes"])
    seen = [0] * n
    if inst["kind"] != "tsplib" and inst.get("fleet") and len(routes) > inst["fleet"]:
        problems.append(f"{len(routes)} routes > fleet {inst['fleet']}")
    for r in routes:
        load, t, prev = 0, 0.0, 0
        if inst["kind"] == "solomon":
            t = inst["nodes"][0]["ready"]
        for v in r:
            if v <= 0 or v >= n:
                problems.append(f"bad customer index {v}")
                continue
            seen[v] += 1
            nd = inst["nodes"][v]
            load += nd["demand"]
            total += dist(inst, prev, v)
            if inst["kind"] == "solomon":
                t = max(t + dist(inst, prev, v), nd["ready"])
                if t > nd["due"] + 1e-9:
                    problems.append(f"customer {nd['id']} served at {t:.4f} after due {nd['due']}")
                t += nd["service"]
            prev = v
        total += dist(inst, prev, 0)
        if inst["kind"] == "solomon":
            t += dist(inst, prev, 0)
            if t > inst["nodes"][0]["due"] + 1e-9:
                problems.append(f"route back at {t:.4f} after depot due {inst['nodes'][0]['due']}")
        if inst["kind"] != "tsplib" and load > inst["capacity"]:
            problems.append(f"load {load} > capacity {inst['capacity']}")
    missing = [inst["nodes"][i]["id"] for i in range(1, n) if seen[i] == 0]
    dup = [inst["nodes"][i]["id"] for i in range(1, n) if seen[i] > 1]
    if missing:
        problems.append(f"{len(missing)} customers missing, e.g. {missing[:5]}")
    if dup:
        problems.append(f"customers visited twice: {dup[:5]}")
    return total, problems


def ids_to_indices(inst, routes):
    index = {nd["id"]: k for k, nd in enumerate(inst["nodes"])}
    out = []
    for r in routes:
        rr = [index.get(c, -1) for c in r]
        if inst["kind"] == "tsplib" and rr and rr[0] == 0:
            rr = rr[1:]  # the tour starts at node 1, which plays the depot
        out.append(rr)
    return out


# ---------- runners ----------
def run_fieldplan(binary, path, fmt, seconds, seed):
    cmd = [binary, "solve", path, "--format", fmt, "--seconds", str(seconds), "--seed", str(seed)]
    if os.path.basename(binary).startswith("solve-dev"):
        cmd.remove("solve")
    t0 = time.time()
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds * 4 + 120)
    wall = time.time() - t0
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip()[:300])
    d = json.loads(out.stdout)
    return d["routes"], wall, d


def ensure(module, pip_name):
    try:
        __import__(module)
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", pip_name], check=True)


def run_pyvrp(inst, family, path, seconds, seed):
    ensure("pyvrp", "pyvrp")
    import pyvrp
    from pyvrp.stop import MaxRuntime
    if inst["kind"] == "solomon":
        # Exact Euclidean scaled by 1000: durations rounded up (never optimistic), distances
        # to nearest; the returned routes are re-checked in double precision anyway.
        S = 1000
        nodes = inst["nodes"]
        m = pyvrp.Model()
        locs = [m.add_location(nd["x"], nd["y"]) for nd in nodes]
        depot = m.add_depot(locs[0], tw_early=int(nodes[0]["ready"] * S), tw_late=int(nodes[0]["due"] * S))
        m.add_vehicle_type(num_available=inst["fleet"], capacity=inst["capacity"], start_depot=depot, end_depot=depot,
                           tw_early=int(nodes[0]["ready"] * S), tw_late=int(nodes[0]["due"] * S))
        for i in range(1, len(nodes)):
            nd = nodes[i]
            m.add_client(locs[i], delivery=nd["demand"], service_duration=int(nd["service"] * S),
                         tw_early=int(nd["ready"] * S), tw_late=int(nd["due"] * S))
        for a in range(len(nodes)):
            for b in range(len(nodes)):
                if a != b:
                    d = dist(inst, a, b) * S
                    m.add_edge(locs[a], locs[b], distance=int(round(d)), duration=int(math.ceil(d)))
        data = m.data()
    else:
        data = pyvrp.read(path, round_func="round")
    t0 = time.time()
    res = pyvrp.solve(data, stop=MaxRuntime(seconds), seed=seed, display=False)
    wall = time.time() - t0
    routes = [[a.idx + 1 for a in r if a.is_client()] for r in res.best.routes()]
    return routes, wall


def run_vroom(inst, family, seconds, seed):
    ensure("vroom", "pyvroom")
    import vroom
    nodes = inst["nodes"]
    n = len(nodes)
    exact = inst["kind"] == "solomon"
    scale = 100 if exact else 1
    m = [[int(math.ceil(dist(inst, a, b) * scale)) for b in range(n)] for a in range(n)]
    c = [[int(round(dist(inst, a, b) * scale)) for b in range(n)] for a in range(n)]
    p = vroom.Input()
    p.set_durations_matrix(profile="car", matrix_input=m)
    p.set_costs_matrix(profile="car", matrix_input=c)
    fleet = inst.get("fleet") or (n - 1)
    cap = inst["capacity"] if inst["kind"] != "tsplib" else None
    for v in range(min(fleet, n - 1) if inst["kind"] != "tsplib" else 1):
        kw = dict(start=0, end=0)
        if cap is not None:
            kw["capacity"] = [cap]
        if exact:
            kw["time_window"] = vroom.TimeWindow(int(nodes[0]["ready"] * scale), int(nodes[0]["due"] * scale))
        p.add_vehicle(vroom.Vehicle(v + 1, **kw))
    for i in range(1, n):
        kw = dict(location=i)
        if cap is not None:
            kw["delivery"] = [nodes[i]["demand"]]
        if exact:
            kw["default_service"] = int(nodes[i]["service"] * scale)
            kw["time_windows"] = [vroom.TimeWindow(int(nodes[i]["ready"] * scale), int(nodes[i]["due"] * scale))]
        p.add_job(vroom.Job(i, **kw))
    t0 = time.time()
    from datetime import timedelta
    sol = p.solve(exploration_level=5, nb_threads=2, timeout=timedelta(seconds=seconds))
    wall = time.time() - t0
    routes = {}
    for row in sol.routes.itertuples():
        if row.type == "job":
            routes.setdefault(row.vehicle_id, []).append(int(row.id))
    return list(routes.values()), wall


def run_ortools(inst, family, seconds, seed):
    ensure("ortools", "ortools")
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2
    nodes = inst["nodes"]
    n = len(nodes)
    exact = inst["kind"] == "solomon"
    scale = 100 if exact else 1
    m = [[int(round(dist(inst, a, b) * scale)) for b in range(n)] for a in range(n)]
    fleet = 1 if inst["kind"] == "tsplib" else (inst.get("fleet") or n - 1)
    mgr = pywrapcp.RoutingIndexManager(n, fleet, 0)
    rt = pywrapcp.RoutingModel(mgr)
    cb = rt.RegisterTransitCallback(lambda i, j: m[mgr.IndexToNode(i)][mgr.IndexToNode(j)])
    rt.SetArcCostEvaluatorOfAllVehicles(cb)
    if inst["kind"] != "tsplib":
        dcb = rt.RegisterUnaryTransitCallback(lambda i: nodes[mgr.IndexToNode(i)]["demand"])
        rt.AddDimensionWithVehicleCapacity(dcb, 0, [inst["capacity"]] * fleet, True, "cap")
    if exact:
        svc = [int(math.ceil(nd["service"] * scale)) for nd in nodes]
        tm = [[int(math.ceil(dist(inst, a, b) * scale)) + svc[a] for b in range(n)] for a in range(n)]
        tcb = rt.RegisterTransitCallback(lambda i, j: tm[mgr.IndexToNode(i)][mgr.IndexToNode(j)])
        horizon = int(nodes[0]["due"] * scale)
        rt.AddDimension(tcb, horizon, horizon, False, "time")
        td = rt.GetDimensionOrDie("time")
        for i in range(1, n):
            td.CumulVar(mgr.NodeToIndex(i)).SetRange(int(nodes[i]["ready"] * scale), int(nodes[i]["due"] * scale))
    prm = pywrapcp.DefaultRoutingSearchParameters()
    # Cheapest arc often finds no first solution under tight windows (R1); insertion does.
    prm.first_solution_strategy = (routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION if exact
                                   else routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC)
    prm.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    prm.time_limit.FromSeconds(int(seconds))
    t0 = time.time()
    s = rt.SolveWithParameters(prm)
    wall = time.time() - t0
    routes = []
    if s:
        for v in range(fleet):
            i = rt.Start(v)
            r = []
            i = s.Value(rt.NextVar(i))
            while not rt.IsEnd(i):
                r.append(mgr.IndexToNode(i))
                i = s.Value(rt.NextVar(i))
            if r:
                routes.append(r)
    return routes, wall


# ---------- main ----------
def instances(family):
    rows = [r for r in csv.DictReader(open(os.path.join(BENCH, "bks.csv"))) if r["family"] == family]
    folder = os.path.join(BENCH, "instances", family)
    files = {os.path.splitext(f)[0].lower(): os.path.join(folder, f) for f in os.listdir(folder)
             if f.endswith((".txt", ".vrp", ".tsp"))}
    for r in rows:
        yield r, files[r["instance"].lower()]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--family", default="all", choices=FAMILIES + ["all"])
    ap.add_argument("--seconds", type=float, help="limit per instance (default: the family's)")
    ap.add_argument("--peers", action="store_true", help="also run PyVRP, pyvroom and OR-Tools")
    ap.add_argument("--bin", default=os.environ.get("FIELDPLAN_BIN", os.path.join(ROOT, ".build/release/fieldplan")))
    ap.add_argument("--only", help="comma-separated instance names")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--peer-list", default="pyvrp,vroom,ortools", help="which peers --peers runs")
    ap.add_argument("--json", help="write all results to this file")
    a = ap.parse_args()
    fams = FAMILIES if a.family == "all" else [a.family]
    solvers = ["fieldplan"] + (a.peer_list.split(",") if a.peers else [])
    results = []
    for fam in fams:
        secs = a.seconds or DEFAULT_SECONDS[fam]
        fmt = {"solomon": "solomon", "homberger": "solomon", "cvrp_x": "vrplib", "tsplib": "tsplib"}[fam]
        print(f"\n## {fam} ({secs:g} s per instance)")
        print(f"{'instance':12} {'solver':9} {'distance':>11} {'veh':>4} {'bks':>10} {'gap%':>7} {'secs':>6}  feasible")
        for row, path in instances(fam):
            if a.only and row["instance"] not in a.only.split(","):
                continue
            inst = read_instance(fam, path)
            bks = float(row["bks_distance"])
            for sv in solvers:
                try:
                    if sv == "fieldplan":
                        routes, wall, _ = run_fieldplan(a.bin, path, fmt, secs, a.seed)
                        routes = ids_to_indices(inst, routes)
                    elif sv == "pyvrp":
                        routes, wall = run_pyvrp(inst, fam, path, secs, a.seed)
                    elif sv == "vroom":
                        routes, wall = run_vroom(inst, fam, secs, a.seed)
                    else:
                        routes, wall = run_ortools(inst, fam, secs, a.seed)
                    d, probs = check(inst, routes)
                    feas = not probs
                except Exception as e:  # a failed run is reported, not fatal
                    d, wall, probs, feas, routes = float("nan"), 0.0, [str(e)], False, []
                gap = 100.0 * (d - bks) / bks
                results.append(dict(family=fam, instance=row["instance"], solver=sv, distance=d, vehicles=len(routes),
                                    bks=bks, gap=gap, seconds=wall, feasible=feas, problems=probs[:3]))
                print(f"{row['instance']:12} {sv:9} {d:11.2f} {len(routes):4d} {bks:10.2f} {gap:7.2f} {wall:6.1f}  "
                      f"{'yes' if feas else 'NO: ' + '; '.join(probs[:2])}", flush=True)
        for sv in solvers:
            rs = [r for r in results if r["family"] == fam and r["solver"] == sv]
            if rs:
                ok = [r for r in rs if r["feasible"]]
                mg = sum(r["gap"] for r in ok) / len(ok) if ok else float("nan")
                print(f"{'MEAN':12} {sv:9} {'':11} {'':4} {'':10} {mg:7.2f} {sum(r['seconds'] for r in rs)/len(rs):6.1f}  "
                      f"{len(ok)}/{len(rs)} feasible")
    if a.json:
        json.dump(results, open(a.json, "w"), indent=1)
    print("\n## summary (mean gap % over feasible runs)")
    for fam in fams:
        line = [f"{fam:10}"]
        for sv in solvers:
            rs = [r for r in results if r["family"] == fam and r["solver"] == sv]
            ok = [r for r in rs if r["feasible"]]
            if rs:
                line.append(f"{sv} {sum(r['gap'] for r in ok)/max(1,len(ok)):6.2f}% ({len(ok)}/{len(rs)} feasible)")
        print("  ".join(line))


if __name__ == "__main__":
    main()
