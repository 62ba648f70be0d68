"""Columnar results (issue #23): `columns()` hands NumPy arrays over without an object
per row, `to_pandas()` is built from them, and `tasks()` still gives the documented dicts
(the same values as the JSON rows)."""

import json
from datetime import datetime

import numpy as np
import pandas as pd

import planix


def plan():
    # Mon 2027-01-04 08:00, standard calendar. Phase (summary) > Design 2 d > Build 3 d;
    # QA 1 d starts with Build (SS); Launch must start on or after Tue 12 Jan.
    p = planix.Project("Columns", datetime(2027, 1, 4, 8))
    phase = p.add_task("Phase")
    design = p.add_task("Design", duration=960, parent=phase)
    build = p.add_task("Build", duration=1440, parent=phase)
    qa = p.add_task("QA", duration=480)
    launch = p.add_task("Launch", duration=0)
    p.link(design, build)
    p.add_dependency(build, qa, kind="ss")
    p.link(qa, launch)
    p.set_constraint(launch, "snet", datetime(2027, 1, 12, 8))
    return p, phase, design, build, qa, launch


def as_json_rows(s):
    return json.loads(s.to_json())["tasks"]


def test_tasks_dicts_equal_the_json_rows():
    p, *_ = plan()
    s = p.schedule()
    rows = as_json_rows(s)
    got = s.tasks()
    assert len(got) == len(rows)
    for d, r in zip(got, rows):
        assert list(d) == list(r)  # the documented key order
        for k, v in r.items():
            if k in {"start", "finish", "early_start", "early_finish", "late_start", "late_finish"}:
                assert d[k] == datetime.fromisoformat(v), k
            else:
                assert d[k] == v, k
    # Driver dicts are separate objects: editing one leaves the others alone.
    got[1]["driver"]["x"] = 1
    assert "x" not in s.tasks()[2]["driver"]


def test_schedule_columns_are_numpy_arrays_with_the_json_values():
    p, phase, design, build, qa, launch = plan()
    s = p.schedule()
    c = s.columns()
    assert list(c)[:3] == ["id", "name", "kind"]
    assert c["id"].dtype == np.int64 and list(c["id"]) == [phase, design, build, qa, launch]
    assert c["start"].dtype == np.dtype("datetime64[s]")
    # Build starts Wed 6 Jan 08:00, after Design's two days.
    assert c["start"][2] == np.datetime64("2027-01-06T08:00:00")
    assert list(c["duration"]) == [2400, 960, 1440, 480, 0]
    assert c["critical"].dtype == np.bool_
    assert list(c["driver.type"]) == [t["driver"]["type"] for t in as_json_rows(s)]
    task = c["driver.task"]  # a masked array: Build's predecessor is Design
    assert task[2] == design and task.mask[0]
    assert [str(x) for x in c["name"]] == ["Phase", "Design", "Build", "QA", "Launch"]


def test_to_pandas_types_and_index():
    p, phase, design, build, qa, launch = plan()
    df = p.schedule().to_pandas()
    assert df.index.name == "id" and list(df.index) == [phase, design, build, qa, launch]
    assert pd.api.types.is_datetime64_any_dtype(df["finish"])
    assert df.loc[launch, "start"] == pd.Timestamp("2027-01-12 08:00")
    assert str(df["driver.task"].dtype) == "Int64"
    assert df.loc[build, "driver.task"] == design and pd.isna(df.loc[phase, "driver.task"])
    assert df.loc[launch, "driver.type"] == "constraint"


def test_a_large_schedule_has_categories_for_repeated_text():
    p = planix.Project("Many", datetime(2027, 1, 4, 8))
    prev = None
    for k in range(200):
        t = p.add_task(f"T{k}", duration=60)
        if prev is not None:
            p.link(prev, t)
        prev = t
    df = p.schedule().to_pandas()
    assert isinstance(df["kind"].dtype, pd.CategoricalDtype)
    assert list(df["kind"].cat.categories) == ["task"]
    assert df["driver.type"].value_counts().to_dict() == {"predecessor": 199, "project_start": 1}
    assert df["driver.task"].sum() == sum(range(1, 200))


def test_other_results_have_columns_and_frames():
    p, phase, design, build, qa, launch = plan()
    ana = p.add_resource("Ana", max_units=1.0, standard_rate=100.0)
    p.assign(build, ana)
    p.assign(qa, ana)
    lv = p.level()
    # QA starts with Build (SS) and both need Ana full time: QA waits, and its record
    # names Build as the one task that held her.
    assert [(d["task"], d["blocked_by"], d["holders"]) for d in lv.delays] == [(qa, [build], 1)]
    frame = lv.to_pandas()
    assert frame.index.name == "task" and list(frame.index) == [d["task"] for d in lv.delays]
    assert list(lv.columns()["holders"]) == [d["holders"] for d in lv.delays]
    sim = p.simulate(iterations=200, seed=3)
    cols = sim.columns()
    assert list(cols["task"]) == [t["task"] for t in sim.to_dict()["tasks"]]
    costs = p.costs()
    # Ana at 100/h: Build 24 h = 2,400, QA 8 h = 800; the phase rolls Build up.
    assert list(costs.columns()["total"]) == [2400.0, 0.0, 2400.0, 800.0, 0.0]
    assert list(costs.columns()["total"]) == [t["total"] for t in costs.tasks]
    load = p.loading("day")
    assert load.columns()["period"].dtype == np.dtype("datetime64[D]")
    assert len(load.columns()["name"]) == len(load.rows)
