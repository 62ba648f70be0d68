//! [`Watch`]: progress reports and cancellation for long runs.

use std::sync::Arc;

/// A progress and cancel hook for long runs (the optimising leveling mode, Monte Carlo).
///
/// The run calls it now and then with `(done, total)` (schedules generated of the
/// budget, iterations finished of those asked for); returning `false` stops the run:
/// leveling returns the best schedule found so far, a simulation returns
/// [`SimulateError::Cancelled`](crate::simulate::SimulateError::Cancelled). The hook
/// never changes what an uncancelled run computes, so results stay deterministic.
///
/// # Example
/// ```
/// use std::sync::atomic::{AtomicU64, Ordering};
/// use std::sync::Arc;
/// let seen = Arc::new(AtomicU64::new(0));
/// let s = seen.clone();
/// let w = planix::Watch::new(move |done, _total| {
///     s.store(done, Ordering::Relaxed);
///     true
/// });
/// assert!(w.tick(5, 10));
/// assert_eq!(seen.load(Ordering::Relaxed), 5);
/// ```
#[derive(Clone)]
pub struct Watch(Arc<dyn Fn(u64, u64) -> bool + Send + Sync>);

impl Watch {
    /// A hook calling `f(done, total)`; `f` returns `false` to stop the run.
    pub fn new(f: impl Fn(u64, u64) -> bool + Send + Sync + 'static) -> Self {
        Watch(Arc::new(f))
    }

    /// Reports progress; `false` when the run should stop.
    pub fn tick(&self, done: u64, total: u64) -> bool {
        (self.0)(done, total)
    }
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Watch")
    }
}

/// Two hooks are equal when they are the same hook.
impl PartialEq for Watch {
    fn eq(&self, o: &Self) -> bool {
        Arc::ptr_eq(&self.0, &o.0)
    }
}
