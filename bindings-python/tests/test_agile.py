"""planix.Board and the throughput forecasts, against the hand-worked sprint of
core/tests/agile.rs (same numbers, worked in its doc comment) and exact forecasts."""

import pickle
from datetime import date, datetime

import pytest

import planix


def sprint_board() -> planix.Board:
    """Mon 1 – Fri 5 March 2027: committed A=3, B=5, C=2, E=1 (E finished 26 Feb, before
    the sprint); Tue A done; Wed D=4 added; Thu B done, C removed; Fri D done."""
    b = planix.Board("Portal")
    b.add_column("todo", "To do")
    b.add_column("dev", "In progress", stage="doing")
    b.add_column("done", "Done", stage="done")
    for i, est in [("A", 3), ("B", 5), ("C", 2), ("D", 4), ("E", 1)]:
        b.add_item(i, f"Item {i}", "2027-02-22T09:00", "pm", estimate=est)
    b.move_card("E", "dev", datetime(2027, 2, 24, 9), "dev")
    b.move_card("E", "done", datetime(2027, 2, 26, 12), "dev")
    b.add_sprint("S1", date(2027, 3, 1), date(2027, 3, 5), goal="Login")
    for i in "ABCE":
        b.add_to_sprint("S1", i, datetime(2027, 2, 28, 10), "pm")
    b.start_sprint("S1", datetime(2027, 3, 1, 9))
    b.move_card("A", "dev", datetime(2027, 3, 1, 10))
    b.move_card("B", "dev", datetime(2027, 3, 1, 10))
    b.move_card("A", "done", datetime(2027, 3, 2, 15))
    b.add_to_sprint("S1", "D", datetime(2027, 3, 3, 10), "pm")
    b.move_card("D", "dev", datetime(2027, 3, 3, 11))
    b.move_card("B", "done", datetime(2027, 3, 4, 11))
    b.remove_from_sprint("S1", "C", datetime(2027, 3, 4, 12), "pm")
    b.move_card("D", "done", datetime(2027, 3, 5, 16))
    return b


def test_burndown_matches_the_hand_worked_sprint():
    b = sprint_board()
    t = b.burndown("S1")
    got = [(r["scope"], r["completed"], r["remaining"], r["ideal"]) for r in t.rows]
    assert got == [(10, 0, 10, 8), (10, 3, 7, 6), (14, 3, 11, 4), (12, 8, 4, 2), (12, 12, 0, 0)]
    df = t.to_pandas()
    assert list(df["remaining"]) == [10, 7, 11, 4, 0]
    assert str(df["date"].iloc[2])[:10] == "2027-03-03"
    out = b.burndown_outside("S1").rows
    assert [(o["item"], o["when"]) for o in out] == [("E", "before")]
    svg = t.chart().svg
    assert svg.startswith("<svg") and "Sprint S1" in svg and "outside the sprint" in svg
    assert len(b.burndown("S1", as_of=date(2027, 3, 3))) == 3


def test_velocity_cfd_and_flow():
    b = sprint_board()
    carry = b.close_sprint("S1", datetime(2027, 3, 5, 18))
    assert carry == []
    v = b.velocity().rows
    assert (v[0]["committed"], v[0]["completed"], v[0]["added"], v[0]["removed"]) == (10, 12, 4, 2)
    c = b.cfd(date(2027, 3, 1), date(2027, 3, 5))
    last = c.rows[-1]
    # End of Friday: C back in the backlog was never on the board; A, B, D, E done.
    assert (last["backlog"], last["todo"], last["dev"], last["done"]) == (1, 0, 0, 4)
    assert "Cumulative flow" in c.chart().svg
    pct = b.flow_percentiles()
    # Cycle times A 1.21, B 3.04, D 2.21, E 2.13 days: nearest-rank P50 is the 2nd.
    assert pct["items"] == 4 and pct["cycle"]["p50"] == pytest.approx(51 / 24)
    flow = {r["id"]: r for r in b.flow(datetime(2027, 3, 8, 9)).rows}
    # A started Mon 10:00, done Tue 15:00: 1 day 5 hours.
    assert flow["A"]["cycle_days"] == pytest.approx(29 / 24)


