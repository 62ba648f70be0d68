//! TypeScript declarations of the plain objects that cross the boundary, appended to the
//! generated `.d.ts`; methods that take or return them name these types.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** ISO 8601 local date-time, e.g. "2027-01-04T08:00:00". */
export type DateTime = string;
export type LinkKind = "fs" | "ss" | "ff" | "sf";
export type ConstraintKind = "asap" | "alap" | "snet" | "snlt" | "fnet" | "fnlt" | "mso" | "mfo";

/** Why a task starts when it does. */
export type Driver =
  | { type: "project_start" }
  | { type: "predecessor"; task: number; kind: LinkKind }
  | { type: "constraint"; kind: ConstraintKind }
  | { type: "summary"; task: number }
  | { type: "leveling" }
  | { type: "calendar"; calendar: number; cause: Driver };

/** One task of a schedule; durations and floats are working minutes. */
export interface ScheduledTask {
  id: number;
  name: string;
  kind: "summary" | "task" | "milestone";
  start: DateTime;
  finish: DateTime;
  early_start: DateTime;
  early_finish: DateTime;
  late_start: DateTime;
  late_finish: DateTime;
  duration: number;
  total_float: number;
  free_float: number;
  critical: boolean;
  driver: Driver;
}

export type ScheduleWarning =
  | { type: "constraint_conflict"; task: number; name: string; constraint: ConstraintKind; date: DateTime; links_want_start: DateTime }
  | { type: "missed_deadline"; task: number; name: string; deadline: DateTime; finish: DateTime }
  | { type: "negative_float"; tasks: number[] };

/** How a duration is distributed between its three points. */
export type Distribution =
  | { type: "beta_pert"; lambda?: number }
  | { type: "triangular" | "uniform" | "normal" | "lognormal" | "fixed" };

/** A three-point estimate in working minutes. */
export interface EstimateInput {
  optimistic: number;
  most_likely: number;
  pessimistic: number;
  distribution?: Distribution;
}

/** A three-point money estimate. */
export interface CostEstimateInput {
  optimistic: number;
  most_likely: number;
  pessimistic: number;
  distribution?: Distribution;
}

/** A discrete risk event fed to the simulation. */
export interface RiskEventInput {
  id: string;
  probability: number;
  tasks?: number[];
  delay?: EstimateInput;
  cost?: CostEstimateInput;
}

/** Tasks whose durations move together (pairwise correlation `rho` in [0, 1]). */
export interface CorrelationGroupInput {
  tasks: number[];
  rho: number;
}

/** Options of `Project.simulate`. */
export interface SimulateOptions {
  iterations?: number;
  seed?: number;
  target?: DateTime;
  percentiles?: number[];
  risks?: RiskEventInput[];
  correlations?: CorrelationGroupInput[];
  sensitivity?: boolean;
  histogramBins?: number;
  /** Called after every 256 iterations; return `false` to stop (a SimulationError). */
  onProgress?: (done: number, total: number) => boolean | void;
}

/** One bar of the finish histogram. */
export interface HistogramBin {
  start: DateTime;
  end: DateTime;
  count: number;
  /** Share of iterations finishing before `end`. */
  cumulative: number;
}

/** ISO 8601 date, e.g. "2027-01-04". */
export type DateOnly = string;

/** A cost-rate row in effect from `from` on (standard: per hour for people, per unit for materials). */
export interface CostRateInput {
  from?: DateOnly;
  standard?: number;
  overtime?: number;
  per_use?: number;
}

/** Input of `Project.addResource`. */
export interface ResourceInput {
  name: string;
  kind?: "work" | "material" | "cost";
  /** Share of full time available (2 = two people). */
  maxUnits?: number;
  standardRate?: number;
  overtimeRate?: number;
  costPerUse?: number;
  materialLabel?: string;
  calendar?: number;
  rates?: CostRateInput[];
  leave?: { from: DateOnly; until: DateOnly }[];
  availability?: { from: DateOnly; until: DateOnly; units: number }[];
}

