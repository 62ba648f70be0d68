"""The case study from Python: load the plan, schedule it, print it (mirrors the Rust example)."""

from pathlib import Path

import planix

text = (Path(__file__).resolve().parents[1] / "data" / "case_study.json").read_text()
project = planix.Project.from_json(text)
schedule = project.schedule()
critical = set(schedule.critical_path())
for t in schedule.tasks():
    mark = "*" if t["id"] in critical else " "
    print(f"{mark} {t['name'][:44]:<44} {t['start']:%Y-%m-%dT%H:%M}  {t['finish']:%Y-%m-%dT%H:%M}  TF {t['total_float'] / 480:5.1f}d")
print("Project finish:", schedule.finish)
names = {t["id"]: t["name"] for t in schedule.tasks()}
print("Critical path:", " -> ".join(names[i] for i in schedule.critical_path()))

# Resources: level the team and price the plan.
leveling = project.level()
print(f"Over-allocations: {len(leveling.before)} before leveling, {len(leveling.remaining)} after")
print("Leveled finish:", leveling.schedule.finish)
for d in sorted(leveling.delays, key=lambda d: -d["delay"])[:3]:
    print(f"  {d['name']} waits {d['delay'] / 480:.1f} days for {d['resource_name']}")
costs = project.costs(schedule=leveling.schedule)
print(f"Budget: {costs.total:,.0f}")

# Risks: the register the Rust example wrote, its matrix and the risk-adjusted forecast.
from datetime import date  # noqa: E402

register = planix.RiskRegister.from_json((Path(__file__).resolve().parents[1] / "data" / "case_study_risks.json").read_text())
emv = register.total_emv()
print(f"Risk register: {len(register)} risks; net EMV {emv['net']:,.0f}")
print(register.heatmap_text(), end="")
for line in register.alert_lines(date(2027, 5, 17)):
    print("  alert:", line)
forecast = register.forecast(project, iterations=10_000, seed=2027)
print(f"Risk-adjusted P80 {forecast.percentile(80)} (without risks {forecast.percentile_without_risks(80)})")
print("Risk tornado:", ", ".join(f"{b['id']} +{b['finish_shift'] / 480:.1f}d" for b in forecast.tornado[:5]))

# The client side: the engagement the Rust example wrote (stakeholders, traceability, the
# change request, satisfaction and the phases it went through).
engagement = planix.Engagement.from_json((Path(__file__).resolve().parents[1] / "data" / "case_study_client.json").read_text())
trace = engagement.traceability(project)
print(f"Client {engagement.account['organisation']}: phase {engagement.phase}; CSAT {engagement.csat:.0f}%, NPS {engagement.nps:+.0f}")
print(f"Traceability: {len(trace['without_deliverable'])} requirements without a deliverable, {len(trace['unrequired_tasks'])} work tasks serve no requirement")
cr = engagement.change("CR-1")
print(f"CR-1 {cr['title']}: {cr['analysis']['finish_shift'] / 480:+.1f} working days, {cr['status']}")
raid = engagement.raid_summary(register).rows
issues = [r for r in raid if r["type"] == "issue"]
print(f"RAID: {len(issues)} issues ({', '.join(i['id'] + ' ' + i['status'] for i in issues)}), "
      f"{sum(r['type'] == 'decision' for r in raid)} decisions; by root cause: "
      + "; ".join(sorted({i['root_cause'] for i in engagement.issues})))

# Monitoring: the plan tracked at 14 May 2027 (baseline 0, progress) that the Rust example wrote.
tracked = planix.Project.from_json((Path(__file__).resolve().parents[1] / "data" / "case_study_tracked.json").read_text())
ev = tracked.earned_value()
f, es = ev["project"], ev["earned_schedule"]
print(f"EVM at {tracked.status_date}: SPI {f['spi']:.2f}, CPI {f['cpi']:.2f}, EAC {f['eac_cpi']:,.0f}; ES {es['es']:.1f} of {es['at']:.1f} days")
dcma = tracked.dcma().rows
print("DCMA failed:", ", ".join(m["name"] for m in dcma if m["pass"] is False))
print("Health:", tracked.health(engagement, register)["overall"])
