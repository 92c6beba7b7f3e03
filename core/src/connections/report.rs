//! The appointment summary's "My connections" section: the latest map (drawn), the change
//! since the map before it, and the newest plan with its review.
//!
//! As for worksheets, the person's own words travel only when they opt in to the full text:
//! without it the drawing labels each connection by its kind, the change is told in counts,
//! and the plan shows its step and the support wanted (as a worksheet shows its chosen change).

use super::*;

/// The section's parts, in the summary's own shape but named here, so this tool need not
/// know the summary's types (the summary stands above the tools and puts these in place).
pub(crate) struct SectionParts {
    pub title: String,
    pub lines: Vec<String>,
    pub chart: Option<ChartParts>,
    /// Each a heading and its lines.
    pub entries: Vec<(String, Vec<String>)>,
}

/// The ecomap, drawn and described.
pub(crate) struct ChartParts {
    pub title: String,
    pub description: String,
    pub series: Vec<ChartSeries>,
    pub svg: String,
}

/// The section for a summary ending on `to`, or `None` when the tool was never used by then.
pub(crate) fn report_section(
    store: &WellbeingStore,
    to: NaiveDate,
    full_text: bool,
) -> ApiResult<Option<SectionParts>> {
    let c = content()?;
    let until = clock::fmt_date(to);
    let (maps, plan) = store.read(|conn| {
        let mut maps = vec![];
        for id in maps_until(conn, &until, 2)? {
            maps.push(load_map(conn, &id)?);
        }
        let plan = match newest_plan_id(conn, Some(&until))? {
            Some(id) => Some(load_plan(conn, &id, to)?),
            None => None,
        };
        Ok((maps, plan))
    })?;
    if maps.is_empty() && plan.is_none() {
        return Ok(None);
    }
    let mut s = SectionParts {
        title: c.report_text("title", &[])?,
        lines: vec![],
        chart: None,
        entries: vec![],
    };
    if let Some(latest) = maps.first() {
        s.lines.push(c.report_text(
            "map_line",
            &[("date", &latest.date_label), ("headline", &latest.headline)],
        )?);
        let counts: Vec<u32> = latest.ring_counts.iter().map(|r| r.count).collect();
        s.lines
            .push(c.ring_counts(&[counts[0], counts[1], counts[2]])?);
        if !full_text {
            s.lines.push(c.report_text("names_hidden", &[])?);
        }
        let labels = if full_text {
            layout::Labels::Names
        } else {
            layout::Labels::Kinds
        };
        let l = layout::of_map(latest, labels)?;
        s.chart = Some(ChartParts {
            title: c.report_text("chart_title", &[])?,
            description: l.description.clone(),
            series: l.series.iter().take(1).cloned().collect(),
            svg: l.svg,
        });
        if let Some(before) = maps.get(1) {
            let ch = change::between(before, latest)?;
            let mut lines = vec![ch.headline.clone()];
            if full_text {
                lines.extend(ch.lines.iter().cloned());
            } else {
                lines.extend(ch.by_ring.iter().map(|r| r.line.clone()));
                lines.extend(ch.by_kind.iter().map(|k| k.line.clone()));
            }
            s.entries.push((
                c.report_text("change_heading", &[("date", &before.date_label)])?,
                lines,
            ));
        }
    }
    if let Some(p) = plan {
        let mut lines = vec![];
        if full_text && !p.interests.is_empty() {
            lines.push(c.report_text("interests_line", &[("text", &p.interests.join("; "))])?);
        }
        if !p.support_labels.is_empty() {
            lines
                .push(c.report_text("support_line", &[("support", &p.support_labels.join("; "))])?);
        }
        let review_day = clock::parse_date("review_on", &p.review_on)?;
        match &p.review {
            None => lines.push(c.report_text(
                "review_due_line",
                &[("date", &clock::short_label(review_day))],
            )?),
            Some(r) => {
                let day = clock::parse_date("date", &r.date)?;
                lines.push(c.report_text(
                    "reviewed_line",
                    &[
                        ("date", &clock::short_label(day)),
                        ("outcome", &r.outcome_label),
                    ],
                )?);
                if full_text {
                    if let Some(h) = &r.what_happened {
                        lines.push(c.report_text("what_happened_line", &[("text", h)])?);
                    }
                    if !r.met.is_empty() {
                        lines.push(c.report_text("met_line", &[("names", &r.met.join(", "))])?);
                    }
                    if let Some(n) = &r.next_step {
                        lines.push(c.report_text("next_line", &[("text", n)])?);
                    }
                }
            }
        }
        s.entries.push((
            c.report_text("plan_line", &[("date", &p.date_label), ("step", &p.step)])?,
            lines,
        ));
    }
    Ok(Some(s))
}
