"""Monte Carlo and PERT through the Python binding."""

import json
import math
from datetime import datetime

import pytest

import planix

DAY = 1440
START = datetime(2027, 1, 1)
H24 = {
    "name": "24 Hours",
    "week": {d: ["00:00-24:00"] for d in ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]},
    "minutes_per_day": 1440,
    "minutes_per_week": 10080,
}


def chain(n=6):
    p = planix.Project("mc", START)
    p.set_project_calendar(p.add_calendar(H24))
    ids = []
    for k in range(n):
        t = p.add_task(f"T{k}", duration=3 * DAY)
        p.set_estimate(t, 2 * DAY, 3 * DAY, 8 * DAY)
        if ids:
            p.link(ids[-1], t)
        ids.append(t)
    return p, ids


def test_chain_mean_matches_pert_sum():
    p, ids = chain()
    r = p.simulate(iterations=20_000, seed=7)
    # Beta-PERT λ=4 (o, m, p) = (2, 3, 8) days: mean 11/3 days, variance (5/3)(13/3)/7 days².
    mu = 6 * 11 / 3 * DAY
    sd = math.sqrt(6 * (5 / 3) * (13 / 3) / 7) * DAY
    got = (r.mean - START).total_seconds() / 60
    assert abs(got - mu) < 4 * sd / math.sqrt(20_000) + 1
    assert abs(r.std_dev - sd) < 4 * sd / math.sqrt(40_000) + 1
    assert r.percentile(50) <= r.percentile(80) <= r.percentile(95)
    assert all(v == 1.0 for v in r.criticality.values())
    assert set(r.sensitivity) == set(ids)
    assert r.probability_by(r.percentile(80)) >= 0.8
    assert sum(b["count"] for b in r.histogram) == 20_000


def test_same_seed_same_json_and_pandas():
    p, ids = chain()
    a = p.simulate(iterations=2_000, seed=3).to_json()
    b = p.simulate(iterations=2_000, seed=3).to_json()
    assert a == b
    assert json.loads(a)["iterations"] == 2_000
    pd = pytest.importorskip("pandas")
    df = p.simulate(iterations=500, seed=3).to_pandas()
    assert isinstance(df, pd.DataFrame)
    assert list(df.index) == ids
    assert (df["criticality"] == 1.0).all()


def test_risks_and_pert():
    p, ids = chain(2)
    r = p.simulate(
        iterations=1_000,
        seed=1,
        risks=[{"id": "R1", "probability": 1.0, "tasks": [ids[0]],
                "delay": {"optimistic": DAY, "most_likely": DAY, "pessimistic": DAY}}],
    )
    assert r.percentile_without_risks(50) is not None
    assert r.percentile(50) > r.percentile_without_risks(50)
    a = p.pert()
    # Classic PERT: te = (2 + 12 + 8)/6 = 11/3 days per task, σ = 1 day per task.
    assert a.path_mean == pytest.approx(2 * 11 / 3 * DAY)
    assert a.std_dev == pytest.approx(math.sqrt(2) * DAY)
    assert a.probability_by(a.expected_finish) == pytest.approx(0.5, abs=1e-3)
    assert a.critical_path == ids


def test_bad_input_is_typed():
    p, ids = chain(2)
    with pytest.raises(planix.ModelError, match="optimistic <= most likely"):
        p.set_estimate(ids[0], 5, 3, 8)
    with pytest.raises(ValueError, match="distribution"):
        p.set_estimate(ids[0], 1, 2, 3, distribution="gamma")
    with pytest.raises(planix.SimulationError, match="iterations"):
        p.simulate(iterations=0)
    with pytest.raises(planix.SimulationError, match="unknown"):
        p.simulate(iterations=10, risks=[{"id": "x", "probability": 0.5, "tasks": [99]}])
    with pytest.raises(planix.SimulationError, match="invalid risks"):
        p.simulate(iterations=10, risks=[{"probability": "high"}])
    with pytest.raises(planix.PlanixError):
        p.pert().date_at(1.5)


def test_on_progress_reports_and_stops_a_run():
    p, ids = chain()
    seen = []
    full = p.simulate(iterations=2000, seed=3, on_progress=lambda d, t: seen.append((d, t)))
    # Called as the run goes, with the iteration budget; a callback returning None
    # goes on, and watching does not change what is computed.
    assert seen and all(t == 2000 for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert full.to_json() == p.simulate(iterations=2000, seed=3).to_json()
    with pytest.raises(planix.SimulationError, match="stopped after"):
        p.simulate(iterations=100_000, seed=3, on_progress=lambda d, t: False)

    def interrupt(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        p.simulate(iterations=100_000, on_progress=interrupt)
    with pytest.raises(planix.ArgumentError, match="on_progress"):
        p.simulate(iterations=10, on_progress=3)


def test_on_progress_stops_an_optimising_leveling_with_the_best_so_far():
    import random

    p = planix.Project("Team", datetime(2027, 1, 4, 8))
    people = [p.add_resource(n, max_units=2.0) for n in ("Ana", "Ben", "Cy")]
    r = random.Random(5)
    tasks = []
    for i in range(60):
        t = p.add_task(f"T{i}", duration=r.randint(1, 9) * 480)
        for who in r.sample(people, 2):
            p.assign(t, who, units=float(r.randint(1, 2)))
        if i >= 4:
            p.link(tasks[r.randrange(i - 4, i)], t)
        tasks.append(t)
    calls = []

    def stop_early(done, total):
        calls.append((done, total))
        return False

    lv = p.level(mode="optimize", max_schedules=1_000_000, seed=1, on_progress=stop_early)
    # Asked once, told to stop: the best schedule so far, feasible, is returned.
    assert len(calls) == 1 and calls[0][0] < 1_000_000 and calls[0][1] == 1_000_000
    assert lv.remaining == []
    full = p.level(mode="optimize", max_schedules=5_000, seed=1)
    assert full.schedule.finish <= lv.schedule.finish
