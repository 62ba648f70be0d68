"""The Python door of the bad-input suite (cases from gen.py in $PLANIX_BAD_INPUT)."""
import json
import os
from datetime import date

import pytest

import planix

DIR = os.environ.get("PLANIX_BAD_INPUT", "target/bad-input")
CASES = json.load(open(os.path.join(DIR, "manifest.json")))
CLASSES = {
    "model": planix.ModelError, "io": planix.IoError, "cycle": planix.CycleError,
    "simulation": planix.SimulationError, "control": planix.ControlError, "risk": planix.RiskError,
    "client": planix.ClientError, "agile": planix.AgileError, "value": planix.ArgumentError,
}


def run(c):
    text = open(os.path.join(DIR, c["file"]), encoding="utf-8").read()
    if c["op"] == "portfolio":
        planix.Portfolio.from_json(text).rollup()
        return
    if c["op"] == "board":
        b = planix.Board.from_json(text)
        b.text()
        b.velocity()
        b.health("2027-12-31T00:00")
        b.cfd("2027-03-01", "2027-03-31").chart()
        return
    if c["op"] == "issue_csv":
        e = planix.Engagement("x")
        e.add_stakeholder("S1", "Dana", "CIO")
        before = e.to_json()
        try:
            e.issues_from_csv(text)
        finally:
            assert e.to_json() == before, "a failed CSV import changed the engagement"
        return
    if c["op"] == "engagement":
        planix.Project.from_json(text)
        planix.Engagement.from_json(open(os.path.join(DIR, c["engagement"]), encoding="utf-8").read())
        return
    p = planix.Project.from_mspdi(text) if c["file"].endswith(".xml") else planix.Project.from_json(text)
    op = c["op"]
    if op == "schedule":
        p.schedule()
    elif op == "simulate":
        p.simulate(iterations=c.get("iterations", 200))
    elif op == "level":
        p.level()
    elif op == "dcma":
        p.dcma(c["baseline"])
    elif op == "risks":
        reg_text = open(os.path.join(DIR, c["register"])).read()
        reg = planix.RiskRegister.from_csv(reg_text, date(2027, 3, 1))
        reg.forecast(p, iterations=200, confidence=c.get("confidence", 80))


@pytest.mark.parametrize("c", CASES, ids=[c["name"] for c in CASES])
def test_bad_input(c):
    if c["kind"] == "ok":
        run(c)
        return
    with pytest.raises(CLASSES[c["kind"]]) as e:
        run(c)
    assert isinstance(e.value, planix.PlanixError)
    assert c["fragment"] in str(e.value)


def test_failed_edits_leave_the_project_unchanged():
    from datetime import datetime
    p = planix.Project("x", datetime(2027, 3, 1, 8))
    a = p.add_task("A", duration=480)
    b = p.add_task("B", duration=480)
    p.link(a, b)
    before = p.to_json()
    bad = [
        lambda: p.link(b, a),                       # cycle
        lambda: p.set_duration(a, -5),              # negative
        lambda: p.set_duration(a, 2**64),           # overflow
        lambda: p.set_constraint(a, "snet"),        # needs a date
        lambda: p.add_dependency(a, b, kind="xx"),  # unknown kind
        lambda: p.simulate(iterations=-1),
        lambda: p.simulate(seed=-1),
        lambda: p.remove_task(99),
    ]
    for call in bad:
        with pytest.raises(planix.PlanixError):
            call()
        assert p.to_json() == before
    # Argument errors are also ValueErrors, so `except ValueError` keeps working.
    with pytest.raises(ValueError):
        p.set_duration(a, 2**64)
    with pytest.raises(planix.ArgumentError, match="needs a date"):
        p.set_constraint(a, "snet")
