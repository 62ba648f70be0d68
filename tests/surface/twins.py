"""Every Python edit and query call has its JS twin, and the other way round.

Python `snake_case` names map to JS `camelCase`; the few members that exist on one side
only are listed below with the reason. A new method on one side without its twin (or
a stale entry here) fails the check. Usage: twins.py JS_SURFACE.json
"""

import inspect
import json
import sys

import planix

# Python-only: pandas and language protocol helpers.
PYTHON_ONLY = {
    "to_pandas": "pandas DataFrames (JS has the same rows from the method that builds them)",
    "earned_value_table": "a pandas Table of earnedValue().tasks",
    "variance_table": "a pandas Table of variance().tasks",
    "from_dict": "JS: fromObject",
    "to_dict": "JS: toObject",
    "to_plotly_timeline": "a pandas DataFrame for plotly (JS has the widget adapters)",
}
# JS-only: where Python takes an optional argument, JS (no optional class arguments in
# wasm-bindgen) has a second method; plus the `length` / `taskCount` getters (`len()`).
JS_ONLY = {
    "costsOf", "loadingOf", "overallocationsOf", "healthWith", "statusReportWith",
    "charterWithRisks", "closingReportAgainst", "traceabilityTable", "length", "taskCount",
    "fromObject", "toObject",
    # Gantt widget adapters (JS front ends); Python has to_plotly_timeline.
    "toFrappeGantt", "toGanttTaskReact", "toDhtmlxGantt",
    # Python's `chart(kind, register=None)` and `Loading.chart()` (JS loading is rows).
    "chartWithRisks", "resourceChart",
    # Python's `raid_summary(risks=None)`.
    "raidSummaryWithRisks",
    # Python's `Board.burndown(...).chart()` and `Board.cfd(...).chart()` (JS rows are
    # plain arrays, so the SVG has its own method).
    "burndownChart", "cfdChart",
    # Python's `health(engagement=None, risks=None, board=None)`.
    "healthWithBoard",
}
RENAMED = {"to_dict": "toObject", "from_dict": "fromObject"}


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(w[:1].upper() + w[1:] for w in rest)


def python_surface() -> dict[str, set[str]]:
    """Every class's public members, and the module's functions under "<functions>"."""
    out: dict[str, set[str]] = {"<functions>": set()}
    for name in planix.__all__:
        c = getattr(planix, name)
        if inspect.isclass(c) and not issubclass(c, BaseException):
            out[name] = {m for m in dir(c) if not m.startswith("_")}
        elif callable(c) and not inspect.isclass(c):
            out["<functions>"].add(name)
    return out


def main() -> int:
    js = {k: set(v) for k, v in json.load(open(sys.argv[1])).items()}
    py = python_surface()
    problems = []
    for cls in sorted(set(py) | set(js)):
        if cls not in js:
            # Python-only result classes backed by plain rows in JS.
            if cls in {"Loading", "Table"}:
                continue
            # Charts are SVG text in JS; Python wraps them to display in Jupyter.
            if cls == "Chart":
                continue
            problems.append(f"{cls}: no JS class")
            continue
        if cls not in py:
            problems.append(f"{cls}: no Python class")
            continue
        want_js = {RENAMED.get(m, camel(m)) for m in py[cls] if m not in PYTHON_ONLY or m in RENAMED}
        for m in sorted(want_js - js[cls]):
            problems.append(f"{cls}.{m}: in Python, missing in JS")
        back = {m: p for p in py[cls] for m in [RENAMED.get(p, camel(p))]}
        for m in sorted(js[cls] - set(back) - JS_ONLY):
            problems.append(f"{cls}.{m}: in JS, missing in Python")
    for p in problems:
        print("twin:", p)
    print(f"surface twins: {sum(len(v) for v in py.values())} Python members, "
          f"{sum(len(v) for v in js.values())} JS members, {len(problems)} without a twin")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
