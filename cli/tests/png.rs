#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]
//! The case study's Gantt chart rasterised to PNG (resvg, system fonts) matches the
//! committed `docs/img/case_study_gantt.png` within a tolerance: the same size, and at
//! most 1% of the pixels differ by more than 48 in a channel (font hinting and
//! anti-aliasing may move a few edge pixels; a moved bar or a lost label does not pass).

use std::path::Path;

fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("a frame");
    assert_eq!(info.color_type, png::ColorType::Rgba, "RGBA");
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

#[test]
fn case_study_gantt_png_matches_the_committed_image() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let text = std::fs::read_to_string(root.join("examples/data/case_study_tracked.json"))
        .expect("case study");
    let project = planix::io::from_json(&text).expect("project");
    let svg = planix::render::chart(&project, planix::render::Chart::Gantt, None).expect("chart");
    let png = planix::render::png(&svg, &planix::render::PngOptions::default()).expect("png");
    let committed =
        std::fs::read(root.join("docs/img/case_study_gantt.png")).expect("committed image");
    if std::env::var_os("PLANIX_BLESS").is_some() {
        std::fs::write(root.join("docs/img/case_study_gantt.png"), &png).expect("write");
        return;
    }
    let (w, h, a) = decode(&png);
    let (w2, h2, b) = decode(&committed);
    assert_eq!((w, h), (w2, h2), "image size");
    let differing = a
        .chunks(4)
        .zip(b.chunks(4))
        .filter(|(p, q)| p.iter().zip(q.iter()).any(|(x, y)| x.abs_diff(*y) > 48))
        .count();
    let share = differing as f64 / f64::from(w * h);
    assert!(share <= 0.01, "{:.2}% of the pixels differ", share * 100.0);
}
