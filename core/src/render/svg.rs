//! A small SVG writer: numbers with one decimal, escaped text, CSS classes.
//!
//! Every chart writes through [`Svg`], so the bytes depend only on the values drawn:
//! coordinates are rounded to tenths of a pixel and written without exponent, text is
//! XML-escaped, and styling lives in one `<style>` block of class rules (no script, no
//! `foreignObject`), which JupyterLab, VS Code, GitHub, browsers and resvg all draw.

/// Appends `x` rounded to tenths: `12`, `12.5`, `-3.1`; non-finite values as `0`.
pub(crate) fn num(out: &mut String, x: f64) {
    let t = tenths(x);
    if t < 0 {
        out.push('-');
    }
    let a = t.unsigned_abs();
    push_uint(out, a / 10);
    if a % 10 != 0 {
        out.push('.');
        out.push(char::from(b'0' + (a % 10) as u8));
    }
}

/// Appends an unsigned integer in decimal.
pub(crate) fn push_uint(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or("0"));
}

/// `x` in whole tenths, rounded half away from zero; non-finite values as 0.
/// Coordinates are bounded by the chart sizes the options allow, far below the clamp.
fn tenths(x: f64) -> i64 {
    if !x.is_finite() {
        return 0;
    }
    let t = (x * 10.0).clamp(-1e15, 1e15);
    if t >= 0.0 {
        (t + 0.5) as i64
    } else {
        (t - 0.5) as i64
    }
}

