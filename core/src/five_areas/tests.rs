use super::*;
use crate::{FlowProgress, FlowSummary, Step, WellbeingError};
#[allow(unused_imports)]
use crate::{MeasureId, SafetyFlagCode, ToolGroup, ToolId, WayId};
use std::sync::Arc;

/// 2026-11-20 10:00 UTC, a Friday.
const FRI: i64 = 1_795_168_800_000;
const DAY: i64 = 86_400_000;

fn companion() -> Arc<WellbeingStore> {
    let c = WellbeingStore::open_in_memory().unwrap();
    c.set_fixed_time(FRI, 0).unwrap();
    c
}

/// A change made to a valid input to break one rule.
type Edit = Box<dyn Fn(&mut FiveAreasInput)>;

fn feeling(name: &str, intensity: i32) -> FiveAreasFeeling {
    FiveAreasFeeling {
        name: name.into(),
        intensity,
    }
}

fn link(from_area: FiveAreasArea, to_area: FiveAreasArea) -> FiveAreasLink {
    FiveAreasLink {
        from_area,
        to_area,
        note: None,
    }
}

pub(crate) fn full() -> FiveAreasInput {
    use FiveAreasArea::*;
    FiveAreasInput {
        situation: Some("Rent is late and my manager shouted at me".into()),
        thoughts: vec!["I can't cope".into(), "They think I'm useless".into()],
        feelings: vec![feeling("Anxious", 80), feeling("low", 60)],
        physical: vec!["Tight chest".into()],
        behaviour: vec!["Stayed in bed".into()],
        links: vec![link(Thoughts, Feelings), link(Behaviour, Thoughts)],
        change: Some(FiveAreasChange {
            start_area: Behaviour,
            change: "Walk round the block after lunch".into(),
        }),
        complete: true,
        ..Default::default()
    }
}

