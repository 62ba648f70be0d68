//! [`Project`] → MSPDI. Elements are written in the order of Microsoft's schema, the
//! kept foreign ones merged in at their places.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate, Weekday};

use super::values::{dt, esc, iso};
use super::xml::split_fragment;
use crate::calendar::{Calendar, WorkingInterval};
use crate::ids::TaskId;
use crate::io::exports::num;
use crate::model::{Constraint, Lag, LinkKind, Project, ResourceKind, ScheduleFrom, TaskKind};
use crate::schedule::Schedule;

static PROJECT_ORDER: &[&str] = &[
    "SaveVersion",
    "BuildNumber",
    "Name",
    "GUID",
    "Title",
    "Subject",
    "Category",
    "Company",
    "Manager",
    "Author",
    "CreationDate",
    "Revision",
    "LastSaved",
    "ScheduleFromStart",
    "StartDate",
    "FinishDate",
    "FYStartDate",
    "CriticalSlackLimit",
    "CurrencyDigits",
    "CurrencySymbol",
    "CurrencyCode",
    "CurrencySymbolPosition",
    "CalendarUID",
    "DefaultStartTime",
    "DefaultFinishTime",
    "MinutesPerDay",
    "MinutesPerWeek",
    "DaysPerMonth",
    "DefaultTaskType",
    "DefaultFixedCostAccrual",
    "DefaultStandardRate",
    "DefaultOvertimeRate",
    "DurationFormat",
    "WorkFormat",
    "EditableActualCosts",
    "HonorConstraints",
    "EarnedValueMethod",
    "InsertedProjectsLikeSummary",
    "MultipleCriticalPaths",
    "NewTasksEffortDriven",
    "NewTasksEstimated",
    "SplitsInProgressTasks",
    "SpreadActualCost",
    "SpreadPercentComplete",
    "TaskUpdatesResource",
    "FiscalYearStart",
    "WeekStartDay",
    "MoveCompletedEndsBack",
    "MoveRemainingStartsBack",
    "MoveRemainingStartsForward",
    "MoveCompletedEndsForward",
    "BaselineForEarnedValue",
    "AutoAddNewResourcesAndTasks",
    "StatusDate",
    "CurrentDate",
    "MicrosoftProjectServerURL",
    "Autolink",
    "NewTaskStartDate",
    "NewTasksAreManual",
    "DefaultTaskEVMethod",
    "ProjectExternallyEdited",
    "ExtendedCreationDate",
    "ActualsInSync",
    "RemoveFileProperties",
    "AdminProject",
    "UpdateManuallyScheduledTasksWhenEditingLinks",
    "KeepTaskOnNearestWorkingTimeWhenMadeAutoScheduled",
    "Views",
    "Filters",
    "Groups",
    "Tables",
    "Maps",
    "Reports",
    "Drawings",
    "DataLinks",
    "VBAProjects",
    "OutlineCodes",
    "WBSMasks",
    "ExtendedAttributes",
    "Calendars",
    "Tasks",
    "Resources",
    "Assignments",
];

static CALENDAR_ORDER: &[&str] = &[
    "UID",
    "GUID",
    "Name",
    "IsBaseCalendar",
    "IsBaselineCalendar",
    "BaseCalendarUID",
    "WeekDays",
    "Exceptions",
    "WorkWeeks",
];

