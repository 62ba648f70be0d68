"""The RAID log through the Python binding (the same hand-worked cases as
core/tests/raid.rs): issue history, service targets across a weekend, impact on the
plan, risk -> issue, assumptions, decisions, health, reports, CSV and bad input."""

from datetime import date, datetime

import pytest

import planix

D = 480


def plan():
    """A (2 d) -> C (2 d) -> UAT done; B (1 d) -> C with a day of float. Mon 3 May 2027."""
    p = planix.Project("Portal", datetime(2027, 5, 3, 8))
    a = p.add_task("A", duration=2 * D)
    b = p.add_task("B", duration=1 * D)
    c = p.add_task("C", duration=2 * D)
    m = p.add_task("UAT done", duration=0)
    p.link(a, c)
    p.link(b, c)
    p.link(c, m)
    return p, (a, b, c, m)


def engagement():
    e = planix.Engagement("Northwind")
    e.add_stakeholder("S1", "Dana Kim", "CIO")
    e.add_stakeholder("S2", "Lee Park", "QA lead")
    return e


def test_service_targets_across_the_weekend_and_history():
    p, _ = plan()
    e = engagement()
    # Critical (4 h / 2 d) raised Fri 7 May 15:00; responded Mon 10:00 = 240 min.
    e.add_issue("I-1", "Orders lost", "S1", datetime(2027, 5, 7, 15), "critical")
    e.set_issue_status("I-1", "in_progress", datetime(2027, 5, 10, 10), "S2")
    e.set_issue_status("I-1", "waiting_on_client", datetime(2027, 5, 10, 13), "S2")
    e.set_issue_status("I-1", "in_progress", "2027-05-12T13:00", "S2")
    e.resolve_issue("I-1", datetime(2027, 5, 13, 12), "S2", "fixed", "no test")
    e.add_issue("I-2", "Slow search", "S2", datetime(2027, 5, 7, 16), "high")
    rows = {r["id"]: r for r in e.issue_ages(p, datetime(2027, 5, 10, 17)).rows}
    assert rows["I-1"]["age"] == 1800 and rows["I-1"]["waiting"] == 960
    assert rows["I-1"]["resolved_after"] == 840 and not rows["I-1"]["resolution_breached"]
    assert rows["I-2"]["age"] == 540 and rows["I-2"]["response_breached"]
    assert [h["status"] for h in e.issue("I-1")["history"]] == [
        "open", "in_progress", "waiting_on_client", "in_progress", "resolved"
    ]
    before = e.to_json()
    with pytest.raises(planix.ClientError, match="before its last change"):
        e.set_issue_status("I-2", "in_progress", datetime(2027, 5, 1, 9))
    e.set_issue_status("I-1", "closed", datetime(2027, 5, 14, 9), "S1")
    with pytest.raises(planix.ClientError, match="is closed"):
        e.resolve_issue("I-1", datetime(2027, 5, 14, 10), "S2", "again")
    with pytest.raises(planix.ArgumentError):
        e.set_issue_status("I-2", "shelved", datetime(2027, 5, 14, 9))
    assert e.to_json() != before  # only the close landed
    assert len(e.issue("I-2")["history"]) == 1


def test_impact_risk_conversion_and_monte_carlo():
    p, (a, b, c, _) = plan()
    e = engagement()
    e.add_issue("I-1", "API late", "S1", datetime(2027, 5, 3, 9), "high",
                tasks=[a], impact={"delay": D})
    e.add_issue("I-2", "Copy late", "S1", datetime(2027, 5, 3, 9), "low",
                tasks=[b], impact={"delay": D})
    assert e.analyse_issue("I-1", p)["finish_shift"] == D
    assert e.analyse_issue("I-2", p)["finish_shift"] == 0
    r = p.simulate(iterations=100, seed=1, risks=e.issue_events(p))
    assert str(r.percentile(50)) == "2027-05-07 17:00:00"
    f = planix.RiskRegister().forecast(p, iterations=100, seed=1, risks=e.issue_events(p))
    assert str(f.percentile(50)) == "2027-05-07 17:00:00"
    reg = planix.RiskRegister()
    reg.add("R5", "Test data late", tasks=[a])
    e.issue_from_risk(reg, "R5", "I-3", "Test data missing", "S2", date(2027, 5, 5), "high")
    assert e.issue("I-3")["risks"] == ["R5"] and e.issue("I-3")["tasks"] == [a]
    assert reg.get("R5")["status"] == "occurred"
    e.issue_to_change("I-1", "CR-1", "S1", date(2027, 5, 3), p)
    assert e.change("CR-1")["changes"][0] == {"type": "set_duration", "task": a, "duration": 3 * D}


def test_assumptions_decisions_health_reports_and_tables():
    p, (a, *_) = plan()
    p.save_baseline(0)
    p.set_status_date(datetime(2027, 5, 20, 17))
    e = engagement()
    e.add_assumption("A-1", "Test data by 10 May", validate_by=date(2027, 5, 10))
    e.add_assumption("A-2", "SSO available", kind="constraint")
    e.validate_assumption("A-2", False, date(2027, 5, 2), "no SSO")
    e.assumption_to_issue("A-2", "I-9", "No SSO", "S1", date(2027, 5, 3), "medium", owner="S2")
    e.add_issue("I-1", "Orders lost", "S1", datetime(2027, 5, 11, 9), "critical",
                decision_needed=True)
    e.add_log_entry("L1", date(2027, 5, 6), "decision", "Vendor SSO next release",
                    stakeholders=["S1"], options=["build", "buy"], issues=["I-9"])
    assert e.decisions().rows[0]["options"] == ["build", "buy"]
    assert e.decisions_needed() == [("I-1", "Orders lost")]
    rules = {f["rule"] for f in p.health(engagement=e)["findings"]}
    assert {"issue_overdue", "issue_unowned", "assumption_overdue"} <= rules
    md = p.status_report(engagement=e)
    assert "## Open issues" in md and "- Decide on issue I-1 (Orders lost)" in md
    reg = planix.RiskRegister()
    reg.add("R1", "Vendor slips")
    raid = e.raid_summary(reg)
    assert [r["type"] for r in raid.rows] == ["risk", "assumption", "constraint", "issue", "issue", "decision"]
    assert list(raid.to_pandas()["type"])[0] == "risk"
    assert len(e.to_pandas("issues")) == 2


def test_csv_round_trip_and_bad_rows():
    p, (a, b, c, _) = plan()
    e = engagement()
    e.add_issue("I-1", 'Login, "SSO" fails', "S1", datetime(2027, 5, 7, 15), "critical",
                description="two\nlines", tasks=[a, b], owner="S2",
                impact={"delay": 90, "extra_cost": 1234.5,
                        "fix_task": {"name": "Hotfix", "duration": D, "after": [a], "before": [c]}})
    e.set_issue_status("I-1", "in_progress", datetime(2027, 5, 10, 10), "S2", "on it; really")
    text = e.issues_to_csv()
    fresh = engagement()
    assert fresh.issues_from_csv(text) == 1
    assert fresh.issues == e.issues
    assert planix.Engagement.from_json(e.to_json()) == e
    bad = "id,title,raised_by,raised,severity,tasks\nI-1,x,S1,2027-05-03T09:00:00,low,one\n"
    with pytest.raises(planix.ClientError, match='row 1, column "tasks"'):
        fresh.issues_from_csv(bad)
    assert fresh.issues == e.issues
    with pytest.raises(planix.ClientError, match="not on the scale"):
        e.add_issue("I-2", "x", "S1", datetime(2027, 5, 3, 9), "catastrophic")
