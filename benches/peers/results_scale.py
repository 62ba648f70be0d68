"""Result conversion at scale (issue #23): the time and the memory of handing planix
results to Python, for planix JSON plans of growing size.

Usage: python results_scale.py PLAN.json [PLAN.json ...]
(plans from `target/release/level_scale NET.json --save PLAN.json`). For each plan it
schedules once, then times each conversion (best of 3) and measures the resident-set
peak the first call adds over the schedule (`/proc/self/clear_refs` resets the peak;
Linux only),
one JSON line per plan. Leveling and simulation conversions use a leveled plan and a
100-iteration simulation of the same project.
"""

import gc
import json
import sys
import time

import planix


def status(key):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key):
                return int(line.split()[1]) / 1024
    return 0.0


def measure(call):
    # The first call's resident-set growth (later calls reuse the freed heap), and the
    # best time of three.
    best, peak = float("inf"), None
    for _ in range(3):
        gc.collect()
        base = status("VmRSS:")
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        t = time.perf_counter()
        out = call()
        best = min(best, time.perf_counter() - t)
        if peak is None:
            peak = status("VmHWM:") - base
        del out
    return {"ms": round(best * 1000, 1), "peak_mb": round(peak, 1)}


def main():
    import pandas  # noqa: F401  (imported once, outside the timings)

    planix.Project("warm", "2027-01-04").schedule().to_pandas()
    for path in sys.argv[1:]:
        with open(path) as f:
            p = planix.Project.from_json(f.read())
        s = p.schedule()
        row = {"tasks": len(s)}
        row["schedule.to_pandas"] = measure(s.to_pandas)
        row["schedule.columns"] = measure(s.columns)
        row["schedule.tasks"] = measure(s.tasks)
        lv = p.level()
        row["leveling.to_pandas"] = measure(lv.to_pandas)
        costs = p.costs(schedule=lv.schedule)
        row["costs.columns"] = measure(costs.columns)
        sim = p.simulate(iterations=100, seed=1, sensitivity=False)
        row["simulation.to_pandas"] = measure(sim.to_pandas)
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