static TASK_ORDER: &[&str] = &[
    "UID",
    "GUID",
    "ID",
    "Name",
    "Active",
    "Manual",
    "Type",
    "IsNull",
    "CreateDate",
    "Contact",
    "WBS",
    "WBSLevel",
    "OutlineNumber",
    "OutlineLevel",
    "Priority",
    "Start",
    "Finish",
    "Duration",
    "ManualStart",
    "ManualFinish",
    "ManualDuration",
    "DurationFormat",
    "Work",
    "Stop",
    "Resume",
    "ResumeValid",
    "EffortDriven",
    "Recurring",
    "OverAllocated",
    "Estimated",
    "Milestone",
    "Summary",
    "DisplayAsSummary",
    "Critical",
    "IsSubproject",
    "IsSubprojectReadOnly",
    "SubprojectName",
    "ExternalTask",
    "ExternalTaskProject",
    "EarlyStart",
    "EarlyFinish",
    "LateStart",
    "LateFinish",
    "StartVariance",
    "FinishVariance",
    "WorkVariance",
    "FreeSlack",
    "StartSlack",
    "FinishSlack",
    "TotalSlack",
    "FixedCost",
    "FixedCostAccrual",
    "PercentComplete",
    "PercentWorkComplete",
    "Cost",
    "OvertimeCost",
    "OvertimeWork",
    "ActualStart",
    "ActualFinish",
    "ActualDuration",
    "ActualCost",
    "ActualOvertimeCost",
    "ActualWork",
    "ActualOvertimeWork",
    "RegularWork",
    "RemainingDuration",
    "RemainingCost",
    "RemainingWork",
    "RemainingOvertimeCost",
    "RemainingOvertimeWork",
    "ACWP",
    "CV",
    "ConstraintType",
    "CalendarUID",
    "ConstraintDate",
    "Deadline",
    "LevelAssignments",
    "LevelingCanSplit",
    "LevelingDelay",
    "LevelingDelayFormat",
    "PreLeveledStart",
    "PreLeveledFinish",
    "Hyperlink",
    "HyperlinkAddress",
    "HyperlinkSubAddress",
    "IgnoreResourceCalendar",
    "Notes",
    "HideBar",
    "Rollup",
    "BCWS",
    "BCWP",
    "PhysicalPercentComplete",
    "EarnedValueMethod",
    "PredecessorLink",
    "ActualWorkProtected",
    "ActualOvertimeWorkProtected",
    "ExtendedAttribute",
    "Baseline",
    "OutlineCode",
    "IsPublished",
    "StatusManager",
    "CommitmentStart",
    "CommitmentFinish",
    "CommitmentType",
    "TimephasedData",
];

static RESOURCE_ORDER: &[&str] = &[
    "UID",
    "GUID",
    "ID",
    "Name",
    "Type",
    "IsNull",
    "Initials",
    "Phonetics",
    "NTAccount",
    "MaterialLabel",
    "Code",
    "Group",
    "WorkGroup",
    "EmailAddress",
    "Hyperlink",
    "HyperlinkAddress",
    "HyperlinkSubAddress",
    "MaxUnits",
    "PeakUnits",
    "OverAllocated",
    "AvailableFrom",
    "AvailableTo",
    "Start",
    "Finish",
    "CanLevel",
    "AccrueAt",
    "Work",
    "RegularWork",
    "OvertimeWork",
    "ActualWork",
    "RemainingWork",
    "ActualOvertimeWork",
    "RemainingOvertimeWork",
    "PercentWorkComplete",
    "StandardRate",
    "StandardRateFormat",
    "Cost",
    "OvertimeRate",
    "OvertimeRateFormat",
    "OvertimeCost",
    "CostPerUse",
    "ActualCost",
    "ActualOvertimeCost",
    "RemainingCost",
    "RemainingOvertimeCost",
    "WorkVariance",
    "CostVariance",
    "SV",
    "CV",
    "ACWP",
    "CalendarUID",
    "Notes",
    "BCWS",
    "BCWP",
    "IsGeneric",
    "IsInactive",
    "IsEnterprise",
    "BookingType",
    "ActualWorkProtected",
    "ActualOvertimeWorkProtected",
    "ActiveDirectoryGUID",
    "CreationDate",
    "ExtendedAttribute",
    "Baseline",
    "OutlineCode",
    "IsCostResource",
    "AssnOwner",
    "AssnOwnerGuid",
    "IsBudget",
    "AvailabilityPeriods",
    "Rates",
    "TimephasedData",
];

