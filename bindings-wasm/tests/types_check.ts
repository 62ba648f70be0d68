// Type-checked with `tsc --noEmit --strict` against the generated pkg/planix_wasm.d.ts:
// the shapes a React developer relies on must stay typed (not `any`).
import {
  Project,
  Board,
  forecastWhen,
  type WorkItem,
  type BurndownRow,
  type WhenForecast,
  Engagement,
  RiskRegister,
  Schedule,
  Simulation,
  Pert,
  Leveling,
  Costs,
  RiskForecast,
  type ImpactAnalysis,
  type GateCheck,
  type Traceability,
  type EvmReport,
  type DcmaMetric,
  type SCurvePoint,
  type BaselinePeriod,
  type HeatCell,
  type GanttOptions,
  type GanttTaskReactTask,
  type FrappeTask,
  type DhtmlxData,
  type RiskBar,
  type ContingencyReserve,
  type RiskRow,
  type ScheduledTask,
  type HistogramBin,
  type SimulationOptions,
  type ResourceSpec,
  type LevelingDelay,
  type Overallocation,
  type LoadRow,
  type PeriodCost,
} from "../pkg/planix_wasm.js";

export function summary(p: Project): string {
  const s = p.schedule();
  const tasks: ScheduledTask[] = s.tasks();
  const late: number = tasks.filter((t) => t.critical).reduce((n, t) => n + t.total_float, 0);
  const driver = s.driver(tasks[0].id);
  const why: string = driver.type === "predecessor" ? `after ${driver.task} (${driver.kind})` : driver.type;
  const opts: SimulationOptions = {
    iterations: 2000,
    seed: 7,
    risks: [{ id: "R1", probability: 0.3, tasks: [tasks[0].id], delay: { optimistic: 60, most_likely: 120, pessimistic: 480 } }],
  };
  const r = p.simulate(opts);
  const bins: HistogramBin[] = r.histogram;
  const crit: number = r.criticality[tasks[0].id] ?? 0;
  return `${s.finish} ${late} ${why} P80 ${r.percentile(80)} bins ${bins.length} crit ${crit} ${p.pert().dateAt(0.8)}`;
}

export function leveling(p: Project): string {
  const r: ResourceSpec = { name: "Ana", max_units: 1, standard_rate: 90, leave: [{ from: "2027-03-01", until: "2027-03-05" }] };
  const ana = p.addResource(r);
  const t = p.addTask({ name: "Design", duration: 960 });
  p.assign(t, ana, { units: 0.5 });
  const lv = p.level({ mode: "optimize", max_schedules: 1000, seed: 1 });
  const delays: LevelingDelay[] = lv.delays;
  const over: Overallocation[] = lv.remaining;
  const rows: LoadRow[] = p.loading("week");
  const curve: PeriodCost[] = p.costs().timephased("month");
  return `${delays.length} ${over.length} ${rows[0]?.utilisation} ${curve[0]?.cumulative} ${lv.schedule.finish}`;
}

export function risks(p: Project, task: number): string {
  const reg = new RiskRegister();
  reg.add({ id: "R1", title: "Legacy API", tasks: [task], next_review: "2027-02-01" });
  reg.assess("R1", { probability: 0.4, date: "2027-01-04", impacts: { schedule: 4 }, cost: 10_000 });
  reg.respond("R1", "mitigate", [{ description: "Spike", due: "2027-01-20" }]);
  const cells: HeatCell[] = reg.heatmap(true);
  const rows: RiskRow[] = reg.rows();
  const f = reg.forecast(p, { iterations: 1000, seed: 1, confidence: 90 });
  const bars: RiskBar[] = f.tornado;
  const reserve: ContingencyReserve = f.reserve;
  return `${cells.length} ${rows[0]?.rating} ${bars[0]?.finish_shift} ${reserve.schedule} ${f.percentile(80)}`;
}

export function client(p: Project, task: number): string {
  const e = new Engagement("Northwind", { contract_type: "time_and_materials" });
  e.addStakeholder({ id: "S1", name: "Dana", power: "high", interest: "high" });
  e.addDeliverable({ id: "D1", name: "Portal", acceptance: ["Works"], tasks: [task] });
  e.addRequirement({ id: "R1", title: "Orders", priority: "must", deliverables: ["D1"] });
  e.submitChange({ id: "CR-1", title: "More", requested_by: "S1", date: "2027-01-05", changes: [{ type: "set_duration", task, duration: 960 }] });
  const a: ImpactAnalysis = e.analyseChange("CR-1", p);
  const t: Traceability = e.traceability(p);
  const g: GateCheck[] = e.gate(p, "2027-01-05");
  return `${a.finish_shift} ${t.without_task.length} ${g[0]?.met} ${e.phase}`;
}

export function control(p: Project, task: number): string {
  p.saveBaseline(0, "2027-01-01");
  p.setStatusDate("2027-01-06T17:00");
  p.setProgress(task, { actual_start: "2027-01-04T08:00", percent_complete: 50 });
  const r: EvmReport = p.earnedValue({ baseline: 0, method: "physical" });
  const c: SCurvePoint[] = p.sCurve({ period: "week" });
  const tp: BaselinePeriod[] = p.baselineTimephased({ baseline: 0, period: "month" });
  const d: DcmaMetric[] = p.dcma(0);
  return `${r.project.spi} ${r.earned_schedule.forecast_finish} ${c[0]?.ev} ${d[0]?.pass}`;
}

