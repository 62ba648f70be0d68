//! Small `Copy` identifiers for the entities of a [`Project`](crate::model::Project).
//!
//! Ids are allocated monotonically by the project and never reused, even after a
//! delete, so they are stable across save and load (JSON ids and MSPDI UIDs round-trip).

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[repr(transparent)]
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default, Serialize, Deserialize)]
        #[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl $name {
            /// The raw number of this id.
            pub const fn get(self) -> u32 {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }

        impl From<u32> for $name {
            fn from(v: u32) -> Self {
                Self(v)
            }
        }
    };
}

id_type!(
    /// Identifies a task (summary, task or milestone) of a project.
    TaskId,
    "task #"
);
id_type!(
    /// Identifies a resource (person, material or cost item) of a project.
    ResourceId,
    "resource #"
);
id_type!(
    /// Identifies a working-time calendar of a project.
    CalendarId,
    "calendar #"
);
