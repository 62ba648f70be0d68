"""The client side through the Python binding: stakeholders, communication, traceability,
change requests with impact analysis, CSAT/NPS, lifecycle gates and documents (the same
hand-worked cases as core/tests/client.rs)."""

from datetime import date, datetime

import pytest

import planix

D = 480


def plan():
    """A (5 d) → B (5 d) → Go-live; C (2 d) with 8 days of float; D (1 d) untraced."""
    p = planix.Project("Portal", datetime(2027, 1, 4, 8))
    a = p.add_task("A", duration=5 * D)
    b = p.add_task("B", duration=5 * D)
    c = p.add_task("C", duration=2 * D)
    d = p.add_task("D", duration=1 * D)
    m = p.add_task("Go-live", duration=0)
    p.link(a, b)
    p.link(b, m)
    return p, (a, b, c, d, m)


def engagement(t):
    e = planix.Engagement("Northwind", industry="Logistics", contract_value=250_000)
    e.add_stakeholder("S1", "Dana Kim", "CIO", power="high", interest="high")
    e.add_stakeholder("S2", "Lee Park", "Finance", power="high")
    e.add_stakeholder("S3", "Ana Ruiz", "Warehouse", interest="high")
    e.add_deliverable("D1", "Order portal", acceptance=["Orders placed end to end"], tasks=[t[0], t[1]])
    e.add_deliverable("D2", "Reports", tasks=[t[2]])
    e.add_requirement("REQ-1", "Place orders online", "must", source="S1", deliverables=["D1"])
    e.add_requirement("REQ-2", "Weekly stock report", "should", deliverables=["D2"])
    e.add_requirement("REQ-3", "Mobile app", "must")
    return e


def test_grid_and_traceability():
    p, t = plan()
    e = engagement(t)
    assert [e.strategy(s) for s in ["S1", "S2", "S3"]] == ["manage_closely", "keep_satisfied", "keep_informed"]
    tr = e.traceability(p)
    assert tr["without_deliverable"] == ["REQ-3"] and tr["without_task"] == ["REQ-3"]
    assert tr["unrequired_tasks"] == [t[3]]
    with pytest.raises(planix.ClientError):
        e.add_requirement("REQ-9", "x", source="S9")
    with pytest.raises(ValueError):
        e.add_requirement("REQ-9", "x", "essential")


def test_change_impact_critical_versus_float():
    p, t = plan()
    e = engagement(t)
    e.submit_change("CR-1", "Longer A", "S1", date(2027, 1, 6), [{"type": "set_duration", "task": t[0], "duration": 8 * D}])
    e.submit_change("CR-2", "Longer C", "S1", date(2027, 1, 6), [{"type": "set_duration", "task": t[2], "duration": 5 * D}])
    a1 = e.analyse_change("CR-1", p)
    a2 = e.analyse_change("CR-2", p)
    # A is critical: +3 working days (Fri 15 → Wed 20 Jan); C has 8 days of float: none.
    assert (a1["finish_before"], a1["finish_after"], a1["finish_shift"]) == (datetime(2027, 1, 15, 17), datetime(2027, 1, 20, 17), 3 * D)
    assert a2["finish_shift"] == 0
    assert [m["name"] for m in a1["milestones"]] == ["Go-live"]
    e.decide_change("CR-2", "S2", date(2027, 1, 8), approved=False, note="not now")
    with pytest.raises(planix.ClientError):
        e.decide_change("CR-2", "S1", date(2027, 1, 9), approved=True)
    e.decide_change("CR-1", "S1", date(2027, 1, 8), approved=True)
    stale = p.to_json()
    p.set_cost(t[3], fixed_cost=10)  # the project changes after the analysis
    with pytest.raises(planix.ClientError):
        e.implement_change("CR-1", p, date(2027, 1, 9))
    p = planix.Project.from_json(stale)
    assert e.implement_change("CR-1", p, date(2027, 1, 9)) == []
    assert str(p.schedule().finish) == "2027-01-20 17:00:00"
    assert e.change("CR-1")["status"] == "implemented"
    assert e.change_history[0]["finish_shift"] == 3 * D
    with pytest.raises(ValueError):
        e.submit_change("CR-3", "bad", "S1", date(2027, 1, 6), [{"type": "teleport", "task": 1}])


def test_csat_nps_hand_worked():
    _, t = plan()
    e = engagement(t)
    # NPS 10, 9, 9, 8, 7, 6, 3, 10: 4 promoters, 2 detractors of 8 → +25.
    for x in [10, 9, 9, 8, 7, 6, 3, 10]:
        e.add_survey_response(date(2027, 3, 10), "nps", x)
    # CSAT 5, 4, 3, 2, 5: 3 of 5 are 4 or 5 → 60%.
    for x in [5, 4, 3, 2, 5]:
        e.add_survey_response(date(2027, 3, 12), "csat", x, stakeholder="S1")
    assert (e.nps, e.csat) == (25.0, 60.0)
    with pytest.raises(planix.ClientError):
        e.add_survey_response(date(2027, 3, 12), "csat", 6)
    trend = e.satisfaction_trend(date(2027, 3, 1), date(2027, 3, 31))
    assert trend[0]["nps"] == 25.0 and trend[0]["csat_responses"] == 5


def test_gates_list_every_unmet_criterion_and_documents():
    p, t = plan()
    e = planix.Engagement("Northwind")
    with pytest.raises(planix.LifecycleError) as err:
        e.advance_phase(p, date(2027, 1, 4))
    assert [u.split(":")[0] for u in err.value.unmet] == ["objectives", "scope", "deliverables", "sponsor"]
    assert e.phase == "initiation"
    e = engagement(t)
    e.add_objective("O1", "Halve order handling time", [("Handling time", "< 2 min")])
    e.add_scope("Order portal")
    e.add_scope("Mobile apps", in_scope=False)
    e.set_acceptance("D2", ["Matches the stock ledger"])
    assert e.advance_phase(p, date(2027, 1, 4)) == "planning"
    assert [g["id"] for g in e.gate(p, date(2027, 1, 4)) if not g["met"]] == ["requirements_approved", "must_traced", "communication_plan"]
    e.add_criterion("budget_signed", "planning", "Budget signed by finance")
    e.set_criterion("budget_signed")
    md = e.charter(p)
    assert "| Dana Kim | CIO |  | manage closely |" in md
    assert e.phase_history[0] == {"phase": "planning", "entered": date(2027, 1, 4)}
    back = planix.Engagement.from_json(e.to_json())
    assert back == e


def test_tables_and_pandas():
    pd = pytest.importorskip("pandas")
    p, t = plan()
    e = engagement(t)
    df = e.to_pandas("traceability", p)
    assert list(df["requirement"]) == ["REQ-1", "REQ-2", "REQ-3"]
    assert list(df["traced"]) == [True, True, False]
    st = e.to_pandas("stakeholders")
    assert list(st["strategy"]) == ["manage_closely", "keep_satisfied", "keep_informed"]
    assert isinstance(df, pd.DataFrame)
    with pytest.raises(planix.ClientError):
        e.table("traceability")
