"""MSPDI, CSV, Mermaid, PlantUML and iCalendar from Python; the iCalendar text is parsed
back with the `icalendar` library (RFC 5545)."""
from datetime import datetime
from pathlib import Path

import pytest

import planix

CASE = Path(__file__).resolve().parents[2] / "examples/data/case_study.json"


def case():
    return planix.Project.from_json(CASE.read_text())


def test_mspdi_round_trip_text_and_bytes():
    p = case()
    xml = p.to_mspdi()
    q = planix.Project.from_mspdi(xml)
    assert q.schedule().to_json() == p.schedule().to_json()
    r = planix.Project.from_mspdi(xml.encode("utf-16"))  # with its byte-order mark
    assert r.to_json() == q.to_json()
    with pytest.raises(planix.IoError, match="Primavera"):
        planix.Project.from_mspdi("<APIBusinessObjects/>")


def test_csv_round_trip():
    p = case()
    t = p.to_csv()
    assert set(t) == {"tasks", "resources", "assignments"}
    q = planix.Project.from_csv(p.name, datetime(2027, 3, 1, 8), t["tasks"], t["resources"], t["assignments"])
    assert len(q) == len(p)
    assert [x["name"] for x in q.tasks()] == [x["name"] for x in p.tasks()]
    with pytest.raises(planix.IoError, match="unknown column"):
        planix.Project.from_csv("x", "2027-03-01", "name,colour\nA,red\n")


def test_ical_parses_back():
    icalendar = pytest.importorskip("icalendar")
    p = case()
    s = p.schedule()
    cal = icalendar.Calendar.from_ical(p.export("ical"))
    events = [e for e in cal.walk("VEVENT")]
    milestones = [t for t in s.tasks() if t["kind"] == "milestone"]
    deadlines = [t for t in p.tasks() if t.get("deadline")]
    assert len(events) == len(milestones) + len(deadlines)
    by_uid = {str(e["UID"]): e for e in events}
    for m in milestones:
        e = by_uid[f"milestone-{m['id']}@planix"]
        assert e.decoded("DTSTART") == m["finish"]
        assert str(e["SUMMARY"]) == f"Milestone: {m['name']}"


def test_text_exports():
    p = case()
    assert p.export("mermaid").startswith("gantt\n")
    assert p.export("plantuml").startswith("@startgantt\n")
    assert p.export("csv").startswith("id,outline,name,")
    with pytest.raises(planix.PlanixError):
        p.export("docx")