fn invalid(r: ApiResult<FiveAreasWorksheet>) -> (String, String) {
    match r {
        Err(WellbeingError::InvalidInput { field, rule, .. }) => (field, rule.as_str().to_string()),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

fn review_input(tried: FiveAreasTried) -> FiveAreasReviewInput {
    FiveAreasReviewInput {
        tried,
        what_happened: None,
        rerated: vec![],
        next_step: None,
    }
}

// ---- content ------------------------------------------------------------------------

#[test]
fn content_is_complete_and_sourced() {
    let c = content().unwrap();
    let known = |keys: &str| {
        for k in keys.split("; ") {
            assert!(c.sources.contains_key(k), "unknown source {k}");
        }
    };
    assert_eq!(
        c.areas.iter().map(|a| a.id).collect::<Vec<_>>(),
        FiveAreasArea::ALL
    );
    for a in &c.areas {
        for f in [&a.name, &a.full_name, &a.prompt, &a.help, &a.change_idea] {
            assert!(!f.trim().is_empty(), "{:?}", a.id);
        }
        known(&a.source);
    }
    for s in [&c.intro, &c.start, &c.change, &c.title_step] {
        assert!(!s.prompt.is_empty() && !s.help.is_empty());
        known(&s.source);
    }
    known(&c.tool.source);
    known(&c.review_tool.source);
    known(&c.intensity.source);
    known(&c.links.source);
    known(&c.review.source);
    assert!(c.intensity.prompt.contains("{feeling}"));
    assert!(c.links.help.contains("vicious cycle"));
    assert!(c.start.help.contains("any one"));
    let anchors: Vec<i32> = c.intensity.anchors.iter().map(|a| a.value).collect();
    assert_eq!((anchors.first(), anchors.last()), (Some(&0), Some(&100)));
    assert_eq!(
        c.tried.iter().map(|t| t.id).collect::<Vec<_>>(),
        FiveAreasTried::ALL
    );
    for t in &c.tried {
        assert!(!t.label.is_empty() && !t.advice.is_empty());
        known(&t.source);
    }
    assert!(c.default_title.contains("{date}"));
    let g = five_areas_guide().unwrap();
    assert_eq!(g.areas.len(), 5);
    assert_eq!(g.areas[4].name, "What I do");
}

// ---- create, get, update, delete ----------------------------------------------------

#[test]
fn create_and_get_round_trip() {
    let c = companion();
    let w = c.five_areas_create(full()).unwrap();
    assert_eq!(w.status, FiveAreasStatus::Complete);
    assert_eq!(w.status_label, "Change to try");
    assert_eq!((w.date.as_str(), w.time.as_str()), ("2026-11-20", "10:00"));
    assert_eq!(w.title, "Five Areas map, Fri 20 Nov");
    assert_eq!(w.custom_title, None);
    assert_eq!(w.feelings[0], feeling("Anxious", 80));
    assert_eq!(w.links.len(), 2);
    assert_eq!(c.five_areas_get(w.id.clone()).unwrap(), w);
    let mut named = full();
    named.title = Some("  Work week ".into());
    named.date = Some("2026-11-18".into());
    named.time = Some("21:15".into());
    let n = c.five_areas_create(named).unwrap();
    assert_eq!(n.title, "Work week");
    assert_eq!(n.custom_title.as_deref(), Some("Work week"));
    assert_eq!((n.date.as_str(), n.time.as_str()), ("2026-11-18", "21:15"));
}

#[test]
fn text_and_list_rules() {
    let c = companion();
    let cases: Vec<(&str, Edit)> = vec![
        ("title", Box::new(|i| i.title = Some("x".repeat(101)))),
        ("title", Box::new(|i| i.title = Some("two\nlines".into()))),
        (
            "situation",
            Box::new(|i| i.situation = Some("x".repeat(4001))),
        ),
        ("thoughts", Box::new(|i| i.thoughts.push("x".repeat(301)))),
        ("thoughts", Box::new(|i| i.thoughts.push("  ".into()))),
        (
            "thoughts",
            Box::new(|i| i.thoughts = (0..21).map(|n| n.to_string()).collect()),
        ),
        ("physical", Box::new(|i| i.physical.push("".into()))),
        (
            "behaviour",
            Box::new(|i| i.behaviour = (0..21).map(|n| n.to_string()).collect()),
        ),
        (
            "feelings",
            Box::new(|i| i.feelings.push(feeling("ANXIOUS", 10))),
        ),
        ("feelings", Box::new(|i| i.feelings.push(feeling(" ", 10)))),
        (
            "feelings",
            Box::new(|i| i.feelings.push(feeling(&"x".repeat(61), 10))),
        ),
        ("feelings", Box::new(|i| i.feelings[0].intensity = 101)),
        ("feelings", Box::new(|i| i.feelings[0].intensity = -1)),
        (
            "feelings",
            Box::new(|i| i.feelings = (0..11).map(|n| feeling(&format!("f{n}"), 5)).collect()),
        ),
        (
            "change",
            Box::new(|i| {
                if let Some(ch) = i.change.as_mut() {
                    ch.change = " ".into()
                }
            }),
        ),
        (
            "change",
            Box::new(|i| {
                if let Some(ch) = i.change.as_mut() {
                    ch.change = "x".repeat(201)
                }
            }),
        ),
        ("date", Box::new(|i| i.date = Some("2026-11-21".into()))),
        ("date", Box::new(|i| i.date = Some("2026-02-30".into()))),
        ("time", Box::new(|i| i.time = Some("25:00".into()))),
    ];
    for (want, edit) in cases {
        let mut input = full();
        edit(&mut input);
        let (field, _) = invalid(c.five_areas_create(input));
        assert_eq!(field, want);
    }
    // Limits themselves are allowed.
    let mut edge = full();
    edge.thoughts = (0..20).map(|n| "x".repeat(300) + &n.to_string()).collect();
    edge.thoughts.iter_mut().for_each(|t| t.truncate(300));
    edge.feelings = (0..10).map(|n| feeling(&format!("f{n}"), 100)).collect();
    edge.feelings[0].intensity = 0;
    edge.title = Some("x".repeat(100));
    assert!(c.five_areas_create(edge).is_ok());
    // Nothing was stored by the refused calls.
    assert_eq!(c.five_areas_history(0, 10).unwrap().total, 1);
}

#[test]
fn link_rules() {
    use FiveAreasArea::*;
    let c = companion();
    let with = |links: Vec<FiveAreasLink>| {
        let mut i = full();
        i.links = links;
        c.five_areas_create(i)
    };
    let (f, r) = invalid(with(vec![link(Thoughts, Thoughts)]));
    assert_eq!((f.as_str(), r.as_str()), ("links", "duplicate"));
    let (_, r) = invalid(with(vec![
        link(Thoughts, Feelings),
        link(Thoughts, Feelings),
    ]));
    assert_eq!(r, "duplicate");
    let mut no_body = full();
    no_body.physical.clear();
    no_body.links = vec![link(Feelings, Physical)];
    let (_, r) = invalid(c.five_areas_create(no_body));
    assert_eq!(r, "mismatch");
    let (_, r) = invalid(with(vec![link(Thoughts, Feelings); 21]));
    assert_eq!(r, "too-many-items");
    let mut long_note = link(Thoughts, Feelings);
    long_note.note = Some("x".repeat(201));
    assert_eq!(invalid(with(vec![long_note])).0, "links");
    // Both directions are different arrows; a note is kept, trimmed.
    let mut noted = link(Feelings, Thoughts);
    noted.note = Some(" and round again ".into());
    let w = with(vec![link(Thoughts, Feelings), noted]).unwrap();
    assert_eq!(w.links[1].note.as_deref(), Some("and round again"));
    // Every ordered pair at once is allowed.
    let mut all = vec![];
    for a in FiveAreasArea::ALL {
        for b in FiveAreasArea::ALL {
            if a != b {
                all.push(link(a, b));
            }
        }
    }
    assert_eq!(with(all).unwrap().links.len(), 20);
}

#[test]
fn completeness_rules() {
    let c = companion();
    let cases: Vec<(&str, Edit)> = vec![
        ("situation", Box::new(|i| i.situation = Some("   ".into()))),
        ("thoughts", Box::new(|i| i.thoughts.clear())),
        ("feelings", Box::new(|i| i.feelings.clear())),
        ("change", Box::new(|i| i.change = None)),
    ];
    for (want, edit) in cases {
        let mut input = full();
        input.links.clear();
        edit(&mut input);
        let (field, reason) = invalid(c.five_areas_create(input.clone()));
        assert_eq!((field.as_str(), reason.as_str()), (want, "required"));
        // The same content is fine as a draft.
        input.complete = false;
        assert_eq!(
            c.five_areas_create(input).unwrap().status,
            FiveAreasStatus::Draft
        );
    }
    // A draft needs something in one area.
    let (field, _) = invalid(c.five_areas_create(FiveAreasInput {
        title: Some("Empty".into()),
        situation: Some(" ".into()),
        ..Default::default()
    }));
    assert_eq!(field, "worksheet");
}

#[test]
fn drafts_are_finished_by_update() {
    let c = companion();
    let d = c
        .five_areas_create(FiveAreasInput {
            thoughts: vec!["Nobody called".into()],
            ..Default::default()
        })
        .unwrap();
    assert_eq!(d.status, FiveAreasStatus::Draft);
    let drafts = c.read(|conn| open_drafts(conn, 5)).unwrap();
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].id, d.id);
    assert!(!drafts[0].awaiting_review);
    assert!(c.read(|conn| awaiting_review(conn, 5)).unwrap().is_empty());
    // A draft cannot be reviewed.
    assert!(matches!(
        c.five_areas_review(d.id.clone(), review_input(FiveAreasTried::Yes)),
        Err(WellbeingError::OutOfOrder { .. })
    ));
    // Later, on another day: finishing keeps the original date unless a new one is given.
    c.set_fixed_time(FRI + DAY, 0).unwrap();
    let w = c.five_areas_update(d.id.clone(), full()).unwrap();
    assert_eq!(w.status, FiveAreasStatus::Complete);
    assert_eq!((w.date.as_str(), w.time.as_str()), ("2026-11-20", "10:00"));
    assert!(c.read(|conn| open_drafts(conn, 5)).unwrap().is_empty());
    let waiting = c.read(|conn| awaiting_review(conn, 5)).unwrap();
    assert_eq!(waiting.len(), 1);
    assert!(waiting[0].awaiting_review);
    let mut moved = full();
    moved.date = Some("2026-11-19".into());
    let w = c.five_areas_update(d.id, moved).unwrap();
    assert_eq!((w.date.as_str(), w.time.as_str()), ("2026-11-19", "12:00"));
}

