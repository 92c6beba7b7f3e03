use super::layout::{Labels, BOX_H, BOX_W, CENTRE_R, GAP};
use super::*;
use crate::{FlowProgress, NavAction, Persistence, ToolId, WellbeingError};
use proptest::prelude::*;
use std::sync::Arc;

/// Wednesday 18 November 2026, 10:00 UTC.
const WED: i64 = 1_795_000_000_000;
const DAY: i64 = 86_400_000;

fn store() -> Arc<WellbeingStore> {
    let c = WellbeingStore::open_in_memory().unwrap();
    c.set_fixed_time(WED, 0).unwrap();
    c
}

fn file_store(dir: &tempfile::TempDir) -> Arc<WellbeingStore> {
    let c = WellbeingStore::open(dir.path().join("c.db").display().to_string()).unwrap();
    c.set_fixed_time(WED, 0).unwrap();
    c
}

fn conn(
    name: &str,
    kind: ConnectionKind,
    ring: ConnectionRing,
    feel: ConnectionFeel,
) -> ConnectionInput {
    ConnectionInput {
        name: name.into(),
        kind,
        ring,
        feel,
    }
}

use ConnectionFeel::*;
use ConnectionKind::*;
use ConnectionRing::*;

fn first_map() -> ConnectionsMapInput {
    ConnectionsMapInput {
        date: None,
        connections: vec![
            conn("Mum", Family, Close, Helpful),
            conn("Jo", Friend, InBetween, Mixed),
            conn("Library", Place, FurtherOut, Helpful),
            conn("Dev", Family, InBetween, Draining),
            conn("Job centre", Service, FurtherOut, Draining),
        ],
    }
}

fn second_map() -> ConnectionsMapInput {
    ConnectionsMapInput {
        date: None,
        connections: vec![
            conn("mum", Family, Close, Helpful),
            conn("Jo", Friend, Close, Helpful),
            conn("Library", Place, InBetween, Helpful),
            conn("Walking group", Group, InBetween, Helpful),
            conn("Job centre", Service, FurtherOut, Mixed),
        ],
    }
}

