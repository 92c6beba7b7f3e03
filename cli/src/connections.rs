//! `companion connections`: the latest map of connections drawn in text — ring by ring from
//! the centre out, each name with its kind and its helpful / mixed / draining symbol — then
//! what changed since the map before, and the plan. Every word and symbol is the core's; the
//! positions come from the core's layout (its node order is ring, then kind, then as entered).

use std::path::Path;

use companion_core::{ConnectionsPlanStatus, ConnectionsView, EcomapLayout, ToolId};

use crate::ctx::Ctx;
use crate::fail::Outcome;
use crate::out::{print, print_json};

pub fn run(ctx: &Ctx, map: Option<String>, svg: Option<&Path>, force: bool) -> Outcome {
    if let Some(path) = svg {
        crate::files::check_free("svg", path, force)?;
    }
    let c = ctx.open()?;
    let v = c.connections_view()?;
    let (layout, title, headline) = match &map {
        Some(id) => {
            let m = c.connections_map_get(id.clone())?;
            (Some(c.connections_layout(id.clone())?), m.title, m.headline)
        }
        None => match &v.latest {
            Some(m) => (v.layout.clone(), m.title.clone(), m.headline.clone()),
            None => (None, String::new(), String::new()),
        },
    };
    if let (Some(path), Some(l)) = (svg, &layout) {
        crate::files::write("svg", path, l.svg.as_bytes(), force)?;
    }
    if ctx.json {
        return match map {
            Some(_) => print_json(&layout),
            None => print_json(&v),
        };
    }
    match (&layout, map.is_some()) {
        (Some(l), true) => print(&format!("{title}\n{headline}\n\n{}", draw(l))),
        _ => print(&view_text(&v)),
    }
}

/// The map in text: the centre, then one line per ring with what is in it, then the legend.
pub fn draw(l: &EcomapLayout) -> String {
    let width = l
        .rings
        .iter()
        .map(|r| r.label.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = format!("  {:width$}   ( {} )\n", "", l.centre_label);
    for r in &l.rings {
        let items: Vec<String> = l
            .nodes
            .iter()
            .filter(|n| n.ring == r.ring)
            .map(|n| format!("{} ({} {})", n.label, n.kind_label, n.feel_symbol))
            .collect();
        let items = if items.is_empty() {
            "·".to_string()
        } else {
            items.join("  ")
        };
        out.push_str(&format!("  {:width$} │ {items}\n", r.label));
    }
    let legend: Vec<&str> = l.legend.iter().map(|x| x.line.as_str()).collect();
    out.push_str(&format!("  {}", legend.join("   ")));
    out
}

/// The command that walks `tool` on the record `id` (mapping again, looking back on a plan).
fn walk_line(tool: ToolId, id: &str) -> String {
    format!("companion walk {} --subject {}", tool, id)
}

fn view_text(v: &ConnectionsView) -> String {
    let (Some(m), Some(l)) = (&v.latest, &v.layout) else {
        let mut out = v.empty_text.clone().unwrap_or_default();
        if let Some(p) = &v.plan {
            out.push_str(&format!("\n\n{}\n  {}", p.headline, p.status_label));
        }
        return out;
    };
    let mut out = format!(
        "{}\n{}\n{}\n\n{}\n",
        m.title,
        "═".repeat(m.title.chars().count()),
        m.headline,
        draw(l)
    );
    out.push_str(&format!(
        "  → {}\n",
        walk_line(ToolId::ConnectionsRemap, &m.id)
    ));
    if let Some(ch) = &v.change {
        out.push_str(&format!("\n{}: {}\n", ch.title, ch.headline));
        for line in &ch.lines {
            out.push_str(&format!("  - {line}\n"));
        }
        let rings: Vec<&str> = ch.by_ring.iter().map(|r| r.line.as_str()).collect();
        out.push_str(&format!("  {}\n", rings.join(" · ")));
    }
    if let Some(p) = &v.plan {
        out.push_str(&format!("\n{} ({})\n", p.headline, p.status_label));
        for s in &p.support_labels {
            out.push_str(&format!("  - {s}\n"));
        }
        out.push_str(&format!("  {}\n", p.review_on_label));
        if p.status != ConnectionsPlanStatus::Reviewed {
            out.push_str(&format!(
                "  → {}\n",
                walk_line(ToolId::ConnectionsReview, &p.id)
            ));
        }
        if let Some(r) = &p.review {
            out.push_str(&format!("  {}\n", r.headline));
            if let Some(n) = &r.next_step {
                out.push_str(&format!("  → {n}\n"));
            }
        }
    }
    if v.maps.len() > 1 {
        out.push('\n');
        for i in &v.maps {
            out.push_str(&format!("  {}  {}\n", i.date_label, i.line));
        }
    }
    out.trim_end().to_string()
}
