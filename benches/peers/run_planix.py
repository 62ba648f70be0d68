"""planix adapter for ../shared/tools/peers (same contract as the other run_<peer>.py).

Usage: python run_planix.py NETWORK.json --op cpm
Times only the schedule call through the Python binding; the network is converted first.
"""

import sys
from datetime import datetime
from pathlib import Path

PEERS = Path(__file__).resolve().parents[3] / "shared" / "tools" / "peers"
sys.path.insert(0, str(PEERS))

import peerlib  # noqa: E402

import planix  # noqa: E402

START = datetime(2027, 1, 4, 0, 0)


def build(net, estimates=False):
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


if __name__ == "__main__":
    peerlib.run("planix", {"cpm": cpm, "montecarlo": montecarlo})
