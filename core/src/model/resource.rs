//! Resources (people, materials, cost items) and their assignments to tasks.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::Duration;
use crate::ids::{CalendarId, ResourceId, TaskId};

/// What a resource is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum ResourceKind {
    /// People or equipment that work in time (units are a share of full time: 2.0 = two
    /// people). The only kind leveling balances.
    #[default]
    Work,
    /// Consumables: an assignment's units are the quantity used (in `material_label`s).
    Material,
    /// A cost item (travel, licences): an assignment carries an amount.
    Cost,
}

impl ResourceKind {
    /// The names [`from_name`](Self::from_name) accepts.
    pub const NAMES: [&'static str; 3] = ["work", "material", "cost"];

    /// Parses "work", "material" or "cost".
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "work" => Some(ResourceKind::Work),
            "material" => Some(ResourceKind::Material),
            "cost" => Some(ResourceKind::Cost),
            _ => None,
        }
    }

    /// The name [`from_name`](Self::from_name) reads.
    pub fn name(self) -> &'static str {
        match self {
            ResourceKind::Work => "work",
            ResourceKind::Material => "material",
            ResourceKind::Cost => "cost",
        }
    }
}

/// Cost rates in effect from a date on (MS Project's cost rate table rows).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct CostRate {
    /// First day the rates apply (`None`: from the beginning).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// Per working hour (work resources) or per unit (material resources).
    #[serde(default)]
    pub standard: f64,
    /// Per overtime hour (work resources).
    #[serde(default)]
    pub overtime: f64,
    /// Charged once per assignment, at its start.
    #[serde(default)]
    pub per_use: f64,
}

impl CostRate {
    /// Rates in effect from the beginning.
    pub fn new(standard: f64) -> Self {
        Self {
            from: None,
            standard,
            overtime: 0.0,
            per_use: 0.0,
        }
    }
}

/// Units available over an inclusive range of days (overrides `max_units` there).
/// Reads `{"from", "until", "units"}` or the triple `[from, until, units]` (serde's
/// sequence form of a struct).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Availability {
    /// First day.
    pub from: NaiveDate,
    /// Last day (inclusive).
    pub until: NaiveDate,
    /// Units available on those days.
    pub units: f64,
}

/// Days a person is away (inclusive range): no availability on those days. Reads
/// `{"from", "until"}` or the pair `[from, until]` (serde's sequence form of a struct).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Leave {
    /// First day away.
    pub from: NaiveDate,
    /// Last day away (inclusive).
    pub until: NaiveDate,
}

/// A person, a team, a machine, a material or a cost item.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use planix::{CostRate, Resource};
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
/// let ana = Resource::work("Ana", 1.0)
///     .with_rate(CostRate::new(100.0))
///     .with_leave(d(8, 2), d(8, 13));
/// assert_eq!(ana.max_units, 1.0);
/// assert_eq!(ana.units_on(d(8, 3)), 0.0);
/// assert_eq!(ana.units_on(d(8, 16)), 1.0);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Resource {
    #[serde(default)]
    pub(crate) id: ResourceId,
    /// Name shown to people.
    pub name: String,
    /// Work, material or cost.
    #[serde(default)]
    pub kind: ResourceKind,
    /// Units available when no [`Availability`] row applies (work resources; 1.0 = one
    /// full-time person).
    #[serde(default = "one")]
    pub max_units: f64,
    /// Unit label of a material ("m³", "licences").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub material_label: String,
    /// Changes of availability over date ranges.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub availability: Vec<Availability>,
    /// The resource's base calendar (`None`: the project calendar). Days it does not work
    /// have no availability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<CalendarId>,
    /// Leave and other days away, on top of the calendar.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leave: Vec<Leave>,
    /// Cost rate table, sorted by `from`; the row in effect on a day is the last one
    /// whose `from` is on or before it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rates: Vec<CostRate>,
}

pub(crate) fn one() -> f64 {
    1.0
}

impl Resource {
    /// A work resource (people) with `max_units` (1.0 = one full-time person).
    pub fn work(name: impl Into<String>, max_units: f64) -> Self {
        Self {
            id: ResourceId(0),
            name: name.into(),
            kind: ResourceKind::Work,
            max_units,
            material_label: String::new(),
            availability: Vec::new(),
            calendar: None,
            leave: Vec::new(),
            rates: Vec::new(),
        }
    }

