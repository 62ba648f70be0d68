//! [`Watch`]: progress reports and cancellation for long runs.

#[cfg(not(target_arch = "wasm32"))]
type Hook = std::sync::Arc<dyn Fn(u64, u64) -> bool + Send + Sync>;
/// wasm32 is single-threaded: the hook may be a JS callback, which is neither `Send`
/// nor `Sync`.
#[cfg(target_arch = "wasm32")]
type Hook = std::rc::Rc<dyn Fn(u64, u64) -> bool>;

/// A progress and cancel hook for long runs (the optimising leveling mode, Monte Carlo).
///
/// The run calls it now and then with `(done, total)` (schedules generated of the
/// budget, iterations finished of those asked for), one call at a time and with `done`
/// increasing, even when a simulation runs on several threads; returning `false` stops
/// the run:
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
///
/// On wasm32 the hook need not be `Send + Sync` (a JS callback can be one).
#[derive(Clone)]
pub struct Watch(Hook);

impl Watch {
    /// A hook calling `f(done, total)`; `f` returns `false` to stop the run.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn new(f: impl Fn(u64, u64) -> bool + Send + Sync + 'static) -> Self {
        Watch(std::sync::Arc::new(f))
    }

    /// A hook calling `f(done, total)`; `f` returns `false` to stop the run.
    #[cfg(target_arch = "wasm32")]
    pub fn new(f: impl Fn(u64, u64) -> bool + 'static) -> Self {
        Watch(std::rc::Rc::new(f))
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
        #[cfg(not(target_arch = "wasm32"))]
        return std::sync::Arc::ptr_eq(&self.0, &o.0);
        #[cfg(target_arch = "wasm32")]
        return std::rc::Rc::ptr_eq(&self.0, &o.0);
    }
}
