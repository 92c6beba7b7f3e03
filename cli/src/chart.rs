//! Charts as text: one row per point, a bar scaled to the axis the core chose.

use companion_core::{terminal_text, ChartSeries};

use crate::words::fill_all;

/// Width of a full bar, in characters.
const BAR: f64 = 20.0;

/// Runs of this many empty points or more are drawn as one line.
const GAP_RUN: usize = 3;

pub fn number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// Draws `s`; a point with no value shows as a gap ("·").
pub fn draw(s: &ChartSeries) -> String {
    let t = terminal_text();
    let mut out = fill_all(
        &t.chart_heading,
        &[
            ("min", &number(s.axis_min)),
            ("max", &number(s.axis_max)),
            ("label", &s.label),
        ],
    );
    out.push('\n');
    if s.points.is_empty() {
        return out;
    }
    let width = s
        .points
        .iter()
        .map(|p| p.label.chars().count())
        .max()
        .unwrap_or(0);
    let span = (s.axis_max - s.axis_min).max(f64::EPSILON);
    let mut i = 0;
    while i < s.points.len() {
        let p = &s.points[i];
        match p.value {
            Some(v) => {
                let frac = ((v - s.axis_min) / span).clamp(0.0, 1.0);
                let n = (frac * BAR).round() as usize;
                out.push_str(&format!(
                    "  {:width$}  {}{} {}\n",
                    p.label,
                    "█".repeat(n),
                    "░".repeat(BAR as usize - n),
                    number(v)
                ));
                i += 1;
            }
            None => {
                // A long run of empty days is one line, so the points stand out.
                let run = s.points[i..]
                    .iter()
                    .take_while(|q| q.value.is_none())
                    .count();
                if run >= GAP_RUN {
                    let last = &s.points[i + run - 1];
                    let gap = fill_all(&t.chart_gap, &[("from", &p.label), ("to", &last.label)]);
                    out.push_str(&format!("  {gap}\n"));
                } else {
                    for q in &s.points[i..i + run] {
                        out.push_str(&format!("  {:width$}  ·\n", q.label));
                    }
                }
                i += run;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use companion_core::ChartPoint;

    #[test]
    fn bars_follow_the_axis_and_gaps_show() {
        let s = ChartSeries {
            id: "x".into(),
            label: "Mood".into(),
            description: String::new(),
            axis_min: 0.0,
            axis_max: 10.0,
            points: vec![
                ChartPoint {
                    date: "2026-11-22".into(),
                    label: "Sun 22 Nov".into(),
                    value: Some(5.0),
                },
                ChartPoint {
                    date: "2026-11-23".into(),
                    label: "Mon 23 Nov".into(),
                    value: None,
                },
                ChartPoint {
                    date: "2026-11-24".into(),
                    label: "Tue 24 Nov".into(),
                    value: Some(23.21),
                },
            ],
        };
        let d = draw(&s);
        assert!(d.starts_with("Mood (0 to 10)\n"), "{d}");
        assert!(d.contains(&format!(
            "Sun 22 Nov  {}{} 5",
            "█".repeat(10),
            "░".repeat(10)
        )));
        assert!(d.contains("Mon 23 Nov  ·"));
        assert!(d.contains(&format!("{} 23.2", "█".repeat(20))), "{d}");
        let mut long = s.clone();
        long.points[0].value = None;
        long.points.push(long.points[2].clone());
        long.points[2].value = None;
        let d = draw(&long);
        assert!(
            d.contains("Sun 22 Nov – Tue 24 Nov  · nothing recorded"),
            "{d}"
        );
    }
}