    /// A material resource counted in `label`s.
    pub fn material(name: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            kind: ResourceKind::Material,
            material_label: label.into(),
            ..Self::work(name, 1.0)
        }
    }

    /// A resource of `kind` with one unit, no label, rates or availability rows.
    pub fn of_kind(name: impl Into<String>, kind: ResourceKind) -> Self {
        Self {
            kind,
            ..Self::work(name, 1.0)
        }
    }

    /// A cost resource.
    pub fn cost(name: impl Into<String>) -> Self {
        Self {
            kind: ResourceKind::Cost,
            ..Self::work(name, 1.0)
        }
    }

    /// The id assigned by the project (0 before the resource is added).
    pub fn id(&self) -> ResourceId {
        self.id
    }

    /// The same resource with one more cost-rate row (kept sorted by date).
    pub fn with_rate(mut self, rate: CostRate) -> Self {
        self.rates.push(rate);
        self.rates.sort_by_key(|r| r.from);
        self
    }

    /// The same resource with days away.
    pub fn with_leave(mut self, from: NaiveDate, until: NaiveDate) -> Self {
        self.leave.push(Leave { from, until });
        self
    }

    /// The same resource with `units` available from `from` to `until` (inclusive).
    pub fn with_availability(mut self, from: NaiveDate, until: NaiveDate, units: f64) -> Self {
        self.availability.push(Availability { from, until, units });
        self
    }

    /// The same resource on its own base calendar.
    pub fn with_calendar(mut self, calendar: CalendarId) -> Self {
        self.calendar = Some(calendar);
        self
    }

    /// The days on which the units may change: each availability row's and leave's first
    /// day and the day after its last.
    pub fn change_days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        let rows = self.availability.iter().map(|a| (a.from, a.until));
        let leave = self.leave.iter().map(|l| (l.from, l.until));
        rows.chain(leave)
            .flat_map(|(from, until)| std::iter::once(from).chain(until.succ_opt()))
    }

    /// Units available on a day, before the calendar: 0 on leave, the last matching
    /// [`Availability`] row, else `max_units`.
    pub fn units_on(&self, day: NaiveDate) -> f64 {
        if self.leave.iter().any(|l| l.from <= day && day <= l.until) {
            return 0.0;
        }
        self.availability
            .iter()
            .rev()
            .find(|a| a.from <= day && day <= a.until)
            .map_or(self.max_units, |a| a.units)
    }

    /// The cost rates in effect on a day (zero rates when the table is empty).
    pub fn rate_on(&self, day: NaiveDate) -> CostRate {
        self.rates
            .iter()
            .rev()
            .find(|r| r.from.is_none_or(|f| f <= day))
            .or(self.rates.first())
            .copied()
            .unwrap_or(CostRate::new(0.0))
    }

    /// The first problem with the resource's fields, if any.
    pub(crate) fn problem(&self) -> Option<String> {
        if !(self.max_units.is_finite() && self.max_units >= 0.0 && self.max_units <= 1e6) {
            return Some(format!(
                "max units {} must be within 0..=1,000,000",
                self.max_units
            ));
        }
        for a in &self.availability {
            if !(a.units.is_finite() && a.units >= 0.0 && a.units <= 1e6) {
                return Some(format!(
                    "availability {} must be within 0..=1,000,000",
                    a.units
                ));
            }
            if a.until < a.from {
                return Some(format!(
                    "availability ends ({}) before it starts ({})",
                    a.until, a.from
                ));
            }
        }
        for l in &self.leave {
            if l.until < l.from {
                return Some(format!(
                    "leave ends ({}) before it starts ({})",
                    l.until, l.from
                ));
            }
        }
        for r in &self.rates {
            for (what, v) in [
                ("standard", r.standard),
                ("overtime", r.overtime),
                ("per use", r.per_use),
            ] {
                if !(v.is_finite() && v >= 0.0) {
                    return Some(format!("{what} rate {v} must be finite and ≥ 0"));
                }
            }
        }
        None
    }
}

/// A resource assigned to a task.
///
/// For a work resource `units` is the share of the resource's time (1.0 = full time)
/// and work = duration × units; for a material it is the quantity used; for a cost
/// resource `cost` is the amount.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    /// The task.
    pub task: TaskId,
    /// The resource.
    pub resource: ResourceId,
    /// Units (work: share of time; material: quantity).
    #[serde(default = "one")]
    pub units: f64,
    /// Amount of a cost-resource assignment.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub cost: f64,
    /// Overtime work included in the assignment's work (charged at the overtime rate).
    #[serde(default, skip_serializing_if = "Duration::is_zero")]
    pub overtime: Duration,
}

fn is_zero(v: &f64) -> bool {
    *v == 0.0
}

impl Assignment {
    /// `resource` on `task` at `units`.
    pub fn new(task: TaskId, resource: ResourceId, units: f64) -> Self {
        Self {
            task,
            resource,
            units,
            cost: 0.0,
            overtime: Duration::ZERO,
        }
    }

    /// A cost-resource assignment of `amount`.
    pub fn cost(task: TaskId, resource: ResourceId, amount: f64) -> Self {
        Self {
            cost: amount,
            ..Self::new(task, resource, 1.0)
        }
    }

    /// Work of a work-resource assignment on a task of `duration`: duration × units.
    pub fn work(&self, duration: Duration) -> Duration {
        Duration::minutes((duration.as_minutes() as f64 * self.units).round() as i64)
    }

    pub(crate) fn problem(&self) -> Option<String> {
        if !(self.units.is_finite() && self.units >= 0.0 && self.units <= 1e6) {
            return Some(format!("units {} must be within 0..=1,000,000", self.units));
        }
        if !self.cost.is_finite() {
            return Some(format!("cost {} must be finite", self.cost));
        }
        if self.overtime.as_minutes() < 0 {
            return Some("overtime must not be negative".into());
        }
        None
    }
}
