"""A PMO's nightly forecast of 1,000 client projects on dask.distributed.

Every planix value pickles (through its canonical JSON), so a project and its risk
register travel to a worker and the risk-adjusted forecast travels back, unchanged. Here a
`LocalCluster` (two worker processes) stands in for a real cluster: point `Client` at a
scheduler address (`Client("tcp://scheduler:8786")`, or a dask-kubernetes / dask-jobqueue
cluster) and the same code runs on it. The P80 table gathered from the workers is checked
byte for byte against the serial run: same seeds, same results, whatever runs them.

    pip install planix "dask[distributed]"
    python examples/python/portfolio_dask.py [PROJECTS]
"""

import sys
from datetime import date, datetime

import planix


def client_project(k: int) -> tuple[planix.Project, planix.RiskRegister]:
    """Project k of the portfolio: a seeded chain-and-fan plan with estimates and risks."""
    rnd = (k * 2654435761) % 2**32
    def draw(n: int) -> int:
        nonlocal rnd
        rnd = (rnd * 1103515245 + 12345) % 2**31
        return rnd % n
    p = planix.Project(f"Client {k:04d}", datetime(2027, 1, 4 + draw(4), 8))
    tasks = []
    for j in range(12 + draw(12)):
        days = 1 + draw(8)
        t = p.add_task(f"Task {j}", duration=days * 480)
        p.set_estimate(t, days * 480 * 8 // 10, days * 480, days * 480 * (13 + draw(8)) // 10)
        if tasks:
            p.link(tasks[-1 - draw(min(3, len(tasks)))], t)
        tasks.append(t)
    reg = planix.RiskRegister()
    for r in range(1 + draw(3)):
        rid = f"R{r + 1}"
        reg.add(rid, f"Risk {r + 1}", tasks=[tasks[draw(len(tasks))]])
        reg.assess(rid, 0.1 + draw(5) / 10, 3, date=date(2027, 1, 4),
                   delay=(480, 480 * (1 + draw(3)), 480 * (4 + draw(4))))
    return p, reg


def forecast(job: tuple[str, planix.Project, planix.RiskRegister]) -> tuple[str, planix.RiskForecast]:
    key, project, register = job
    return key, register.forecast(project, iterations=2_000, seed=2027, confidence=80)


def p80_table(results: list[tuple[str, planix.RiskForecast]]) -> str:
    rows = [f"{key}\t{f.percentile(50)}\t{f.percentile(80)}" for key, f in sorted(results, key=lambda r: r[0])]
    return "project\tP50\tP80\n" + "\n".join(rows) + "\n"


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000
    jobs = []
    for k in range(n):
        p, reg = client_project(k)
        jobs.append((f"C{k:04d}", p, reg))
    serial = p80_table([forecast(j) for j in jobs])
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        print("dask.distributed is not installed: pip install 'dask[distributed]'")
        return 1
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as c:
        futures = c.map(forecast, jobs, pure=False)
        distributed = p80_table(c.gather(futures))
        workers = len(c.scheduler_info()["workers"])
    assert distributed == serial, "the cluster's P80 table differs from the serial run"
    print(f"{n} projects forecast on {workers} dask workers; P80 table identical to the serial run:")
    print("\n".join(serial.splitlines()[:4]) + "\n…")
    return 0


if __name__ == "__main__":
    sys.exit(main())