/** A resource as stored in the project. */
export interface ResourceOutput {
  id: number;
  name: string;
  kind: "work" | "material" | "cost";
  max_units: number;
  material_label?: string;
  availability?: { from: DateOnly; until: DateOnly; units: number }[];
  calendar?: number;
  leave?: { from: DateOnly; until: DateOnly }[];
  rates?: CostRateInput[];
}

/** Options of `Project.assign`. */
export interface AssignOptions {
  units?: number;
  cost?: number;
  /** Overtime work in minutes. */
  overtime?: number;
}

/** An assignment as stored in the project. */
export interface AssignmentOutput {
  task: number;
  resource: number;
  units: number;
  cost?: number;
  overtime?: number;
}

/** Options of `Project.level`. */
export interface LevelOptions {
  mode?: "fast" | "optimize";
  maxSchedules?: number;
  /** Seconds; native builds only (the browser has no clock here): use maxSchedules. */
  timeLimit?: number;
  seed?: number;
  withinFloat?: boolean;
  /** Optimising mode: called about every 256 schedules; return `false` to stop with the best so far. */
  onProgress?: (done: number, total: number) => boolean | void;
}

/** Why a task starts later in the leveled schedule; durations in working minutes. */
export interface LevelingDelay {
  task: number;
  name: string;
  delay: number;
  shift: number;
  resource: number | null;
  resource_name: string;
  blocked_by: number[];
}

/** A stretch in which a resource is booked beyond its units. */
export interface Overallocation {
  resource: number;
  name: string;
  from: DateTime;
  to: DateTime;
  peak: number;
  available: number;
  tasks: number[];
}

/** One row of the loading table. */
export interface LoadRow {
  resource: number;
  name: string;
  period: DateOnly;
  demand_hours: number;
  available_hours: number;
  utilisation: number;
  overallocated: boolean;
}

export interface TaskCost {
  task: number;
  name: string;
  fixed: number;
  resources: number;
  total: number;
  work_hours: number;
}

export interface ResourceCost {
  resource: number;
  name: string;
  cost: number;
  amount: number;
}

export interface PeriodCost {
  period: DateOnly;
  cost: number;
  cumulative: number;
}
export type RiskKind = "threat" | "opportunity";
export type RiskStatus = "identified" | "analysed" | "response_planned" | "monitored" | "occurred" | "closed";
export type RiskStrategy = "avoid" | "mitigate" | "transfer" | "accept" | "escalate" | "exploit" | "enhance" | "share";
export type RiskDimension = "schedule" | "cost" | "scope_quality" | "reputation";

/** Input of `RiskRegister.add`. */
export interface RiskInput {
  id: string;
  title: string;
  kind?: RiskKind;
  owner?: string;
  category?: string;
  description?: string;
  cause?: string;
  event?: string;
  effect?: string;
  tasks?: number[];
  deliverables?: string[];
  triggers?: string[];
  identified?: DateOnly;
  proximity?: DateOnly;
  nextReview?: DateOnly;
  contingencyMinutes?: number;
  contingencyCost?: number;
}

/** Input of `RiskRegister.assess`; `delay` is in working minutes. */
export interface AssessInput {
  probability: number;
  impact?: number;
  date: DateOnly;
  cost?: number;
  delay?: EstimateInput;
  impacts?: Partial<Record<RiskDimension, number>>;
  residual?: boolean;
}

/** A response action. */
export interface RiskAction {
  description: string;
  owner?: string;
  due?: DateOnly;
  cost?: number;
  status?: "open" | "in_progress" | "done";
  task?: number;
}

/** An assessment as stored. */
export interface RiskAssessment {
  probability: number;
  impact: number;
  impacts?: Partial<Record<RiskDimension, number>>;
  cost: number;
  delay?: EstimateInput;
}

