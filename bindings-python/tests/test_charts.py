"""Charts from Python: every result that has a picture shows it inline in Jupyter
(`_repr_svg_`), `Chart` saves SVG and PNG, and the SVG is the same bytes core writes
for the CLI and JavaScript (checked in scripts/test.sh with `cmp`)."""
import pickle
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest

import planix

DATA = Path(__file__).resolve().parents[2] / "examples/data"
SVG = "{http://www.w3.org/2000/svg}"


def case(name="case_study.json"):
    return planix.Project.from_json((DATA / name).read_text())


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg"
    # Static SVG only: no script, no foreignObject.
    for bad in ("script", "foreignObject"):
        assert root.find(f".//{SVG}{bad}") is None
    return root


def titles(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(SVG + "title")]


def test_every_result_displays_as_svg():
    p = case("case_study_tracked.json")
    reg = planix.RiskRegister.from_json((DATA / "case_study_risks.json").read_text())
    sim = p.simulate(iterations=300, seed=3)
    shown = {
        "schedule": p.schedule(),
        "leveling": p.level(),
        "simulation": sim,
        "pert": p.pert(),
        "register": reg,
        "loading": p.loading(),
        "costs": p.costs(),
        "s_curve": p.s_curve(),
    }
    for what, obj in shown.items():
        svg = obj._repr_svg_()
        assert svg is not None, what
        parse(svg)
    # A table without a chart has none (Jupyter then shows its text repr).
    assert p.variance_table(0)._repr_svg_() is None
    assert "Table(rows=" in repr(p.variance_table(0))


def test_gantt_shows_every_task_with_its_dates_in_tooltips():
    p = case()
    s = p.schedule()
    root = parse(p.gantt().svg)
    tips = titles(root)
    for t in s.tasks():
        start = t["start"].strftime("%Y-%m-%d %H:%M")
        assert any(tip.startswith(t["name"] + "\n" + start) for tip in tips), t["name"]
    # Collapsed to the phases: only the top level is drawn.
    phases = parse(p.gantt(max_level=1).svg)
    names = [x.text for x in phases.iter(SVG + "text")]
    assert "Initiation" in names and "Contract signed" not in names


def test_schedule_and_project_draw_the_same_bytes():
    p = case()
    assert p.schedule().gantt().svg == p.gantt(p.schedule()).svg
    assert p.gantt().svg == p.gantt().svg  # deterministic


def test_chart_saves_svg_and_png(tmp_path):
    c = case().gantt()
    c.save(tmp_path / "g.svg")
    assert (tmp_path / "g.svg").read_text() == c.svg
    c.save(tmp_path / "g.png", scale=0.5)
    png = (tmp_path / "g.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert c.png()[:4] == b"\x89PNG"
    with pytest.raises(planix.ArgumentError, match="scale"):
        c.png(scale=100)


def test_criticality_colours_the_bars():
    p = case()
    sim = p.simulate(iterations=200, seed=1)
    svg = p.gantt(criticality=sim.criticality).svg
    assert 'fill="#D55E00"' in svg or 'fill="#F0E442"' in svg


def test_plotly_timeline_frame():
    df = case().to_plotly_timeline()
    assert list(df.columns) == [
        "id", "wbs", "name", "kind", "start", "finish", "critical",
        "total_float_days", "percent_complete", "resources", "level",
    ]
    assert df["start"].dtype.kind == "M"
    assert (df["finish"] >= df["start"]).all()


def test_text_gantt():
    text = case().text_gantt(width=90)
    assert "█" in text and "◆" in text
    assert max(len(line) for line in text.splitlines()) <= 90 + 60


def test_bad_options_and_limits_are_typed():
    p = case()
    with pytest.raises(planix.ArgumentError, match="row_height"):
        p.gantt(row_height=1)
    with pytest.raises(planix.ArgumentError, match="unknown field `colour`"):
        p.gantt(colour="red")
    with pytest.raises(planix.ModelError, match="task #999"):
        p.gantt(tasks=[999])
    with pytest.raises(planix.ArgumentError, match="chart"):
        p.chart("pie")
    long = planix.Project("Long", datetime(2027, 1, 4, 8))
    long.add_task("Sixty years", duration="15600d")
    with pytest.raises(planix.RenderError, match="columns"):
        long.gantt(scale="day")
    assert long.gantt().svg.startswith("<svg")  # the automatic scale fits


def test_unpickled_results_say_how_to_draw_them():
    s = pickle.loads(pickle.dumps(case().schedule()))
    assert s._repr_svg_() is None
    with pytest.raises(planix.ArgumentError, match="unpickled"):
        s.gantt()
    assert case().gantt(s).svg.startswith("<svg")


def test_heatmap_counts_match_the_register():
    reg = planix.RiskRegister.from_json((DATA / "case_study_risks.json").read_text())
    root = parse(reg.heatmap_chart(view="inherent").svg)
    tips = "\n".join(titles(root))
    for row in reg.heatmap(False):
        if row["risks"]:
            assert ", ".join(row["risks"]) in tips


def test_a_large_schedule_displays_its_first_rows():
    p = planix.Project("Big", datetime(2027, 1, 4, 8))
    for i in range(2500):
        p.add_task(f"T{i}", duration="1d")
    svg = p.schedule()._repr_svg_()
    assert "Big · rows 1–2000 of 2500" in svg
    assert ">T1999<" in svg and ">T2000<" not in svg
    assert ">T2499<" in p.gantt().svg  # the full chart on request