static ASSIGNMENT_ORDER: &[&str] = &[
    "UID",
    "GUID",
    "TaskUID",
    "ResourceUID",
    "PercentWorkComplete",
    "ActualCost",
    "ActualFinish",
    "ActualOvertimeCost",
    "ActualOvertimeWork",
    "ActualStart",
    "ActualWork",
    "ACWP",
    "Confirmed",
    "Cost",
    "CostRateTable",
    "RateScale",
    "CostVariance",
    "CV",
    "Delay",
    "Finish",
    "FinishVariance",
    "Hyperlink",
    "HyperlinkAddress",
    "HyperlinkSubAddress",
    "WorkVariance",
    "HasFixedRateUnits",
    "FixedMaterial",
    "LevelingDelay",
    "LevelingDelayFormat",
    "LinkedFields",
    "Milestone",
    "Notes",
    "Overallocated",
    "OvertimeCost",
    "OvertimeWork",
    "PeakUnits",
    "RegularWork",
    "RemainingCost",
    "RemainingOvertimeCost",
    "RemainingOvertimeWork",
    "RemainingWork",
    "ResponsePending",
    "Start",
    "Stop",
    "Resume",
    "StartVariance",
    "Units",
    "UpdateNeeded",
    "VAC",
    "Work",
    "WorkContour",
    "BCWS",
    "BCWP",
    "BookingType",
    "ActualWorkProtected",
    "ActualOvertimeWorkProtected",
    "CreationDate",
    "AssnOwner",
    "AssnOwnerGuid",
    "BudgetCost",
    "BudgetWork",
    "ExtendedAttribute",
    "Baseline",
    "TimephasedData",
];

/// (name key, name, schema position), sorted by key.
type RankTable = Vec<(u64, &'static str, usize)>;

/// Schema positions by name key, one sorted table per order (the orders are statics:
/// one address each).
fn ranks(order: &'static [&'static str]) -> &'static [(u64, &'static str, usize)] {
    use std::sync::OnceLock;
    static TABLES: [OnceLock<RankTable>; 5] = [
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
    ];
    let k = [
        PROJECT_ORDER,
        CALENDAR_ORDER,
        TASK_ORDER,
        RESOURCE_ORDER,
        ASSIGNMENT_ORDER,
    ]
    .iter()
    .position(|o| std::ptr::eq(*o, order))
    .unwrap_or(2);
    TABLES[k].get_or_init(|| {
        let mut v: Vec<_> = order
            .iter()
            .enumerate()
            .map(|(i, n)| (super::xml::key(n), *n, i))
            .collect();
        v.sort_unstable_by_key(|e| e.0);
        v
    })
}

fn position(table: &[(u64, &'static str, usize)], name: &str) -> Option<usize> {
    let k = super::xml::key(name);
    let at = table.partition_point(|e| e.0 < k);
    table[at..]
        .iter()
        .take_while(|e| e.0 == k)
        .find(|e| e.1 == name)
        .map(|e| e.2)
}

/// The children of one element, gathered into one buffer then written in schema order.
struct Record<'a> {
    order: &'static [&'static str],
    ranks: &'static [(u64, &'static str, usize)],
    buf: String,
    /// (rank, start, end) of each written child in `buf`.
    items: Vec<(usize, usize, usize)>,
    kept: Vec<(&'a str, &'a str)>,
}

