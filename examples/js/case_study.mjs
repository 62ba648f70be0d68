// The case study from JavaScript: load the plan, schedule it, print it (mirrors the Rust example).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initSync, Engagement, Project, RiskRegister } from '../../bindings-wasm/pkg/planix_wasm.js';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
initSync({ module: readFileSync(here('../../bindings-wasm/pkg/planix_wasm_bg.wasm')) });

const project = Project.fromJson(readFileSync(here('../data/case_study.json'), 'utf8'));
const schedule = project.schedule();
const critical = new Set(schedule.criticalPath());
const tasks = schedule.tasks();
for (const t of tasks) {
  const mark = critical.has(t.id) ? '*' : ' ';
  console.log(`${mark} ${t.name.slice(0, 44).padEnd(44)} ${t.start.slice(0, 16)}  ${t.finish.slice(0, 16)}  TF ${(t.total_float / 480).toFixed(1)}d`);
}
console.log('Project finish:', schedule.finish);
const names = new Map(tasks.map((t) => [t.id, t.name]));
console.log('Critical path:', [...schedule.criticalPath()].map((id) => names.get(id)).join(' -> '));

// Resources: level the team and price the plan.
const leveling = project.level();
console.log(`Over-allocations: ${leveling.before.length} before leveling, ${leveling.remaining.length} after`);
console.log('Leveled finish:', leveling.schedule.finish);
for (const d of [...leveling.delays].sort((a, b) => b.delay - a.delay).slice(0, 3)) {
  console.log(`  ${d.name} waits ${(d.delay / 480).toFixed(1)} days for ${d.resource_name}`);
}
const costs = project.costsOf(leveling.schedule);
console.log(`Budget: ${Math.round(costs.total).toLocaleString('en')}`);

// Risks: the register the Rust example wrote, its matrix and the risk-adjusted forecast.
const register = RiskRegister.fromJson(readFileSync(here('../data/case_study_risks.json'), 'utf8'));
console.log(`Risk register: ${register.length} risks; net EMV ${Math.round(register.totalEmv().net).toLocaleString('en')}`);
process.stdout.write(register.heatmapText());
for (const line of register.alertLines('2027-05-17')) console.log('  alert:', line);
const forecast = register.forecast(project, { iterations: 10000, seed: 2027 });
console.log(`Risk-adjusted P80 ${forecast.percentile(80)} (without risks ${forecast.percentileWithoutRisks(80)})`);
console.log('Risk tornado:', forecast.tornado.slice(0, 5).map((b) => `${b.id} +${(b.finish_shift / 480).toFixed(1)}d`).join(', '));

// The client side: the engagement the Rust example wrote.
const engagement = Engagement.fromJson(readFileSync(here('../data/case_study_client.json'), 'utf8'));
const trace = engagement.traceability(project);
console.log(`Client ${engagement.account.organisation}: phase ${engagement.phase}; CSAT ${engagement.csat.toFixed(0)}%, NPS +${engagement.nps.toFixed(0)}`);
console.log(`Traceability: ${trace.without_deliverable.length} requirements without a deliverable, ${trace.unrequired_tasks.length} work tasks serve no requirement`);
const cr = engagement.change('CR-1');
console.log(`CR-1 ${cr.title}: +${(cr.analysis.finish_shift / 480).toFixed(1)} working days, ${cr.status}`);
const raid = engagement.raidSummaryWithRisks(register);
const issues = raid.filter((r) => r.type === 'issue');
console.log(`RAID: ${issues.length} issues (${issues.map((i) => `${i.id} ${i.status}`).join(', ')}), ${raid.filter((r) => r.type === 'decision').length} decisions; by root cause: ${[...new Set(engagement.issues.map((i) => i.root_cause))].sort().join('; ')}`);

// Monitoring: the plan tracked at 14 May 2027 (baseline 0, progress) that the Rust example wrote.
const tracked = Project.fromJson(readFileSync(here('../data/case_study_tracked.json'), 'utf8'));
const ev = tracked.earnedValue();
console.log(`EVM at ${tracked.statusDate}: SPI ${ev.project.spi.toFixed(2)}, CPI ${ev.project.cpi.toFixed(2)}, EAC ${Math.round(ev.project.eac_cpi).toLocaleString('en')}; ES ${ev.earned_schedule.es.toFixed(1)} of ${ev.earned_schedule.at.toFixed(1)} days`);
console.log('DCMA failed:', tracked.dcma().filter((m) => m.pass === false).map((m) => m.name).join(', '));
console.log('Health:', tracked.healthWith(engagement, register).overall);
