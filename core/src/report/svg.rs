//! Inline SVG charts drawn from [`ChartSeries`], so a printed summary shows the same
//! pictures as the app without any script, font or image file.
//!
//! Every chart carries a `<title>` and `<desc>` (read by screen readers) and is followed in
//! the document by a table of its values: the text alternative. Series are told apart by
//! dash pattern as well as colour, so a black-and-white print still reads.

use crate::chart::ChartSeries;

const W: f64 = 640.0;
const H: f64 = 240.0;
const X0: f64 = 44.0;
const X1: f64 = 628.0;
const Y0: f64 = 18.0;
const Y1: f64 = 190.0;
const COLOURS: [&str; 5] = ["#1f5f8b", "#b5562b", "#3d7a3a", "#6b4c9a", "#8a6d1d"];
const DASHES: [&str; 5] = ["", "7 4", "2 3", "9 3 2 3", "4 4"];
/// Most x-axis labels written, so they never overlap.
const MAX_X_LABELS: usize = 7;

/// Escapes text for HTML and SVG content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A number as people write it: "6", "6.5" (one decimal at most).
pub(crate) fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// A step for about five gridlines over `range`.
fn tick_step(range: f64) -> f64 {
    for s in [1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 500.0] {
        if range / s <= 6.0 {
            return s;
        }
    }
    (range / 5.0).ceil().max(1.0)
}

fn axis(min: f64, max: f64) -> (f64, f64) {
    if max > min {
        (min, max)
    } else {
        (min, min + 1.0)
    }
}

fn y_of(v: f64, min: f64, max: f64) -> f64 {
    let f = ((v - min) / (max - min)).clamp(0.0, 1.0);
    Y1 - f * (Y1 - Y0)
}

fn open(id: &str, title: &str, desc: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"{id}\" viewBox=\"0 0 {W} {H}\" \
         role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"sans-serif\" font-size=\"11\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        esc(title),
        esc(desc)
    )
}

fn grid(out: &mut String, min: f64, max: f64) {
    let step = tick_step(max - min);
    let mut t = (min / step).ceil() * step;
    while t <= max + 1e-9 {
        let y = y_of(t, min, max);
        out.push_str(&format!(
            "<line x1=\"{X0}\" x2=\"{X1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#d0d0d0\" stroke-width=\"1\"/>\
             <text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#444\">{}</text>",
            X0 - 6.0,
            y + 4.0,
            num(t)
        ));
        t += step;
    }
    out.push_str(&format!(
        "<line x1=\"{X0}\" x2=\"{X1}\" y1=\"{Y1}\" y2=\"{Y1}\" stroke=\"#666\" stroke-width=\"1\"/>"
    ));
}

fn slot_x(i: usize, n: usize) -> f64 {
    X0 + (X1 - X0) * (i as f64 + 0.5) / n.max(1) as f64
}

fn x_labels(out: &mut String, labels: &[String]) {
    let n = labels.len();
    if n == 0 {
        return;
    }
    let every = n.div_ceil(MAX_X_LABELS).max(1);
    for (i, l) in labels.iter().enumerate() {
        if i % every == 0 {
            out.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#444\">{}</text>",
                slot_x(i, n),
                Y1 + 16.0,
                esc(l)
            ));
        }
    }
}

/// A line chart of one or more series sharing their points' dates (the first series' labels
/// are the x axis). A missing value breaks the line: no invented zeros.
pub(crate) fn line_chart(id: &str, title: &str, desc: &str, series: &[ChartSeries]) -> String {
    let mut out = open(id, title, desc);
    let min = series
        .iter()
        .map(|s| s.axis_min)
        .fold(f64::INFINITY, f64::min);
    let max = series
        .iter()
        .map(|s| s.axis_max)
        .fold(f64::NEG_INFINITY, f64::max);
    let (min, max) = if min.is_finite() && max.is_finite() {
        axis(min, max)
    } else {
        (0.0, 1.0)
    };
    grid(&mut out, min, max);
    let labels: Vec<String> = series
        .first()
        .map(|s| s.points.iter().map(|p| p.label.clone()).collect())
        .unwrap_or_default();
    x_labels(&mut out, &labels);
    for (si, s) in series.iter().enumerate() {
        let colour = COLOURS[si % COLOURS.len()];
        let dash = DASHES[si % DASHES.len()];
        let n = s.points.len();
        let mut d = String::new();
        let mut pen_down = false;
        for (i, p) in s.points.iter().enumerate() {
            match p.value {
                Some(v) => {
                    let (x, y) = (slot_x(i, n), y_of(v, min, max));
                    d.push_str(&format!(
                        "{}{x:.1} {y:.1} ",
                        if pen_down { "L" } else { "M" }
                    ));
                    pen_down = true;
                }
                None => pen_down = false,
            }
        }
        // Across days with nothing recorded, a faint dotted bridge keeps the trend readable
        // while the solid line only joins days that follow each other.
        let recorded: Vec<(f64, f64)> = s
            .points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.value.map(|v| (slot_x(i, n), y_of(v, min, max))))
            .collect();
        if recorded.len() >= 2 && d.matches('M').count() > 1 {
            let bridge: Vec<String> = recorded
                .iter()
                .enumerate()
                .map(|(i, (x, y))| format!("{}{x:.1} {y:.1}", if i == 0 { "M" } else { "L" }))
                .collect();
            out.push_str(&format!(
                "<path class=\"bridge\" d=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.2\" stroke-dasharray=\"1 4\" stroke-linecap=\"round\" opacity=\"0.7\"/>",
                bridge.join(" ")
            ));
        }
        if !d.is_empty() {
            out.push_str(&format!(
                "<path class=\"line\" d=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"{}/>",
                d.trim_end(),
                if dash.is_empty() {
                    String::new()
                } else {
                    format!(" stroke-dasharray=\"{dash}\"")
                }
            ));
        }
        for (i, p) in s.points.iter().enumerate() {
            if let Some(v) = p.value {
                out.push_str(&format!(
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"{colour}\"><title>{}: {}</title></circle>",
                    slot_x(i, n),
                    y_of(v, min, max),
                    esc(&p.label),
                    num(v)
                ));
            }
        }
    }
    if series.len() > 1 {
        for (si, s) in series.iter().enumerate() {
            let y = 230.0;
            let x = X0 + si as f64 * 150.0;
            let dash = DASHES[si % DASHES.len()];
            out.push_str(&format!(
                "<line x1=\"{x}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2.5\"{}/>\
                 <text x=\"{}\" y=\"{y}\" fill=\"#222\">{}</text>",
                x + 22.0,
                y - 4.0,
                y - 4.0,
                COLOURS[si % COLOURS.len()],
                if dash.is_empty() {
                    String::new()
                } else {
                    format!(" stroke-dasharray=\"{dash}\"")
                },
                x + 27.0,
                esc(&s.label)
            ));
        }
    }
    out.push_str("</svg>");
    out
}

