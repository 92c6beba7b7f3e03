//! The ecomap: a map laid out for drawing by the core, so every shell and the printed
//! summary show the same picture and a screen reader hears the same words.
//!
//! The person is at the centre; around them three rings, close to further out. The circle is
//! cut into one sector per kind of connection present (family, friends, …, in that order,
//! clockwise from 12 o'clock), each as wide as its share of the map. Each connection is
//! aimed at the middle of its own slot in its kind's sector on its ring, then placed at the
//! nearest free spot: its box (the marker with the label under it) may not touch another box
//! or the centre's, and must lie wholly outside the ring before it. A ring's circle is drawn
//! just outside the last of its boxes, so a crowded ring widens instead of spilling.
//!
//! Placement is deterministic: items go ring by ring from the centre out, then by kind, then
//! in the order they were entered; the search is a fixed sequence of candidate spots; so the
//! same map always gives the same coordinates, and every item is placed (the search widens
//! its ring until a spot is free, which always comes).

use super::*;

/// Whether nodes carry the names the person gave, or only the kind (a summary that leaves
/// the person's own words out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Labels {
    Names,
    Kinds,
}

/// The marker's radius.
pub(crate) const MARKER_R: f64 = 11.0;
/// A node's box: the marker above, the label under it.
pub(crate) const BOX_W: f64 = 96.0;
pub(crate) const BOX_H: f64 = 42.0;
/// Least space between two boxes.
pub(crate) const GAP: f64 = 4.0;
/// The centre ("Me"): a circle, kept clear as a square box around it.
pub(crate) const CENTRE_R: f64 = 28.0;
/// Space between a ring's circle and the boxes either side of it.
const RING_PAD: f64 = 8.0;
/// A ring is at least this wide, even with nothing in it.
const MIN_RING: f64 = 56.0;
/// Space around the outer ring.
const MARGIN: f64 = 16.0;
/// The search's steps: along the arc, and outwards.
const ARC_STEP: f64 = 5.0;
const ROW_STEP: f64 = 10.0;
/// How far round the circle the search looks beyond a kind's sector, and how much further
/// with each row outwards (degrees).
const WINDOW_MARGIN_DEG: f64 = 10.0;
const WINDOW_GROWTH_DEG: f64 = 4.0;
/// Rows tried before giving up (never reached: each row is further out than the last).
const MAX_ROWS: usize = 5_000;
/// Longest label drawn in the SVG; longer names are cut with "…" (the node keeps the whole).
const SVG_LABEL_CHARS: usize = 14;
const LEGEND_ROW: f64 = 18.0;
const KIND_COLOURS: [&str; 7] = [
    "#1f5f8b", "#3d7a3a", "#8a6d1d", "#6b4c9a", "#2f7f86", "#5a5a5a", "#b5562b",
];

#[derive(Debug, Clone, Copy)]
struct Placed {
    x: f64,
    y: f64,
}

/// Do two boxes of the node size, centred at `a` and `b`, come closer than `GAP`?
fn boxes_overlap(a: Placed, b: Placed) -> bool {
    (a.x - b.x).abs() < BOX_W + GAP && (a.y - b.y).abs() < BOX_H + GAP
}

/// Does a node box at `p` come closer than `GAP` to the centre's square?
fn touches_centre(p: Placed) -> bool {
    p.x.abs() < BOX_W / 2.0 + CENTRE_R + GAP && p.y.abs() < BOX_H / 2.0 + CENTRE_R + GAP
}

/// The nearest and furthest points of a box at `p` from the centre.
fn near_far(p: Placed) -> (f64, f64) {
    let dx = (p.x.abs() - BOX_W / 2.0).max(0.0);
    let dy = (p.y.abs() - BOX_H / 2.0).max(0.0);
    let near = dx.hypot(dy);
    let far = (p.x.abs() + BOX_W / 2.0).hypot(p.y.abs() + BOX_H / 2.0);
    (near, far)
}

