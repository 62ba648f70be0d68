"""planix.Scheduler: a project kept scheduled edit by edit (core's incremental CPM).

Hand-worked network (standard calendar, 08:00-12:00 and 13:00-17:00, Mon-Fri, from
Mon 2027-01-04 08:00): A (8 h) -> B (16 h), C (8 h) alone. A at 3 days ends Wed 17:00,
B then runs Thu-Fri and the project finishes Fri 2027-01-08 17:00; C keeps its dates
but its float grows with the finish.
"""

import pickle
from datetime import datetime

import pytest

import planix


def plan():
    p = planix.Project("Demo", datetime(2027, 1, 4, 8))
    a = p.add_task("A", duration="1d")
    b = p.add_task("B", duration="2d")
    c = p.add_task("C", duration="1d")
    p.link(a, b)
    return p, a, b, c


def test_an_edit_returns_the_moved_tasks_and_the_schedule_equals_a_full_cpm():
    p, a, b, c = plan()
    s = planix.Scheduler(p)
    assert s.finish == datetime(2027, 1, 6, 17)
    r = s.set_duration(a, "3d")
    assert r == {"changed": [a, b, c], "finish": datetime(2027, 1, 8, 17), "rebuilt": False}
    assert s.task(b)["early_start"] == datetime(2027, 1, 7, 8)
    assert s.task(c)["total_float"] == 4 * 480
    assert s.schedule().to_json() == s.project().schedule().to_json()
    # The original project is a separate copy.
    assert p.schedule().finish == datetime(2027, 1, 6, 17)
    # A task with float: only it and its free float move.
    r = s.set_duration(c, "2d")
    assert r["changed"] == [c] and r["finish"] == datetime(2027, 1, 8, 17)
    r = s.link(c, b)
    assert r["rebuilt"] and s.task(b)["early_start"] == datetime(2027, 1, 7, 8)
    r = s.set_constraint(c, "snet", datetime(2027, 1, 5, 8))
    assert s.task(b)["early_start"] == datetime(2027, 1, 7, 8)
    assert s.schedule().to_json() == s.project().schedule().to_json()


def test_a_refused_edit_changes_nothing():
    p, a, b, c = plan()
    s = planix.Scheduler(p)
    before = s.schedule().to_json()
    with pytest.raises(planix.ModelError):
        s.set_duration(a, -60)
    with pytest.raises(planix.PlanixError):
        s.link(b, a)  # a cycle
    with pytest.raises(planix.ModelError):
        s.set_duration(99, "1d")
    assert s.schedule().to_json() == before
    assert s.project().to_json() == p.to_json()


def test_pickles_and_prints():
    p, a, _, _ = plan()
    s = planix.Scheduler(p)
    s.set_duration(a, "2d")
    t = pickle.loads(pickle.dumps(s))
    assert t.schedule().to_json() == s.schedule().to_json()
    assert repr(s) == '<planix.Scheduler "Demo": 3 tasks, finish 2027-01-07 17:00:00>'
