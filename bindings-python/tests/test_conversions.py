"""The boundary as a notebook analyst meets it: every result pickles (multiprocessing,
distributed engines), dates are datetime/date in dicts and datetime64 in DataFrames,
durations and lags take MS Project text, `date` works where a datetime is wanted."""

import pickle
from datetime import date, datetime

import pandas as pd
import pytest

import planix

D = 480


def plan():
    p = planix.Project("Web", date(2027, 1, 4))  # a date: midnight, first work at 08:00
    a = p.add_task("Design", duration="3d")
    b = p.add_task("Build", duration="1w")
    c = p.add_task("Live")
    p.add_dependency(a, b, lag="1d")
    p.link(b, c)
    return p, a, b, c


def test_version():
    assert isinstance(planix.__version__, str) and planix.__version__.count(".") == 2


def test_duration_text_hand_worked():
    p, a, b, c = plan()
    s = p.schedule()
    # Design Mon 4 Jan 08:00 + 3 d → Wed 6 Jan 17:00; 1 d lag; Build 5 d from Fri 8 Jan.
    assert s.task(a)["finish"] == datetime(2027, 1, 6, 17)
    assert s.task(b)["start"] == datetime(2027, 1, 8, 8)
    assert s.finish == datetime(2027, 1, 14, 17)
    p.set_duration(b, "4h 30m")
    assert p.task(b)["duration"] == 270
    p.add_dependency(a, c, kind="ss", lag="1.5ed")
    link = [d for d in p.to_dict()["dependencies"] if (d["predecessor"], d["successor"]) == (a, c)]
    assert link[0]["lag"] == {"elapsed": 2160}
    with pytest.raises(planix.ArgumentError, match="needs a unit"):
        p.set_duration(b, "3")
    with pytest.raises(ValueError, match="elapsed"):
        p.add_task("x", duration="2ed")
    assert p.task(b)["duration"] == 270


def test_edit_task_is_atomic():
    p, a, b, c = plan()
    p.edit_task(a, duration="2d", notes="with the client", deadline=datetime(2027, 1, 20, 17))
    t = p.task(a)
    assert (t["duration"], t["notes"], t["deadline"]) == (960, "with the client", datetime(2027, 1, 20, 17))
    rev = p.revision
    with pytest.raises(planix.ModelError):
        p.edit_task(a, name="Renamed", parent=99)
    with pytest.raises(planix.ArgumentError, match="durration"):
        p.edit_task(a, durration="1d")
    assert (p.task(a)["name"], p.revision) == ("Design", rev)
    p.edit_task(a, deadline=None)
    assert "deadline" not in p.task(a)


def test_every_result_pickles_and_has_a_repr():
    p, a, b, c = plan()
    p.set_estimate(a, 2 * D, 3 * D, 6 * D)
    ana = p.add_resource("Ana", standard_rate=90, leave=[(date(2027, 1, 11), date(2027, 1, 11))])
    p.assign(b, ana, units=1.0)
    reg = planix.RiskRegister()
    reg.add("R1", "Slow API", tasks=[a])
    reg.assess("R1", 0.5, 3, date=date(2027, 1, 4), cost=1000)
    e = planix.Engagement("Northwind")
    s = p.schedule()
    results = [
        s,
        p.simulate(iterations=300, seed=1),
        p.pert(),
        p.level(),
        p.loading("week"),
        p.costs(),
        reg,
        reg.forecast(p, iterations=300, seed=2),
        e,
        p,
    ]
    for r in results:
        back = pickle.loads(pickle.dumps(r))
        assert type(back) is type(r)
        if hasattr(r, "to_json"):
            assert back.to_json() == r.to_json(), type(r).__name__
        assert not repr(r).startswith("<"), repr(r)
    back = pickle.loads(pickle.dumps(s))
    assert back.finish == s.finish and back.critical_path() == s.critical_path()
    # Loading with an infinite utilisation (work booked on a leave day) and a Table.
    day = p.loading("day")
    assert any(r["utilisation"] == float("inf") for r in day.rows)
    assert pickle.loads(pickle.dumps(day)).rows == day.rows
    p.save_baseline(0)
    table = p.baseline_timephased(0, period="week")
    assert pickle.loads(pickle.dumps(table)).rows == table.rows


def test_dates_are_dates_in_dicts_and_frames():
    p, a, b, c = plan()
    s = p.schedule()
    assert isinstance(s.task(a)["start"], datetime)
    assert isinstance(s.to_dict()["finish"], datetime)
    df = s.to_pandas()
    assert df.index.name == "id"
    assert list(df.columns)[:2] == ["name", "kind"]  # the documented order, not sorted
    for col in ["start", "finish", "early_start", "late_finish"]:
        assert pd.api.types.is_datetime64_any_dtype(df[col]), col
    ana = p.add_resource("Ana", standard_rate=90)
    p.assign(b, ana)
    costs = p.costs().to_pandas("week")
    assert costs.index.name == "period" and pd.api.types.is_datetime64_any_dtype(costs.index)
    load = p.loading("day").to_pandas()
    assert pd.api.types.is_datetime64_any_dtype(load.index.get_level_values("period"))
    reg = planix.RiskRegister()
    reg.add("R1", "Slow API", next_review=date(2027, 2, 1))
    assert reg.get("R1")["next_review"] == date(2027, 2, 1)
    rows = reg.to_pandas()
    assert rows.index.name == "id"
    # Names that look like dates stay text.
    q = planix.Project("Dates", datetime(2027, 1, 4, 8))
    t = q.add_task("2027-01-04")
    assert q.task(t)["name"] == "2027-01-04"
