//! Two maps compared: who is new, who is no longer there, who moved closer or further out,
//! and the counts by ring and by kind, in words a person can follow.
//!
//! Connections are matched by name (ignoring case and spaces): names are unique within a
//! map, and mapping again carries every kept name over as it was.

use super::*;

fn item(
    c: &Content,
    name: &str,
    kind: ConnectionKind,
    before: Option<(ConnectionRing, ConnectionFeel)>,
    after: Option<(ConnectionRing, ConnectionFeel)>,
    moved: Option<(String, String)>,
) -> Result<ConnectionsChangeItem> {
    let label = match moved {
        Some((b, a)) => c.change_text(
            "moved_item",
            &[("name", name), ("before", &b), ("after", &a)],
        )?,
        None => name.to_string(),
    };
    Ok(ConnectionsChangeItem {
        name: name.to_string(),
        kind,
        ring_before: before.map(|x| x.0),
        ring_after: after.map(|x| x.0),
        feel_before: before.map(|x| x.1),
        feel_after: after.map(|x| x.1),
        label,
    })
}

fn count_change(
    c: &Content,
    label: &str,
    before: u32,
    after: u32,
) -> Result<ConnectionsCountChange> {
    Ok(ConnectionsCountChange {
        label: label.to_string(),
        before,
        after,
        line: c.change_text(
            "count",
            &[
                ("label", label),
                ("before", &before.to_string()),
                ("after", &after.to_string()),
            ],
        )?,
    })
}

/// What changed from `then` to `now`.
pub(super) fn between(then: &ConnectionsMap, now: &ConnectionsMap) -> Result<ConnectionsChange> {
    let c = content()?;
    let find = |m: &ConnectionsMap, name: &str| {
        let k = name_key(name);
        m.items.iter().find(|i| name_key(&i.name) == k).cloned()
    };
    let lower = |s: &str| s.to_lowercase();
    let mut new = vec![];
    let mut closer = vec![];
    let mut further = vec![];
    let mut feel_changed = vec![];
    let mut unchanged = 0u32;
    for a in &now.items {
        match find(then, &a.name) {
            None => new.push(item(
                c,
                &a.name,
                a.kind,
                None,
                Some((a.ring, a.feel)),
                None,
            )?),
            Some(b) => {
                let (before, after) = (Some((b.ring, b.feel)), Some((a.ring, a.feel)));
                let moved = Some((lower(&b.ring_label), lower(&a.ring_label)));
                if a.ring < b.ring {
                    closer.push(item(c, &a.name, a.kind, before, after, moved)?);
                } else if a.ring > b.ring {
                    further.push(item(c, &a.name, a.kind, before, after, moved)?);
                } else {
                    unchanged += 1;
                }
                if a.feel != b.feel {
                    let felt = Some((lower(&b.feel_label), lower(&a.feel_label)));
                    feel_changed.push(item(c, &a.name, a.kind, before, after, felt)?);
                }
            }
        }
    }
    let mut lost = vec![];
    for b in &then.items {
        if find(now, &b.name).is_none() {
            lost.push(item(
                c,
                &b.name,
                b.kind,
                Some((b.ring, b.feel)),
                None,
                None,
            )?);
        }
    }
    let mut by_ring = vec![];
    for (b, a) in then.ring_counts.iter().zip(&now.ring_counts) {
        by_ring.push(count_change(c, &a.label, b.count, a.count)?);
    }
    let mut by_kind = vec![];
    for (b, a) in then.kind_counts.iter().zip(&now.kind_counts) {
        if b.count > 0 || a.count > 0 {
            by_kind.push(count_change(c, &a.label, b.count, a.count)?);
        }
    }
    let mut lines = vec![];
    let names = |v: &[ConnectionsChangeItem]| {
        v.iter()
            .map(|i| i.label.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (key, list) in [
        ("new", &new),
        ("lost", &lost),
        ("closer", &closer),
        ("further", &further),
        ("feel", &feel_changed),
    ] {
        if !list.is_empty() {
            lines.push(c.change_text(key, &[("names", &names(list))])?);
        }
    }
    if lines.is_empty() {
        lines.push(c.change_text("none", &[])?);
    }
    let headline = c.change_text(
        "headline",
        &[
            ("new", &new.len().to_string()),
            ("lost", &lost.len().to_string()),
            ("closer", &closer.len().to_string()),
            ("further", &further.len().to_string()),
        ],
    )?;
    let top = by_ring
        .iter()
        .map(|r| r.before.max(r.after))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let series = |id: &str, m: &ConnectionsMap| {
        crate::chart::SeriesParts {
            id: id.into(),
            label: m.title.clone(),
            axis_min: 0.0,
            axis_max: top,
            points: m
                .ring_counts
                .iter()
                .map(|r| ChartPoint {
                    date: m.date.clone(),
                    label: r.label.clone(),
                    value: Some(r.count as f64),
                })
                .collect(),
        }
        .finish()
    };
    Ok(ConnectionsChange {
        from_map_id: then.id.clone(),
        to_map_id: now.id.clone(),
        from_date: then.date.clone(),
        to_date: now.date.clone(),
        title: c.label("change_label", &[("date", &then.date_label)])?,
        headline,
        series: vec![series("before", then), series("after", now)],
        new,
        lost,
        closer,
        further,
        feel_changed,
        unchanged,
        by_ring,
        by_kind,
        lines,
    })
}
