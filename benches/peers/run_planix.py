"""planix adapter for ../shared/tools/peers (same contract as the other run_<peer>.py).

Usage: python run_planix.py NETWORK.json --op cpm|montecarlo|level
Times only the compute call through the Python binding; the network is converted first.
`--op level` levels in fast mode; PLANIX_LEVEL="optimize:SECONDS" runs the optimising mode
with that time budget instead.
"""

import os

import sys
from datetime import datetime
from pathlib import Path

PEERS = Path(__file__).resolve().parents[3] / "shared" / "tools" / "peers"
sys.path.insert(0, str(PEERS))

import peerlib  # noqa: E402

import planix  # noqa: E402

START = datetime(2027, 1, 4, 0, 0)


def build(net, estimates=False, resources=False):
    # One "day" of the neutral format is one elapsed day: use a 24-hour calendar, 1 day = 1440 min.
    p = planix.Project("peers", START)
    cal = {
        "name": "24 Hours",
        "week": {d: ["00:00-24:00"] for d in ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]},
        "minutes_per_day": 1440,
        "minutes_per_week": 10080,
    }
    p.set_project_calendar(p.add_calendar(cal))
    ids = {}
    for t in net["tasks"]:
        ids[t["id"]] = p.add_task(t["id"], duration=t["duration"] * 1440)
        if estimates:
            p.set_estimate(ids[t["id"]], t["opt"] * 1440, t["likely"] * 1440, t["pess"] * 1440)
    for t in net["tasks"]:
        for pr in t["preds"]:
            p.link(ids[pr], ids[t["id"]])
    if resources:
        res = {r: p.add_resource(r, max_units=float(c)) for r, c in net["resources"].items()}
        for t in net["tasks"]:
            for r, k in (t.get("demand") or {}).items():
                p.assign(ids[t["id"]], res[r], units=float(k))
    return p


def cpm(net, args):
    p = build(net)
    s, seconds = peerlib.timed(p.schedule)
    makespan = round((s.finish - START).total_seconds() / 86400)
    crit = sum(1 for t in s.tasks() if t["critical"])
    return {"seconds": seconds, "makespan": makespan, "critical_count": crit, "version": "0.1.0"}


def montecarlo(net, args):
    # Beta-PERT (lambda = 4) on the generator's three-point estimates, as the other peers.
    p = build(net, estimates=True)
    r, seconds = peerlib.timed(lambda: p.simulate(iterations=args.iters, seed=args.seed, sensitivity=True))
    days = lambda q: (r.percentile(q) - START).total_seconds() / 86400
    mean = (r.mean - START).total_seconds() / 86400
    return {"seconds": seconds, "makespan": round(mean, 3), "critical_count": None,
            "p50": round(days(50), 3), "p80": round(days(80), 3), "p95": round(days(95), 3),
            "version": "0.1.0"}


def _dt(v):
    # Schedule.tasks() gives datetime values; older builds gave ISO text.
    return v if isinstance(v, datetime) else datetime.fromisoformat(v)


def level(net, args):
    if not net.get("resources"):
        raise ValueError("network has no resources (generate with --resources K)")
    p = build(net, resources=True)
    mode = os.environ.get("PLANIX_LEVEL", "fast")
    if mode.startswith("optimize:"):
        budget = float(mode.split(":", 1)[1])
        call = lambda: p.level(mode="optimize", time_limit=budget, max_schedules=10**12)
    else:
        call = lambda: p.level()
    lv, seconds = peerlib.timed(call)
    s = lv.schedule
    makespan = round((s.finish - START).total_seconds() / 86400)
    # Untimed checks: links kept, no task stretched (planix never splits), no over-allocation.
    tasks = {t["name"]: t for t in s.tasks()}
    prec = sum(1 for t in net["tasks"] for pr in t["preds"]
               if tasks[t["id"]]["start"] < tasks[pr]["finish"])
    stretched = sum(1 for t in net["tasks"]
                    if (_dt(tasks[t["id"]]["finish"]) - _dt(tasks[t["id"]]["start"])).total_seconds() != t["duration"] * 86400)
    out = {"seconds": seconds, "makespan": makespan, "critical_count": None, "version": "0.1.0",
           "mode": mode, "schedules": lv.schedules, "precedence_violations": prec,
           "stretched_tasks": stretched, "capacity_violations": len(lv.remaining),
           "cpm_makespan": peerlib.reference_makespan(net["tasks"])}
    if prec or lv.remaining:
        out["error"] = f"{prec} precedence violations, {len(lv.remaining)} over-allocations"
    return out


if __name__ == "__main__":
    peerlib.run("planix", {"cpm": cpm, "montecarlo": montecarlo, "level": level})