fn rule(r: ApiResult<impl std::fmt::Debug>) -> (String, RuleCode, Option<u32>) {
    match r {
        Err(WellbeingError::InvalidInput {
            field,
            rule,
            item_index,
            ..
        }) => (field, rule, item_index),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------
// Content
// ---------------------------------------------------------------------------------------

#[test]
fn content_names_its_sources_and_covers_every_closed_set() {
    let c = content().unwrap();
    let mut sources = vec![
        c.map_tool.source.as_str(),
        c.remap_tool.source.as_str(),
        c.plan_tool.source.as_str(),
        c.review_tool.source.as_str(),
        c.map.source.as_str(),
        c.remap.source.as_str(),
        c.plan.source.as_str(),
        c.review.source.as_str(),
    ];
    sources.extend(c.rings.iter().map(|t| t.source.as_str()));
    sources.extend(c.kinds.iter().map(|t| t.source.as_str()));
    sources.extend(c.feels.iter().map(|t| t.source.as_str()));
    sources.extend(c.supports.iter().map(|t| t.source.as_str()));
    sources.extend(c.outcomes.iter().map(|t| t.source.as_str()));
    for s in sources {
        for key in s.split(';').map(str::trim) {
            assert!(c.sources.contains_key(key), "source {key} is not listed");
        }
    }
    // Webber's programme is named, with its confidence, as in CONTENT.md.
    assert!(c
        .sources
        .values()
        .any(|s| s.contains("Webber") && s.contains("Confidence H")));
    for &r in ConnectionRing::ALL {
        assert!(!c.ring(r).unwrap().label.is_empty());
    }
    for &k in ConnectionKind::ALL {
        assert!(!c.kind(k).unwrap().label.is_empty());
    }
    let mut symbols = vec![];
    for &f in ConnectionFeel::ALL {
        symbols.push(c.symbol(f).unwrap());
    }
    symbols.dedup();
    assert_eq!(symbols.len(), 3, "each feel has its own symbol");
    for &s in ConnectionsSupport::ALL {
        c.support(s).unwrap();
    }
    for &o in ConnectionsOutcome::ALL {
        assert!(c.outcome(o).unwrap().advice.is_some());
    }
    let g = connections_guide().unwrap();
    assert_eq!(g.rings.len(), 3);
    assert_eq!(g.kinds.len(), 7);
    assert_eq!(g.max_connections, MAX_CONNECTIONS as u32);
    // Every template the code fills is there (a missing one is a content bug, found here).
    for key in [
        "map_title",
        "map_headline",
        "map_headline_one",
        "map_headline_none",
        "ring_counts",
        "item",
        "none",
        "map_advice",
        "remap_advice",
        "change_label",
        "plan_headline",
        "interests_label",
        "strengths_label",
        "opportunities_label",
        "chosen_label",
        "support_label",
        "support_from_label",
        "review_on_label",
        "review_on",
        "plan_advice",
        "review_headline",
        "planned_label",
        "met_label",
        "next_label",
        "remap_suggestion",
        "status_open",
        "status_due",
        "status_reviewed",
        "empty_maps",
        "history_label",
        "list_line",
        "remap_due_title",
        "remap_due_detail",
        "plan_due_title",
        "plan_due_detail",
    ] {
        c.label(key, &[]).unwrap_or_else(|_| panic!("label {key}"));
    }
    for key in [
        "headline",
        "none",
        "new",
        "lost",
        "closer",
        "further",
        "feel",
        "moved_item",
        "count",
    ] {
        c.change_text(key, &[]).unwrap();
    }
    for key in [
        "centre",
        "title",
        "description",
        "description_no_date",
        "ring_part",
        "ring_empty",
        "item",
        "item_kind",
        "series_rings",
        "series_kinds",
        "legend",
    ] {
        c.layout_text(key, &[]).unwrap();
    }
}

// ---------------------------------------------------------------------------------------
// The map
// ---------------------------------------------------------------------------------------

#[test]
fn a_map_is_stored_dated_with_its_words_and_mapping_again_keeps_the_earlier_one() {
    let c = store();
    let a = c.connections_map_create(first_map()).unwrap();
    assert_eq!(a.date, "2026-11-18");
    assert_eq!(a.items.len(), 5);
    assert_eq!(a.headline, "5 connections on your map");
    assert_eq!(
        (
            a.items[1].name.as_str(),
            a.items[1].ring_label.as_str(),
            a.items[1].feel_symbol.as_str()
        ),
        ("Jo", "In between", "~")
    );
    let rings: Vec<u32> = a.ring_counts.iter().map(|r| r.count).collect();
    assert_eq!(rings, [1, 2, 2]);
    let family = a.kind_counts.iter().find(|k| k.kind == Family).unwrap();
    assert_eq!(family.count, 2);
    assert_eq!(a.kind_counts.len(), 7, "every kind, zero counts too");

    c.set_fixed_time(WED + 30 * DAY, 0).unwrap();
    let b = c.connections_map_create(second_map()).unwrap();
    assert_ne!(a.id, b.id);
    // The earlier map is untouched.
    assert_eq!(c.connections_map_get(a.id.clone()).unwrap(), a);
    let page = c.connections_maps(0, 10).unwrap();
    assert_eq!(page.total, 2);
    assert_eq!(page.items[0].id, b.id, "newest first");
    assert_eq!(
        page.items[1].line,
        "5 connections: 1 close, 2 in between, 2 further out"
    );
    // A map dated in the past is kept at that date; one in the future is refused.
    let past = c
        .connections_map_create(ConnectionsMapInput {
            date: Some("2026-10-01".into()),
            connections: vec![],
        })
        .unwrap();
    assert_eq!(past.headline, "No connections on your map yet");
    assert_eq!(c.connections_maps(0, 10).unwrap().items[2].id, past.id);
    assert_eq!(
        rule(c.connections_map_create(ConnectionsMapInput {
            date: Some("2027-01-01".into()),
            connections: vec![],
        }))
        .1,
        RuleCode::InFuture
    );
    c.connections_map_delete(past.id.clone()).unwrap();
    assert!(matches!(
        c.connections_map_get(past.id.clone()),
        Err(WellbeingError::NotFound { .. })
    ));
    assert!(matches!(
        c.connections_map_delete(past.id),
        Err(WellbeingError::NotFound { .. })
    ));
}

#[test]
fn map_rules_name_the_field_and_item_never_the_words() {
    let c = store();
    let mut m = first_map();
    m.connections.push(conn("  MUM ", Friend, Close, Helpful));
    let (field, r, at) = rule(c.connections_map_create(m));
    assert_eq!(
        (field.as_str(), r, at),
        ("connections", RuleCode::Duplicate, Some(5))
    );
    let mut m = first_map();
    m.connections[2].name = "x".repeat(NAME_MAX + 1);
    let (_, r, at) = rule(c.connections_map_create(m));
    assert_eq!((r, at), (RuleCode::TooLong, Some(2)));
    let mut m = first_map();
    m.connections[0].name = "  ".into();
    assert_eq!(rule(c.connections_map_create(m)).1, RuleCode::Required);
    let many = ConnectionsMapInput {
        date: None,
        connections: (0..=MAX_CONNECTIONS)
            .map(|i| conn(&format!("Person {i}"), Friend, Close, Helpful))
            .collect(),
    };
    assert_eq!(
        rule(c.connections_map_create(many)).1,
        RuleCode::TooManyItems
    );
    // Nothing was stored by the refusals.
    assert_eq!(c.connections_maps(0, 10).unwrap().total, 0);
    let err = format!(
        "{:?}",
        c.connections_map_create({
            let mut m = first_map();
            m.connections.push(conn("Jo", Friend, Close, Helpful));
            m
        })
    );
    assert!(!err.contains("Jo"), "{err}");
}

// ---------------------------------------------------------------------------------------
// The layout
// ---------------------------------------------------------------------------------------

fn overlap(a: &EcomapNode, b: &EcomapNode) -> bool {
    // Coordinates are rounded to 0.1: allow for it.
    (a.x - b.x).abs() < a.box_width - 0.2 + GAP && (a.y - b.y).abs() < a.box_height - 0.2 + GAP
}

/// Every property the drawing promises, checked on one layout.
fn check_layout(l: &EcomapLayout, items: &[Item]) {
    assert_eq!(l.nodes.len(), items.len(), "every item placed");
    let mut positions: Vec<u32> = l.nodes.iter().map(|n| n.position).collect();
    positions.sort();
    assert_eq!(
        positions,
        (0..items.len() as u32).collect::<Vec<_>>(),
        "each once"
    );
    for (i, a) in l.nodes.iter().enumerate() {
        assert_eq!((a.box_width, a.box_height), (BOX_W, BOX_H));
        let it = &items[a.position as usize];
        assert_eq!((a.kind, a.ring, a.feel), (it.kind, it.ring, it.feel));
        for b in &l.nodes[i + 1..] {
            assert!(!overlap(a, b), "{} and {} overlap", a.position, b.position);
        }
        // Clear of the centre.
        let (dx, dy) = ((a.x - l.centre.x).abs(), (a.y - l.centre.y).abs());
        assert!(
            dx >= BOX_W / 2.0 + CENTRE_R + GAP - 0.2 || dy >= BOX_H / 2.0 + CENTRE_R + GAP - 0.2,
            "{} touches the centre",
            a.position
        );
        // Inside its ring: the whole box between the ring before and its own circle.
        let ring = l.rings.iter().find(|r| r.ring == a.ring).unwrap();
        let ex = (dx - BOX_W / 2.0).max(0.0);
        let ey = (dy - BOX_H / 2.0).max(0.0);
        let near = ex.hypot(ey);
        let far = (dx + BOX_W / 2.0).hypot(dy + BOX_H / 2.0);
        assert!(
            near >= ring.inner_radius - 0.2,
            "{} inside the ring before",
            a.position
        );
        assert!(far <= ring.radius + 0.2, "{} outside its ring", a.position);
        // On the canvas.
        assert!(a.x - BOX_W / 2.0 >= -0.2 && a.x + BOX_W / 2.0 <= l.width + 0.2);
        assert!(a.y - BOX_H / 2.0 >= -0.2 && a.y + BOX_H / 2.0 <= l.height + 0.2);
    }
    // The stable order: ring by ring, then kind, then as entered.
    let keys: Vec<(ConnectionRing, ConnectionKind, u32)> = l
        .nodes
        .iter()
        .map(|n| (n.ring, n.kind, n.position))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    // Rings grow outwards; sectors cover the circle once.
    for w in l.rings.windows(2) {
        assert!(w[1].inner_radius >= w[0].radius - 0.01 && w[1].radius > w[1].inner_radius);
    }
    if !l.sectors.is_empty() {
        assert_eq!(l.sectors[0].start_deg, 0.0);
        assert!((l.sectors.last().unwrap().end_deg - 360.0).abs() < 0.11);
        let total: u32 = l.sectors.iter().map(|s| s.count).sum();
        assert_eq!(total as usize, items.len());
    }
    assert!(l.svg.starts_with("<svg") && l.svg.ends_with("</svg>"));
    assert_eq!(l.svg.matches("class=\"node\"").count(), items.len());
}

fn items_of(m: &ConnectionsMapInput) -> Vec<Item> {
    check_map(&m.connections).unwrap()
}

#[test]
fn the_layout_places_every_item_in_its_ring_without_overlap() {
    let c = store();
    let m = c.connections_map_create(first_map()).unwrap();
    let l = c.connections_layout(m.id.clone()).unwrap();
    check_layout(&l, &items_of(&first_map()));
    assert_eq!(l.map_id.as_deref(), Some(m.id.as_str()));
    assert_eq!(l.centre_label, "Me");
    // Grouped by kind: the two family members share the family sector.
    let family = l.sectors.iter().find(|s| s.kind == Family).unwrap();
    assert_eq!((family.start_deg, family.count), (0.0, 2));
    // The words a screen reader hears: each ring and what is in it, nothing left out.
    assert!(l.description.contains("5 connections"), "{}", l.description);
    assert!(
        l.description.contains("Close: Mum, family, helpful."),
        "{}",
        l.description
    );
    assert!(
        l.description
            .contains("Further out: Library, place, helpful; Job centre, service, draining."),
        "{}",
        l.description
    );
    // Chart-style series: by ring and by kind.
    assert_eq!(l.series[0].id, "by-ring");
    let by_ring: Vec<Option<f64>> = l.series[0].points.iter().map(|p| p.value).collect();
    assert_eq!(by_ring, [Some(1.0), Some(2.0), Some(2.0)]);
    assert_eq!(l.series[1].points.len(), 7);
    assert!(!l.series[0].description.is_empty());
    // The SVG carries its title and description and escapes names.
    assert!(l.svg.contains("<title id=\"ecomap-title\">"));
    let odd = connections_ecomap(ConnectionsMapInput {
        date: None,
        connections: vec![conn("<b>&\"x\"", Friend, Close, Mixed)],
    })
    .unwrap();
    assert!(odd.svg.contains("&lt;b&gt;&amp;&quot;x&quot;") && !odd.svg.contains("<b>"));
    assert_eq!(odd.map_id, None);
    // Without names (a summary without full text), each is labelled by its kind.
    let kinds = layout::of_map(&m, Labels::Kinds).unwrap();
    assert!(kinds.nodes.iter().all(|n| n.label == n.kind_label));
    assert!(!kinds.svg.contains("Mum") && !kinds.description.contains("Mum"));
    assert_eq!(
        kinds.nodes.iter().map(|n| (n.x, n.y)).collect::<Vec<_>>(),
        l.nodes.iter().map(|n| (n.x, n.y)).collect::<Vec<_>>(),
        "the same places either way"
    );
}

#[test]
fn a_crowded_ring_widens_and_an_empty_map_still_draws() {
    let crowded = ConnectionsMapInput {
        date: Some("2026-11-01".into()),
        connections: (0..MAX_CONNECTIONS)
            .map(|i| conn(&format!("Person {i}"), Friend, Close, Helpful))
            .collect(),
    };
    let l = connections_ecomap(crowded.clone()).unwrap();
    check_layout(&l, &items_of(&crowded));
    assert_eq!(l.rings[0].count, MAX_CONNECTIONS as u32);
    assert!(l.rings[1].count == 0 && l.rings[1].radius > l.rings[1].inner_radius);
    let empty = connections_ecomap(ConnectionsMapInput::default()).unwrap();
    assert!(empty.nodes.is_empty() && empty.sectors.is_empty());
    assert_eq!(empty.rings.len(), 3);
    assert!(
        empty.description.contains("Close: none."),
        "{}",
        empty.description
    );
}

fn arb_map() -> impl Strategy<Value = ConnectionsMapInput> {
    proptest::collection::vec(
        (0usize..7, 0usize..3, 0usize..3, "[A-Za-z ]{1,30}"),
        0..=MAX_CONNECTIONS,
    )
    .prop_map(|v| ConnectionsMapInput {
        date: None,
        connections: v
            .into_iter()
            .enumerate()
            .map(|(i, (k, r, f, name))| ConnectionInput {
                // Unique, as the rules require: a number ahead of random words.
                name: format!("{i} {}", name.trim()),
                kind: ConnectionKind::ALL[k],
                ring: ConnectionRing::ALL[r],
                feel: ConnectionFeel::ALL[f],
            })
            .collect(),
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any map: every item placed, none overlapping another or the centre, each inside its
    /// ring, in the stable order; the same map gives the same layout, byte for byte.
    #[test]
    fn any_map_lays_out_without_overlap_and_the_same_way_twice(m in arb_map()) {
        let items = items_of(&m);
        let a = connections_ecomap(m.clone()).unwrap();
        check_layout(&a, &items);
        let b = connections_ecomap(m).unwrap();
        prop_assert_eq!(a, b);
    }
}

// ---------------------------------------------------------------------------------------
// Change between two maps
// ---------------------------------------------------------------------------------------

#[test]
fn change_between_two_maps_names_new_lost_closer_further_and_counts() {
    let c = store();
    let a = c.connections_map_create(first_map()).unwrap();
    c.set_fixed_time(WED + 30 * DAY, 0).unwrap();
    let b = c.connections_map_create(second_map()).unwrap();
    let ch = c.connections_change(a.id.clone(), b.id.clone()).unwrap();
    let names = |v: &[ConnectionsChangeItem]| v.iter().map(|i| i.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&ch.new), ["Walking group"]);
    assert_eq!(names(&ch.lost), ["Dev"]);
    // "mum" is Mum (names match ignoring case): unchanged, not lost and new.
    assert_eq!(names(&ch.closer), ["Jo", "Library"]);
    assert!(ch.further.is_empty());
    assert_eq!(ch.unchanged, 2);
    assert_eq!(names(&ch.feel_changed), ["Jo", "Job centre"]);
    assert_eq!(ch.closer[0].ring_before, Some(InBetween));
    assert_eq!(ch.closer[0].ring_after, Some(Close));
    assert_eq!(ch.closer[0].label, "Jo (in between to close)");
    assert_eq!(
        ch.headline,
        "1 new, 1 no longer there, 2 closer, 0 further away"
    );
    let ring_lines: Vec<&str> = ch.by_ring.iter().map(|r| r.line.as_str()).collect();
    assert_eq!(
        ring_lines,
        [
            "Close: 1 then, 2 now",
            "In between: 2 then, 2 now",
            "Further out: 2 then, 1 now"
        ]
    );
    let kinds: Vec<(&str, u32, u32)> = ch
        .by_kind
        .iter()
        .map(|k| (k.label.as_str(), k.before, k.after))
        .collect();
    assert_eq!(
        kinds,
        [
            ("Family", 2, 1),
            ("Friend", 1, 1),
            ("Group or club", 0, 1),
            ("Place", 1, 1),
            ("Service", 1, 1)
        ]
    );
    assert!(
        ch.lines.contains(&"New: Walking group".to_string()),
        "{:?}",
        ch.lines
    );
    assert!(ch.lines.contains(
        &"Closer now: Jo (in between to close), Library (further out to in between)".to_string()
    ));
    assert_eq!(ch.series.len(), 2);
    // The other way round, everything turns over.
    let back = c.connections_change(b.id.clone(), a.id.clone()).unwrap();
    assert_eq!(
        (back.new.len(), back.lost.len(), back.further.len()),
        (1, 1, 2)
    );
    // A map against itself: nothing changed, and it says so.
    let same = c.connections_change(a.id.clone(), a.id.clone()).unwrap();
    assert_eq!(
        same.lines,
        ["The same connections as before, each as close as it was."]
    );
    // The view shows the latest map and the change since the one before.
    let v = c.connections_view().unwrap();
    assert_eq!(v.latest.as_ref().unwrap().id, b.id);
    assert_eq!(v.change.as_ref().unwrap().from_map_id, a.id);
    assert_eq!(v.maps.len(), 2);
    assert!(v.empty_text.is_none());
    assert!(matches!(
        c.connections_change(a.id, "0b5e1a9e-0000-4000-8000-000000000042".into()),
        Err(WellbeingError::NotFound { .. })
    ));
}

// ---------------------------------------------------------------------------------------
// Flows
// ---------------------------------------------------------------------------------------

fn step(p: FlowProgress) -> crate::Step {
    match p {
        FlowProgress::Next { step } => step,
        other => panic!("expected a step, got {other:?}"),
    }
}

fn choose(id: &str) -> Answer {
    Answer::Choices {
        ids: vec![id.into()],
    }
}

fn list(items: &[&str]) -> Answer {
    Answer::TextList {
        items: items.iter().map(|s| s.to_string()).collect(),
    }
}

/// Walks the map flow with Mum (family, close, helpful) and Jo (friend, in between, mixed).
fn walk_map(c: &WellbeingStore) -> crate::FlowSummary {
    let s = step(c.start_flow(ToolId::ConnectionsMap, None).unwrap());
    let id = s.flow_id.clone();
    assert_eq!(s.step_id, "intro");
    let s = step(c.answer_flow(id.clone(), Answer::Continue).unwrap());
    assert_eq!(s.step_id, "connections");
    // The same name twice is refused at its place in the list, the good ones kept.
    match c.answer_flow(id.clone(), list(&["Mum", "Jo", "mum"])) {
        Err(WellbeingError::InvalidInput {
            rule, item_index, ..
        }) => {
            assert_eq!((rule, item_index), (RuleCode::Duplicate, Some(2)));
        }
        other => panic!("{other:?}"),
    }
    let s = step(c.answer_flow(id.clone(), list(&["Mum", "Jo"])).unwrap());
    assert_eq!((s.step_id.as_str(), s.total), ("kind-1", 8));
    assert!(s.prompt.contains("Mum"));
    for a in ["family", "close", "helpful", "friend", "in_between"] {
        c.answer_flow(id.clone(), choose(a)).unwrap();
    }
    match c.answer_flow(id, choose("mixed")).unwrap() {
        FlowProgress::Complete { summary } => summary,
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_map_flow_walks_to_a_summary_and_saves_a_map() {
    let dir = tempfile::tempdir().unwrap();
    let c = file_store(&dir);
    let summary = walk_map(&c);
    assert_eq!(
        summary.headline.as_deref(),
        Some("2 connections on your map")
    );
    assert_eq!(summary.items[0].label, "Close");
    assert_eq!(summary.items[0].value, "Mum (Family, Helpful)");
    assert_eq!(summary.items[2].value, "(none)");
    assert!(
        summary.text.contains("In between: Jo (Friend, Mixed)"),
        "{}",
        summary.text
    );
    let saved = c.save_flow(summary.flow_id).unwrap();
    let m = c.connections_map_get(saved.record_id.clone()).unwrap();
    assert_eq!(m.items.len(), 2);
    assert_eq!((m.items[1].ring, m.items[1].feel), (InBetween, Mixed));

    // Mapping again: Mum kept and now in between, Jo gone, Sam new; "mum" typed as new is
    // the same Mum, not added twice. The earlier map stays.
    c.set_fixed_time(WED + 29 * DAY, 0).unwrap();
    let home = c.home().unwrap();
    let remap = home
        .sections
        .iter()
        .flat_map(|s| &s.entries)
        .find(|e| {
            matches!(
                &e.action,
                NavAction::StartTool {
                    tool: ToolId::ConnectionsRemap,
                    ..
                }
            )
        })
        .expect("mapping again is offered after four weeks");
    let NavAction::StartTool { subject_id, .. } = &remap.action else {
        unreachable!()
    };
    assert_eq!(subject_id.as_deref(), Some(saved.record_id.as_str()));
    let s = step(
        c.start_flow(ToolId::ConnectionsRemap, subject_id.clone())
            .unwrap(),
    );
    let id = s.flow_id.clone();
    assert!(s.prompt.contains("Wed 18 Nov"), "{}", s.prompt);
    let s = step(c.answer_flow(id.clone(), Answer::Continue).unwrap());
    assert_eq!(s.step_id, "still");
    let InputKind::Choice {
        choices, multiple, ..
    } = &s.input
    else {
        panic!()
    };
    assert!(*multiple);
    assert_eq!(
        choices.iter().map(|c| c.label.as_str()).collect::<Vec<_>>(),
        ["Mum", "Jo"]
    );
    let s = step(c.answer_flow(id.clone(), choose("p1")).unwrap());
    // Kind is carried over: the ring is asked, with last time's answer beside it.
    assert_eq!(s.step_id, "ring-p1");
    assert!(s
        .help
        .as_deref()
        .unwrap()
        .contains("Last time: close, helpful."));
    c.answer_flow(id.clone(), choose("in_between")).unwrap();
    let s = step(c.answer_flow(id.clone(), choose("helpful")).unwrap());
    assert_eq!(s.step_id, "new");
    let s = step(c.answer_flow(id.clone(), list(&["Sam", "mum"])).unwrap());
    assert_eq!(s.step_id, "kind-n1");
    assert!(s.prompt.contains("Sam"));
    c.answer_flow(id.clone(), choose("neighbour")).unwrap();
    c.answer_flow(id.clone(), choose("further_out")).unwrap();
    let summary = match c.answer_flow(id.clone(), choose("mixed")).unwrap() {
        FlowProgress::Complete { summary } => summary,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        summary.headline.as_deref(),
        Some("2 connections on your map")
    );
    let since = summary
        .items
        .iter()
        .find(|i| i.label == "Since Wed 18 Nov")
        .unwrap();
    assert!(
        since
            .value
            .starts_with("1 new, 1 no longer there, 0 closer, 1 further away"),
        "{}",
        since.value
    );
    let again = c.save_flow(id).unwrap();
    assert_eq!(c.connections_maps(0, 10).unwrap().total, 2);
    let ch = c
        .connections_change(saved.record_id.clone(), again.record_id.clone())
        .unwrap();
    assert_eq!(ch.new[0].name, "Sam");
    assert_eq!(ch.lost[0].name, "Jo");
    assert_eq!(ch.further[0].name, "Mum");
    assert_eq!(
        c.connections_map_get(saved.record_id).unwrap(),
        m,
        "the earlier map is kept"
    );
}

#[test]
fn conversation_mode_walks_the_whole_tool_storing_nothing_and_hands_it_over() {
    let talk = WellbeingStore::open_in_memory().unwrap();
    talk.set_fixed_time(WED, 0).unwrap();
    let s = step(talk.start_flow(ToolId::ConnectionsMap, None).unwrap());
    assert_eq!(s.persistence, Persistence::ConversationOnly);
    talk.discard_flow(s.flow_id).unwrap();
    let summary = walk_map(&talk);
    // Nothing is in any table of the tool, nor in the drafts: the summary is all there is.
    let rows = |t: &str| -> i64 {
        talk.read(|c| Ok(c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?))
            .unwrap()
    };
    for t in [
        "connections_maps",
        "connections_items",
        "connections_plans",
        "flow_drafts",
    ] {
        assert_eq!(rows(t), 0, "{t}");
    }
    // The plan too, in conversation.
    let p = step(talk.start_flow(ToolId::ConnectionsPlan, None).unwrap());
    let id = p.flow_id;
    talk.answer_flow(id.clone(), Answer::Continue).unwrap();
    talk.answer_flow(id.clone(), list(&["football", "cooking"]))
        .unwrap();
    talk.answer_flow(id.clone(), Answer::Skip).unwrap();
    let s = step(
        talk.answer_flow(
            id.clone(),
            list(&["Walking football at the leisure centre"]),
        )
        .unwrap(),
    );
    // One opportunity: it is the one chosen, no question asked.
    assert_eq!(s.step_id, "step");
    talk.answer_flow(
        id.clone(),
        Answer::Text {
            text: "Go on Thursday at 6".into(),
        },
    )
    .unwrap();
    let s = step(
        talk.answer_flow(
            id.clone(),
            Answer::Choices {
                ids: vec!["go_along".into(), "travel".into()],
            },
        )
        .unwrap(),
    );
    assert_eq!(s.step_id, "support-from");
    let s = step(
        talk.answer_flow(
            id.clone(),
            Answer::Text {
                text: "Priya (peer worker)".into(),
            },
        )
        .unwrap(),
    );
    assert_eq!(s.step_id, "review-on");
    let plan = match talk.answer_flow(id.clone(), choose("14")).unwrap() {
        FlowProgress::Complete { summary } => summary,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        plan.headline.as_deref(),
        Some("Your first step: Go on Thursday at 6")
    );
    assert!(
        plan.text.contains("Look back on: Wed 2 Dec"),
        "{}",
        plan.text
    );
    assert!(plan
        .text
        .contains("Someone to go along with me the first time"));
    talk.discard_flow(id).unwrap();
    assert_eq!(rows("connections_plans"), 0);

    // Handed over with the existing handoff: the person's own app stores the summary only.
    let payload = talk.handoff_payload(summary.clone()).unwrap();
    let mine = store();
    let got = mine.import_handoff(payload.text).unwrap();
    assert_eq!(got.tool, ToolId::ConnectionsMap);
    assert_eq!(got.summary.items, summary.items);
    assert_eq!(mine.connections_maps(0, 10).unwrap().total, 0);
    let payload = talk.handoff_payload(plan).unwrap();
    assert_eq!(
        mine.import_handoff(payload.text).unwrap().tool,
        ToolId::ConnectionsPlan
    );
    // A big map still fits a code.
    let big = WellbeingStore::open_in_memory().unwrap();
    let s = step(big.start_flow(ToolId::ConnectionsMap, None).unwrap());
    let id = s.flow_id;
    big.answer_flow(id.clone(), Answer::Continue).unwrap();
    let names: Vec<String> = (1..=12).map(|i| format!("Friend number {i}")).collect();
    big.answer_flow(id.clone(), Answer::TextList { items: names })
        .unwrap();
    let mut p = big.answer_flow(id.clone(), choose("friend")).unwrap();
    let mut k = 0;
    while let FlowProgress::Next { step } = p {
        let InputKind::Choice { choices, .. } = &step.input else {
            panic!()
        };
        k += 1;
        p = big
            .answer_flow(id.clone(), choose(&choices[k % choices.len()].id))
            .unwrap();
    }
    let FlowProgress::Complete { summary } = p else {
        unreachable!()
    };
    big.handoff_payload(summary).unwrap();
}

#[test]
fn plan_and_review_through_the_api_and_the_flows() {
    let c = store();
    let plan = ConnectionsPlanInput {
        interests: vec!["gardening".into(), "music".into()],
        strengths: vec!["patient".into()],
        opportunities: vec!["Community garden".into(), "Choir".into()],
        chosen: Some("community GARDEN".into()),
        step: "Go to the open morning on Saturday".into(),
        support: vec![ConnectionsSupport::GoAlong],
        support_from: Some("Sam".into()),
        review_on: "2026-11-25".into(),
    };
    let p = c.connections_plan_create(plan.clone()).unwrap();
    assert_eq!(p.status, ConnectionsPlanStatus::Open);
    assert_eq!(p.review_on_label, "Look back on Wed 25 Nov");
    assert_eq!(
        p.support_labels,
        ["Someone to go along with me the first time"]
    );
    // Rules: the chosen one must be listed, each support once, the day not past nor far.
    let bad = |f: &dyn Fn(&mut ConnectionsPlanInput)| {
        let mut x = plan.clone();
        f(&mut x);
        rule(c.connections_plan_create(x))
    };
    assert_eq!(
        bad(&|x| x.chosen = Some("Darts".into())).1,
        RuleCode::NotOnList
    );
    assert_eq!(bad(&|x| x.interests.clear()).1, RuleCode::TooFewItems);
    assert_eq!(
        bad(&|x| x.support = vec![ConnectionsSupport::Buddy, ConnectionsSupport::Buddy]).2,
        Some(1)
    );
    assert_eq!(
        bad(&|x| x.review_on = "2026-11-17".into()).1,
        RuleCode::OutOfRange
    );
    assert_eq!(
        bad(&|x| x.review_on = "2028-01-01".into()).1,
        RuleCode::SpanTooLong
    );
    assert_eq!(bad(&|x| x.review_on = "soon".into()).1, RuleCode::BadDate);
    assert_eq!(bad(&|x| x.step = " ".into()).0, "step");

    // Due on its day: the home screen offers the review, with the step in its words.
    c.set_fixed_time(WED + 7 * DAY, 0).unwrap();
    let p = c.connections_plan_get(p.id).unwrap();
    assert_eq!(p.status, ConnectionsPlanStatus::Due);
    let home = c.home().unwrap();
    let due = home
        .sections
        .iter()
        .flat_map(|s| &s.entries)
        .find(|e| {
            e.action
                == NavAction::StartTool {
                    tool: ToolId::ConnectionsReview,
                    subject_id: Some(p.id.clone()),
                }
        })
        .expect("the review is offered");
    assert!(due.badge.is_some());
    assert!(due.detail.as_deref().unwrap().contains("open morning"));

    // The review flow records what happened.
    let s = step(
        c.start_flow(ToolId::ConnectionsReview, Some(p.id.clone()))
            .unwrap(),
    );
    assert!(s.prompt.contains("Go to the open morning on Saturday"));
    let id = s.flow_id;
    c.answer_flow(id.clone(), choose("partly")).unwrap();
    c.answer_flow(
        id.clone(),
        Answer::Text {
            text: "Went with Sam, left early".into(),
        },
    )
    .unwrap();
    c.answer_flow(id.clone(), list(&["Ann who runs it"]))
        .unwrap();
    let summary = match c
        .answer_flow(
            id.clone(),
            Answer::Text {
                text: "Go again next week".into(),
            },
        )
        .unwrap()
    {
        FlowProgress::Complete { summary } => summary,
        other => panic!("{other:?}"),
    };
    assert_eq!(summary.headline.as_deref(), Some("Did it: Partly"));
    assert!(summary
        .advice
        .iter()
        .any(|a| a.contains("map your connections again")));
    c.save_flow(id).unwrap();
    let p = c.connections_plan_get(p.id).unwrap();
    assert_eq!(p.status, ConnectionsPlanStatus::Reviewed);
    let r = p.review.clone().unwrap();
    assert_eq!(
        (r.outcome, r.met.clone(), r.next_step.as_deref()),
        (
            ConnectionsOutcome::Partly,
            vec!["Ann who runs it".to_string()],
            Some("Go again next week")
        )
    );
    // Reviewed: no longer offered.
    assert!(!c
        .home()
        .unwrap()
        .sections
        .iter()
        .flat_map(|s| &s.entries)
        .any(|e| matches!(
            &e.action,
            NavAction::StartTool {
                tool: ToolId::ConnectionsReview,
                ..
            }
        )));
    // A second review replaces the first.
    let p2 = c
        .connections_plan_review(
            p.id.clone(),
            ConnectionsReviewInput {
                outcome: ConnectionsOutcome::Yes,
                what_happened: None,
                met: vec![],
                next_step: None,
            },
        )
        .unwrap();
    assert_eq!(p2.review.unwrap().outcome, ConnectionsOutcome::Yes);
    assert!(matches!(
        c.start_flow(ToolId::ConnectionsReview, None),
        Err(WellbeingError::InvalidInput { .. })
    ));
    c.connections_plan_delete(p.id.clone()).unwrap();
    assert!(matches!(
        c.connections_plan_get(p.id),
        Err(WellbeingError::NotFound { .. })
    ));
}

#[test]
fn the_plan_flow_asks_which_opportunity_when_there_are_several() {
    let c = store();
    let s = step(c.start_flow(ToolId::ConnectionsPlan, None).unwrap());
    let id = s.flow_id;
    c.answer_flow(id.clone(), Answer::Continue).unwrap();
    c.answer_flow(id.clone(), list(&["art"])).unwrap();
    c.answer_flow(id.clone(), list(&["kind"])).unwrap();
    let s = step(
        c.answer_flow(id.clone(), list(&["Art class", "Volunteering at the shop"]))
            .unwrap(),
    );
    assert_eq!(s.step_id, "chosen");
    c.answer_flow(id.clone(), choose("o2")).unwrap();
    c.answer_flow(
        id.clone(),
        Answer::Text {
            text: "Ask about Mondays".into(),
        },
    )
    .unwrap();
    // No support wanted: who from is not asked.
    let s = step(c.answer_flow(id.clone(), Answer::Skip).unwrap());
    assert_eq!(s.step_id, "review-on");
    c.answer_flow(id.clone(), choose("7")).unwrap();
    let saved = c.save_flow(id).unwrap();
    let p = c.connections_plan_get(saved.record_id).unwrap();
    assert_eq!(p.chosen.as_deref(), Some("Volunteering at the shop"));
    assert_eq!(p.review_on, "2026-11-25");
    assert!(p.support.is_empty() && p.support_from.is_none());
    assert_eq!(p.strengths, ["kind"]);
}

// ---------------------------------------------------------------------------------------
// Summary, backup, records
// ---------------------------------------------------------------------------------------

fn filled() -> Arc<WellbeingStore> {
    let c = store();
    c.connections_map_create(first_map()).unwrap();
    c.set_fixed_time(WED + 14 * DAY, 0).unwrap();
    c.connections_map_create(second_map()).unwrap();
    let p = c
        .connections_plan_create(ConnectionsPlanInput {
            interests: vec!["walking".into()],
            opportunities: vec!["Walking group".into()],
            chosen: Some("Walking group".into()),
            step: "Join the Sunday walk".into(),
            support: vec![ConnectionsSupport::Buddy],
            review_on: "2026-12-09".into(),
            ..Default::default()
        })
        .unwrap();
    c.connections_plan_review(
        p.id,
        ConnectionsReviewInput {
            outcome: ConnectionsOutcome::Yes,
            what_happened: Some("Talked to Ann".into()),
            met: vec!["Ann".into()],
            next_step: None,
        },
    )
    .unwrap();
    c
}

#[test]
fn the_appointment_summary_shows_the_map_the_change_and_the_plan() {
    let c = filled();
    let r = c.appointment_summary(None, None, false).unwrap();
    let ids: Vec<&str> = r.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "safety",
            "check-ins",
            "five-ways",
            "measures",
            "worksheets",
            "connections",
            "scales"
        ]
    );
    let s = r.sections.iter().find(|s| s.id == "connections").unwrap();
    assert!(
        s.lines[0].contains("5 connections on your map"),
        "{:?}",
        s.lines
    );
    assert_eq!(s.lines[1], "2 close, 2 in between, 1 further out");
    let chart = &s.charts[0];
    assert_eq!(chart.kind, crate::ReportChartKind::Ecomap);
    let svg = chart.svg.as_deref().unwrap();
    assert!(r.html.contains(svg), "the drawing is in the document");
    // Without full text, no name the person gave travels: kinds and counts only.
    for name in ["Mum", "Walking group\"", "Job centre", "Ann"] {
        assert!(
            !svg.contains(name) && !r.text.contains(name),
            "{name} in the summary"
        );
    }
    let change = &s.entries[0];
    assert!(change.heading.contains("Wed 18 Nov"), "{}", change.heading);
    assert_eq!(
        change.lines[0],
        "1 new, 1 no longer there, 2 closer, 0 further away"
    );
    assert!(change.lines.contains(&"Close: 1 then, 2 now".to_string()));
    let plan = &s.entries[1];
    assert!(plan.heading.contains("Join the Sunday walk"));
    assert!(
        plan.lines.iter().any(|l| l.contains("did it: Yes")),
        "{:?}",
        plan.lines
    );
    assert!(r.text.contains("My connections\n--------------"));
    // With full text, the names and what happened are there.
    let full = c.appointment_summary(None, None, true).unwrap();
    let s = full
        .sections
        .iter()
        .find(|s| s.id == "connections")
        .unwrap();
    assert!(s.charts[0].svg.as_deref().unwrap().contains(">mum<"));
    assert!(s.entries[0]
        .lines
        .iter()
        .any(|l| l.starts_with("New: Walking group")));
    assert!(s.entries[1]
        .lines
        .iter()
        .any(|l| l.contains("Talked to Ann")));
    // No section at all for someone who never used the tool (see the report tests).
    let none = store().appointment_summary(None, None, false).unwrap();
    assert!(none.sections.iter().all(|s| s.id != "connections"));
}

#[test]
fn backup_round_trips_maps_plans_and_reviews_exactly() {
    let a = filled();
    let doc = a.export_backup().unwrap();
    let v: serde_json::Value = serde_json::from_str(&doc).unwrap();
    for t in [
        "connections_maps",
        "connections_items",
        "connections_plans",
        "connections_reviews",
    ] {
        assert!(
            !v["tables"][t].as_array().unwrap().is_empty(),
            "{t} empty in the backup"
        );
    }
    let b = store();
    b.set_fixed_time(WED + 14 * DAY, 0).unwrap();
    let rep = b.import_backup(doc.clone()).unwrap();
    assert_eq!(rep.already_present + rep.kept_existing, 0);
    assert_eq!(b.export_backup().unwrap(), doc, "byte for byte");
    assert_eq!(a.connections_view().unwrap(), b.connections_view().unwrap());
    // Importing again adds nothing.
    assert_eq!(b.import_backup(doc.clone()).unwrap().inserted, 0);
    // A backup whose rows have the right types but no meaning is refused, changing nothing.
    let forged = doc.replace("\"kind\":\"family\"", "\"kind\":\"families\"");
    assert_ne!(forged, doc);
    assert!(store().import_backup(forged).is_err());
    // What the import's read-back check refuses though SQLite would take it: the same name
    // twice on a map, a plan's support the app does not know.
    let map_id = a.connections_maps(0, 1).unwrap().items[0].id.clone();
    a.write(|tx| {
        tx.execute(
            "INSERT INTO connections_items (id, map_id, position, name, kind, ring, feel)
             VALUES ('0b5e1a9e-0000-4000-8000-0000000000ff', ?1, 99, 'JO', 'friend', 'close', 'mixed')",
            [&map_id],
        )?;
        Ok(())
    })
    .unwrap();
    assert!(
        matches!(a.read(check_stored), Err(Error::Unreadable { .. })),
        "duplicate name"
    );
    a.write(|tx| {
        tx.execute("DELETE FROM connections_items WHERE position = 99", [])?;
        tx.execute("UPDATE connections_plans SET support = '[\"limo\"]'", [])?;
        Ok(())
    })
    .unwrap();
    assert!(a.read(check_stored).is_err(), "unknown support");
}

#[test]
fn the_maps_are_records_on_the_menu_and_can_be_deleted_there() {
    let c = filled();
    let home = c.home().unwrap();
    let e = home
        .sections
        .iter()
        .flat_map(|s| &s.entries)
        .find(|e| {
            e.action
                == NavAction::History {
                    tool: ToolId::ConnectionsMap,
                }
        })
        .unwrap();
    assert_eq!(e.label, "My connections");
    let l = c.records(ToolId::ConnectionsMap, 10).unwrap();
    assert_eq!(l.title, "My connections");
    assert_eq!(l.rows.len(), 2);
    assert!(l.rows[0].detail.contains("5 connections"));
    c.delete_record(ToolId::ConnectionsMap, l.rows[1].id.clone())
        .unwrap();
    assert_eq!(c.connections_maps(0, 10).unwrap().total, 1);
    // Tools that need a subject are not in the menu's tools; the others are.
    let tools: Vec<ToolId> = c
        .list_tools()
        .iter()
        .filter(|t| t.group == crate::ToolGroup::Connections)
        .map(|t| t.id)
        .collect();
    assert_eq!(
        tools,
        [
            ToolId::ConnectionsMap,
            ToolId::ConnectionsRemap,
            ToolId::ConnectionsPlan,
            ToolId::ConnectionsReview
        ]
    );
}
