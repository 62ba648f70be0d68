"""Boundary tests of the Python binding: conversions, exceptions, repr, round trips."""

import json
import pickle
from datetime import date, datetime
from pathlib import Path

import pytest

import planix

ROOT = Path(__file__).resolve().parents[2]


def small():
    p = planix.Project("Demo", datetime(2027, 1, 4, 8))
    a = p.add_task("Design", duration=960)
    b = p.add_task("Build", duration=480)
    m = p.add_task("Sign-off")
    p.link(a, b)
    p.add_dependency(b, m, kind="fs", lag=0)
    return p, a, b, m


def test_schedule_dates_and_critical_path():
    p, a, b, m = small()
    s = p.schedule()
    # Hand-worked: Design Mon-Tue, Build Wed, sign-off Wed 17:00.
    assert s.finish == datetime(2027, 1, 6, 17)
    assert s.task(b)["start"] == datetime(2027, 1, 6, 8)
    assert s.critical_path() == [a, b, m]
    assert s.driver(b) == {"type": "predecessor", "task": a, "kind": "fs"}
    assert repr(s) == "Schedule(tasks=3, start='2027-01-04 08:00:00', finish='2027-01-06 17:00:00', critical=3)"
    assert repr(p) == "Project(name='Demo', tasks=3)"


def test_lags_constraints_and_bad_choices():
    p, a, b, m = small()
    c = p.add_task("Docs", duration=480, constraint="snet", constraint_date=datetime(2027, 1, 11, 8))
    p.add_dependency(a, c, kind="ss", lag=50, lag_kind="percent")
    s = p.schedule()
    assert s.task(c)["start"] == datetime(2027, 1, 11, 8)
    assert s.driver(c)["type"] == "constraint"
    with pytest.raises(ValueError, match="allowed: fs, ss, ff, sf"):
        p.add_dependency(a, m, kind="xx")
    with pytest.raises(ValueError, match="needs a date"):
        p.set_constraint(a, "mso")


def test_exception_hierarchy_and_payload():
    p, a, b, m = small()
    before = p.to_json()
    with pytest.raises(planix.ModelError, match="would close the cycle"):
        p.link(m, a)
    with pytest.raises(planix.ModelError, match="negative duration"):
        p.add_task("bad", duration=-1)
    with pytest.raises(planix.ModelError, match="unknown task #99"):
        p.link(a, 99)
    assert p.to_json() == before
    # A cycle forced in through JSON is caught by the scheduler with the task ids.
    doc = json.loads(before)
    doc["dependencies"].append({"predecessor": m, "successor": a})
    q = planix.Project.from_json(json.dumps(doc))
    with pytest.raises(planix.CycleError) as e:
        q.schedule()
    assert isinstance(e.value, planix.ScheduleError)
    assert isinstance(e.value, planix.PlanixError)
    assert sorted(e.value.tasks) == [a, b, m]
    assert e.value.args[1] == e.value.tasks
    with pytest.raises(planix.IoError, match="line 1"):
        planix.Project.from_json('{"format": "planix",')


def test_round_trips():
    p, *_ = small()
    assert planix.Project.from_json(p.to_json()).to_json() == p.to_json()
    assert planix.Project.from_dict(p.to_dict()) == p
    assert pickle.loads(pickle.dumps(p)) == p
    s = p.schedule()
    assert json.loads(s.to_json()) == json.loads(json.dumps(s.to_dict(), default=lambda d: d.isoformat()))


def test_case_study_matches_rust():
    text = (ROOT / "examples" / "data" / "case_study.json").read_text()
    s = planix.Project.from_json(text).schedule()
    assert s.finish == datetime(2027, 7, 27, 17)
    assert len(s) == 43


def test_to_pandas():
    pd = pytest.importorskip("pandas")
    p, a, *_ = small()
    df = p.schedule().to_pandas()
    assert df.loc[a, "name"] == "Design"
    assert df["start"].dtype.kind == "M"
    assert list(df.index) == [1, 2, 3]
    assert pd.api.types.is_bool_dtype(df["critical"])
