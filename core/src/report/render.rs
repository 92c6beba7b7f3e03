//! The summary as one self-contained HTML document and as plain text.
//!
//! The HTML has no script and loads nothing: styles are inline, charts are inline SVG, and
//! a Content-Security-Policy forbids anything else, so the file opens the same offline, in
//! any browser, years from now. Print styles lay it out on A4 with sections kept whole where
//! they fit.

use super::content::Content;
use super::svg::{self, esc, num};
use super::{Period, ReportChart, ReportChartKind, ReportSection};
use crate::clock::fmt_date;

const CSS: &str = "
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif;
  color: #1a1a1a; background: #fff; line-height: 1.45; margin: 0; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 .5rem; padding-bottom: .2rem; border-bottom: 2px solid #1f5f8b; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
p, ul { margin: .35rem 0; }
.period { color: #333; }
.note { font-size: .9rem; color: #444; }
section.safety { border: 2px solid #b5562b; border-radius: 6px; padding: .25rem 1rem .75rem; margin-top: 1.25rem; }
section.safety h2 { border-bottom-color: #b5562b; margin-top: .75rem; }
.flag { font-weight: 600; }
.empty { color: #555; font-style: italic; }
figure { margin: .75rem 0 1rem; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%; height: auto; max-width: 40rem; display: block; }
figcaption { font-size: .9rem; color: #333; margin-top: .25rem; }
table { border-collapse: collapse; margin: .5rem 0; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding-bottom: .2rem; }
th, td { border: 1px solid #bbb; padding: .2rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef3f7; }
table.values { font-size: .8rem; }
.entry { break-inside: avoid; page-break-inside: avoid; }
footer { margin-top: 2rem; font-size: .85rem; color: #444; border-top: 1px solid #ccc; padding-top: .5rem; }
@page { size: A4; margin: 16mm 15mm 18mm; }
@media print {
  body { font-size: 10.5pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  figure svg { max-width: 100%; }
}
";

fn chart_svg(ch: &ReportChart) -> String {
    match ch.kind {
        ReportChartKind::Line => svg::line_chart(&ch.id, &ch.title, &ch.description, &ch.series),
        ReportChartKind::Bar => match ch.series.first() {
            Some(s) => svg::bar_chart(&ch.id, &ch.title, &ch.description, s),
            None => String::new(),
        },
        ReportChartKind::Ecomap => ch.svg.clone().unwrap_or_default(),
    }
}

/// The chart's values as rows (label, value per series): its text alternative. Days with
/// nothing recorded are left out.
fn value_rows(ch: &ReportChart) -> (Vec<String>, Vec<Vec<String>>) {
    let mut headers = vec![];
    let first = match ch.series.first() {
        Some(s) => s,
        None => return (headers, vec![]),
    };
    headers.extend(ch.series.iter().map(|s| s.label.clone()));
    let rows = first
        .points
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            ch.series
                .iter()
                .any(|s| s.points.get(*i).and_then(|p| p.value).is_some())
        })
        .map(|(i, p)| {
            let mut row = vec![p.label.clone()];
            for s in &ch.series {
                row.push(
                    s.points
                        .get(i)
                        .and_then(|p| p.value)
                        .map(num)
                        .unwrap_or_else(|| "–".into()),
                );
            }
            row
        })
        .collect();
    (headers, rows)
}

fn html_table(
    out: &mut String,
    class: &str,
    caption: &str,
    headers: &[String],
    rows: &[Vec<String>],
) {
    out.push_str(&format!(
        "<table class=\"{class}\"><caption>{}</caption><thead><tr>",
        esc(caption)
    ));
    for h in headers {
        out.push_str(&format!("<th scope=\"col\">{}</th>", esc(h)));
    }
    out.push_str("</tr></thead><tbody>");
    for r in rows {
        out.push_str("<tr>");
        for (i, cell) in r.iter().enumerate() {
            if i == 0 {
                out.push_str(&format!("<th scope=\"row\">{}</th>", esc(cell)));
            } else {
                out.push_str(&format!("<td>{}</td>", esc(cell)));
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

fn dates(p: Period) -> (String, String) {
    let f = |d: chrono::NaiveDate| d.format("%-d %B %Y").to_string();
    (f(p.from), f(p.to))
}

fn made_label(made: &str) -> String {
    crate::clock::parse_date("made", made.split(' ').next().unwrap_or_default())
        .map(|d| d.format("%-d %B %Y").to_string())
        .unwrap_or_else(|_| made.to_string())
}

/// The lines a summary opens with: its heading, the period and when it was made, and the
/// note that it is no diagnosis (the HTML and the text open with the same three).
pub(crate) fn opening(c: &Content, p: Period, made: &str) -> (String, String, String) {
    let (from, to) = dates(p);
    (
        c.t("heading", &[]),
        c.t(
            "period",
            &[("from", &from), ("to", &to), ("made", &made_label(made))],
        ),
        c.t("not_diagnosis", &[]),
    )
}

/// The whole summary as an HTML document.
pub(crate) fn html(c: &Content, p: Period, made: &str, sections: &[ReportSection]) -> String {
    let (from, to) = dates(p);
    let mut o = String::with_capacity(32 * 1024);
    o.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    o.push_str(&format!(
        "<meta name=\"generator\" content=\"Wellbeing Companion\">\n<meta name=\"period\" content=\"{} {}\">\n",
        fmt_date(p.from),
        fmt_date(p.to)
    ));
    o.push_str(&format!(
        "<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        esc(&c.t("document_title", &[("from", &from), ("to", &to)]))
    ));
    o.push_str(&format!(
        "<header>\n<h1>{}</h1>\n<p class=\"period\">{}</p>\n<p class=\"note\">{}</p>\n</header>\n",
        esc(&c.t("heading", &[])),
        esc(&c.t(
            "period",
            &[("from", &from), ("to", &to), ("made", &made_label(made))]
        )),
        esc(&c.t("not_diagnosis", &[]))
    ));
    for s in sections {
        o.push_str(&format!(
            "<section id=\"{}\" class=\"{}{}\" aria-labelledby=\"{}-h\">\n<h2 id=\"{}-h\">{}</h2>\n",
            esc(&s.id),
            esc(&s.id),
            if s.empty { " is-empty" } else { "" },
            esc(&s.id),
            esc(&s.id),
            esc(&s.title)
        ));
        // Safety lines are the flags (or the "none raised" line), then the safety-plan line.
        let flags = if s.id == "safety" && s.lines.first() != Some(&c.t("safety_none", &[])) {
            s.lines.len().saturating_sub(1)
        } else {
            0
        };
        for (i, l) in s.lines.iter().enumerate() {
            let class = if s.empty {
                " class=\"empty\""
            } else if i < flags {
                " class=\"flag\""
            } else {
                ""
            };
            o.push_str(&format!("<p{class}>{}</p>\n", esc(l)));
        }
        for ch in &s.charts {
            o.push_str(&format!(
                "<figure aria-labelledby=\"{}-cap\">\n",
                esc(&ch.id)
            ));
            o.push_str(&chart_svg(ch));
            o.push_str(&format!(
                "\n<figcaption id=\"{}-cap\">{}</figcaption>\n",
                esc(&ch.id),
                esc(&ch.description)
            ));
            let (mut headers, rows) = value_rows(ch);
            headers.insert(0, c.t("col_date", &[]));
            if matches!(ch.kind, ReportChartKind::Bar | ReportChartKind::Ecomap) {
                headers = vec![c.t("col_category", &[]), c.t("col_count", &[])];
            }
            html_table(&mut o, "values", &c.t("chart_values", &[]), &headers, &rows);
            o.push_str("</figure>\n");
        }
        for (i, e) in s.entries.iter().enumerate() {
            o.push_str(&format!(
                "<div class=\"entry\">\n<h3>{}</h3>\n",
                esc(&e.heading)
            ));
            if !e.lines.is_empty() {
                o.push_str("<ul>\n");
                for l in &e.lines {
                    o.push_str(&format!("<li>{}</li>\n", esc(l)));
                }
                o.push_str("</ul>\n");
            }
            // A measure's entry is followed by its table of scores.
            if let Some(t) = s.tables.get(i).filter(|_| s.id == "measures") {
                html_table(&mut o, "scores", &t.caption, &t.headers, &t.rows);
            }
            o.push_str("</div>\n");
        }
        if s.id != "measures" {
            for t in &s.tables {
                html_table(&mut o, "scores", &t.caption, &t.headers, &t.rows);
            }
        }
        o.push_str("</section>\n");
    }
    o.push_str(&format!(
        "<footer>\n<p>{}</p>\n</footer>\n</main>\n</body>\n</html>\n",
        esc(&c.t("private", &[]))
    ));
    o
}

fn underline(out: &mut String, title: &str, ch: char) {
    out.push_str(title);
    out.push('\n');
    out.push_str(&ch.to_string().repeat(title.chars().count()));
    out.push('\n');
}

/// The whole summary as plain text: charts become their description and values.
pub(crate) fn text(c: &Content, p: Period, made: &str, sections: &[ReportSection]) -> String {
    let (from, to) = dates(p);
    let mut o = String::new();
    underline(&mut o, &c.t("heading", &[]), '=');
    o.push_str(&c.t(
        "period",
        &[("from", &from), ("to", &to), ("made", &made_label(made))],
    ));
    o.push('\n');
    o.push_str(&c.t("not_diagnosis", &[]));
    o.push('\n');
    for s in sections {
        o.push('\n');
        underline(&mut o, &s.title, '-');
        for l in &s.lines {
            if s.id == "safety" {
                o.push_str("! ");
            }
            o.push_str(l);
            o.push('\n');
        }
        for ch in &s.charts {
            o.push('\n');
            // The description starts with the chart's label, so the title is not repeated.
            o.push_str(&ch.description);
            o.push('\n');
            let (_, rows) = value_rows(ch);
            for r in rows {
                o.push_str(&format!("  {}: {}\n", r[0], r[1..].join(" / ")));
            }
        }
        for (i, e) in s.entries.iter().enumerate() {
            o.push('\n');
            o.push_str(&e.heading);
            o.push('\n');
            for l in &e.lines {
                o.push_str(&format!("  - {l}\n"));
            }
            if let Some(t) = s.tables.get(i).filter(|_| s.id == "measures") {
                for r in &t.rows {
                    o.push_str(&format!("  {}\n", r.join(" | ")));
                }
            }
        }
    }
    o.push('\n');
    o.push_str(&c.t("private", &[]));
    o.push('\n');
    o
}
