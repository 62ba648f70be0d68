"""Resources, costs, loading and leveling from Python (hand-worked numbers, see
core/tests/resources.rs for the same cases in Rust)."""

from datetime import date, datetime

import pytest

import planix


def agency():
    p = planix.Project("Agency", datetime(2027, 1, 4, 8))
    ana = p.add_resource("Ana", max_units=1.0, standard_rate=100.0)
    logo = p.add_task("Logo", duration=16 * 60)
    flyer = p.add_task("Flyer", duration=8 * 60)
    prn = p.add_task("Print", duration=8 * 60)
    p.link(flyer, prn)
    p.assign(logo, ana)
    p.assign(flyer, ana)
    return p, ana, logo, flyer


def test_level_sequences_a_shared_person_and_explains_why():
    p, ana, logo, flyer = agency()
    before = p.overallocations()
    assert len(before) == 1 and before[0]["tasks"] == [logo, flyer]
    lv = p.level()
    assert lv.remaining == []
    assert str(lv.schedule.finish) == "2027-01-06 17:00:00"
    d = lv.delay(logo)
    assert d is not None
    assert d["delay"] == 480 and d["resource"] == ana and d["blocked_by"] == [flyer]
    assert d["holders"] == 1 and lv.holders(logo) == [flyer] and lv.holders(flyer) == []
    assert lv.schedule.driver(logo)["type"] == "leveling"
    # The project itself is unchanged: its CPM schedule still double-books Ana.
    assert len(p.overallocations()) == 1
    assert lv.to_json().startswith("{")


def test_an_adopted_leveling_is_the_plan():
    p, ana, logo, flyer = agency()
    lv = p.level()
    p.apply_leveling(lv)
    # Logo waits for Ana from Monday 08:00 to Tuesday 08:00: one elapsed day.
    assert p.task(logo)["leveling_delay"] == 24 * 60
    assert p.task(flyer).get("leveling_delay", 0) == 0
    s = p.schedule()
    assert str(s.finish) == "2027-01-06 17:00:00"
    assert s.task(logo)["start"] == lv.schedule.task(logo)["start"]
    assert p.overallocations() == []
    # It survives the file, and a pickled result still applies to an unchanged project.
    import pickle

    q = planix.Project.from_json(p.to_json())
    assert str(q.schedule().finish) == "2027-01-06 17:00:00"
    p.clear_leveling()
    assert str(p.schedule().finish) == "2027-01-05 17:00:00"
    fresh = p.level()
    p.apply_leveling(pickle.loads(pickle.dumps(fresh)))
    assert str(p.schedule().finish) == "2027-01-06 17:00:00"
    # A result of an earlier revision is refused, naming both revisions.
    p.add_task("Extra", duration=60)
    with pytest.raises(planix.ModelError, match="compute it again"):
        p.apply_leveling(fresh)


def test_optimize_mode_is_deterministic_for_a_seed():
    p, *_ = agency()
    a = p.level(mode="optimize", max_schedules=500, seed=3).to_json()
    b = p.level(mode="optimize", max_schedules=500, seed=3).to_json()
    assert a == b


def test_never_fits_raises_a_typed_error_naming_task_and_resource():
    p = planix.Project("p", datetime(2027, 1, 4, 8))
    duo = p.add_resource("Duo", max_units=2.0)
    t = p.add_task("Heavy lift", duration=480)
    p.assign(t, duo, units=3.0)
    with pytest.raises(planix.LevelingError) as e:
        p.level()
    assert e.value.task == t and e.value.resource == duo
    assert "Heavy lift" in str(e.value)


def test_bad_input_is_rejected():
    p = planix.Project("p", datetime(2027, 1, 4, 8))
    t = p.add_task("T", duration=480)
    with pytest.raises(planix.ModelError):
        p.add_resource("Neg", max_units=-1)
    with pytest.raises(ValueError):
        p.add_resource("X", kind="robot")
    with pytest.raises(planix.ModelError):
        p.assign(t, 42)
    with pytest.raises(ValueError):
        p.level(mode="perfect")
    with pytest.raises(ValueError):
        p.loading(period="fortnight")
    with pytest.raises(planix.ModelError):
        p.set_priority(t, 1001)
    assert p.resources() == []