impl<'a> Record<'a> {
    fn new(order: &'static [&'static str], kept: &'a str) -> Self {
        Record {
            order,
            ranks: ranks(order),
            buf: String::new(),
            items: vec![],
            kept: if kept.is_empty() {
                vec![]
            } else {
                split_fragment(kept)
            },
        }
    }

    /// Starts the next element of the same kind, keeping the buffers.
    fn reset(&mut self, kept: &'a str) {
        self.buf.clear();
        self.items.clear();
        self.kept.clear();
        if !kept.is_empty() {
            self.kept = split_fragment(kept);
        }
    }

    /// Twice the schema position (odd ranks place kept elements between written ones).
    fn rank(&self, name: &str) -> usize {
        2 * position(self.ranks, name).unwrap_or(self.order.len())
    }

    /// A leaf element; its text is escaped when it needs to be.
    fn put(&mut self, name: &'static str, value: impl std::fmt::Display) {
        let r = self.rank(name);
        let start = self.buf.len();
        self.buf.push('<');
        self.buf.push_str(name);
        self.buf.push('>');
        let text = self.buf.len();
        let _ = write!(self.buf, "{value}");
        if self.buf.as_bytes()[text..]
            .iter()
            .any(|b| matches!(b, b'<' | b'>' | b'&' | b'"' | b'\''))
        {
            let escaped = esc(&self.buf[text..]).into_owned();
            self.buf.truncate(text);
            self.buf.push_str(&escaped);
        }
        self.buf.push_str("</");
        self.buf.push_str(name);
        self.buf.push('>');
        self.items.push((r, start, self.buf.len()));
    }

    /// An element written whole from format arguments.
    fn raw_fmt(&mut self, name: &'static str, xml: std::fmt::Arguments<'_>) {
        let r = self.rank(name);
        let start = self.buf.len();
        let _ = self.buf.write_fmt(xml);
        self.items.push((r, start, self.buf.len()));
    }

    /// An element written whole.
    fn raw(&mut self, name: &'static str, xml: &str) {
        let r = self.rank(name);
        let start = self.buf.len();
        self.buf.push_str(xml);
        self.items.push((r, start, self.buf.len()));
    }

    /// The children in order, without the element's own tags.
    fn write_children(&mut self, out: &mut String, unknown_rank: Option<&str>) {
        // Kept elements stay in the order the file had them (their ranks never
        // decrease); one of a name outside the schema stays after the element it
        // followed; written elements fall in at their schema positions between them.
        let mut prev = unknown_rank.map_or(0, |n| self.rank(n).saturating_sub(1));
        let mut kept: Vec<(usize, &str)> = Vec::with_capacity(self.kept.len());
        for (name, xml) in &self.kept {
            let r = match position(self.ranks, name) {
                Some(i) => (2 * i + 1).max(prev),
                None => prev.max(1),
            };
            prev = r;
            kept.push((r, xml));
        }
        self.items.sort_by_key(|(r, _, _)| *r);
        let mut k = kept.into_iter().peekable();
        for &(r, a, b) in &self.items {
            while let Some((_, x)) = k.next_if(|(kr, _)| *kr < r) {
                out.push_str(x);
            }
            out.push_str(&self.buf[a..b]);
        }
        for (_, x) in k {
            out.push_str(x);
        }
    }

    fn write(&mut self, out: &mut String, tag: &str) {
        out.push('<');
        out.push_str(tag);
        out.push('>');
        self.write_children(out, None);
        out.push_str("</");
        out.push_str(tag);
        out.push_str(">\n");
    }
}

fn day_type(d: Weekday) -> u32 {
    d.num_days_from_sunday() + 1
}

fn times(out: &mut String, ws: &[WorkingInterval]) {
    if ws.is_empty() {
        return;
    }
    out.push_str("<WorkingTimes>");
    for w in ws {
        let hm = |m: u32| format!("{:02}:{:02}:00", (m / 60) % 24, m % 60);
        let _ = write!(
            out,
            "<WorkingTime><FromTime>{}</FromTime><ToTime>{}</ToTime></WorkingTime>",
            hm(w.start()),
            hm(w.end())
        );
    }
    out.push_str("</WorkingTimes>");
}

