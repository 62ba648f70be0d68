//! The case study's build phase run as three two-week sprints on a board
//! (`planix_examples::agile::story`): prints the board, each sprint's burndown, the
//! velocity, the flow percentiles, the health findings, the throughput forecasts and the
//! plan binding that moves the UAT milestone. Writes the board document (first argument,
//! default `target/case_study_board.json`), sprint 2's burndown and the CFD as SVG
//! (second and third arguments).
//!
//! Run: `cargo run --release -p planix-examples --example agile`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = args
        .first()
        .cloned()
        .unwrap_or_else(|| "target/case_study_board.json".into());
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/case_study.json"))?;
    let plan = planix::io::from_json(&text)?;
    let s = planix_examples::agile::story(&plan)?;
    print!("{}", s.report);
    std::fs::write(&out, s.board.to_json())?;
    if let Some(svg) = args.get(1) {
        std::fs::write(svg, &s.burndown_svg)?;
    }
    if let Some(svg) = args.get(2) {
        std::fs::write(svg, &s.cfd_svg)?;
    }
    println!("wrote {out}");
    Ok(())
}
