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
