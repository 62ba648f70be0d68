"""Portfolios from Python: the same hand-worked agency as core/tests/portfolio.rs (standard
calendar, Mon–Fri 08:00–17:00 with an hour for lunch)."""

import pickle
from datetime import datetime

import pytest

import planix


def client(name, days):
    p = planix.Project(name, datetime(2027, 1, 4, 8))
    ana = p.add_resource("Ana")
    d = p.add_task("Design", duration=days * 480)
    p.set_estimate(d, (days - 1) * 480, days * 480, (days + 3) * 480)
    h = p.add_task("Handover", duration=0)
    p.link(d, h)
    p.assign(d, ana)
    return p, d, h


def agency():
    pf = planix.Portfolio("Agency")
    # One unit is the default (core's, as in the JSON document and JS).
    pf.add_pool_resource("Ana", standard_rate=100.0)
    a, _, ah = client("Acme", 2)
    b, bd, _ = client("Globex", 3)
    pf.add_project("acme", a, priority=800)
    pf.add_project("globex", b, priority=500)
    return pf, ah, bd


def test_level_across_projects_by_priority_and_adopt():
    pf, _, bd = agency()
    lv = pf.level()
    s = lv.schedules()
    assert str(s["acme"].finish) == "2027-01-05 17:00:00"
    assert str(s["globex"].finish) == "2027-01-08 17:00:00"  # Wed–Fri, after Acme
    (d,) = lv.delays
    assert d["task"] == {"project": "globex", "task": bd}
    assert d["competing_projects"] == ["acme"] and d["delay"] == 960
    pf.apply_leveling(lv)
    assert str(pf.project("globex").schedule().finish) == "2027-01-08 17:00:00"
    # Rollup rows with pandas; Ana's rate applies to both projects (16 h and 24 h).
    df = pf.rollup().to_pandas()
    assert list(df["key"]) == ["acme", "globex", "portfolio"]
    assert list(df["cost"]) == [1600.0, 2400.0, 4000.0]
    assert "acme" in pf.rollup_table()


def test_cross_project_links_cycles_and_bad_input():
    pf, ah, bd = agency()
    pf.link(("acme", ah), ("globex", bd))
    assert str(pf.schedule()["globex"].finish) == "2027-01-08 17:00:00"
    with pytest.raises(planix.ModelError, match="no project"):
        pf.link(("initech", 1), ("globex", bd))
    with pytest.raises(planix.ModelError, match="no working time"):
        pf.add_pool_resource("Nobody", 0.0)
    pf.link(("globex", 2), ("acme", 1))
    with pytest.raises(planix.CycleError, match="across projects") as e:
        pf.schedule()
    assert {r["project"] for r in e.value.task_refs} == {"acme", "globex"}


def test_document_pickle_and_monte_carlo():
    pf, _, _ = agency()
    back = planix.Portfolio.from_json(pf.to_json())
    assert back.to_json() == pf.to_json()
    assert '"max_units": 1.0' in pf.to_json()
    assert pickle.loads(pickle.dumps(pf)).to_json() == pf.to_json()
    shared = pf.simulate(iterations=1000, seed=3, resource_constrained=True)
    free = pf.simulate(iterations=1000, seed=3)
    assert shared.percentile(80) > free.percentile(80)
    assert shared.percentile_without_resource_limits(80) == free.percentile(80)
    with pytest.raises(planix.IoError):
        planix.Portfolio.from_json("{}")


def test_resource_constrained_simulation_of_one_project():
    p = planix.Project("Two jobs", datetime(2027, 1, 4, 8))
    ana = p.add_resource("Ana")
    for name in ("Logo", "Flyer"):
        t = p.add_task(name, duration=480)
        p.set_estimate(t, 240, 480, 960)
        p.assign(t, ana)
    r = p.simulate(iterations=500, seed=1, resource_constrained=True)
    free = p.simulate(iterations=500, seed=1)
    assert r.percentile(50) > free.percentile(50)
    assert r.percentile_without_resource_limits(50) == free.percentile(50)
