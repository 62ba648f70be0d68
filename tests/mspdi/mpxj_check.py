"""MPXJ (the reference MSPDI implementation, Java) reads every file planix writes.

For each MSPDI file of ../shared/data/mspdi/ (saved by MS Project), planix imports it,
writes it back with ``Project.to_mspdi()``, and MPXJ 16 (``pip install mpxj JPype1``,
Java 17) reads that output. Field by field, what MPXJ reads must be what planix holds:
tasks (UID, name, outline level and parent, duration, manual mode, milestone,
constraint type and date, start, finish, early/late dates, total slack), links (type,
lag), calendars (names, working hours per weekday, exception days), resources (type,
name, max units, standard rate), and assignments (units).

Usage: python tests/mspdi/mpxj_check.py [MSPDI_DIR] [MORE.xml ...]   (exit 1 on any difference)
"""
import json
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

import jpype
import mpxj  # noqa: F401  (puts the MPXJ jars on the class path)

import planix

ROOT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[3] / "shared/data/mspdi"
jpype.startJVM(convertStrings=True)
from org.mpxj import TimeUnit  # noqa: E402
from org.mpxj.reader import UniversalProjectReader  # noqa: E402

LINK = {"fs": "FS", "ss": "SS", "ff": "FF", "sf": "SF"}
CONSTRAINT = {
    "asap": "AS_SOON_AS_POSSIBLE", "alap": "AS_LATE_AS_POSSIBLE", "mso": "MUST_START_ON",
    "mfo": "MUST_FINISH_ON", "snet": "START_NO_EARLIER_THAN", "snlt": "START_NO_LATER_THAN",
    "fnet": "FINISH_NO_EARLIER_THAN", "fnlt": "FINISH_NO_LATER_THAN",
}
KIND = {"work": "WORK", "material": "MATERIAL", "cost": "COST"}
DAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"]


def iso(d):
    return None if d is None else str(d.toString())[:16]


def ours(s):
    return None if s is None else s[:16]


def minutes(duration, props):
    if duration is None:
        return 0
    return round(float(duration.convertUnits(TimeUnit.MINUTES, props).getDuration()))


