from datetime import date, datetime
from typing import Any, Literal, Optional, TypedDict, final

HEALTH_RULES: list[str]

_LinkKind = Literal["fs", "ss", "ff", "sf"]
_LagKind = Literal["working", "elapsed", "percent"]
__version__: str
_Duration = int | str
"""Working minutes, or MS Project text: "3d", "4h 30m", "2w", lags also "1.5ed", "50%", "-1d"."""
_ConstraintKind = Literal["asap", "alap", "snet", "snlt", "fnet", "fnlt", "mso", "mfo"]

class _ScheduledTaskDict(TypedDict):
    id: int
    name: str
    kind: Literal["summary", "task", "milestone"]
    start: str
    finish: str
    early_start: str
    early_finish: str
    late_start: str
    late_finish: str
    duration: int
    total_float: int
    free_float: int
    critical: bool
    driver: dict[str, Any]

class PlanixError(Exception): ...
class ArgumentError(PlanixError, ValueError):
    """A bad argument: unknown kind string, missing date, integer out of range."""
class ModelError(PlanixError): ...
class CalendarError(PlanixError): ...
class ScheduleError(PlanixError): ...

class CycleError(ScheduleError):
    """args = (message, task_ids); `.tasks` lists the cycle's task ids in order."""

    tasks: list[int]

class IoError(PlanixError): ...
class SimulationError(PlanixError): ...

class ClientError(PlanixError): ...
class ControlError(PlanixError): ...

class LifecycleError(PlanixError):
    """`.unmet` lists every unmet gate criterion as "id: detail"."""

    unmet: list[str]

class RiskError(PlanixError):
    """`.risk` names the risk at fault (None when no single one is); CSV errors also
    carry `.row` (1 = first data row) and `.column`."""

    risk: Optional[str]
    row: int
    column: str

class LevelingError(PlanixError):
    """A demand never fits: `.task` and `.resource` name it."""

    task: int
    resource: int

_Period = Literal["day", "week", "month"]

class _DelayDict(TypedDict):
    task: int
    name: str
    delay: int
    shift: int
    resource: Optional[int]
    resource_name: str
    blocked_by: list[int]

_OverallocationDict = TypedDict(
    "_OverallocationDict",
    {
        "resource": int,
        "name": str,
        "from": str,
        "to": str,
        "peak": float,
        "available": float,
        "tasks": list[int],
    },
)

class _LoadRowDict(TypedDict):
    resource: int
    name: str
    period: str
    demand_hours: float
    available_hours: float
    utilisation: float
    overallocated: bool

class _TaskCostDict(TypedDict):
    task: int
    name: str
    fixed: float
    resources: float
    total: float
    work_hours: float

class _ResourceCostDict(TypedDict):
    resource: int
    name: str
    cost: float
    amount: float

class _PeriodCostDict(TypedDict):
    period: str
    cost: float
    cumulative: float

