"""Writes the bad-input cases every door is checked against (CLI, Python, JS).

Usage: python3 tests/bad_input/gen.py OUT_DIR

Each case is a project file (and for some a risk register) plus the operation to run,
the error kind every door must report (JS `kind`, Python class via planix.Error.kind,
CLI exit 1) and a fragment the message must contain (the item it names). Cases with
kind "ok" must succeed. Large cases (100,000-task cycle, 20,000-level WBS) are written
here rather than committed.
"""
import json
import os
import sys

HEAD = {
    "format": "planix", "version": 1, "name": "p",
    "schedule_from": {"start": "2027-03-01T08:00:00"}, "calendar": 1,
    "calendars": {"1": {"name": "S", "week": {d: ["08:00-12:00", "13:00-17:00"] for d in
                  ["monday", "tuesday", "wednesday", "thursday", "friday"]},
                  "minutes_per_day": 480, "minutes_per_week": 2400}},
}


def doc(tasks, links=()):
    return json.dumps({**HEAD, "tasks": list(tasks), "dependencies": list(links)})


def ring(n):
    return doc(({"id": i, "name": f"T{i}", "duration": 480} for i in range(1, n + 1)),
               ({"predecessor": i, "successor": i % n + 1} for i in range(1, n + 1)))


def main(out):
    os.makedirs(out, exist_ok=True)
    files = {}
    cases = []

    def case(name, text, op, kind, fragment, ext="json", **extra):
        if text not in files:
            files[text] = f"{name}.{ext}"
            with open(os.path.join(out, files[text]), "w", encoding="utf-8") as f:
                f.write(text)
        cases.append({"name": name, "file": files[text], "op": op, "kind": kind,
                      "fragment": fragment, **extra})

    a = {"id": 1, "name": "A", "duration": 480}
    case("parent_self_loop", doc([{"id": 1, "name": "A", "parent": 2}, {"id": 2, "name": "B", "parent": 2}]),
         "load", "model", 'the WBS parents form a loop: task #2 ("B")')
    case("parent_loop", doc([{"id": 1, "name": "A"}, {"id": 2, "name": "B", "parent": 3},
                             {"id": 3, "name": "C", "parent": 4}, {"id": 4, "name": "D", "parent": 3}]),
         "load", "model", 'task #3 ("C") -> task #4 ("D") -> task #3 ("C")')
    big = ring(100_000)
    for op in ("schedule", "simulate", "level"):
        case(f"long_cycle_{op}", big, op, "cycle", "(100000 tasks)")
    case("missing_id", doc([a, {"name": "B"}]), "load", "model", 'task number 2 ("B") has no id')
    case("unknown_parent", doc([{"id": 1, "name": "A", "parent": 9}]), "load", "model", "unknown parent task #9")
    case("negative_duration", doc([{"id": 1, "name": "A", "duration": -5}]), "load", "model", "negative duration")
    case("malformed", '{"format": "planix",', "load", "io", "line 1")
    case("foreign", '{"format": "mspdi"}', "load", "io", 'not a planix document')
    case("newer_version", json.dumps({**HEAD, "version": 99}), "load", "io", "version 99")
    case("bom", "\ufeff" + doc([a]), "schedule", "ok", "")
    case("log_normal_spelling", doc([{**a, "estimate": {"optimistic": 240, "most_likely": 480, "pessimistic": 960,
                                                       "distribution": {"type": "log_normal"}}}]),
         "simulate", "ok", "")
    deep = [{"id": 1, "name": "L1"}] + [{"id": i, "name": f"L{i}", "parent": i - 1} for i in range(2, 20_001)]
    deep[-1]["duration"] = 480
    deep[-1]["estimate"] = {"optimistic": 240, "most_likely": 480, "pessimistic": 960}
    for op in ("schedule", "simulate", "level", "dcma"):
        case(f"deep_wbs_{op}", doc(deep), op, "ok", "", baseline=None)
    # One working hour a week: a pessimistic billion minutes passes year 9999.
    slow = dict(HEAD, calendars={"1": {"name": "S", "week": {"monday": ["08:00-09:00"]},
                                       "minutes_per_day": 60, "minutes_per_week": 60}})
    case("simulate_overflow", json.dumps({**slow, "tasks": [{**a, "estimate": {"optimistic": 500_000_000, "most_likely": 900_000_000, "pessimistic": 1_000_000_000, "distribution": {"type": "uniform"}}},
                                   {"id": 2, "name": "B", "duration": 480}], "dependencies": [{"predecessor": 1, "successor": 2}]}),
         "simulate", "simulation", "the simulated project finish cannot be dated")
    case("huge_estimate_within_range", doc([{**a, "estimate": {"optimistic": 0, "most_likely": 480, "pessimistic": 1_000_000_000}},
                                   {"id": 2, "name": "B", "duration": 480}], [{"predecessor": 1, "successor": 2}]),
         "simulate", "ok", "")
    case("simulate_too_big", doc({"id": i, "name": f"M{i}", "milestone": True} for i in range(1, 301)),
         "simulate", "simulation", "past the limit", iterations=10_000_000)
    case("dcma_missing_baseline", doc([a]), "dcma", "control", "no baseline 11 is saved", baseline=11)
    # MS Project XML (MSPDI): each door reads .xml files with its MSPDI reader.
    def xml(tasks="", calendar_extra="", week=""):
        return ('<?xml version="1.0"?><Project xmlns="http://schemas.microsoft.com/project">'
                "<StartDate>2027-03-01T08:00:00</StartDate><CalendarUID>1</CalendarUID>"
                f"<Calendars><Calendar><UID>1</UID><Name>Standard</Name><WeekDays>{week}</WeekDays>{calendar_extra}</Calendar></Calendars>"
                f"<Tasks>{tasks}</Tasks></Project>")

    def t(uid, extra="", level=1):
        return f"<Task><UID>{uid}</UID><Name>T{uid}</Name><OutlineLevel>{level}</OutlineLevel><Duration>PT8H0M0S</Duration>{extra}</Task>"

    def link(pred, ty=1):
        return f"<PredecessorLink><PredecessorUID>{pred}</PredecessorUID><Type>{ty}</Type></PredecessorLink>"

    case("mspdi_ok", xml(t(1) + t(2, link(1))), "schedule", "ok", "", ext="xml")
    case("mspdi_malformed", '<Project xmlns="http://schemas.microsoft.com/project">\n<Tasks><Task>', "load", "io", "line 2", ext="xml")
    case("mspdi_primavera", "<APIBusinessObjects><Project/></APIBusinessObjects>", "load", "io", "Primavera", ext="xml")
    case("mspdi_unknown_constraint", xml(t(1, "<ConstraintType>9</ConstraintType>")), "load", "io", "UID 1: unknown ConstraintType 9", ext="xml")
    case("mspdi_duplicate_uid", xml(t(1) + t(1)), "load", "io", "<Task> UID 1: duplicate UID", ext="xml")
    case("mspdi_unknown_link", xml(t(2, link(7))), "load", "io", "PredecessorUID 7 is not a task", ext="xml")
    case("mspdi_outline_jump", xml(t(1, level=3)), "load", "io", "OutlineLevel jumps from 0 to 3", ext="xml")
    case("mspdi_duration_overflow", xml(t(1).replace("PT8H0M0S", "PT99999999999999H0M0S")), "load", "io", "longer than planix accepts", ext="xml")
    case("mspdi_bad_date", xml(t(1, "<ConstraintType>4</ConstraintType><ConstraintDate>2027-02-30T08:00:00</ConstraintDate>")), "load", "io", "ConstraintDate", ext="xml")
    off = "".join(f"<WeekDay><DayType>{d}</DayType><DayWorking>0</DayWorking></WeekDay>" for d in range(1, 8))
    case("mspdi_no_working_time", xml(t(1), week=off), "load", "io", "<Calendar> UID 1", ext="xml")
    forever = ("<Exceptions><Exception><EnteredByOccurrences>1</EnteredByOccurrences><TimePeriod><FromDate>1900-01-01T00:00:00</FromDate>"
               "<ToDate>2200-01-01T23:59:00</ToDate></TimePeriod><Occurrences>999999999</Occurrences><Type>1</Type><Period>1</Period>"
               "<DayWorking>0</DayWorking></Exception></Exceptions>")
    case("mspdi_recurrence_budget", xml(t(1), calendar_extra=forever), "load", "io", "more than 100000 days", ext="xml")
    case("mspdi_deep_nesting", "<Project>" + "<a>" * 5000 + "</a>" * 5000 + "</Project>", "load", "io", "nest deeper than 32", ext="xml")
    case("mspdi_cycle", xml(t(1, link(2)) + t(2, link(1))), "schedule", "cycle", "task #1", ext="xml")
    reg_ok = "id,title,kind,status\nR1,Scope creep,threat,identified\n"
    with open(os.path.join(out, "register.csv"), "w") as f:
        f.write(reg_ok)
    with open(os.path.join(out, "register_no_header.csv"), "w") as f:
        f.write("R1,Scope creep,threat,identified\n")
    with open(os.path.join(out, "register_nan.csv"), "w") as f:
        f.write("id,title,kind,status,contingency_cost\nR1,Scope creep,threat,identified,NaN\n")
    case("risk_csv_no_header", doc([a]), "risks", "risk", "row 1", register="register_no_header.csv")
    case("risk_csv_nan", doc([a]), "risks", "risk", "contingency", register="register_nan.csv")
    case("risk_confidence", doc([a]), "risks", "simulation", "confidence must be in (0, 100], got 150",
         register="register.csv", confidence=150)
    # Portfolio documents (op "portfolio": read, then roll up).
    def pf(projects, links=(), pool=(), version=1):
        return json.dumps({"format": "planix-portfolio", "version": version, "name": "P",
                           "pool": list(pool), "links": list(links),
                           "projects": [{"key": k, "project": v} for k, v in projects]})
    one = json.loads(doc([a, {"id": 2, "name": "B", "duration": 0}], [{"predecessor": 1, "successor": 2}]))
    case("portfolio_version", pf([("x", one)], version=9), "portfolio", "io", "version 9")
    ref = lambda k, t: {"project": k, "task": t}
    case("portfolio_unknown_project", pf([("x", one)], [{"predecessor": ref("nobody", 1), "successor": ref("x", 1)}]),
         "portfolio", "model", 'no project "nobody"')
    case("portfolio_unknown_task", pf([("x", one)], [{"predecessor": ref("x", 9), "successor": ref("x", 1)}]),
         "portfolio", "model", "has no task task #9")
    case("portfolio_cycle", pf([("x", one), ("y", one)], [{"predecessor": ref("x", 2), "successor": ref("y", 1)},
                                                          {"predecessor": ref("y", 2), "successor": ref("x", 1)}]),
         "portfolio", "cycle", "cycle across projects")
    case("portfolio_no_capacity", pf([("x", one)], pool=[{"name": "Ana", "max_units": 0}]),
         "portfolio", "model", "no working time")
    staffed = dict(one, resources=[{"id": 1, "name": "role:tester", "kind": "work", "max_units": 1.0}],
                   assignments=[{"task": 1, "resource": 1, "units": 1.0}])
    case("portfolio_unknown_role", pf([("x", staffed)]), "portfolio", "model", 'role "tester"')
    # Engagement documents with an issue log (op "engagement": the project above, the
    # client document read beside it) and issue-log CSV (op "issue_csv", Python and JS).
    base = {"id": "I-1", "title": "Login fails", "raised_by": "S1", "raised": "2027-03-02T09:00:00",
            "severity": "high"}

    def eng(*issues):
        return json.dumps({"format": "planix-client", "version": 1,
                           "account": {"organisation": "Northwind"},
                           "stakeholders": [{"id": "S1", "name": "Dana", "role": "CIO"}],
                           "issues": list(issues)})
    tracked = json.loads(doc([a, {"id": 2, "name": "B", "duration": 0}], [{"predecessor": 1, "successor": 2}]))
    tracked["status_date"] = "2027-03-03T17:00:00"
    tracked_text = json.dumps(tracked)

    def ecase(name, engagement, fragment):
        fname = f"{name}.client.json"
        with open(os.path.join(out, fname), "w", encoding="utf-8") as f:
            f.write(engagement)
        case(name, tracked_text, "engagement", "client", fragment, engagement=fname)
    ecase("issue_severity_off_scale", eng(dict(base, severity="catastrophic")),
          'severity "catastrophic" is not on the scale (critical, high, medium, low)')
    ecase("issue_unknown_deliverable", eng(dict(base, deliverables=["D9"])), 'unknown deliverable "D9"')
    ecase("issue_history_out_of_order", eng(dict(base, status="in_progress", history=[
        {"at": "2027-03-02T09:00:00", "status": "open"},
        {"at": "2027-03-01T09:00:00", "status": "in_progress"}])), "history dates out of order")
    ecase("issue_status_without_history", eng(dict(base, status="resolved")),
          "a status other than open needs the history that led to it")
    ecase("issue_duplicate", eng(base, base), 'duplicate issue id "I-1"')
    ecase("issue_negative_delay", eng(dict(base, impact={"delay": -60})), "the impact's delay is negative")
    head = "id,title,raised_by,raised,severity,tasks,status\n"
    for name, text, fragment in [
        ("issue_csv_bad_time", head + "I-1,x,S1,yesterday,low,,open\n", 'row 1, column "raised"'),
        ("issue_csv_bad_task", head + "I-1,x,S1,2027-03-02T09:00:00,low,one,open\n", 'row 1, column "tasks"'),
        ("issue_csv_bad_status", head + "I-1,x,S1,2027-03-02T09:00:00,low,,shelved\n", 'row 1, column "status"'),
        ("issue_csv_no_header", "I-1,x,S1,2027-03-02T09:00:00,low\n", "no header row"),
        ("issue_csv_duplicate", head + "I-1,x,S1,2027-03-02T09:00:00,low,,open\nI-1,y,S1,2027-03-02T09:00:00,low,,open\n",
         'row 2: duplicate issue id "I-1"'),
    ]:
        case(name, text, "issue_csv", "client", fragment, ext="csv")
    # Board documents (op "board": read, then the text, metrics and health).
    def board(items=(), columns=None, sprints=(), moves=(), version=1):
        cols = columns if columns is not None else [
            {"id": "todo", "name": "To do", "stage": "todo"},
            {"id": "dev", "name": "Dev", "stage": "doing", "wip": {"limit": 2, "hard": True}},
            {"id": "done", "name": "Done", "stage": "done"}]
        return json.dumps({"format": "planix-board", "version": version, "name": "B", "columns": cols,
                           "items": list(items), "backlog": [i["id"] for i in items if "card" not in i],
                           "sprints": list(sprints), "moves": list(moves)})
    it = lambda i, **k: {"id": i, "title": i, "created": "2027-03-01T09:00:00", **k}
    mv = lambda i, at, to, frm=None: {"item": i, "at": at, "from": frm, "to": to}
    card = {"card": {"column": "dev", "rank": 1}}
    case("board_ok", board([it("A", **card)], moves=[mv("A", "2027-03-01T10:00:00", "dev")]), "board", "ok", "")
    case("board_version", board(version=7), "board", "io", "version 7")
    case("board_malformed", '{"format": "planix-board",', "board", "io", "line 1")
    case("board_duplicate_item", board([it("A"), it("A")]), "board", "agile", 'item id "A" is already used')
    case("board_parent_loop", board([it("A", parent="B"), it("B", parent="A")]), "board", "agile", "would loop")
    case("board_negative_estimate", board([it("A", estimate=-3)]), "board", "value", "estimate -3")
    case("board_unknown_column", board([it("A")], moves=[mv("A", "2027-03-01T10:00:00", "nowhere")]),
         "board", "agile", 'unknown column "nowhere"')
    case("board_moves_out_of_order", board([it("A", **card)], moves=[mv("A", "2027-03-02T10:00:00", "todo"),
                                                                    mv("A", "2027-03-01T10:00:00", "dev", "todo")]),
         "board", "io", "out of time order")
    case("board_over_hard_limit", board([it(x, card={"column": "dev", "rank": r}) for r, x in enumerate("ABC", 1)],
                                        moves=[mv(x, "2027-03-01T10:00:00", "dev") for x in "ABC"]),
         "board", "ok", "")
    sprint = lambda i, a, b: {"id": i, "name": i, "team": "", "start": a, "end": b, "goal": "", "state": "planned",
                              "scope": [], "committed": [], "changes": []}
    case("board_sprint_overlap", board(sprints=[sprint("S1", "2027-03-01", "2027-03-12"), sprint("S2", "2027-03-10", "2027-03-20")]),
         "board", "agile", 'overlaps sprint "S1"')
    case("board_sprint_reversed", board(sprints=[sprint("S1", "2027-03-12", "2027-03-01")]), "board", "agile", "ends (2027-03-01) before it starts")
    case("board_sprint_too_long", board(sprints=[sprint("S1", "2027-01-01", "2029-01-01")]), "board", "value", "length in days 732 is out of range")
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(cases, f, indent=1)
    print(f"{len(cases)} bad-input cases in {out}")


if __name__ == "__main__":
    main(sys.argv[1])