/** A risk record as stored (see docs/format.md). */
export interface RiskRecord {
  id: string;
  title: string;
  kind: RiskKind;
  status: RiskStatus;
  owner?: string;
  category?: string;
  tasks?: number[];
  identified?: DateOnly;
  closed?: DateOnly;
  next_review?: DateOnly;
  inherent?: RiskAssessment;
  residual?: RiskAssessment;
  history?: { date: DateOnly; residual: boolean; assessment: RiskAssessment }[];
  responses?: { strategy: RiskStrategy; actions: RiskAction[] }[];
  [key: string]: unknown;
}

/** A probability × impact matrix. */
export interface RiskMatrix {
  probability: { label: string; min: number; max: number }[];
  impact_levels: number;
  ratings: string[];
  cells: number[][];
  impact_scale?: { label: string; cost_from: number; days_from: number }[];
  scoring?: "probability_times_impact" | "matrix";
}

/** One heat-map cell. */
export interface HeatCell {
  probability: number;
  probability_label: string;
  impact: number;
  impact_label: string;
  rating: string;
  risks: string[];
}

export type RiskAlert =
  | { type: "review_overdue"; risk: string; due: DateOnly }
  | { type: "high_without_owner" | "high_without_response"; risk: string; rating: string }
  | { type: "action_overdue"; risk: string; action: string; due: DateOnly };

/** Risk exposure on one day. */
export interface RiskExposure {
  date: DateOnly;
  open: number;
  threats: number;
  opportunities: number;
  net: number;
  score: number;
}

/** One risk as a flat table row. */
export interface RiskRow {
  id: string;
  title: string;
  kind: RiskKind;
  status: RiskStatus;
  category: string;
  owner: string;
  probability: number | null;
  impact: number | null;
  score: number | null;
  rating: string | null;
  emv: number | null;
  delay_minutes: number | null;
  inherent_probability: number | null;
  inherent_impact: number | null;
  responses: string;
  tasks: number[];
  next_review: DateOnly | null;
}

/** Options of `RiskRegister.forecast`. */
export interface ForecastOptions {
  iterations?: number;
  seed?: number;
  confidence?: number;
  target?: DateTime;
}

/** One bar of the risk tornado; `finish_shift` in working minutes. */
export interface RiskBar {
  id: string;
  title: string;
  occurred: number;
  finish_shift: number | null;
  emv: number;
}

/** Contingency reserve; schedule values in working minutes. */
export interface ContingencyReserve {
  confidence: number;
  emv: number;
  schedule: number;
  schedule_from_risks: number;
  cost: number | null;
}
/** Inputs of `Engagement`. Dates are "YYYY-MM-DD"; change objects use the JSON document's snake_case fields. */
export interface AccountInput { industry?: string; contractValue?: number; contractType?: "fixed_price" | "time_and_materials" | "retainer" | "milestone_based" }
export interface Contact { name: string; role?: string; email?: string; phone?: string }
export interface StakeholderInput { id: string; name: string; role?: string; organisation?: string; power?: "low" | "high"; interest?: "low" | "high"; channel?: "email" | "call" | "meeting" | "report" | "chat"; email?: string }
export interface ObjectiveInput { id: string; description: string; successCriteria?: { measure: string; target: string }[] }
export interface DeliverableInput { id: string; name: string; acceptance?: string[]; due?: DateOnly; tasks?: number[] }
export interface SignOffInput { by: string; date: DateOnly; accepted: boolean; reasons?: string }
export interface RequirementInput { id: string; title: string; priority?: "must" | "should" | "could" | "wont"; source?: string; status?: "proposed" | "approved" | "implemented" | "verified" | "rejected"; acceptance?: string[]; deliverables?: string[]; tasks?: number[] }
export interface CommItemInput { id: string; what: string; audience: string[]; frequency: "daily" | "weekly" | "fortnightly" | "monthly" | "quarterly"; start: DateOnly; channel?: "email" | "call" | "meeting" | "report" | "chat"; until?: DateOnly; owner?: string }
export interface LogEntryInput { id: string; date: DateOnly; kind: "meeting" | "call" | "email" | "decision" | "note"; summary: string; stakeholders?: string[]; requirements?: string[]; risks?: string[]; changes?: string[]; planItem?: string; actions?: { description: string; owner?: string; due?: DateOnly; done?: boolean }[] }
export type ChangeInput =
  | { type: "add_task"; name: string; duration: number; parent?: number; after?: number[]; before?: number[]; fixed_cost?: number }
  | { type: "remove_task"; task: number }
  | { type: "set_duration"; task: number; duration: number }
  | { type: "set_cost"; task: number; fixed_cost: number }
  | { type: "add_link" | "remove_link"; predecessor: number; successor: number }
  | { type: "add_scope" | "remove_scope"; statement: string };