// Fails to compile if any of these regress to `any`.
type IsAny<T> = 0 extends 1 & T ? true : false;
export const typed: [
  IsAny<ReturnType<ReturnType<Project["schedule"]>["tasks"]>>,
  IsAny<ReturnType<ReturnType<Project["schedule"]>["driver"]>>,
  IsAny<Parameters<Project["simulate"]>[0]>,
  IsAny<ReturnType<Project["simulate"]>["histogram"]>,
  IsAny<ReturnType<Project["simulate"]>["criticality"]>,
  IsAny<Parameters<Project["level"]>[0]>,
  IsAny<ReturnType<Project["level"]>["delays"]>,
  IsAny<ReturnType<Project["loading"]>>,
  IsAny<ReturnType<ReturnType<Project["costs"]>["timephased"]>>,
  IsAny<Parameters<Project["addResource"]>[0]>,
  IsAny<Parameters<RiskRegister["add"]>[0]>,
  IsAny<Parameters<RiskRegister["assess"]>[1]>,
  IsAny<ReturnType<RiskRegister["heatmap"]>>,
  IsAny<ReturnType<RiskRegister["forecast"]>["tornado"]>,
  IsAny<Parameters<Engagement["submitChange"]>[0]>,
  IsAny<ReturnType<Engagement["analyseChange"]>>,
  IsAny<ReturnType<Project["earnedValue"]>>,
  IsAny<Parameters<Project["setProgress"]>[1]>,
] = [false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false];

// Every method, getter and static of every class: no parameter and no result is `any`
// (an untyped `JsValue` would be). A regression names the member in the compile error.
type AnyParams<P extends unknown[]> = true extends { [I in keyof P]: IsAny<P[I]> }[number] ? true : false;
type HasAny<F> = IsAny<F> extends true
  ? true
  : F extends (...args: infer P) => infer R
    ? IsAny<R> extends true ? true : AnyParams<P>
    : false;
type Untyped<C> = { [K in keyof C]: HasAny<C[K]> extends true ? K : never }[keyof C];
type NoneUntyped<T extends never> = T;
export type Checked = [
  NoneUntyped<Untyped<Project>>, NoneUntyped<Untyped<typeof Project>>,
  NoneUntyped<Untyped<Schedule>>, NoneUntyped<Untyped<Simulation>>, NoneUntyped<Untyped<Pert>>,
  NoneUntyped<Untyped<Leveling>>, NoneUntyped<Untyped<Costs>>,
  NoneUntyped<Untyped<RiskRegister>>, NoneUntyped<Untyped<typeof RiskRegister>>, NoneUntyped<Untyped<RiskForecast>>,
  NoneUntyped<Untyped<Engagement>>, NoneUntyped<Untyped<typeof Engagement>>,
  NoneUntyped<Untyped<Board>>, NoneUntyped<Untyped<typeof Board>>,
];

// A board in a React app: typed items, burndown rows and forecasts.
export function board(): string {
  const b = new Board("Portal");
  b.addColumn({ id: "todo", name: "To do", stage: "todo" });
  b.addColumn({ id: "dev", name: "Dev", stage: "doing", wip: { limit: 3, hard: true } });
  b.addItem({ id: "A", title: "Login", estimate: 3, assignees: ["ana"] }, new Date(2027, 2, 1, 9));
  b.addSprint("S1", "2027-03-01", new Date(2027, 2, 12), { goal: "Login" });
  const warnings = b.moveCard("A", { column: "dev" }, "2027-03-01T10:00", "ana");
  const items: WorkItem[] = b.items();
  const burn: BurndownRow[] = b.burndown("S1");
  const f: WhenForecast = forecastWhen([1, 2, 0, 3], 10, "2027-03-01", undefined, { seed: 1 });
  return `${warnings.length} ${items[0].title} ${burn.length} ${f.p85} ${f.histogram[0][1]}`;
}

// Dates go in as `Date` or text; durations and lags as minutes or text.
export function inputs(p: Project): string {
  const q = new Project("Dates", new Date(2027, 0, 4, 8, 0), "2027-06-30T17:00");
  const t = p.addTask({ name: "Typed", duration: "3d", deadline: "2027-02-01T17:00:00" });
  p.editTask(t, { duration: "1w 2d", notes: "edited" });
  p.addDependency({ predecessor: t, successor: t + 0, kind: "ss", lag: "1ed" });
  p.setDuration(t, "4h 30m");
  p.setConstraint(t, "snet", new Date(2027, 0, 11, 8));
  p.setDeadline(t);
  const removed: number[] = p.removeTask(t);
  return `${q.name} ${removed.length} ${p.tasks().length} ${p.toObject()["format"]}`;
}

export function charts(p: Project, reg: RiskRegister): string {
  const o: GanttOptions = { max_level: 2, scale: "week", columns: ["wbs", "name"], critical_only: false };
  const svg: string = p.gantt(o) + p.network({ sweeps: 4 }) + p.chart("histogram") + reg.heatmapChart({ view: "both" });
  const rows: GanttTaskReactTask[] = p.toGanttTaskReact();
  const start: Date = rows[0].start;
  const frappe: FrappeTask[] = p.toFrappeGantt();
  const dhx: DhtmlxData = p.toDhtmlxGantt();
  const s: Schedule = p.schedule();
  return `${svg.length} ${start.getFullYear()} ${frappe[0].custom_class} ${dhx.links.length} ${s.gantt(p).length}`;
}
