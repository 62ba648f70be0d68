"""A risk register for a small client website project (mirrors examples/risk_register.rs)."""

from datetime import date, datetime

import planix

D = 480  # working minutes per day
p = planix.Project("Website relaunch", datetime(2027, 3, 1, 8))
design = p.add_task("Design", duration=5 * D)
content = p.add_task("Content from client", duration=8 * D)
build = p.add_task("Build", duration=10 * D)
launch = p.add_task("Launch", duration=3 * D)
p.link(design, build)
p.link(content, launch)
p.link(build, launch)

reg = planix.RiskRegister()
risks = [
    ("R1", "Client content arrives late", "threat", content, 0.6, {"schedule": 3}, 3_000, (2, 5, 10)),
    ("R2", "Design rework after stakeholder review", "threat", design, 0.35, {"schedule": 3, "cost": 2}, 6_000, (2, 4, 8)),
    ("R3", "CMS plug-in incompatible", "threat", build, 0.2, {"schedule": 4, "scope_quality": 3}, 8_000, (3, 6, 12)),
    ("O1", "Reuse the client's brand component library", "opportunity", design, 0.5, {"cost": 2}, 4_000, None),
]
for rid, title, kind, task, prob, impacts, cost, delay in risks:
    owner = "" if rid == "R3" else "Account lead"
    reg.add(rid, title, kind, tasks=[task], owner=owner, identified=date(2027, 2, 20), next_review=date(2027, 3, 15))
    reg.assess(rid, prob, date=date(2027, 2, 20), impacts=impacts, cost=cost, delay=delay and tuple(d * D for d in delay))
for rid in reg.ids:
    print(f"{rid}: EMV {reg.emv(rid):>7.0f}  score {reg.score(rid):.2f}  {reg.rating(rid)}")
for line in reg.alert_lines(date(2027, 3, 20)):
    print("alert:", line)
print(reg.heatmap_text(), end="")
f = reg.forecast(p, iterations=5_000, seed=1)
print(f"P80: {f.percentile(80)} with risks, {f.percentile_without_risks(80)} without")
print(f"Reserve at P80: {f.reserve['schedule'] / D:.1f} working days; cost {f.reserve['cost']:.0f}")