fn calendar_xml(out: &mut String, id: u32, c: &Calendar, kept: &str, first_year: i32) {
    let mut r = Record::new(CALENDAR_ORDER, kept);
    r.put("UID", id);
    r.put("Name", c.name());
    r.put("IsBaseCalendar", 1);
    r.put("BaseCalendarUID", -1);
    let mut w = String::from("<WeekDays>");
    for d in [
        Weekday::Sun,
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
    ] {
        let ws = c.week().day(d);
        let _ = write!(
            w,
            "<WeekDay><DayType>{}</DayType><DayWorking>{}</DayWorking>",
            day_type(d),
            u8::from(!ws.is_empty())
        );
        times(&mut w, ws);
        w.push_str("</WeekDay>");
    }
    w.push_str("</WeekDays>");
    r.raw("WeekDays", &w);
    if !c.exceptions().is_empty() || !c.yearly_holidays().is_empty() {
        let mut x = String::from("<Exceptions>");
        for e in c.exceptions() {
            let _ = write!(
                x,
                "<Exception><EnteredByOccurrences>0</EnteredByOccurrences><TimePeriod><FromDate>{}T00:00:00</FromDate><ToDate>{}T23:59:00</ToDate></TimePeriod><Occurrences>1</Occurrences><Name>{}</Name><Type>1</Type><DayWorking>{}</DayWorking>",
                e.from,
                e.to,
                esc(&e.name),
                u8::from(!e.working.is_empty())
            );
            times(&mut x, &e.working);
            x.push_str("</Exception>");
        }
        for h in c.yearly_holidays() {
            let years = 100;
            let start = NaiveDate::from_ymd_opt(first_year, h.month, h.day)
                .or_else(|| NaiveDate::from_ymd_opt(first_year, h.month, 28));
            let end = NaiveDate::from_ymd_opt(first_year + years - 1, h.month, h.day)
                .or_else(|| NaiveDate::from_ymd_opt(first_year + years - 1, h.month, 28));
            if let (Some(a), Some(b)) = (start, end) {
                let _ = write!(
                    x,
                    "<Exception><EnteredByOccurrences>1</EnteredByOccurrences><TimePeriod><FromDate>{a}T00:00:00</FromDate><ToDate>{b}T23:59:00</ToDate></TimePeriod><Occurrences>{years}</Occurrences><Name>{}</Name><Type>2</Type><Month>{}</Month><MonthDay>{}</MonthDay><DayWorking>0</DayWorking></Exception>",
                    esc(&h.name),
                    h.month - 1,
                    h.day
                );
            }
        }
        x.push_str("</Exceptions>");
        r.raw("Exceptions", &x);
    }
    r.write(out, "Calendar");
}

fn link_type(k: LinkKind) -> u8 {
    match k {
        LinkKind::Ff => 0,
        LinkKind::Fs => 1,
        LinkKind::Sf => 2,
        LinkKind::Ss => 3,
    }
}

fn constraint_code(c: &Constraint) -> (u8, Option<chrono::NaiveDateTime>) {
    match *c {
        Constraint::Asap => (0, None),
        Constraint::Alap => (1, None),
        Constraint::Mso(d) => (2, Some(d)),
        Constraint::Mfo(d) => (3, Some(d)),
        Constraint::Snet(d) => (4, Some(d)),
        Constraint::Snlt(d) => (5, Some(d)),
        Constraint::Fnet(d) => (6, Some(d)),
        Constraint::Fnlt(d) => (7, Some(d)),
    }
}

/// Writes the project as MS Project XML (MSPDI), with the dates and slack of
/// [`crate::control::reschedule_with`] under the file's own status-date options
/// ([`reschedule_options`](super::reschedule_options): MS Project's defaults unless an
/// imported file set its "move" options).
///
/// Deterministic: the same project gives the same bytes.
///
/// # Errors
/// The scheduling errors of [`crate::control::reschedule`] (a dependency cycle, a
/// calendar without working time, …).
pub fn to_mspdi(project: &Project) -> Result<String, crate::Error> {
    let s = crate::control::reschedule_with(project, &super::reschedule_options(project))?;
    Ok(to_mspdi_with(project, &s))
}