#[test]
fn unknown_ids_are_not_found() {
    let c = companion();
    let missing = validate::new_id();
    for bad in [missing.as_str(), "../x", ""] {
        assert!(matches!(
            c.five_areas_get(bad.into()),
            Err(WellbeingError::NotFound { .. })
        ));
        assert!(matches!(
            c.five_areas_update(bad.into(), full()),
            Err(WellbeingError::NotFound { .. })
        ));
        assert!(matches!(
            c.five_areas_delete(bad.into()),
            Err(WellbeingError::NotFound { .. })
        ));
        assert!(matches!(
            c.five_areas_review(bad.into(), review_input(FiveAreasTried::No)),
            Err(WellbeingError::NotFound { .. })
        ));
    }
}

#[test]
fn review_rules_and_replacement() {
    let c = companion();
    let w = c.five_areas_create(full()).unwrap();
    let with = |rerated: Vec<FiveAreasFeeling>| {
        let mut r = review_input(FiveAreasTried::Partly);
        r.rerated = rerated;
        c.five_areas_review(w.id.clone(), r)
    };
    let (f, r) = invalid(with(vec![feeling("angry", 10)]));
    assert_eq!((f.as_str(), r.as_str()), ("rerated", "not-on-list"));
    let (_, r) = invalid(with(vec![feeling("anxious", 10), feeling("Anxious", 20)]));
    assert_eq!(r, "duplicate");
    assert_eq!(invalid(with(vec![feeling("anxious", 101)])).0, "rerated");
    assert_eq!(
        invalid(with(vec![
            feeling("a", 1),
            feeling("b", 1),
            feeling("c", 1)
        ]))
        .0,
        "rerated"
    );
    let mut long = review_input(FiveAreasTried::Yes);
    long.what_happened = Some("x".repeat(4001));
    assert_eq!(
        invalid(c.five_areas_review(w.id.clone(), long)).0,
        "what_happened"
    );
    let mut long = review_input(FiveAreasTried::Yes);
    long.next_step = Some("x".repeat(201));
    assert_eq!(
        invalid(c.five_areas_review(w.id.clone(), long)).0,
        "next_step"
    );
    assert_eq!(c.five_areas_get(w.id.clone()).unwrap().review, None);

    c.set_fixed_time(FRI + 3 * DAY, 0).unwrap();
    let r = with(vec![feeling(" anxious ", 40)]).unwrap();
    assert_eq!(r.status, FiveAreasStatus::Reviewed);
    let rev = r.review.unwrap();
    assert_eq!(rev.tried_label, "Partly");
    assert_eq!(rev.date, "2026-11-23");
    assert_eq!(
        rev.rerated,
        [FiveAreasFeelingChange {
            name: "Anxious".into(),
            before: 80,
            after: 40
        }]
    );
    // Reviewing again replaces the review.
    let mut again = review_input(FiveAreasTried::Yes);
    again.next_step = Some("Keep walking".into());
    let r = c.five_areas_review(w.id.clone(), again).unwrap();
    let rev = r.review.unwrap();
    assert_eq!((rev.tried, rev.rerated.len()), (FiveAreasTried::Yes, 0));
    let n: i64 = c
        .read(|c| Ok(c.query_row("SELECT count(*) FROM five_areas_reviews", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(n, 1);
    // A reviewed worksheet can be edited but not turned back into a draft.
    let mut draft = full();
    draft.complete = false;
    assert!(matches!(
        c.five_areas_update(w.id.clone(), draft),
        Err(WellbeingError::OutOfOrder { .. })
    ));
    let mut edited = full();
    edited.title = Some("Edited".into());
    let e = c.five_areas_update(w.id.clone(), edited).unwrap();
    assert_eq!(
        (e.status, e.title.as_str()),
        (FiveAreasStatus::Reviewed, "Edited")
    );
    assert!(c.read(|conn| awaiting_review(conn, 5)).unwrap().is_empty());
}

#[test]
fn delete_is_real_and_cascades() {
    let c = companion();
    let w = c.five_areas_create(full()).unwrap();
    c.five_areas_review(w.id.clone(), review_input(FiveAreasTried::No))
        .unwrap();
    c.five_areas_delete(w.id.clone()).unwrap();
    let n: i64 = c
        .read(|c| {
            Ok(c.query_row(
                "SELECT (SELECT count(*) FROM five_areas_worksheets)
                      + (SELECT count(*) FROM five_areas_reviews)",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(n, 0);
    assert!(matches!(
        c.five_areas_delete(w.id),
        Err(WellbeingError::NotFound { .. })
    ));
}

#[test]
fn errors_never_echo_the_persons_words() {
    let c = companion();
    let mut i = full();
    i.situation = Some("my secret words ".repeat(300));
    let e = c.five_areas_create(i).unwrap_err();
    assert!(!e.to_string().contains("secret"));
    let mut i = full();
    i.feelings.push(feeling("secret", 200));
    assert!(!c
        .five_areas_create(i)
        .unwrap_err()
        .to_string()
        .contains("secret"));
}

// ---- history and views ---------------------------------------------------------------

#[test]
fn history_pages_newest_first_with_chart() {
    let c = companion();
    let empty = c.five_areas_history(0, 10).unwrap();
    assert_eq!(empty.total, 0);
    assert!(empty.empty_text.is_some());
    assert!(empty.charts.iter().all(|s| s.points.is_empty()));
    let mut ids = vec![];
    for day in 0..3 {
        c.set_fixed_time(FRI + day * DAY, 0).unwrap();
        let mut i = full();
        i.feelings = vec![feeling("low", 50 + day as i32 * 10), feeling("tense", 55)];
        ids.push(c.five_areas_create(i).unwrap().id);
    }
    c.five_areas_create(FiveAreasInput {
        thoughts: vec!["half done".into()],
        ..Default::default()
    })
    .unwrap();
    let mut r = review_input(FiveAreasTried::Yes);
    r.rerated = vec![feeling("low", 20), feeling("tense", 30)];
    c.five_areas_review(ids[0].clone(), r).unwrap();

    let p = c.five_areas_history(0, 2).unwrap();
    assert_eq!((p.total, p.drafts, p.awaiting_review), (4, 1, 2));
    assert!(p.has_more && p.empty_text.is_none());
    assert_eq!(p.items.len(), 2);
    // Same time as the day-2 worksheet: the one stored later comes first.
    assert_eq!(p.items[0].status, FiveAreasStatus::Draft);
    assert_eq!(p.items[1].id, ids[2]);
    assert_eq!(p.items[1].date_label, "Sun 22 Nov");
    assert_eq!(p.items[1].strongest_feeling.as_deref(), Some("low 70/100"));
    assert_eq!(
        p.items[1].change_label.as_deref(),
        Some("Start with What I do: Walk round the block after lunch")
    );
    let p2 = c.five_areas_history(2, 2).unwrap();
    assert!(!p2.has_more);
    assert_eq!(p2.items[1].id, ids[0]);
    assert_eq!(p2.items[1].status, FiveAreasStatus::Reviewed);
    assert_eq!(p2.items[1].review_label.as_deref(), Some("Tried it: Yes"));
    // Ties keep the person's order: "tense" 55 beats "low" 50 on day 0.
    assert_eq!(
        p2.items[1].strongest_feeling.as_deref(),
        Some("tense 55/100")
    );
    // Charts: finished worksheets only, oldest first.
    let before = &p.charts[0];
    assert_eq!(before.id, "strongest-feeling");
    assert_eq!((before.axis_min, before.axis_max), (0.0, 100.0));
    let values: Vec<Option<f64>> = before.points.iter().map(|p| p.value).collect();
    assert_eq!(values, [Some(55.0), Some(60.0), Some(70.0)]);
    assert_eq!(before.points[0].label, "Fri 20 Nov");
    let after: Vec<Option<f64>> = p.charts[1].points.iter().map(|p| p.value).collect();
    assert_eq!(after, [Some(30.0), None, None]);
    // Paging rules.
    for bad in [0, 101] {
        assert!(matches!(
            c.five_areas_history(0, bad),
            Err(WellbeingError::InvalidInput { .. })
        ));
    }
    assert!(c.five_areas_history(50, 10).unwrap().items.is_empty());
}

#[test]
fn count_between_counts_finished_worksheets_by_local_date() {
    let c = companion();
    // 23:30 UTC on Fri 20 Nov is Sat 21 Nov at UTC+1.
    c.set_fixed_time(FRI + 13 * 3_600_000 + 30 * 60_000, 60)
        .unwrap();
    c.five_areas_create(full()).unwrap();
    let mut d = full();
    d.complete = false;
    c.five_areas_create(d).unwrap();
    let day = |s: &str| clock::parse_date("d", s).unwrap();
    let n = |a: &str, b: &str| c.read(|conn| count_between(conn, day(a), day(b))).unwrap();
    assert_eq!(n("2026-11-21", "2026-11-21"), 1);
    assert_eq!(n("2026-11-16", "2026-11-20"), 0);
}

// ---- guided flows ---------------------------------------------------------------------

fn step(p: FlowProgress) -> Step {
    match p {
        FlowProgress::Next { step } => step,
        other => panic!("expected a step, got {other:?}"),
    }
}

fn done(p: FlowProgress) -> FlowSummary {
    match p {
        FlowProgress::Complete { summary } => summary,
        other => panic!("expected the summary, got {other:?}"),
    }
}

fn list(items: &[&str]) -> Answer {
    Answer::TextList {
        items: items.iter().map(|s| s.to_string()).collect(),
    }
}

fn text(t: &str) -> Answer {
    Answer::Text { text: t.into() }
}

fn choices(ids: &[&str]) -> Answer {
    Answer::Choices {
        ids: ids.iter().map(|s| s.to_string()).collect(),
    }
}

/// Walks the worksheet flow up to the links step, skipping the body.
fn walk_to_links(c: &WellbeingStore) -> Step {
    let s = step(c.start_flow(ToolId::FiveAreas, None).unwrap());
    assert_eq!((s.step_id.as_str(), s.position), ("intro", 1));
    let id = s.flow_id;
    let s = step(c.answer_flow(id.clone(), Answer::Continue).unwrap());
    assert_eq!(s.step_id, "situation");
    assert!(!s.optional);
    let s = step(
        c.answer_flow(id.clone(), text("Argument with my sister"))
            .unwrap(),
    );
    assert_eq!(s.step_id, "thoughts");
    let s = step(c.answer_flow(id.clone(), list(&["She hates me"])).unwrap());
    assert_eq!(s.step_id, "feelings");
    // The same feeling twice is refused by the tool's own check.
    assert!(matches!(
        c.answer_flow(id.clone(), list(&["Sad", "sad"])),
        Err(WellbeingError::InvalidInput { .. })
    ));
    let s = step(c.answer_flow(id.clone(), list(&["Sad", "Angry"])).unwrap());
    assert_eq!(s.step_id, "intensity-1");
    assert!(s.prompt.contains("\"Sad\""));
    assert!(matches!(
        s.input,
        InputKind::Scale {
            min: 0,
            max: 100,
            ..
        }
    ));
    assert_eq!(s.total, 12);
    assert!(c
        .answer_flow(id.clone(), Answer::Scale { value: 101 })
        .is_err());
    let s = step(
        c.answer_flow(id.clone(), Answer::Scale { value: 70 })
            .unwrap(),
    );
    assert_eq!(s.step_id, "intensity-2");
    let s = step(
        c.answer_flow(id.clone(), Answer::Scale { value: 40 })
            .unwrap(),
    );
    assert_eq!(s.step_id, "physical");
    assert!(s.optional);
    let s = step(c.answer_flow(id.clone(), Answer::Skip).unwrap());
    assert_eq!(s.step_id, "behaviour");
    step(c.answer_flow(id, list(&["Stayed in my room"])).unwrap())
}

#[test]
fn worksheet_flow_start_to_saved() {
    let c = companion();
    let s = walk_to_links(&c);
    let id = s.flow_id.clone();
    assert_eq!(s.step_id, "links");
    assert!(s.help.as_deref().unwrap().contains("vicious cycle"));
    // Only arrows between the four areas with something in them (not the body).
    let InputKind::Choice {
        choices: opts,
        multiple,
        ..
    } = &s.input
    else {
        panic!("{:?}", s.input)
    };
    assert!(*multiple);
    assert_eq!(opts.len(), 12);
    assert!(opts.iter().all(|o| !o.id.contains("physical")));
    assert_eq!(opts[0].label, "Situation \u{2192} Thoughts");
    assert!(c
        .answer_flow(id.clone(), choices(&["feelings>physical"]))
        .is_err());
    let s = step(
        c.answer_flow(
            id.clone(),
            choices(&["thoughts>feelings", "behaviour>thoughts"]),
        )
        .unwrap(),
    );
    assert_eq!(s.step_id, "start");
    assert!(s.help.as_deref().unwrap().contains("any one"));
    let s = step(c.answer_flow(id.clone(), choices(&["behaviour"])).unwrap());
    assert_eq!(s.step_id, "change");
    assert!(s.help.as_deref().unwrap().contains("avoiding"));
    let s = step(
        c.answer_flow(id.clone(), text("Text her one line"))
            .unwrap(),
    );
    assert_eq!((s.step_id.as_str(), s.optional), ("title", true));
    let summary = done(c.answer_flow(id.clone(), text("  ")).unwrap());
    assert_eq!(
        summary.headline.as_deref(),
        Some("Your small change: start with What I do")
    );
    assert!(summary.text.contains("Feelings: Sad 70/100; Angry 40/100"));
    assert!(summary.text.contains("Body: (nothing noted)"));
    assert!(summary
        .text
        .contains("Vicious cycle: Thoughts \u{2192} Feelings; What I do \u{2192} Thoughts"));
    let saved = c.save_flow(id).unwrap();
    let w = c.five_areas_get(saved.record_id).unwrap();
    assert_eq!(w.status, FiveAreasStatus::Complete);
    assert_eq!(w.situation.as_deref(), Some("Argument with my sister"));
    assert_eq!(w.feelings, [feeling("Sad", 70), feeling("Angry", 40)]);
    assert!(w.physical.is_empty());
    assert_eq!(
        w.links,
        [
            link(FiveAreasArea::Thoughts, FiveAreasArea::Feelings),
            link(FiveAreasArea::Behaviour, FiveAreasArea::Thoughts)
        ]
    );
    assert_eq!(
        w.change,
        Some(FiveAreasChange {
            start_area: FiveAreasArea::Behaviour,
            change: "Text her one line".into()
        })
    );
    assert_eq!(w.custom_title, None);
}

#[test]
fn worksheet_flow_discard_and_draft_resume() {
    let c = companion();
    let s = walk_to_links(&c);
    let id = s.flow_id.clone();
    // Draft, resume at the same step, then discard: nothing stored at all.
    let d = c.save_flow_draft(id.clone()).unwrap();
    assert_eq!((d.tool.as_str(), d.answered), ("five-areas", 8));
    c.discard_flow(id).unwrap();
    assert!(c.list_drafts().unwrap().is_empty());
    let s = walk_to_links(&c);
    let d = c.save_flow_draft(s.flow_id.clone()).unwrap();
    let r = step(c.resume_flow(d.flow_id).unwrap());
    assert_eq!(r.step_id, "links");
    c.answer_flow(r.flow_id.clone(), Answer::Skip).unwrap();
    c.answer_flow(r.flow_id.clone(), choices(&["thoughts"]))
        .unwrap();
    c.answer_flow(r.flow_id.clone(), text("Write the thought down"))
        .unwrap();
    let summary = done(c.answer_flow(r.flow_id.clone(), text("Sister")).unwrap());
    assert!(summary.text.contains("Vicious cycle: (nothing noted)"));
    assert_eq!(r.flow_id, s.flow_id, "resuming carries on the same flow");
    c.discard_flow(r.flow_id).unwrap();
    assert_eq!(c.five_areas_history(0, 10).unwrap().total, 0);
    assert!(c.list_drafts().unwrap().is_empty());
}

#[test]
fn tools_are_listed() {
    let c = companion();
    let tools = c.list_tools();
    let t = tools.iter().find(|t| t.id == ToolId::FiveAreas).unwrap();
    assert!(!t.needs_subject && t.group == ToolGroup::FiveAreas);
    let r = tools
        .iter()
        .find(|t| t.id == ToolId::FiveAreasReview)
        .unwrap();
    assert!(r.needs_subject);
}

#[test]
fn review_flow_needs_a_finished_worksheet() {
    let c = companion();
    assert!(matches!(
        c.start_flow(ToolId::FiveAreasReview, None),
        Err(WellbeingError::InvalidInput { .. })
    ));
    assert!(matches!(
        c.start_flow(ToolId::FiveAreasReview, Some(validate::new_id())),
        Err(WellbeingError::NotFound { .. })
    ));
    let mut d = full();
    d.complete = false;
    let d = c.five_areas_create(d).unwrap();
    assert!(matches!(
        c.start_flow(ToolId::FiveAreasReview, Some(d.id)),
        Err(WellbeingError::OutOfOrder { .. })
    ));
}

#[test]
fn review_flow_start_to_saved() {
    let c = companion();
    let w = c.five_areas_create(full()).unwrap();
    c.set_fixed_time(FRI + 2 * DAY, 0).unwrap();
    let s = step(
        c.start_flow(ToolId::FiveAreasReview, Some(w.id.clone()))
            .unwrap(),
    );
    let id = s.flow_id.clone();
    assert_eq!((s.step_id.as_str(), s.total), ("tried", 5));
    assert!(s.prompt.contains("Walk round the block after lunch"));
    let s = step(c.answer_flow(id.clone(), choices(&["partly"])).unwrap());
    assert_eq!((s.step_id.as_str(), s.optional), ("what-happened", true));
    let s = step(
        c.answer_flow(id.clone(), text("Went once, felt a bit lighter"))
            .unwrap(),
    );
    assert_eq!(s.step_id, "rerate-1");
    assert!(s.prompt.contains("\"Anxious\"") && s.prompt.contains("It was 80"));
    let s = step(
        c.answer_flow(id.clone(), Answer::Scale { value: 50 })
            .unwrap(),
    );
    assert_eq!(s.step_id, "rerate-2");
    let s = step(c.answer_flow(id.clone(), Answer::Skip).unwrap());
    assert_eq!(s.step_id, "next-step");
    let summary = done(
        c.answer_flow(id.clone(), text("Go twice next week"))
            .unwrap(),
    );
    assert_eq!(summary.headline.as_deref(), Some("Tried it: Partly"));
    assert!(summary.text.contains("Feelings: Anxious: 80 \u{2192} 50"));
    assert!(summary.advice[0].contains("Part of a step"));
    let saved = c.save_flow(id).unwrap();
    assert_eq!(saved.record_id, w.id);
    let r = c.five_areas_get(w.id).unwrap();
    assert_eq!(r.status, FiveAreasStatus::Reviewed);
    let rev = r.review.unwrap();
    assert_eq!(rev.tried, FiveAreasTried::Partly);
    assert_eq!(rev.date, "2026-11-22");
    assert_eq!(rev.next_step.as_deref(), Some("Go twice next week"));
    assert_eq!(
        rev.rerated,
        [FiveAreasFeelingChange {
            name: "Anxious".into(),
            before: 80,
            after: 50
        }]
    );
}

#[test]
fn review_flow_discard_and_deleted_worksheet() {
    let c = companion();
    let w = c.five_areas_create(full()).unwrap();
    let id = step(
        c.start_flow(ToolId::FiveAreasReview, Some(w.id.clone()))
            .unwrap(),
    )
    .flow_id;
    c.answer_flow(id.clone(), choices(&["no"])).unwrap();
    c.discard_flow(id).unwrap();
    assert_eq!(c.five_areas_get(w.id.clone()).unwrap().review, None);
    // A review draft keeps its subject and resumes on the same worksheet.
    let id = step(
        c.start_flow(ToolId::FiveAreasReview, Some(w.id.clone()))
            .unwrap(),
    )
    .flow_id;
    c.answer_flow(id.clone(), choices(&["yes"])).unwrap();
    let d = c.save_flow_draft(id.clone()).unwrap();
    c.discard_flow(id).unwrap_or(());
    assert!(c
        .list_drafts()
        .unwrap()
        .iter()
        .all(|x| x.flow_id != d.flow_id));
    let id = step(
        c.start_flow(ToolId::FiveAreasReview, Some(w.id.clone()))
            .unwrap(),
    )
    .flow_id;
    for a in [
        choices(&["yes"]),
        Answer::Skip,
        Answer::Skip,
        Answer::Skip,
        Answer::Skip,
    ] {
        c.answer_flow(id.clone(), a).unwrap();
    }
    // The worksheet goes while the flow is open: saving reports it, and writes nothing.
    c.five_areas_delete(w.id).unwrap();
    assert!(matches!(
        c.save_flow(id),
        Err(WellbeingError::NotFound { .. })
    ));
}

#[test]
fn review_draft_resumes_on_its_worksheet() {
    let c = companion();
    let w = c.five_areas_create(full()).unwrap();
    let id = step(
        c.start_flow(ToolId::FiveAreasReview, Some(w.id.clone()))
            .unwrap(),
    )
    .flow_id;
    c.answer_flow(id.clone(), choices(&["yes"])).unwrap();
    let d = c.save_flow_draft(id).unwrap();
    let s = step(c.resume_flow(d.flow_id).unwrap());
    assert_eq!(s.step_id, "what-happened");
    for a in [Answer::Skip, Answer::Skip, Answer::Skip, Answer::Skip] {
        c.answer_flow(s.flow_id.clone(), a).unwrap();
    }
    c.save_flow(s.flow_id).unwrap();
    assert_eq!(
        c.five_areas_get(w.id).unwrap().review.unwrap().tried,
        FiveAreasTried::Yes
    );
    assert!(c.list_drafts().unwrap().is_empty());
}