/// A point at `r` from the centre, `theta` radians clockwise from 12 o'clock.
fn at(r: f64, theta: f64) -> Placed {
    Placed {
        x: r * theta.sin(),
        y: -r * theta.cos(),
    }
}

/// The first free spot for a box aimed at `theta` in a ring whose inner circle is `inner`.
/// Spots near the aim come first: each row outwards looks a little further round the circle
/// than the one before (from the kind's own sector, `half_sector_deg` either side, plus a
/// margin), so a kind stays together and a crowded ring widens rather than scattering; from
/// some row on the whole circle is searched, so a spot is always found.
fn place(theta: f64, half_sector_deg: f64, inner: f64, placed: &[Placed]) -> Result<Placed> {
    let base = inner + RING_PAD + BOX_H / 2.0;
    for row in 0..MAX_ROWS {
        let r = base + row as f64 * ROW_STEP;
        let step = ARC_STEP / r;
        let window = (half_sector_deg + WINDOW_MARGIN_DEG + row as f64 * WINDOW_GROWTH_DEG)
            .min(180.0)
            .to_radians();
        let k_max = (window / step).ceil() as usize;
        for k in 0..=k_max {
            for sign in [1.0, -1.0] {
                if k == 0 && sign < 0.0 {
                    continue;
                }
                let p = at(r, theta + sign * k as f64 * step);
                if near_far(p).0 < inner + RING_PAD || touches_centre(p) {
                    continue;
                }
                if placed.iter().all(|q| !boxes_overlap(p, *q)) {
                    return Ok(p);
                }
            }
        }
    }
    Err(Error::internal("the map could not be laid out"))
}