/// Appends `s` with `&`, `<`, `>`, `"` and `'` escaped, and control characters other than
/// tab and newline dropped (XML 1.0 cannot carry them).
pub(crate) fn esc(out: &mut String, s: &str) {
    if !s
        .bytes()
        .any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | 0..=0x1f | 0xEF))
    {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// Path data through `points`: `M` absolute, then relative `h`/`v` for horizontal and
/// vertical steps and `l` for the rest (short numbers on long charts).
pub(crate) fn path_data(points: &[(f64, f64)]) -> String {
    let mut d = String::with_capacity(points.len() * 8);
    let mut prev = (0.0, 0.0);
    // Deltas between rounded points, so the last point lands where it would absolutely.
    let tenth = |v: f64| tenths(v) as f64 / 10.0;
    for (j, &(x, y)) in points.iter().enumerate() {
        let (x, y) = (tenth(x), tenth(y));
        if j == 0 {
            d.push('M');
            num(&mut d, x);
            d.push(' ');
            num(&mut d, y);
        } else if (y - prev.1).abs() < 1e-9 {
            d.push('h');
            num(&mut d, x - prev.0);
        } else if (x - prev.0).abs() < 1e-9 {
            d.push('v');
            num(&mut d, y - prev.1);
        } else {
            d.push('l');
            num(&mut d, x - prev.0);
            d.push(' ');
            num(&mut d, y - prev.1);
        }
        prev = (x, y);
    }
    d
}

/// Text anchor of a label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

/// An SVG document being written.
#[derive(Debug)]
pub(crate) struct Svg {
    pub(crate) out: String,
}

impl Svg {
    /// Opens a document of `width × height` pixels with the given class rules.
    pub(crate) fn new(width: f64, height: f64, css: &str, title: &str, capacity: usize) -> Self {
        let mut out = String::with_capacity(capacity.max(1024));
        out.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"");
        num(&mut out, width);
        out.push_str("\" height=\"");
        num(&mut out, height);
        out.push_str("\" viewBox=\"0 0 ");
        num(&mut out, width);
        out.push(' ');
        num(&mut out, height);
        out.push_str(
            "\" font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\" font-size=\"11\">",
        );
        if !title.is_empty() {
            out.push_str("<title>");
            esc(&mut out, title);
            out.push_str("</title>");
        }
        out.push_str("<style>");
        out.push_str(css);
        out.push_str("</style>");
        let mut s = Svg { out };
        s.rect(0.0, 0.0, width, height, "bg");
        s
    }

    /// Closes the document and returns its text.
    pub(crate) fn finish(mut self) -> String {
        self.out.push_str("</svg>\n");
        self.out
    }

    fn attr(&mut self, name: &str, v: f64) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        num(&mut self.out, v);
        self.out.push('"');
    }

    fn class(&mut self, class: &str) {
        if !class.is_empty() {
            self.out.push_str(" class=\"");
            self.out.push_str(class);
            self.out.push('"');
        }
    }

    /// A rectangle (zero or negative sizes are drawn as zero).
    pub(crate) fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, class: &str) {
        self.rect_open(x, y, w, h, class);
        self.out.push_str("/>");
    }

    /// A rectangle with a tooltip.
    pub(crate) fn rect_titled(&mut self, x: f64, y: f64, w: f64, h: f64, class: &str, tip: &str) {
        self.rect_open(x, y, w, h, class);
        self.out.push_str("><title>");
        esc(&mut self.out, tip);
        self.out.push_str("</title></rect>");
    }

    /// A rectangle with an inline fill colour.
    pub(crate) fn rect_fill(&mut self, x: f64, y: f64, w: f64, h: f64, class: &str, fill: &str) {
        self.rect_open(x, y, w, h, class);
        self.out.push_str(" fill=\"");
        esc(&mut self.out, fill);
        self.out.push_str("\"/>");
    }

    /// A rectangle with an inline fill colour and a tooltip.
    pub(crate) fn rect_fill_titled(
        &mut self,
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: &str,
        tip: &str,
    ) {
        self.rect_open(x, y, w, h, "");
        self.out.push_str(" fill=\"");
        esc(&mut self.out, fill);
        self.out.push_str("\"><title>");
        esc(&mut self.out, tip);
        self.out.push_str("</title></rect>");
    }

    fn rect_open(&mut self, x: f64, y: f64, w: f64, h: f64, class: &str) {
        self.out.push_str("<rect");
        self.attr("x", x);
        self.attr("y", y);
        self.attr("width", w.max(0.0));
        self.attr("height", h.max(0.0));
        self.class(class);
    }

    /// A straight line.
    pub(crate) fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, class: &str) {
        self.out.push_str("<line");
        self.attr("x1", x1);
        self.attr("y1", y1);
        self.attr("x2", x2);
        self.attr("y2", y2);
        self.class(class);
        self.out.push_str("/>");
    }

    /// A path from its `d` data.
    pub(crate) fn path(&mut self, d: &str, class: &str) {
        self.out.push_str("<path d=\"");
        self.out.push_str(d);
        self.out.push('"');
        self.class(class);
        self.out.push_str("/>");
    }

    /// A path with a tooltip.
    pub(crate) fn path_titled(&mut self, d: &str, class: &str, tip: &str) {
        self.out.push_str("<path d=\"");
        self.out.push_str(d);
        self.out.push('"');
        self.class(class);
        self.out.push_str("><title>");
        esc(&mut self.out, tip);
        self.out.push_str("</title></path>");
    }

    /// A polyline through `points`: a path of `M`, then `H` or `V` for horizontal and
    /// vertical steps (the short form orthogonal routes need) and `L` for the rest.
    pub(crate) fn polyline(&mut self, points: &[(f64, f64)], class: &str) {
        if points.len() < 2 {
            return;
        }
        let d = path_data(points);
        self.path(&d, class);
    }

    /// A polyline with a tooltip.
    pub(crate) fn polyline_titled(&mut self, points: &[(f64, f64)], class: &str, tip: &str) {
        if points.len() < 2 {
            return;
        }
        let d = path_data(points);
        self.path_titled(&d, class, tip);
    }

    /// A closed polygon through `points`, with a tooltip when `tip` is not empty.
    pub(crate) fn polygon(&mut self, points: &[(f64, f64)], class: &str, tip: &str) {
        let mut d = path_data(points);
        d.push('z');
        if tip.is_empty() {
            self.path(&d, class);
        } else {
            self.path_titled(&d, class, tip);
        }
    }

    /// A text label.
    pub(crate) fn text(&mut self, x: f64, y: f64, anchor: Anchor, class: &str, s: &str) {
        self.out.push_str("<text");
        self.attr("x", x);
        self.attr("y", y);
        match anchor {
            Anchor::Start => {}
            Anchor::Middle => self.out.push_str(" text-anchor=\"middle\""),
            Anchor::End => self.out.push_str(" text-anchor=\"end\""),
        }
        self.class(class);
        self.out.push('>');
        esc(&mut self.out, s);
        self.out.push_str("</text>");
    }

    /// A text label rotated by −90° around its anchor point (vertical axis titles).
    pub(crate) fn text_vertical(&mut self, x: f64, y: f64, class: &str, s: &str) {
        self.out.push_str("<text");
        self.attr("x", x);
        self.attr("y", y);
        self.out
            .push_str(" text-anchor=\"middle\" transform=\"rotate(-90 ");
        num(&mut self.out, x);
        self.out.push(' ');
        num(&mut self.out, y);
        self.out.push_str(")\"");
        self.class(class);
        self.out.push('>');
        esc(&mut self.out, s);
        self.out.push_str("</text>");
    }

    /// Opens a group with a tooltip (closed by [`Svg::end`]).
    pub(crate) fn group_titled(&mut self, class: &str, tip: &str) {
        self.out.push_str("<g");
        self.class(class);
        self.out.push_str("><title>");
        esc(&mut self.out, tip);
        self.out.push_str("</title>");
    }

    /// Closes a group.
    pub(crate) fn end(&mut self) {
        self.out.push_str("</g>");
    }

    /// Writes raw markup (definitions such as markers).
    pub(crate) fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_one_decimal_and_no_negative_zero() {
        let mut s = String::new();
        for x in [0.0, -0.04, 12.0, 12.55, -3.17, 1e7, f64::NAN] {
            num(&mut s, x);
            s.push(',');
        }
        assert_eq!(s, "0,0,12,12.6,-3.2,10000000,0,");
    }

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        let mut s = String::new();
        esc(&mut s, "a<b & \"c\" 'd'\u{1}\n");
        assert_eq!(s, "a&lt;b &amp; &quot;c&quot; &apos;d&apos;\n");
    }
}