/// A bar chart of one series: a bar per point, its value written above it.
pub(crate) fn bar_chart(id: &str, title: &str, desc: &str, s: &ChartSeries) -> String {
    let mut out = open(id, title, desc);
    let (min, max) = axis(s.axis_min, s.axis_max);
    grid(&mut out, min, max);
    let n = s.points.len();
    let slot = (X1 - X0) / n.max(1) as f64;
    for (i, p) in s.points.iter().enumerate() {
        let v = p.value.unwrap_or(0.0);
        let x = slot_x(i, n) - slot * 0.3;
        let y = y_of(v, min, max);
        out.push_str(&format!(
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"><title>{}: {}</title></rect>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#222\">{}</text>",
            slot * 0.6,
            (Y1 - y).max(0.0),
            COLOURS[i % COLOURS.len()],
            esc(&p.label),
            num(v),
            slot_x(i, n),
            y - 5.0,
            num(v)
        ));
    }
    let labels: Vec<String> = s.points.iter().map(|p| p.label.clone()).collect();
    // Categories are few: label every bar.
    for (i, l) in labels.iter().enumerate() {
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#222\">{}</text>",
            slot_x(i, n),
            Y1 + 16.0,
            esc(l)
        ));
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::ChartPoint;

    fn series(values: &[Option<f64>]) -> ChartSeries {
        crate::chart::SeriesParts {
            id: "s".into(),
            label: "Mood <&>".into(),
            axis_min: 0.0,
            axis_max: 10.0,
            points: values
                .iter()
                .enumerate()
                .map(|(i, v)| ChartPoint {
                    date: format!("2026-11-{:02}", i + 1),
                    label: format!("D{i}"),
                    value: *v,
                })
                .collect(),
        }
        .finish()
    }

    #[test]
    fn gaps_break_the_line_and_text_is_escaped() {
        let svg = line_chart(
            "c1",
            "Mood \"title\"",
            "d <desc>",
            &[series(&[Some(2.0), Some(4.0), None, Some(6.0)])],
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("<title id=\"c1-title\">Mood &quot;title&quot;</title>"));
        assert!(svg.contains("<desc id=\"c1-desc\">d &lt;desc&gt;</desc>"));
        // Two pen-downs: the gap starts a new sub-path.
        assert!(svg.contains("<path class=\"bridge\""));
        let d = svg.split("<path class=\"line\" d=\"").nth(1).unwrap();
        let d = &d[..d.find('"').unwrap()];
        assert_eq!(d.matches('M').count(), 2, "{d}");
        assert_eq!(d.matches('L').count(), 1, "{d}");
        assert_eq!(svg.matches("<circle").count(), 3);
        assert!(!svg.contains("<script"));
    }

    #[test]
    fn values_map_onto_the_axis() {
        // 0 sits on the baseline, 10 at the top, and values outside are clamped.
        assert_eq!(y_of(0.0, 0.0, 10.0), Y1);
        assert_eq!(y_of(10.0, 0.0, 10.0), Y0);
        assert_eq!(y_of(99.0, 0.0, 10.0), Y0);
        assert_eq!(tick_step(10.0), 2.0);
        assert_eq!(tick_step(27.0), 5.0);
        assert_eq!(num(6.0), "6");
        assert_eq!(num(6.25), "6.3");
    }

    #[test]
    fn bars_label_every_category_and_empty_series_draw() {
        let svg = bar_chart("b", "t", "d", &series(&[Some(3.0), Some(0.0), Some(5.0)]));
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.contains(">D1</text>"));
        let empty = line_chart("e", "t", "d", &[series(&[None, None])]);
        assert!(!empty.contains("<path") && empty.ends_with("</svg>"));
        let none = line_chart("n", "t", "d", &[]);
        assert!(none.ends_with("</svg>"));
    }
}
