"""planix: client project management engine (WBS, calendars, MS-Project-grade CPM).

>>> from datetime import datetime
>>> import planix
>>> p = planix.Project("Demo", datetime(2027, 1, 4, 8))
>>> a = p.add_task("Design", duration=960)
>>> b = p.add_task("Build", duration=480)
>>> p.link(a, b)
>>> s = p.schedule()
>>> str(s.finish)
'2027-01-06 17:00:00'
"""

from planix._native import (
    __version__,
    AgileError,
    ArgumentError,
    Board,
    CalendarError,
    Chart,
    ClientError,
    ControlError,
    Costs,
    CycleError,
    HEALTH_RULES,
    Engagement,
    IoError,
    Leveling,
    LevelingError,
    LifecycleError,
    Loading,
    ModelError,
    Pert,
    PlanixError,
    Portfolio,
    PortfolioLeveling,
    RenderError,
    Project,
    RiskError,
    RiskForecast,
    RiskRegister,
    Schedule,
    ScheduleError,
    Scheduler,
    Simulation,
    SimulationError,
    Table,
    forecast_cut_line,
    forecast_how_many,
    forecast_when,
    plan_duration,
)

__all__ = [
    "__version__",
    "AgileError",
    "ArgumentError",
    "Board",
    "CalendarError",
    "Chart",
    "ClientError",
    "ControlError",
    "Costs",
    "CycleError",
    "HEALTH_RULES",
    "Engagement",
    "IoError",
    "Leveling",
    "LevelingError",
    "LifecycleError",
    "Loading",
    "ModelError",
    "Pert",
    "PlanixError",
    "Portfolio",
    "PortfolioLeveling",
    "Project",
    "RenderError",
    "RiskError",
    "RiskForecast",
    "RiskRegister",
    "Schedule",
    "ScheduleError",
    "Scheduler",
    "Simulation",
    "SimulationError",
    "Table",
    "forecast_cut_line",
    "forecast_how_many",
    "forecast_when",
    "plan_duration",
]
