//! `named!`: snake_case names of unit enums (as serde writes them), for bindings and files.

/// Names of a unit enum as serde writes them, for bindings and files.
macro_rules! named {
    ($t:ident { $($v:ident = $n:literal),* $(,)? }) => {
        impl $t {
            /// Every value, in declaration order.
            pub const ALL: &'static [$t] = &[$($t::$v),*];
            /// Every value's snake_case name, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$($n),*];

            /// The snake_case name (as in JSON and CSV).
            pub fn name(self) -> &'static str {
                match self {
                    $($t::$v => $n),*
                }
            }

            /// The value with this snake_case name.
            pub fn from_name(name: &str) -> Option<Self> {
                match name {
                    $($n => Some($t::$v),)*
                    _ => None,
                }
            }
        }
    };
}
pub(crate) use named;

/// How many tasks of a long chain an error message shows at each end.
const CHAIN_ENDS: usize = 5;

/// `task #1 -> task #2 -> task #1`: a closed chain of task ids for error messages that
/// carry no names, shortened like [`id_chain`] past `2 × CHAIN_ENDS` tasks.
pub(crate) fn task_chain(tasks: &[crate::ids::TaskId]) -> String {
    let Some(first) = tasks.first() else {
        return String::new();
    };
    let n = tasks.len();
    let mut parts: Vec<String> = vec![];
    if n > 2 * CHAIN_ENDS {
        parts.extend(tasks[..CHAIN_ENDS].iter().map(ToString::to_string));
        parts.push(format!("… {} more …", n - 2 * CHAIN_ENDS));
        parts.extend(tasks[n - CHAIN_ENDS..].iter().map(ToString::to_string));
    } else {
        parts.extend(tasks.iter().map(ToString::to_string));
    }
    parts.push(first.to_string());
    let text = parts.join(" -> ");
    if n > 2 * CHAIN_ENDS {
        format!("{text} ({n} tasks)")
    } else {
        text
    }
}

/// `#3 ("A") -> #4 ("B") -> #3 ("A")`: a closed chain of tasks for error messages.
/// A chain longer than `2 × CHAIN_ENDS` shows its first and last few tasks and its
/// length, so a loop of 100,000 tasks stays a one-line message (the error value keeps
/// every task).
pub(crate) fn id_chain(tasks: &[crate::ids::TaskId], names: &[String]) -> String {
    let item = |k: usize| {
        let name = names.get(k).map_or("", String::as_str);
        format!("{} ({name:?})", tasks[k])
    };
    let Some(first) = tasks.first().map(|_| item(0)) else {
        return String::new();
    };
    let n = tasks.len();
    let mut parts: Vec<String> = vec![];
    if n > 2 * CHAIN_ENDS {
        parts.extend((0..CHAIN_ENDS).map(item));
        parts.push(format!("… {} more …", n - 2 * CHAIN_ENDS));
        parts.extend((n - CHAIN_ENDS..n).map(item));
    } else {
        parts.extend((0..n).map(item));
    }
    parts.push(first);
    let text = parts.join(" -> ");
    if n > 2 * CHAIN_ENDS {
        format!("{text} ({n} tasks)")
    } else {
        text
    }
}
