//! Runnable examples of planix; see `examples/` (run with `cargo run --example NAME`).

pub mod agile;