@final
class Project:
    def __new__(cls, name: str, start: datetime | date | str, finish: Optional[datetime | date | str] = None) -> Project: ...
    @classmethod
    def from_json(cls, text: str) -> Project: ...
    @classmethod
    def from_mspdi(cls, text: str | bytes) -> Project:
        """Load a Microsoft Project XML (MSPDI) document (text, or bytes in UTF-8 or UTF-16)."""
    def to_mspdi(self) -> str:
        """Microsoft Project XML (MSPDI) text, with the rescheduled dates."""
    def export(self, format: Literal["json", "mspdi", "mermaid", "plantuml", "ical", "csv"]) -> str:
        """The plan as text in a format, with the rescheduled dates."""
    def to_csv(self) -> dict[str, str]:
        """The plan as CSV tables: ``tasks``, ``resources`` and ``assignments`` text."""
    @classmethod
    def from_csv(cls, name: str, start: datetime | date | str, tasks: str, resources: Optional[str] = None, assignments: Optional[str] = None) -> Project:
        """A plan from CSV tables (as ``to_csv`` writes them)."""
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Project: ...
    def __getstate__(self) -> str: ...
    def __setstate__(self, state: str) -> None: ...
    def __getnewargs__(self) -> tuple[str, datetime]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __len__(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def revision(self) -> int: ...
    def add_task(
        self,
        name: str,
        duration: _Duration = 0,
        parent: Optional[int] = None,
        milestone: bool = False,
        calendar: Optional[int] = None,
        constraint: _ConstraintKind = "asap",
        constraint_date: Optional[datetime | date | str] = None,
        deadline: Optional[datetime | date | str] = None,
        notes: str = ...,
    ) -> int: ...
    def add_dependency(
        self, predecessor: int, successor: int, kind: _LinkKind = "fs", lag: _Duration = 0, lag_kind: _LagKind = "working"
    ) -> None: ...
    def link(self, predecessor: int, successor: int) -> None: ...
    def remove_dependency(self, predecessor: int, successor: int) -> None: ...
    def remove_task(self, id: int) -> list[int]: ...
    def set_constraint(self, task: int, kind: _ConstraintKind, date: Optional[datetime | date | str] = None) -> None: ...
    def set_deadline(self, task: int, deadline: Optional[datetime | date | str] = None) -> None: ...
    def set_duration(self, task: int, duration: _Duration) -> None: ...
    def edit_task(self, task: int, **fields: Any) -> None: ...
    def task(self, id: int) -> dict[str, Any]: ...
    def tasks(self) -> list[dict[str, Any]]: ...
    def outline_number(self, id: int) -> str: ...
    def add_calendar(self, calendar: dict[str, Any]) -> int: ...
    def calendar(self, id: int) -> dict[str, Any]: ...
    def replace_calendar(self, id: int, calendar: dict[str, Any]) -> None: ...
    def set_project_calendar(self, id: int) -> None: ...
    def schedule(self) -> Schedule: ...
    def set_estimate(
        self,
        task: int,
        optimistic: int,
        most_likely: int,
        pessimistic: int,
        distribution: Literal["beta_pert", "pert", "triangular", "uniform", "normal", "lognormal", "fixed"] = "beta_pert",
        lam: float = 4.0,
    ) -> None: ...
    def set_cost(self, task: int, fixed_cost: float = 0.0, cost_rate: float = 0.0) -> None: ...
    def simulate(
        self,
        *,
        iterations: int = ...,
        seed: int = ...,
        target: datetime | date | str | None = ...,
        percentiles: list[float] | None = ...,
        risks: list[dict[str, Any]] | None = ...,
        correlations: list[dict[str, Any]] | None = ...,
        sensitivity: bool = ...,
        histogram_bins: int = ...,
    ) -> Simulation: ...
    def pert(self, moments: Literal["classic", "exact"] = "classic") -> Pert: ...
    def add_resource(
        self,
        name: str,
        *,
        kind: Literal["work", "material", "cost"] = ...,
        max_units: float = ...,
        standard_rate: float = ...,
        overtime_rate: float = ...,
        cost_per_use: float = ...,
        material_label: str = ...,
        calendar: Optional[int] = ...,
        rates: Optional[list[dict[str, Any]]] = ...,
        leave: Optional[list[tuple[date, date] | dict[str, date]]] = ...,
        availability: Optional[list[tuple[date, date, float] | dict[str, Any]]] = ...,
    ) -> int: ...
    def resource(self, id: int) -> dict[str, Any]: ...
    def resources(self) -> list[dict[str, Any]]: ...
    def remove_resource(self, id: int) -> None: ...
    def assign(
        self, task: int, resource: int, *, units: float = ..., cost: float = ..., overtime: _Duration = ...
    ) -> None: ...
    def unassign(self, task: int, resource: int) -> None: ...
    def assignments(self) -> list[dict[str, Any]]: ...
    def set_priority(self, task: int, priority: int) -> None: ...
    def set_effort_driven(self, task: int, effort_driven: bool = True) -> None: ...
    def level(
        self,
        *,
        mode: Literal["fast", "optimize"] = ...,
        max_schedules: int = ...,
        time_limit: Optional[float] = ...,
        seed: int = ...,
        within_float: bool = ...,
    ) -> Leveling: ...
    def overallocations(self, schedule: Optional[Schedule] = None) -> list[_OverallocationDict]: ...
    def loading(self, period: _Period = "week", schedule: Optional[Schedule] = None) -> Loading: ...
    def costs(self, schedule: Optional[Schedule] = None) -> Costs: ...
    @property
    def status_date(self) -> Optional[datetime]: ...
    def set_status_date(self, date: Optional[datetime]) -> None: ...
    def set_progress(
        self,
        task: int,
        *,
        actual_start: Optional[datetime] = None,
        actual_finish: Optional[datetime] = None,
        percent_complete: int = 0,
        physical_percent: Optional[int] = None,
        remaining: Optional[int] = None,
        actual_work: Optional[float] = None,
        actual_cost: Optional[float] = None,
    ) -> None: ...
    def reschedule(self, *, move_completed_ends_back: bool = ..., move_remaining_starts_back: bool = ..., move_remaining_starts_forward: bool = ..., move_completed_ends_forward: bool = ..., unstarted_after_status_date: bool = ...) -> Schedule: ...
    def save_baseline(self, n: int = 0, saved: Optional[date] = None) -> None: ...
    @property
    def baselines(self) -> list[int]: ...
    def baseline(self, n: int) -> Optional[dict[str, Any]]: ...
    def variance(self, n: int = 0, schedule: Optional[Schedule] = None) -> dict[str, Any]: ...
    def variance_table(self, n: int = 0) -> Table: ...
    def earned_value(
        self, baseline: int = 0, method: Literal["percent_complete", "physical"] = "percent_complete"
    ) -> dict[str, Any]: ...
    def earned_value_table(
        self, baseline: int = 0, method: Literal["percent_complete", "physical"] = "percent_complete"
    ) -> Table: ...
    def s_curve(
        self,
        baseline: int = 0,
        period: _Period = "week",
        method: Literal["percent_complete", "physical"] = "percent_complete",
    ) -> Table: ...
    def baseline_timephased(self, n: int = 0, period: _Period = "week") -> Table: ...
    def dcma(self, baseline: Optional[int] = ...) -> Table: ...
    def health(
        self,
        engagement: Optional[Engagement] = None,
        risks: Optional[RiskRegister] = None,
        *,
        baseline: Optional[int] = ...,
        behind_days: float = ...,
        spi_min: float = ...,
        cpi_min: float = ...,
        milestone_probability: Optional[float] = ...,
        simulation_iterations: int = ...,
        simulation_seed: int = ...,
        acceptance_days: int = ...,
        disabled: list[str] = ...,
    ) -> dict[str, Any]: ...
    def status_report(
        self,
        engagement: Optional[Engagement] = None,
        risks: Optional[RiskRegister] = None,
        *,
        baseline: int = ...,
        iterations: int = ...,
        seed: int = ...,
    ) -> str: ...

@final
class Schedule:
    @property
    def start(self) -> datetime: ...
    @property
    def finish(self) -> datetime: ...
    def tasks(self) -> list[_ScheduledTaskDict]: ...
    def task(self, id: int) -> _ScheduledTaskDict: ...
    def critical_path(self) -> list[int]: ...
    def critical_paths(self) -> list[list[int]]: ...
    def driver(self, id: int) -> dict[str, Any]: ...
    def warnings(self) -> list[dict[str, Any]]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def to_pandas(self) -> Any: ...
    def __len__(self) -> int: ...

@final
class Simulation:
    @property
    def iterations(self) -> int: ...
    @property
    def seed(self) -> int: ...
    @property
    def planned_finish(self) -> datetime: ...
    @property
    def mean(self) -> datetime: ...
    @property
    def std_dev(self) -> int: ...
    @property
    def target_probability(self) -> float | None: ...
    def percentile(self, p: float) -> datetime: ...
    def probability_by(self, date: datetime) -> float: ...
    def percentile_without_risks(self, p: float) -> datetime | None: ...
    @property
    def criticality(self) -> dict[int, float]: ...
    @property
    def sensitivity(self) -> dict[int, float]: ...
    @property
    def histogram(self) -> list[dict[str, Any]]: ...
    def cost_percentile(self, p: float) -> float | None: ...
    def samples(self) -> list[datetime]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_pandas(self) -> Any: ...
    def to_json(self) -> str: ...

@final
class Pert:
    @property
    def expected_finish(self) -> datetime: ...
    @property
    def path_mean(self) -> float: ...
    @property
    def std_dev(self) -> float: ...
    @property
    def critical_path(self) -> list[int]: ...
    def probability_by(self, date: datetime) -> float: ...
    def date_at(self, p: float) -> datetime: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Leveling:
    @property
    def schedule(self) -> Schedule: ...
    @property
    def delays(self) -> list[_DelayDict]: ...
    def delay(self, task: int) -> Optional[_DelayDict]: ...
    @property
    def before(self) -> list[_OverallocationDict]: ...
    @property
    def remaining(self) -> list[_OverallocationDict]: ...
    @property
    def schedules(self) -> int: ...
    def to_json(self) -> str: ...

@final
class Loading:
    @property
    def rows(self) -> list[_LoadRowDict]: ...
    def to_pandas(self) -> Any: ...
    def __len__(self) -> int: ...

@final
class Costs:
    @property
    def total(self) -> float: ...
    @property
    def tasks(self) -> list[_TaskCostDict]: ...
    @property
    def resources(self) -> list[_ResourceCostDict]: ...
    def task(self, task: int) -> float: ...
    def timephased(self, period: _Period = "week") -> list[_PeriodCostDict]: ...
    def to_pandas(self, period: _Period = "week") -> Any: ...
    def to_json(self) -> str: ...

_RiskKind = Literal["threat", "opportunity"]
_RiskStatus = Literal[
    "identified", "analysed", "response_planned", "monitored", "occurred", "closed"
]
_Strategy = Literal[
    "avoid", "mitigate", "transfer", "accept", "escalate", "exploit", "enhance", "share"
]
_Dimension = Literal["schedule", "cost", "scope_quality", "reputation"]

class _ActionDict(TypedDict, total=False):
    description: str
    owner: str
    due: Optional[date]
    cost: float
    status: Literal["open", "in_progress", "done"]
    task: Optional[int]

class _HeatCellDict(TypedDict):
    probability: int
    probability_label: str
    impact: int
    impact_label: str
    rating: str
    risks: list[str]

class _ExposureDict(TypedDict):
    date: str
    open: int
    threats: float
    opportunities: float
    net: float
    score: float

class _RiskRowDict(TypedDict):
    id: str
    title: str
    kind: _RiskKind
    status: _RiskStatus
    category: str
    owner: str
    probability: Optional[float]
    impact: Optional[int]
    score: Optional[float]
    rating: Optional[str]
    emv: Optional[float]
    delay_minutes: Optional[float]
    inherent_probability: Optional[float]
    inherent_impact: Optional[int]
    responses: str
    tasks: list[int]
    next_review: Optional[str]

class _RiskBarDict(TypedDict):
    id: str
    title: str
    occurred: float
    finish_shift: Optional[int]
    emv: float

class _ReserveDict(TypedDict):
    confidence: float
    emv: float
    schedule: int
    schedule_from_risks: int
    cost: Optional[float]

@final
class RiskRegister:
    def __new__(cls, matrix: Optional[dict[str, Any]] = None) -> RiskRegister: ...
    def add(
        self,
        id: str,
        title: str,
        kind: Optional[_RiskKind] = None,
        *,
        owner: str = ...,
        category: str = ...,
        description: str = ...,
        cause: str = ...,
        event: str = ...,
        effect: str = ...,
        tasks: list[int] = ...,
        deliverables: list[str] = ...,
        triggers: list[str] = ...,
        identified: Optional[date] = None,
        proximity: Optional[date] = None,
        next_review: Optional[date] = None,
        contingency_minutes: int = 0,
        contingency_cost: float = 0.0,
    ) -> str: ...
    def assess(
        self,
        id: str,
        probability: float,
        impact: Optional[int] = None,
        *,
        date: date,
        cost: float = 0.0,
        delay: Optional[tuple[int, int, int]] = None,
        distribution: str = "beta_pert",
        lam: float = 4.0,
        impacts: Optional[dict[_Dimension, int]] = None,
        residual: bool = False,
    ) -> None: ...
    def respond(
        self, id: str, strategy: _Strategy, actions: Optional[list[_ActionDict]] = None
    ) -> None: ...
    def set_status(self, id: str, status: _RiskStatus, date: date) -> None: ...
    @property
    def ids(self) -> list[str]: ...
    def get(self, id: str) -> Optional[dict[str, Any]]: ...
    @property
    def matrix(self) -> dict[str, Any]: ...
    def emv(self, id: str) -> Optional[float]: ...
    def total_emv(self) -> dict[str, float]: ...
    def score(self, id: str) -> Optional[float]: ...
    def rating(self, id: str) -> Optional[str]: ...
    def top(self, k: int = 10) -> list[str]: ...
    def heatmap(self, residual: bool = False) -> list[_HeatCellDict]: ...
    def heatmap_text(self, residual: bool = True) -> str: ...
    def alert_lines(self, today: date) -> list[str]: ...
    def alerts(self, today: date) -> list[dict[str, Any]]: ...
    def exposure(
        self, start: date, end: date, period: _Period = "month"
    ) -> list[_ExposureDict]: ...
    def forecast(
        self,
        project: Project,
        *,
        iterations: int = ...,
        seed: int = ...,
        confidence: float = ...,
        target: Optional[datetime | date | str] = ...,
    ) -> RiskForecast: ...
    def to_csv(self) -> str: ...
    @staticmethod
    def from_csv(text: str, date: date) -> RiskRegister: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> RiskRegister: ...
    def rows(self) -> list[_RiskRowDict]: ...
    def to_pandas(self) -> Any: ...
    def __len__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class RiskForecast:
    def percentile(self, p: float) -> datetime: ...
    def percentile_without_risks(self, p: float) -> datetime: ...
    @property
    def tornado(self) -> list[_RiskBarDict]: ...
    @property
    def reserve(self) -> _ReserveDict: ...
    @property
    def simulation(self) -> Simulation: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...

_Phase = Literal["initiation", "planning", "execution", "monitoring", "closing", "closed"]

class _GateCheckDict(TypedDict):
    id: str
    description: str
    met: bool
    detail: str

class _DueDict(TypedDict):
    item: str
    what: str
    date: str
    done: bool

@final
class Engagement:
    def __new__(
        cls,
        organisation: str,
        *,
        industry: str = ...,
        contract_value: float = ...,
        contract_type: Literal["fixed_price", "time_and_materials", "retainer", "milestone_based"] = ...,
    ) -> Engagement: ...
    def add_contact(self, name: str, role: Optional[str] = None, *, email: str = ..., phone: str = ...) -> None: ...
    @property
    def account(self) -> dict[str, Any]: ...
    def add_stakeholder(
        self,
        id: str,
        name: str,
        role: Optional[str] = None,
        *,
        organisation: str = ...,
        power: Literal["low", "high"] = "low",
        interest: Literal["low", "high"] = "low",
        channel: Literal["email", "call", "meeting", "report", "chat"] = "email",
        email: str = ...,
    ) -> None: ...
    def strategy(
        self, id: str
    ) -> Optional[Literal["manage_closely", "keep_satisfied", "keep_informed", "monitor"]]: ...
    def add_objective(
        self, id: str, description: str, success_criteria: Optional[list[tuple[str, str]]] = None
    ) -> None: ...
    def record_outcome(self, id: str, outcome: str, met: bool) -> None: ...
    def add_scope(self, statement: str, in_scope: bool = True) -> None: ...
    @property
    def in_scope(self) -> list[str]: ...
    @property
    def out_of_scope(self) -> list[str]: ...
    def add_deliverable(
        self,
        id: str,
        name: str,
        *,
        acceptance: list[str] = ...,
        due: Optional[date] = ...,
        tasks: list[int] = ...,
    ) -> None: ...
    def set_acceptance(self, id: str, criteria: list[str]) -> None: ...
    def sign_off(
        self, deliverable: str, by: str, date: date, accepted: bool = True, reasons: Optional[str] = None
    ) -> None: ...
    def add_requirement(
        self,
        id: str,
        title: str,
        priority: Optional[Literal["must", "should", "could", "wont"]] = None,
        *,
        source: Optional[str] = None,
        status: Literal["proposed", "approved", "implemented", "verified", "rejected"] = "proposed",
        acceptance: list[str] = ...,
        deliverables: list[str] = ...,
        tasks: list[int] = ...,
    ) -> None: ...
    def set_requirement_status(
        self, id: str, status: Literal["proposed", "approved", "implemented", "verified", "rejected"]
    ) -> None: ...
    def traceability(self, project: Project) -> dict[str, Any]: ...
    def add_comm_item(
        self,
        id: str,
        what: str,
        audience: list[str],
        frequency: Literal["daily", "weekly", "fortnightly", "monthly", "quarterly"],
        start: date,
        *,
        channel: Literal["email", "call", "meeting", "report", "chat"] = "email",
        until: Optional[date] = None,
        owner: str = ...,
    ) -> None: ...
    def add_log_entry(
        self,
        id: str,
        date: date,
        kind: Literal["meeting", "call", "email", "decision", "note"],
        summary: str,
        *,
        stakeholders: list[str] = ...,
        requirements: list[str] = ...,
        risks: list[str] = ...,
        changes: list[str] = ...,
        plan_item: Optional[str] = None,
        actions: Optional[list[dict[str, Any]]] = None,
    ) -> None: ...
    def complete_action(self, entry: str, index: int) -> None: ...
    def communications_due(self, start: date, end: date) -> list[_DueDict]: ...
    def overdue_communications(self, today: date) -> list[_DueDict]: ...
    def overdue_actions(self, today: date) -> list[Any]: ...
    def submit_change(
        self,
        id: str,
        title: str,
        requested_by: str,
        date: date,
        changes: list[dict[str, Any]],
        reason: Optional[str] = None,
    ) -> None: ...
    def analyse_change(self, id: str, project: Project) -> dict[str, Any]: ...
    def decide_change(self, id: str, by: str, date: date, approved: bool, note: Optional[str] = None) -> None: ...
    def implement_change(self, id: str, project: Project, date: date) -> list[int]: ...
    def change(self, id: str) -> Optional[dict[str, Any]]: ...
    @property
    def change_history(self) -> list[dict[str, Any]]: ...
    def add_feedback(
        self,
        id: str,
        date: date,
        sentiment: Literal["positive", "neutral", "negative"],
        text: str,
        *,
        stakeholder: Optional[str] = None,
        topic: str = ...,
        links: list[str] = ...,
    ) -> None: ...
    def add_survey_response(
        self, date: date, kind: Literal["csat", "nps"], score: int, stakeholder: Optional[str] = None
    ) -> None: ...
    @property
    def csat(self) -> Optional[float]: ...
    @property
    def nps(self) -> Optional[float]: ...
    def satisfaction_trend(
        self, start: date, end: date, period: _Period = "month"
    ) -> list[dict[str, Any]]: ...
    def add_lesson(self, lesson: str) -> None: ...
    @property
    def phase(self) -> _Phase: ...
    @property
    def phase_history(self) -> list[dict[str, Any]]: ...
    def gate(self, project: Project, date: date) -> list[_GateCheckDict]: ...
    def advance_phase(self, project: Project, date: date) -> _Phase: ...
    def add_criterion(self, id: str, phase: _Phase, description: str) -> None: ...
    def set_criterion(self, id: str, met: bool = True) -> None: ...
    def charter(self, project: Project, risks: Optional[RiskRegister] = None) -> str: ...
    def closing_report(self, project: Project, baseline: Optional[Project] = None) -> str: ...
    def table(
        self,
        name: Literal["stakeholders", "requirements", "deliverables", "log", "changes", "feedback", "traceability"],
        project: Optional[Project] = None,
    ) -> list[dict[str, Any]]: ...
    def to_pandas(
        self,
        name: Literal["stakeholders", "requirements", "deliverables", "log", "changes", "feedback", "traceability"],
        project: Optional[Project] = None,
    ) -> Any: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> Engagement: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Table:
    @property
    def rows(self) -> list[dict[str, Any]]: ...
    def to_pandas(self) -> Any: ...
    def __len__(self) -> int: ...
