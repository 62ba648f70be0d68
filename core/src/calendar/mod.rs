//! Working-time calendars and working-time arithmetic.
//!
//! A [`Calendar`] says when work can happen: working intervals for each weekday,
//! exceptions over date ranges (holidays, or working days with their own hours) and
//! recurring yearly holidays. [`Duration`] counts working minutes. Inside the
//! scheduler a calendar is compiled into a private day table that turns working-time
//! arithmetic into integer arithmetic.

#[allow(clippy::module_inception)]
mod calendar;
mod duration;
mod error;
mod interval;
mod period;
pub(crate) mod timeline;

pub use calendar::{Calendar, CalendarException, WeekPattern, YearlyHoliday};
pub use duration::Duration;
pub use error::CalendarError;
pub use interval::WorkingInterval;
pub use period::Period;