def check(path, problems):
    text = path.read_text(encoding="utf-8")
    p = planix.Project.from_mspdi(text)
    doc = json.loads(p.to_json())
    sched = {t["id"]: t for t in json.loads(p.reschedule(move_remaining_starts_forward=False, unstarted_after_status_date=False).to_json())["tasks"]}
    out = p.to_mspdi()
    with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False, encoding="utf-8") as f:
        f.write(out)
        name = f.name
    try:
        f2 = UniversalProjectReader().read(name)
    finally:
        os.unlink(name)
    props = f2.getProjectProperties()
    where = path.name

    def bad(what, want, got):
        problems.append(f"{where}: {what}: planix {want!r}, MPXJ {got!r}")

    mtasks = {int(t.getUniqueID()): t for t in f2.getTasks() if t.getUniqueID() is not None and int(t.getUniqueID()) != 0}
    if sorted(mtasks) != sorted(t["id"] for t in doc["tasks"]):
        bad("task UIDs", sorted(t["id"] for t in doc["tasks"]), sorted(mtasks))
        return
    cals = {int(k): v for k, v in doc["calendars"].items()}
    for t in doc["tasks"]:
        m = mtasks[t["id"]]
        s = sched[t["id"]]
        tid = f"task {t['id']}"
        if (m.getName() or "") != t["name"]:
            bad(f"{tid} name", t["name"], m.getName())
        parent = m.getParentTask()
        pu = None if parent is None or int(parent.getUniqueID()) == 0 else int(parent.getUniqueID())
        if pu != t.get("parent"):
            bad(f"{tid} parent", t.get("parent"), pu)
        if s["kind"] != "summary":
            if minutes(m.getDuration(), props) != t.get("duration", 0):
                bad(f"{tid} duration", t.get("duration", 0), minutes(m.getDuration(), props))
        manual = str(m.getTaskMode()) == "MANUALLY_SCHEDULED"
        if manual != ("manual_start" in t and s["kind"] != "summary"):
            bad(f"{tid} manual", "manual_start" in t, manual)
        if bool(m.getMilestone()) != (s["kind"] == "milestone"):
            bad(f"{tid} milestone", s["kind"], m.getMilestone())
        c = t.get("constraint", {"type": "asap"})
        if str(m.getConstraintType()) != CONSTRAINT[c["type"]]:
            bad(f"{tid} constraint", c["type"], str(m.getConstraintType()))
        if "date" in c and ours(c["date"]) != iso(m.getConstraintDate()):
            bad(f"{tid} constraint date", c["date"], iso(m.getConstraintDate()))
        for field, getter in [("start", m.getStart), ("finish", m.getFinish), ("early_start", m.getEarlyStart),
                              ("early_finish", m.getEarlyFinish), ("late_start", m.getLateStart), ("late_finish", m.getLateFinish)]:
            if ours(s[field]) != iso(getter()):
                bad(f"{tid} {field}", s[field], iso(getter()))
        ts = m.getTotalSlack()
        if ts is not None and minutes(ts, props) != s["total_float"]:
            bad(f"{tid} total slack", s["total_float"], minutes(ts, props))
        if t.get("calendar") is not None:
            mc = m.getCalendar()
            if mc is None or int(mc.getUniqueID()) != t["calendar"]:
                bad(f"{tid} calendar", t["calendar"], None if mc is None else int(mc.getUniqueID()))
    links = {}
    for m in mtasks.values():
        for r in m.getPredecessors():
            links[(int(r.getPredecessorTask().getUniqueID()), int(m.getUniqueID()))] = r
    ours_links = {(d["predecessor"], d["successor"]): d for d in doc["dependencies"]}
    if sorted(links) != sorted(ours_links):
        bad("links", sorted(ours_links), sorted(links))
    for k, d in ours_links.items():
        r = links.get(k)
        if r is None:
            continue
        if str(r.getType()) != LINK[d.get("kind", "fs")]:
            bad(f"link {k} type", d.get("kind", "fs"), str(r.getType()))
        lag = d.get("lag", {"working": 0})
        (lk, lv), = lag.items()
        got = r.getLag()
        if lk == "percent":
            if str(got.getUnits()) != "PERCENT" or round(float(got.getDuration())) != lv:
                bad(f"link {k} lag", lag, str(got))
        else:
            if minutes(got, props) != lv or (lk == "elapsed") != str(got.getUnits()).startswith("ELAPSED"):
                bad(f"link {k} lag", lag, str(got))
    mcals = {int(c.getUniqueID()): c for c in f2.getCalendars()}
    for cid, c in cals.items():
        mc = mcals.get(cid)
        if mc is None:
            bad(f"calendar {cid}", c["name"], None)
            continue
        if (mc.getName() or "") != c["name"]:
            bad(f"calendar {cid} name", c["name"], mc.getName())
        from java.time import DayOfWeek
        for i, day in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]):
            hours = mc.getHours(DayOfWeek.valueOf(DAYS[i]))
            got = [] if hours is None else [f"{str(h.getStart())[:5]}-{'24:00' if str(h.getEnd())[:5] == '00:00' else str(h.getEnd())[:5]}" for h in hours]
            if got != c["week"][day]:
                bad(f"calendar {cid} {day}", c["week"][day], got)
        for e in c.get("exceptions", []):
            from java.time import LocalDate
            d = LocalDate.parse(e["from"])
            mex = mc.getException(d)
            if mex is None:
                bad(f"calendar {cid} exception {e['from']}", e["name"], None)
            elif bool(mex.getWorking()) != bool(e.get("working")):
                bad(f"calendar {cid} exception {e['from']} working", bool(e.get("working")), bool(mex.getWorking()))
    mres = {int(r.getUniqueID()): r for r in f2.getResources() if r.getUniqueID() is not None and int(r.getUniqueID()) != 0}
    for r in doc.get("resources", []):
        m = mres.get(r["id"])
        if m is None:
            bad(f"resource {r['id']}", r["name"], None)
            continue
        if (m.getName() or "") != r["name"]:
            bad(f"resource {r['id']} name", r["name"], m.getName())
        if str(m.getType()) != KIND[r.get("kind", "work")]:
            bad(f"resource {r['id']} type", r.get("kind", "work"), str(m.getType()))
        if r.get("kind", "work") == "work" and not r.get("availability") and abs(float(m.getMaxUnits()) / 100.0 - r.get("max_units", 1.0)) > 1e-9:
            bad(f"resource {r['id']} max units", r.get("max_units", 1.0), float(m.getMaxUnits()))
        rates = r.get("rates", [])
        if rates and rates[0].get("from") is None:
            entry = m.getCostRateTable(0).getEntryByDate(m.getCostRateTable(0).get(0).getStartDate())
            got = float(entry.getStandardRate().getAmount()) if entry.getStandardRate() is not None else 0.0
            unit = str(entry.getStandardRate().getUnits()) if entry.getStandardRate() is not None else "HOURS"
            want = rates[0].get("standard", 0.0)
            if unit == "HOURS" and abs(got - want) > 1e-6:
                bad(f"resource {r['id']} standard rate", want, got)
    massign = {(int(a.getTask().getUniqueID()), int(a.getResource().getUniqueID())): a
               for a in f2.getResourceAssignments() if a.getResource() is not None and a.getTask() is not None}
    for a in doc.get("assignments", []):
        m = massign.get((a["task"], a["resource"]))
        if m is None:
            bad(f"assignment {a['task']}/{a['resource']}", a, None)
            continue
        if abs(float(m.getUnits()) / 100.0 - a.get("units", 1.0)) > 1e-9:
            bad(f"assignment {a['task']}/{a['resource']} units", a.get("units", 1.0), float(m.getUnits()))


def main():
    files = sorted(ROOT.rglob("*.xml")) + [Path(f) for f in sys.argv[2:]]
    problems = []
    for f in files:
        try:
            check(f, problems)
        except Exception as e:  # noqa: BLE001  (a file MPXJ cannot read is a failure)
            problems.append(f"{f.name}: {type(e).__name__}: {e}")
    for p in problems[:60]:
        print(p)
    print(f"MPXJ read {len(files)} files written by planix: {len(problems)} differences")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