def test_costs_hand_worked_and_time_phased():
    # Build Mon–Wed 24 h: Ana 100/h, 120/h from Wed 6 Jan, 50 per use → 2,610; 10
    # licences at 30 → 300; fixed 250. Test Thu: Ben half time 4 h with 2 h overtime
    # (80/h, 120/h) → 400; travel 400.
    p = planix.Project("p", datetime(2027, 1, 4, 8))
    ana = p.add_resource(
        "Ana",
        rates=[
            {"standard": 100.0, "overtime": 150.0, "per_use": 50.0},
            {"from": "2027-01-06", "standard": 120.0, "overtime": 180.0, "per_use": 50.0},
        ],
    )
    ben = p.add_resource("Ben", standard_rate=80.0, overtime_rate=120.0)
    lic = p.add_resource("Licence", kind="material", material_label="seat", standard_rate=30.0)
    travel = p.add_resource("Travel", kind="cost")
    phase = p.add_task("Phase")
    build = p.add_task("Build", duration=24 * 60, parent=phase)
    test = p.add_task("Test", duration=8 * 60, parent=phase)
    p.set_cost(build, fixed_cost=250.0)
    p.link(build, test)
    p.assign(build, ana)
    p.assign(build, lic, units=10)
    p.assign(test, ben, units=0.5, overtime=120)
    p.assign(test, travel, cost=400.0)
    c = p.costs()
    assert c.total == pytest.approx(3960.0)
    assert c.task(phase) == pytest.approx(3960.0)
    assert c.task(build) == pytest.approx(3160.0)
    by_res = {r["name"]: r for r in c.resources}
    assert by_res["Ana"]["cost"] == pytest.approx(2610.0)
    days = c.timephased("day")
    assert [d["period"] for d in days] == [date(2027, 1, 4), date(2027, 1, 5), date(2027, 1, 6), date(2027, 1, 7)]
    assert days[-1]["cumulative"] == pytest.approx(3960.0)
    pd = pytest.importorskip("pandas")
    df = c.to_pandas("week")
    assert isinstance(df, pd.DataFrame)
    assert df["cost"].sum() == pytest.approx(3960.0)


def test_loading_table_with_leave_to_pandas():
    p = planix.Project("p", datetime(2027, 1, 4, 8))
    ana = p.add_resource("Ana", leave=[(date(2027, 1, 5), date(2027, 1, 6))])
    t = p.add_task("Review", duration=16 * 60)
    p.assign(t, ana)
    lv = p.level()
    assert lv.schedule.task(t)["start"] == datetime(2027, 1, 7, 8)
    rows = p.loading("week", schedule=lv.schedule).rows
    assert len(rows) == 1
    assert rows[0]["demand_hours"] == 16.0 and rows[0]["available_hours"] == 24.0
    pd = pytest.importorskip("pandas")
    df = p.loading("day").to_pandas()
    assert isinstance(df, pd.DataFrame)
    assert bool(df.loc[("Ana", pd.Timestamp("2027-01-05")), "overallocated"])


def test_effort_driven_and_json_round_trip():
    p = planix.Project("p", datetime(2027, 1, 4, 8))
    a = p.add_resource("Ana")
    b = p.add_resource("Ben")
    t = p.add_task("Build", duration=40 * 60)
    p.set_effort_driven(t)
    p.assign(t, a)
    p.assign(t, b)
    assert p.task(t)["duration"] == 20 * 60
    q = planix.Project.from_json(p.to_json())
    assert q == p
    assert len(q.assignments()) == 2


def test_a_long_queue_names_five_releasers_and_lists_every_holder():
    # One designer, 12 one-day jobs: the last waits for 11, its record names the last 5.
    p = planix.Project("Queue", datetime(2027, 1, 4, 8))
    ana = p.add_resource("Ana", max_units=1.0)
    jobs = [p.add_task(f"Job {k}", duration=480) for k in range(12)]
    for j in jobs:
        p.assign(j, ana)
    lv = p.level()
    last = max(lv.delays, key=lambda d: d["delay"])
    assert last["delay"] == 11 * 480 and last["holders"] == 11
    assert len(last["blocked_by"]) == 5
    everyone = lv.holders(last["task"])
    assert len(everyone) == 11 and set(last["blocked_by"]) <= set(everyone)
    assert last["task"] not in everyone