/// Writes the project as MSPDI with the dates and slack of a schedule the caller has
/// (a leveled one, say). The schedule should be of this project; tasks it lacks are
/// written without dates.
pub fn to_mspdi_with(p: &Project, s: &Schedule) -> String {
    let mut out = String::with_capacity(4096 + p.task_count() * 1200);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    out.push_str("<Project xmlns=\"http://schemas.microsoft.com/project\">\n");
    let foreign = p.foreign();
    let mut top = Record::new(PROJECT_ORDER, &foreign.project);
    top.put("Name", p.name());
    top.put("Title", p.name());
    let (from_start, anchor) = match p.schedule_from() {
        ScheduleFrom::Start(d) => (true, d),
        ScheduleFrom::Finish(d) => (false, d),
    };
    top.put("ScheduleFromStart", u8::from(from_start));
    top.put("StartDate", dt(if from_start { anchor } else { s.start() }));
    top.put("FinishDate", dt(s.finish()));
    top.put("CalendarUID", p.calendar_id().0);
    let pc = p.project_calendar();
    top.put("MinutesPerDay", pc.minutes_per_day());
    top.put("MinutesPerWeek", pc.minutes_per_week());
    if let Some(d) = p.status_date() {
        top.put("StatusDate", dt(d));
    }
    // Calendars.
    // Kept project-level elements of unknown names go before the views; the four
    // lists end the document, in the schema's order, written straight after.
    top.write_children(&mut out, Some("Views"));
    let mut cals = out;
    cals.push_str("<Calendars>");
    for (id, c) in p.calendars() {
        let kept = foreign.calendars.get(&id).map_or("", String::as_str);
        calendar_xml(&mut cals, id.0, c, kept, s.start().year() - 1);
    }
    cals.push_str("</Calendars>");

    // Tasks, in outline order.
    let mut tasks = cals;
    tasks.push_str("<Tasks>\n");
    let mut order: Vec<(TaskId, String, usize)> = Vec::with_capacity(p.task_count());
    p.for_each_outline(|id, path| {
        let num: Vec<String> = path.iter().map(u32::to_string).collect();
        order.push((id, num.join("."), path.len()));
    });
    let mut preds: std::collections::BTreeMap<TaskId, Vec<&crate::model::Dependency>> =
        std::collections::BTreeMap::new();
    for d in p.dependencies() {
        preds.entry(d.successor).or_default().push(d);
    }
    // The project summary task (UID 0), with what the file kept of it.
    {
        let kept = foreign.tasks.get(&TaskId(0)).map_or("", String::as_str);
        let mut r = Record::new(TASK_ORDER, kept);
        r.put("UID", 0);
        r.put("ID", 0);
        r.put("Name", p.name());
        r.put("Manual", 0);
        r.put("IsNull", 0);
        r.put("OutlineNumber", 0);
        r.put("OutlineLevel", 0);
        r.put("Start", dt(s.start()));
        r.put("Finish", dt(s.finish()));
        let span = pc
            .working_time_between(s.start(), s.finish())
            .map_or(0, |d| d.as_minutes());
        r.put("Duration", iso(span));
        r.put("DurationFormat", 7);
        r.put("Milestone", 0);
        r.put("Summary", 1);
        r.put("EarlyStart", dt(s.start()));
        r.put("EarlyFinish", dt(s.finish()));
        r.put("LateStart", dt(s.start()));
        r.put("LateFinish", dt(s.finish()));
        r.put("ConstraintType", 0);
        r.put("CalendarUID", -1);
        r.write(&mut tasks, "Task");
    }
    let mut r = Record::new(TASK_ORDER, "");
    for (row, (id, outline, level)) in order.iter().enumerate() {
        let Some(t) = p.task(*id) else { continue };
        let kept = foreign.tasks.get(id).map_or("", String::as_str);
        r.reset(kept);
        let st = s.task(*id);
        let kind = p.kind(*id).unwrap_or(TaskKind::Task);
        r.put("UID", id.0);
        r.put("ID", row + 1);
        r.put("Name", &t.name);
        let manual = t.manual_start.is_some() && kind != TaskKind::Summary;
        r.put("Manual", u8::from(manual));
        r.put("IsNull", 0);
        r.put("OutlineNumber", outline);
        r.put("OutlineLevel", level);
        r.put("Priority", t.priority);
        if let Some(st) = st {
            r.put("Start", dt(st.start()));
            r.put("Finish", dt(st.finish()));
            // A summary's duration is its span; a task's is its own (the schedule's
            // may differ while it is in progress).
            let d = if kind == TaskKind::Summary {
                st.duration()
            } else {
                t.duration
            };
            r.put("Duration", iso(d.as_minutes()));
            if manual {
                r.put("ManualStart", dt(st.start()));
                r.put("ManualFinish", dt(st.finish()));
                r.put("ManualDuration", iso(d.as_minutes()));
            }
            r.put("EarlyStart", dt(st.early_start()));
            r.put("EarlyFinish", dt(st.early_finish()));
            r.put("LateStart", dt(st.late_start()));
            r.put("LateFinish", dt(st.late_finish()));
            r.put("FreeSlack", st.free_float().as_minutes() * 10);
            r.put("TotalSlack", st.total_float().as_minutes() * 10);
            r.put("Critical", u8::from(st.is_critical()));
        } else {
            r.put("Duration", iso(t.duration.as_minutes()));
        }
        r.put("DurationFormat", 7);
        r.put("EffortDriven", u8::from(t.effort_driven));
        r.put("Milestone", u8::from(kind == TaskKind::Milestone));
        r.put("Summary", u8::from(kind == TaskKind::Summary));
        r.put("FixedCost", num(t.fixed_cost));
        let pr = &t.progress;
        r.put("PercentComplete", pr.percent_complete);
        if let Some(a) = pr.actual_start {
            r.put("ActualStart", dt(a));
        }
        if let Some(a) = pr.actual_finish {
            r.put("ActualFinish", dt(a));
        }
        if let Some(c) = pr.actual_cost {
            r.put("ActualCost", num(c));
        }
        if let Some(w) = pr.actual_work {
            r.put("ActualWork", iso((w * 60.0).round() as i64));
        }
        if kind != TaskKind::Summary {
            let remaining = if pr.actual_finish.is_some() {
                0
            } else {
                pr.remaining_of(t.duration).as_minutes()
            };
            r.put("RemainingDuration", iso(remaining));
        }
        if let Some(x) = pr.physical_percent {
            r.put("PhysicalPercentComplete", x);
        }
        let (code, date) = constraint_code(&t.constraint);
        r.put("ConstraintType", code);
        r.put("CalendarUID", t.calendar.map_or(-1, |c| i64::from(c.0)));
        if let Some(d) = date {
            r.put("ConstraintDate", dt(d));
        }
        if let Some(d) = t.deadline {
            r.put("Deadline", dt(d));
        }
        let lev = t.leveling_delay.as_minutes();
        if lev > 0 && kind != TaskKind::Summary {
            // Tenths of minutes, elapsed days (format 8) as Project writes it by default.
            r.put("LevelingDelay", lev * 10);
            r.put("LevelingDelayFormat", 8);
        }
        if !t.notes.is_empty() {
            r.put("Notes", &t.notes);
        }
        for d in preds.get(id).map(Vec::as_slice).unwrap_or(&[]) {
            let (lag, fmt) = match d.lag {
                Lag::Working(m) => (m.as_minutes() * 10, 7),
                Lag::Elapsed(m) => (m.as_minutes() * 10, 8),
                Lag::Percent(x) => (i64::from(x), 19),
            };
            r.raw_fmt(
                "PredecessorLink",
                format_args!(
                    "<PredecessorLink><PredecessorUID>{}</PredecessorUID><Type>{}</Type><CrossProject>0</CrossProject><LinkLag>{lag}</LinkLag><LagFormat>{fmt}</LagFormat></PredecessorLink>",
                    d.predecessor.0,
                    link_type(d.kind)
                ),
            );
        }
        for (n, b) in p.baselines() {
            if let Some(bt) = b.tasks.get(id) {
                r.raw_fmt(
                    "Baseline",
                    format_args!(
                        "<Baseline><Number>{n}</Number><Start>{}</Start><Finish>{}</Finish><Duration>{}</Duration><DurationFormat>7</DurationFormat><Work>{}</Work><Cost>{}</Cost></Baseline>",
                        dt(bt.start),
                        dt(bt.finish),
                        iso(bt.duration.as_minutes()),
                        iso((bt.work * 60.0).round() as i64),
                        num(bt.cost)
                    ),
                );
            }
        }
        r.write(&mut tasks, "Task");
    }
    tasks.push_str("</Tasks>");

    // Resources.
    let mut res = tasks;
    res.push_str("<Resources>\n");
    for (row, r0) in p.resources().enumerate() {
        let id = r0.id();
        let kept = foreign.resources.get(&id).map_or("", String::as_str);
        let mut r = Record::new(RESOURCE_ORDER, kept);
        // Cost rate tables B–E kept from the file go inside <Rates>.
        let other_tables: Vec<String> = r
            .kept
            .iter()
            .filter(|(n, _)| *n == "Rate")
            .map(|(_, x)| x.to_string())
            .collect();
        r.kept.retain(|(n, _)| *n != "Rate");
        r.put("UID", id.0);
        r.put("ID", row + 1);
        r.put("Name", &r0.name);
        let (ty, cost_res) = match r0.kind {
            ResourceKind::Material => (0, false),
            ResourceKind::Work => (1, false),
            ResourceKind::Cost => (2, true),
        };
        r.put("Type", ty);
        r.put("IsNull", 0);
        if !r0.material_label.is_empty() {
            r.put("MaterialLabel", &r0.material_label);
        }
        if r0.kind == ResourceKind::Work {
            r.put("MaxUnits", num(r0.max_units));
        }
        let first = r0
            .rates
            .first()
            .copied()
            .unwrap_or(crate::model::CostRate::new(0.0));
        r.put("StandardRate", num(first.standard));
        r.put("StandardRateFormat", 2);
        r.put("OvertimeRate", num(first.overtime));
        r.put("OvertimeRateFormat", 2);
        r.put("CostPerUse", num(first.per_use));
        if let Some(c) = r0.calendar {
            r.put("CalendarUID", c.0);
        }
        r.put("IsCostResource", u8::from(cost_res));
        if !r0.availability.is_empty() {
            let mut a = String::from("<AvailabilityPeriods>");
            for av in &r0.availability {
                let _ = write!(
                    a,
                    "<AvailabilityPeriod><AvailableFrom>{}T00:00:00</AvailableFrom><AvailableTo>{}T23:59:00</AvailableTo><AvailableUnits>{}</AvailableUnits></AvailabilityPeriod>",
                    av.from,
                    av.until,
                    num(av.units)
                );
            }
            a.push_str("</AvailabilityPeriods>");
            r.raw("AvailabilityPeriods", &a);
        }
        if !r0.rates.is_empty() || !other_tables.is_empty() {
            let mut x = String::from("<Rates>");
            for (i, rate) in r0.rates.iter().enumerate() {
                let from = rate.from.map_or_else(
                    || "1984-01-01T00:00:00".to_string(),
                    |d| format!("{d}T00:00:00"),
                );
                let to = r0.rates.get(i + 1).and_then(|n| n.from).map_or_else(
                    || "2049-12-31T23:59:00".to_string(),
                    |d| format!("{}T23:59:00", d.pred_opt().unwrap_or(d)),
                );
                let _ = write!(
                    x,
                    "<Rate><RatesFrom>{from}</RatesFrom><RatesTo>{to}</RatesTo><RateTable>0</RateTable><StandardRate>{}</StandardRate><StandardRateFormat>2</StandardRateFormat><OvertimeRate>{}</OvertimeRate><OvertimeRateFormat>2</OvertimeRateFormat><CostPerUse>{}</CostPerUse></Rate>",
                    num(rate.standard),
                    num(rate.overtime),
                    num(rate.per_use)
                );
            }
            for t in other_tables {
                x.push_str(&t);
            }
            x.push_str("</Rates>");
            r.raw("Rates", &x);
        }
        r.write(&mut res, "Resource");
    }
    res.push_str("</Resources>");

    // Assignments.
    let mut asg = res;
    asg.push_str("<Assignments>\n");
    let kept_of = |t: TaskId, r: crate::ids::ResourceId| {
        foreign
            .assignments
            .iter()
            .find(|a| a.task == t && a.resource == r)
            .map_or("", |a| a.xml.as_str())
    };
    for (row, a) in p.assignments().enumerate() {
        let mut r = Record::new(ASSIGNMENT_ORDER, kept_of(a.task, a.resource));
        r.put("UID", row + 1);
        r.put("TaskUID", a.task.0);
        r.put("ResourceUID", a.resource.0);
        let kind = p.resource(a.resource).map(|x| x.kind);
        r.put("Units", num(a.units));
        if kind == Some(ResourceKind::Cost) {
            r.put("Cost", num(a.cost));
        }
        if let (Some(st), Some(t)) = (s.task(a.task), p.task(a.task)) {
            r.put("Start", dt(st.start()));
            r.put("Finish", dt(st.finish()));
            if kind == Some(ResourceKind::Work) {
                r.put("Work", iso(a.work(t.duration).as_minutes()));
            }
        }
        if !a.overtime.is_zero() {
            r.put("OvertimeWork", iso(a.overtime.as_minutes()));
        }
        r.write(&mut asg, "Assignment");
    }
    asg.push_str("</Assignments>");

    let mut out = asg;
    out.push_str("\n</Project>\n");
    out
}