fn round1(v: f64) -> f64 {
    let r = (v * 10.0).round() / 10.0;
    // No "-0" in the output.
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
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

fn short(s: &str) -> String {
    if s.chars().count() <= SVG_LABEL_CHARS {
        s.to_string()
    } else {
        let cut: String = s.chars().take(SVG_LABEL_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

fn n(v: f64) -> String {
    let r = round1(v);
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// The layout of a stored map.
pub(crate) fn of_map(m: &ConnectionsMap, labels: Labels) -> Result<EcomapLayout> {
    let items: Vec<Item> = m
        .items
        .iter()
        .map(|i| Item {
            name: i.name.clone(),
            kind: i.kind,
            ring: i.ring,
            feel: i.feel,
        })
        .collect();
    lay_out(
        Some(m.id.clone()),
        Some((m.date.clone(), m.date_label.clone())),
        &items,
        labels,
    )
}

/// Lays out `items` (already checked).
pub(crate) fn lay_out(
    map_id: Option<String>,
    date: Option<(String, String)>,
    items: &[Item],
    labels: Labels,
) -> Result<EcomapLayout> {
    let c = content()?;
    let title = c.layout_text("title", &[])?;

    // Sectors: the kinds present, in order, each as wide as its share of the map.
    let mut sectors = vec![];
    let total = items.len().max(1) as f64;
    let mut start = 0.0;
    for &k in ConnectionKind::ALL {
        let count = items.iter().filter(|i| i.kind == k).count();
        if count == 0 {
            continue;
        }
        let width = 360.0 * count as f64 / total;
        sectors.push(EcomapSector {
            kind: k,
            label: c.kind(k)?.label.clone(),
            start_deg: round1(start),
            end_deg: round1(start + width),
            count: count as u32,
        });
        start += width;
    }

    // The stable order: ring, kind, as entered.
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| (items[i].ring, items[i].kind, i));

    let mut placed: Vec<(usize, Placed, f64)> = vec![];
    let mut rings = vec![];
    let mut inner = CENTRE_R;
    for &r in ConnectionRing::ALL {
        let here: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| items[i].ring == r)
            .collect();
        let mut far: f64 = 0.0;
        for sector in &sectors {
            let of_kind: Vec<usize> = here
                .iter()
                .copied()
                .filter(|&i| items[i].kind == sector.kind)
                .collect();
            let n_here = of_kind.len();
            let (s0, s1) = (
                sector_start(&sectors, sector.kind),
                sector_end(&sectors, sector.kind),
            );
            for (j, &i) in of_kind.iter().enumerate() {
                let deg = s0 + (j as f64 + 0.5) * (s1 - s0) / n_here as f64;
                let theta = deg.to_radians();
                let boxes: Vec<Placed> = placed.iter().map(|(_, p, _)| *p).collect();
                let p = place(theta, (s1 - s0) / 2.0, inner, &boxes)?;
                far = far.max(near_far(p).1);
                let angle = (p.x.atan2(-p.y).to_degrees() + 360.0) % 360.0;
                placed.push((i, p, angle));
            }
        }
        let radius = (far + RING_PAD).max(inner + MIN_RING);
        rings.push(EcomapRing {
            ring: r,
            label: c.ring(r)?.label.clone(),
            radius,
            inner_radius: inner,
            count: here.len() as u32,
        });
        inner = radius;
    }

    // Canvas: the outer ring with a margin, the legend under it.
    let outer = inner;
    let legend_rows = ConnectionFeel::ALL.len() as f64;
    let width = 2.0 * (outer + MARGIN);
    let height = width + legend_rows * LEGEND_ROW + MARGIN;
    let cx = width / 2.0;
    let cy = outer + MARGIN;

    let mut nodes = vec![];
    for (i, p, angle) in &placed {
        let it = &items[*i];
        let kind_label = c.kind(it.kind)?.label.clone();
        let (x, y) = (round1(cx + p.x), round1(cy + p.y));
        let top = y - BOX_H / 2.0;
        nodes.push(EcomapNode {
            position: *i as u32,
            label: match labels {
                Labels::Names => it.name.clone(),
                Labels::Kinds => kind_label.clone(),
            },
            kind: it.kind,
            kind_label,
            ring: it.ring,
            ring_label: c.ring(it.ring)?.label.clone(),
            feel: it.feel,
            feel_label: c.feel(it.feel)?.label.clone(),
            feel_symbol: c.symbol(it.feel)?,
            x,
            y,
            marker: EcomapPoint {
                x,
                y: round1(top + MARKER_R + 1.0),
            },
            marker_radius: MARKER_R,
            label_at: EcomapPoint {
                x,
                y: round1(top + 2.0 * MARKER_R + 15.0),
            },
            box_width: BOX_W,
            box_height: BOX_H,
            angle_deg: round1(*angle),
        });
    }
    let rings: Vec<EcomapRing> = rings
        .into_iter()
        .map(|r| EcomapRing {
            radius: round1(r.radius),
            inner_radius: round1(r.inner_radius),
            ..r
        })
        .collect();

    let mut legend = vec![];
    for &f in ConnectionFeel::ALL {
        let t = c.feel(f)?;
        let symbol = c.symbol(f)?;
        legend.push(EcomapLegendItem {
            feel: f,
            label: t.label.clone(),
            line: c.layout_text("legend", &[("symbol", &symbol), ("label", &t.label)])?,
            symbol,
        });
    }

    // Words: every ring and what is in it, from the centre out.
    let mut parts = vec![];
    for r in &rings {
        let ring_nodes: Vec<&EcomapNode> = nodes.iter().filter(|nd| nd.ring == r.ring).collect();
        if ring_nodes.is_empty() {
            parts.push(c.layout_text("ring_empty", &[("ring", &r.label)])?);
            continue;
        }
        let mut said = vec![];
        for nd in ring_nodes {
            said.push(match labels {
                Labels::Names => c.layout_text(
                    "item",
                    &[
                        ("label", &nd.label),
                        ("kind", &nd.kind_label.to_lowercase()),
                        ("feel", &nd.feel_label.to_lowercase()),
                    ],
                )?,
                Labels::Kinds => c.layout_text(
                    "item_kind",
                    &[
                        ("kind", &nd.kind_label),
                        ("feel", &nd.feel_label.to_lowercase()),
                    ],
                )?,
            });
        }
        parts.push(c.layout_text(
            "ring_part",
            &[("ring", &r.label), ("items", &said.join("; "))],
        )?);
    }
    let count = items.len().to_string();
    let rings_text = parts.join(" ");
    let description = match &date {
        Some((_, label)) => c.layout_text(
            "description",
            &[
                ("title", &title),
                ("date", label),
                ("count", &count),
                ("rings", &rings_text),
            ],
        )?,
        None => c.layout_text(
            "description_no_date",
            &[("title", &title), ("count", &count), ("rings", &rings_text)],
        )?,
    };

    // Chart-style series: the counts by ring and by kind.
    let day = date.as_ref().map(|d| d.0.clone()).unwrap_or_default();
    let ring_series = crate::chart::SeriesParts {
        id: "by-ring".into(),
        label: c.layout_text("series_rings", &[])?,
        axis_min: 0.0,
        axis_max: rings.iter().map(|r| r.count).max().unwrap_or(0).max(1) as f64,
        points: rings
            .iter()
            .map(|r| ChartPoint {
                date: day.clone(),
                label: r.label.clone(),
                value: Some(r.count as f64),
            })
            .collect(),
    }
    .finish();
    let mut kind_points = vec![];
    for &k in ConnectionKind::ALL {
        kind_points.push(ChartPoint {
            date: day.clone(),
            label: c.kind(k)?.label.clone(),
            value: Some(items.iter().filter(|i| i.kind == k).count() as f64),
        });
    }
    let kind_series = crate::chart::SeriesParts {
        id: "by-kind".into(),
        label: c.layout_text("series_kinds", &[])?,
        axis_min: 0.0,
        axis_max: kind_points
            .iter()
            .filter_map(|p| p.value)
            .fold(1.0, f64::max),
        points: kind_points,
    }
    .finish();

    let centre = EcomapPoint {
        x: round1(cx),
        y: round1(cy),
    };
    let centre_label = c.layout_text("centre", &[])?;
    let svg = svg(
        &title,
        &description,
        width,
        height,
        centre,
        &centre_label,
        &rings,
        &sectors,
        &nodes,
        &legend,
    );
    Ok(EcomapLayout {
        map_id,
        title,
        width: round1(width),
        height: round1(height),
        centre,
        centre_radius: CENTRE_R,
        centre_label,
        rings,
        sectors,
        nodes,
        legend,
        series: vec![ring_series, kind_series],
        svg,
        description,
    })
}

fn sector_start(sectors: &[EcomapSector], k: ConnectionKind) -> f64 {
    // The unrounded start: the sum of the earlier sectors' shares.
    let total: u32 = sectors.iter().map(|s| s.count).sum();
    let before: u32 = sectors
        .iter()
        .take_while(|s| s.kind != k)
        .map(|s| s.count)
        .sum();
    360.0 * before as f64 / total.max(1) as f64
}

fn sector_end(sectors: &[EcomapSector], k: ConnectionKind) -> f64 {
    let total: u32 = sectors.iter().map(|s| s.count).sum();
    let upto: u32 = sectors
        .iter()
        .take_while(|s| s.kind != k)
        .map(|s| s.count)
        .sum::<u32>()
        + sectors
            .iter()
            .find(|s| s.kind == k)
            .map(|s| s.count)
            .unwrap_or(0);
    360.0 * upto as f64 / total.max(1) as f64
}

/// The drawing as SVG: rings, a line from the centre to each connection (solid when
/// helpful, dashed when mixed, dotted when draining, so it reads in black and white), each
/// marker coloured by kind with its symbol inside, the label under it, and the legend.
#[allow(clippy::too_many_arguments)]
fn svg(
    title: &str,
    desc: &str,
    width: f64,
    height: f64,
    centre: EcomapPoint,
    centre_label: &str,
    rings: &[EcomapRing],
    sectors: &[EcomapSector],
    nodes: &[EcomapNode],
    legend: &[EcomapLegendItem],
) -> String {
    let mut o = String::with_capacity(4096 + nodes.len() * 400);
    o.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ecomap\" viewBox=\"0 0 {} {}\" role=\"img\" \
         aria-labelledby=\"ecomap-title ecomap-desc\" font-family=\"sans-serif\" font-size=\"11\">\
         <title id=\"ecomap-title\">{}</title><desc id=\"ecomap-desc\">{}</desc>",
        n(width),
        n(height),
        esc(title),
        esc(desc)
    ));
    for r in rings.iter().rev() {
        o.push_str(&format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" stroke=\"#9aa7b0\" stroke-width=\"1\"/>",
            n(centre.x),
            n(centre.y),
            n(r.radius)
        ));
        o.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#55606a\" font-size=\"10\">{}</text>",
            n(centre.x),
            n(centre.y + r.radius - 3.0),
            esc(&r.label)
        ));
    }
    // Sector edges, faint, when there is more than one kind.
    if sectors.len() > 1 {
        let outer = rings.last().map(|r| r.radius).unwrap_or(0.0);
        for s in sectors {
            let t = s.start_deg.to_radians();
            o.push_str(&format!(
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#e3e7ea\" stroke-width=\"1\"/>",
                n(centre.x + CENTRE_R * t.sin()),
                n(centre.y - CENTRE_R * t.cos()),
                n(centre.x + outer * t.sin()),
                n(centre.y - outer * t.cos())
            ));
        }
    }
    for nd in nodes {
        let (dash, colour, w) = match nd.feel {
            ConnectionFeel::Helpful => ("", "#3d7a3a", "2"),
            ConnectionFeel::Mixed => (" stroke-dasharray=\"6 4\"", "#8a6d1d", "1.5"),
            ConnectionFeel::Draining => (" stroke-dasharray=\"2 3\"", "#b5562b", "1.5"),
        };
        o.push_str(&format!(
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{colour}\" stroke-width=\"{w}\"{dash}/>",
            n(centre.x),
            n(centre.y),
            n(nd.marker.x),
            n(nd.marker.y)
        ));
    }
    o.push_str(&format!(
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#1a1a1a\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#fff\" font-size=\"12\" font-weight=\"600\">{}</text>",
        n(centre.x),
        n(centre.y),
        n(CENTRE_R),
        n(centre.x),
        n(centre.y + 4.0),
        esc(centre_label)
    ));
    for nd in nodes {
        let colour = KIND_COLOURS[nd.kind.index() % KIND_COLOURS.len()];
        o.push_str(&format!(
            "<g class=\"node\"><title>{}</title><circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{colour}\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#fff\" font-size=\"13\" font-weight=\"700\">{}</text>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#1a1a1a\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text></g>",
            esc(&format!("{} ({}, {})", nd.label, nd.kind_label, nd.feel_label)),
            n(nd.marker.x),
            n(nd.marker.y),
            n(nd.marker_radius),
            n(nd.marker.x),
            n(nd.marker.y + 4.5),
            esc(&nd.feel_symbol),
            n(nd.label_at.x),
            n(nd.label_at.y),
            esc(&short(&nd.label))
        ));
    }
    let top = width;
    for (i, l) in legend.iter().enumerate() {
        o.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" fill=\"#1a1a1a\">{}</text>",
            n(MARGIN),
            n(top + (i as f64 + 0.5) * LEGEND_ROW),
            esc(&l.line)
        ));
    }
    o.push_str("</svg>");
    o
}

/// Lays out a map without storing it: for conversation mode, or a form's preview. The same
/// checks as storing one.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn connections_ecomap(map: ConnectionsMapInput) -> ApiResult<EcomapLayout> {
    let items = check_map(&map.connections)?;
    let date = match map.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => {
            let day = clock::parse_date("date", d)?;
            Some((clock::fmt_date(day), clock::short_label(day)))
        }
        None => None,
    };
    Ok(lay_out(None, date, &items, Labels::Names)?)
}
