"""Executes examples/python/tour.ipynb with nbclient (as Jupyter would) and checks its
outputs: the Gantt, network, histogram, tornado, heat map, loading and S-curve cells
show SVG pictures of the right charts, and no cell raised. Writes the executed notebook
to target/tour.ipynb.

Usage: python examples/python/run_tour.py
"""
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

root = Path(__file__).resolve().parents[2]
nb = nbformat.read(root / "examples/python/tour.ipynb", as_version=4)
NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(root)}}).execute()
out = root / "target/tour.ipynb"
out.parent.mkdir(exist_ok=True)
nbformat.write(nb, out)

svgs = []
for cell in nb.cells:
    if cell.cell_type != "code":
        continue
    for o in cell.get("outputs", []):
        assert o.get("output_type") != "error", f"cell raised: {o.get('ename')}: {o.get('evalue')}"
        svg = o.get("data", {}).get("image/svg+xml")
        if svg:
            svgs.append(svg if isinstance(svg, str) else "".join(svg))
checks = [
    ("Gantt", lambda s: "Task name" in s and "Contract signed" in s),
    ("collapsed Gantt", lambda s: "Initiation" in s and "Contract signed" not in s),
    ("PERT network", lambda s: "te " in s and "TF " in s),
    ("histogram", lambda s: "P80" in s and "iterations" in s),
    ("tornado", lambda s: "Spearman" in s),
    ("heat map", lambda s: "Inherent" in s and "Residual" in s),
    ("loading", lambda s: "before leveling" in s),
    ("S-curve", lambda s: "earned value (EV)" in s and "EAC" in s),
]
assert len(svgs) == len(checks), f"{len(svgs)} pictures, expected {len(checks)}"
for (name, ok), svg in zip(checks, svgs):
    assert svg.startswith("<svg"), name
    assert ok(svg), f"the {name} cell shows another picture"
print(f"tour.ipynb: {len(nb.cells)} cells executed, {len(svgs)} charts checked")
sys.exit(0)