def test_hard_wip_limit_names_the_holders_and_changes_nothing():
    b = planix.Board()
    b.add_column("todo")
    b.add_column("dev", stage="doing", wip={"limit": 1, "hard": True})
    for i in "XY":
        b.add_item(i, i, "2027-03-01T09:00")
    b.move_card("X", "dev", "2027-03-01T10:00")
    before = b.to_json()
    with pytest.raises(planix.AgileError) as e:
        b.move_card("Y", "dev", "2027-03-01T11:00")
    assert (e.value.item, e.value.holders) == ("Y", ["X"])
    assert "WIP limit of 1" in str(e.value)
    assert b.to_json() == before
    # A soft limit lets the move through with a warning.
    b.set_wip_limit("column", "dev", 1)
    w = b.move_card("Y", "dev", "2027-03-01T11:00")
    assert [(x["scope"], x["name"], x["limit"], x["count"]) for x in w] == [("column", "dev", 1, 2)]
    findings = b.health(datetime(2027, 3, 2, 9))
    assert [f["rule"] for f in findings] == ["wip_over_limit"]


def test_bad_input_is_typed():
    b = planix.Board()
    with pytest.raises(planix.AgileError, match='unknown column "nope"'):
        b.add_item("A", "A", "2027-03-01")
        b.move_card("A", "nope", "2027-03-01T10:00")
    with pytest.raises(planix.ArgumentError):
        b.add_item("B", "B", "2027-03-01", estimate=-1)
    with pytest.raises(planix.ArgumentError, match="unknown field"):
        b.add_item("C", "C", "2027-03-01", colour="red")
    with pytest.raises(planix.AgileError, match="earlier"):
        b.add_item("D", "D", "2027-02-01")
    with pytest.raises(planix.IoError):
        planix.Board.from_json('{"format": "planix-board", "version": 99}')
    with pytest.raises(planix.AgileError):
        planix.forecast_when([0, 0], 5, "2027-03-01")


def test_round_trip_pickle_and_edits():
    b = sprint_board()
    b.edit_item("A", "2027-03-06T09:00", "pm", title="Sign-in", priority="high", estimate=None)
    n = b.comment("A", "@ana please review", "2027-03-06T09:05", "pm")
    assert n == 1
    it = b.item("A")
    assert it["title"] == "Sign-in" and "estimate" not in it
    assert it["comments"][0]["mentions"] == ["ana"]
    assert [a["field"] for a in it["history"] if a.get("field")][-3:] == ["title", "priority", "estimate"]
    again = planix.Board.from_json(b.to_json())
    assert again.to_json() == b.to_json()
    assert pickle.loads(pickle.dumps(b)).to_json() == b.to_json()
    assert "5 items" in repr(b) and len(b) == 5


def test_forecasts_are_exact_for_constant_throughput():
    # 9 items at 2 a day from Friday 5 March: Fri, Mon, Tue, Wed, Thu → 11 March.
    f = planix.forecast_when([2, 2, 2, 2, 2], 9, date(2027, 3, 5))
    assert f["periods"] == (5, 5, 5) and f["p85"] == date(2027, 3, 11)
    m = planix.forecast_how_many([2] * 5, "2027-03-01", "2027-03-09")
    assert (m["periods"], m["p50"], m["mean"]) == (7, 14, 14)
    teams = [{"team": "a", "samples": [8]}, {"team": "b", "samples": [4]}]
    s = planix.forecast_when(teams, 30, "2027-03-01", cadence={"type": "sprint", "days": 14})
    assert (s["periods"][1], s["p85"]) == (3, date(2027, 4, 11))
    c = planix.forecast_cut_line(
        [2] * 5,
        [{"name": "F1", "low": 4, "high": 4}, {"name": "F2", "low": 6, "high": 6}],
        "2027-03-01",
        deadline="2027-03-05",
        split={"low": 1.5, "high": 1.5},
    )
    assert [x["p85"] for x in c["features"]] == [date(2027, 3, 3), date(2027, 3, 10)]
    assert c["above_line"] == 1
    # Same seed, same answer; another seed differs on a noisy history.
    noisy = [0, 1, 3, 0, 2, 5, 1]
    a = planix.forecast_when(noisy, 40, "2027-03-01", seed=7)
    assert a == planix.forecast_when(noisy, 40, "2027-03-01", seed=7)
    # The values core/tests/agile.rs pins (seeded_forecasts_are_pinned_across_languages).
    assert (a["p50"], a["p85"], a["p95"], a["periods"]) == (
        date(2027, 4, 1), date(2027, 4, 8), date(2027, 4, 13), (24, 29, 32))
    c = planix.forecast_cut_line(
        noisy, [{"name": "A", "low": 3, "high": 9}, {"name": "B", "low": 5, "high": 20}],
        "2027-03-01", deadline="2027-04-01", split={"low": 1, "high": 2}, seed=3)
    assert [(f["p85"], f["by_deadline"]) for f in c["features"]] == [
        (date(2027, 3, 12), 0.9998), (date(2027, 4, 1), 0.8568)]
    assert a["histogram"] != planix.forecast_when(noisy, 40, "2027-03-01", seed=8)["histogram"]


