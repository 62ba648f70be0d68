//! PNG rasterisation of the SVG charts with `resvg` (feature `png`).
//!
//! Text is drawn with the system's fonts (DejaVu Sans first, as the charts ask), so
//! reading them is this feature's one piece of I/O; a machine without fonts draws the
//! charts without text.

use serde::{Deserialize, Serialize};

use super::RenderError;

/// Options of [`png`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PngOptions {
    /// Pixels per SVG pixel (0.1–8), 1 by default; 2 for sharp text on high-density screens.
    pub scale: f64,
}

impl Default for PngOptions {
    fn default() -> Self {
        PngOptions { scale: 1.0 }
    }
}

/// The most pixels a PNG may have (width × height after scaling).
pub const MAX_PNG_PIXELS: u64 = 120_000_000;

/// Rasterises an SVG chart to PNG bytes.
///
/// # Errors
/// [`RenderError::Option`] for a scale outside 0.1–8, [`RenderError::TooLarge`] past
/// [`MAX_PNG_PIXELS`], [`RenderError::Png`] when the SVG cannot be parsed.
pub fn png(svg: &str, opts: &PngOptions) -> Result<Vec<u8>, RenderError> {
    use resvg::{tiny_skia, usvg};
    if !(0.1..=8.0).contains(&opts.scale) {
        return Err(RenderError::Option {
            option: "scale",
            message: format!("{} is not in 0.1–8", opts.scale),
        });
    }
    let mut o = usvg::Options::default();
    o.fontdb_mut().load_system_fonts();
    let tree = usvg::Tree::from_str(svg, &o).map_err(|e| RenderError::Png(e.to_string()))?;
    let size = tree.size();
    let (w, h) = (
        (f64::from(size.width()) * opts.scale).ceil(),
        (f64::from(size.height()) * opts.scale).ceil(),
    );
    if w * h > MAX_PNG_PIXELS as f64 || w < 1.0 || h < 1.0 {
        return Err(RenderError::TooLarge {
            message: format!(
                "a {w:.0} × {h:.0} px PNG (at most {MAX_PNG_PIXELS} pixels); lower the scale or page the chart"
            ),
        });
    }
    let mut pixmap = tiny_skia::Pixmap::new(w as u32, h as u32)
        .ok_or_else(|| RenderError::Png("cannot allocate the image".into()))?;
    let s = opts.scale as f32;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(s, s),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| RenderError::Png(e.to_string()))
}