export interface ChangeRequestInput { id: string; title: string; requestedBy: string; date: DateOnly; changes: ChangeInput[]; reason?: string }
export interface DecisionInput { by: string; date: DateOnly; approved: boolean; note?: string }
export interface FeedbackInput { id: string; date: DateOnly; sentiment: "positive" | "neutral" | "negative"; text: string; stakeholder?: string; topic?: string; links?: string[] }
export interface SurveyInput { date: DateOnly; kind: "csat" | "nps"; score: number; stakeholder?: string }
export interface CommunicationDue { item: string; what: string; date: DateOnly; done: boolean }
export interface GateCheck { id: string; description: string; met: boolean; detail: string }
export interface Traceability {
  rows: { requirement: string; title: string; priority: string; status: string; deliverables: string[]; tasks: number[] }[];
  without_deliverable: string[];
  without_task: string[];
  unrequired_tasks: number[];
}
/** Impact of a change request; `finish_shift` in working minutes. */
export interface ImpactAnalysis {
  fingerprint: string;
  finish_before: DateTime;
  finish_after: DateTime;
  finish_shift: number;
  critical_before: number[];
  critical_after: number[];
  cost_before: number;
  cost_after: number;
  milestones: { task: number; name: string; before: DateTime; after: DateTime }[];
  deliverables: string[];
}
/** Progress of a task; dates are ISO date-times, `remaining` working minutes, `actualWork` hours. */
export interface ProgressInput { actualStart?: DateTime; actualFinish?: DateTime; percentComplete?: number; physicalPercent?: number; remaining?: number; actualWork?: number; actualCost?: number }
export interface EarnedValueOptions { baseline?: number; method?: "percent_complete" | "physical" }
export interface SCurveOptions extends EarnedValueOptions { period?: "day" | "week" | "month" }
export interface EvmFigures {
  bac: number; pv: number; ev: number; ac: number; sv: number; cv: number;
  spi: number | null; cpi: number | null; eac_remaining_at_budget: number; eac_cpi: number | null;
  eac_cpi_spi: number | null; etc: number | null; vac: number | null; tcpi_bac: number | null; tcpi_eac: number | null;
}
export interface EarnedValueReport {
  status_date: DateTime; baseline: number; method: string; project: EvmFigures; eac_bottom_up: number;
  tasks: { task: number; name: string; kind: string; figures: EvmFigures }[];
  earned_schedule: { es: number; at: number; pd: number; sv_t: number; spi_t: number | null; tspi: number | null; ieac_t: number | null; forecast_finish: DateTime | null };
}
export interface TimephasedOptions { baseline?: number; period?: "day" | "week" | "month" }
export interface BaselinePeriod { task: number; resource: number | null; period: DateOnly; work: number; cost: number }
export interface SCurvePoint { period: DateOnly; at: DateTime; pv: number; ev: number | null; ac: number | null }
export interface DcmaMetric { number: number; name: string; value: number | null; unit: "%" | "count" | "ratio"; threshold: number; rule: "<=" | ">="; pass: boolean | null; tasks: number[] }
/** Health findings and RAG. */
export interface Health {
  status_date: DateTime | null;
  overall: "green" | "amber" | "red";
  areas: { area: "schedule" | "cost" | "resources" | "risk" | "client"; rag: "green" | "amber" | "red" }[];
  findings: { rule: string; area: string; severity: "info" | "warning" | "critical"; message: string; items: string[] }[];
}
"#;