def test_capacity_and_calendar_from_a_project():
    p = planix.Project("Portal", datetime(2027, 3, 1, 8))
    dev = p.add_resource("Dev")
    b = planix.Board()
    b.add_sprint("S1", "2027-03-01", "2027-03-12")
    # Ten working days of 8 hours at 80% focus.
    assert b.capacity("S1", p, [dev], focus=0.8) == pytest.approx(64)
    f = planix.forecast_when([1], 3, "2027-03-05", calendar=p)
    # One a day from Friday 5 March: Fri, Mon, Tue.
    assert f["p50"] == date(2027, 3, 9)


def test_a_backlog_bound_to_the_plan_moves_the_milestone():
    # Design Mon 1 – Tue 2 March (2 days), then the backlog: 9 items at 2 a day take 5
    # working days in every trial (Wed 3 – Tue 9), so UAT is Tuesday 9 March 17:00.
    p = planix.Project("Portal", datetime(2027, 3, 1, 8))
    a = p.add_task("Design", duration="2d")
    b = p.add_task("Build (backlog)", duration="1d")
    m = p.add_task("UAT", duration=0)
    p.link(a, b)
    p.link(b, m)
    f = planix.forecast_when([2, 2, 2], 9, "2027-03-03", calendar=p)
    d = planix.plan_duration(f, p, b)
    assert d["task"] == b and len(d["quantiles"]) == 101 and set(d["quantiles"]) == {2400}
    r = p.simulate(iterations=500, seed=1, durations=[d])
    assert str(r.percentile(80)) == "2027-03-09 17:00:00"
    assert str(p.simulate(iterations=500, seed=1).percentile(80)) == "2027-03-03 17:00:00"
    with pytest.raises(planix.SimulationError, match="decrease"):
        p.simulate(iterations=10, durations=[{"task": b, "quantiles": [960, 480]}])
    with pytest.raises(planix.AgileError, match="unknown task"):
        planix.plan_duration(f, p, 99)


def test_board_rules_join_the_project_health():
    p = planix.Project("Portal", datetime(2027, 3, 1, 8))
    p.add_task("Build", duration="2d")
    p.set_status_date(datetime(2027, 3, 2, 17))
    b = planix.Board()
    b.add_column("dev", stage="doing", wip={"limit": 1})
    for i in "AB":
        b.add_item(i, i, "2027-03-01T09:00")
    for i in "AB":
        b.move_card(i, "dev", "2027-03-01T10:00")
    h = p.health(board=b)
    assert {a["area"]: a["rag"] for a in h["areas"]}["agile"] == "amber"
    assert [f["rule"] for f in h["findings"] if f["area"] == "agile"] == ["wip_over_limit"]
    assert "agile" not in {a["area"] for a in p.health()["areas"]}
    off = p.health(board=b, disabled=["wip_over_limit"])
    assert {a["area"]: a["rag"] for a in off["areas"]}["agile"] == "green"
