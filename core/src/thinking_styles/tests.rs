use super::*;
use crate::{FlowProgress, FlowSummary, Step, WellbeingError};
#[allow(unused_imports)]
use crate::{MeasureId, SafetyFlagCode, ToolGroup, ToolId, WayId};
use proptest::prelude::*;
use std::sync::Arc;

/// 2026-11-20 10:00 UTC, a Friday.
const FRI: i64 = 1_795_168_800_000;
const DAY: i64 = 86_400_000;

fn companion() -> Arc<WellbeingStore> {
    let c = WellbeingStore::open_in_memory().unwrap();
    c.set_fixed_time(FRI, 0).unwrap();
    c
}

fn ids(thought: &str) -> Vec<String> {
    suggest_thinking_styles(thought.into())
        .into_iter()
        .map(|s| s.style_id)
        .collect()
}

// ---- suggestions: the table ---------------------------------------------------------

/// Thoughts and the exact set of styles they should suggest (order checked elsewhere).
const TABLE: &[(&str, &[&str])] = &[
    // Nothing to suggest.
    ("I went for a walk and it was nice", &[]),
    ("I'm meeting Sam at six", &[]),
    ("I should be at the station by six", &[]),
    ("I must remember to buy milk", &[]),
    ("It should be fine, the forecast is good", &[]),
    ("They must have forgotten, he must be busy", &[]),
    ("They think the train is late", &[]),
    ("I feel tired so I went to bed early", &[]),
    ("I'm not a failure, I just had a bad day", &[]),
    ("It's not my fault the bus was late", &[]),
    ("", &[]),
    // Overgeneralising.
    ("Nothing ever works out for me", &["overgeneralising"]),
    ("I always get it wrong", &["overgeneralising"]),
    ("Nobody likes me", &["overgeneralising"]),
    // Should statements.
    ("I should be able to cope on my own", &["should-statements"]),
    ("I must not make mistakes", &["should-statements"]),
    ("I ought to be over this by now", &["should-statements"]),
    // What if: fortune telling and catastrophising.
    (
        "What if I forget my words?",
        &["fortune-telling", "catastrophising"],
    ),
    // Mind reading.
    ("They think I'm boring", &["mind-reading"]),
    // A label someone is imagined to hold is mind reading, not the person's own label.
    ("She thinks I’m useless", &["mind-reading"]),
    ("I think I’m useless", &["labelling", "critical-self"]),
    ("He thought I was showing off", &["mind-reading"]),
    ("They must think I can't do my job", &["mind-reading"]),
    // Labelling and critical self.
    ("I'm a failure", &["labelling", "critical-self"]),
    ("Im such a loser", &["labelling", "critical-self"]),
    ("I am an idiot", &["labelling", "critical-self"]),
    ("I'm so stupid", &["labelling", "critical-self"]),
    ("I hate myself", &["critical-self"]),
    // Emotional reasoning.
    ("I feel anxious, so I'm in danger", &["emotional-reasoning"]),
    ("I feel like a fraud at work", &["emotional-reasoning"]),
    // Personalisation.
    ("It's my fault they're upset", &["personalisation"]),
    // Fortune telling.
    ("The interview will go badly", &["fortune-telling"]),
    ("I'll fail the test", &["fortune-telling"]),
    ("It's going to go wrong", &["fortune-telling"]),
    // Catastrophising.
    ("This is a disaster", &["catastrophising"]),
    ("The whole evening is ruined", &["catastrophising"]),
    (
        "If I'm late it will be the end of the world",
        &["catastrophising"],
    ),
    ("I can't cope with this", &["catastrophising"]),
    // Disqualifying the positive.
    (
        "They were only being polite",
        &["disqualifying-the-positive"],
    ),
    (
        "Passing doesn't count, it was just luck",
        &["disqualifying-the-positive"],
    ),
    // Compare and despair.
    (
        "Everyone else has their life sorted",
        &["compare-and-despair", "overgeneralising"],
    ),
    // All-or-nothing.
    ("If it isn't perfect, I've failed", &["all-or-nothing"]),
    ("The party was a complete failure", &["all-or-nothing"]),
    ("I totally messed it up", &["all-or-nothing"]),
    // Judgements.
    ("This place is hopeless", &["judgements"]),
    // Memories.
    ("This is happening again", &["memories"]),
    // Mental filter.
    (
        "All I can think about is the one bad comment",
        &["mental-filter"],
    ),
];

#[test]
fn suggestion_table() {
    let mut failures = vec![];
    for (thought, want) in TABLE {
        let mut got = ids(thought);
        got.sort();
        let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        want.sort();
        if got != want {
            failures.push(format!("{thought:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    assert!(TABLE.len() >= 30);
}

#[test]
fn suggestions_are_ordered_by_strength_one_per_style_and_never_certain() {
    // "I'm a failure" and "I'm useless" (labelling, critical self: 2 + 2) outweigh "always
    // mess" (overgeneralising: 2).
    let s = suggest_thinking_styles("I'm a failure and I'm useless, I always mess up".into());
    let got: Vec<&str> = s.iter().map(|x| x.style_id.as_str()).collect();
    assert_eq!(got.last(), Some(&"overgeneralising"), "{got:?}");
    for w in s.windows(2) {
        assert!(w[0].strength >= w[1].strength);
    }
    let mut uniq = got.clone();
    uniq.sort();
    uniq.dedup();
    assert_eq!(uniq.len(), got.len());
    for x in &s {
        assert!(x.wording.contains("might"), "{}", x.wording);
        assert!(!x.wording.to_lowercase().contains("definitely"));
        assert!(x.balancing_questions.len() >= 2);
        assert!(x.wording.contains(&x.balancing_questions[0]));
    }
    // Equal strengths keep catalogue order: fortune telling comes before catastrophising.
    assert_eq!(ids("what if"), ["fortune-telling", "catastrophising"]);
}

#[test]
fn matches_give_the_words_and_their_offsets() {
    let thought = "🙂 Honestly, they THINK I’m lazy and I never get anything right";
    let s = suggest_thinking_styles(thought.into());
    let mind = s.iter().find(|x| x.style_id == "mind-reading").unwrap();
    assert_eq!(mind.matches.len(), 1);
    let m = &mind.matches[0];
    assert_eq!(m.text, "they THINK I’m");
    let chars: Vec<char> = thought.chars().collect();
    let by_chars: String = chars[m.start as usize..m.end as usize].iter().collect();
    assert_eq!(by_chars, m.text);
    let utf16: Vec<u16> = thought.encode_utf16().collect();
    let by_utf16 = String::from_utf16(&utf16[m.start_utf16 as usize..m.end_utf16 as usize]);
    assert_eq!(by_utf16.unwrap(), m.text);
    assert!(mind.wording.contains("they THINK I’m"));
    let over = s.iter().find(|x| x.style_id == "overgeneralising").unwrap();
    assert_eq!(over.matches[0].text, "never get anything right");
    // Several matches of one style are all listed, in text order.
    let s = suggest_thinking_styles("Nobody called, nothing changes, never will".into());
    let words: Vec<&str> = s[0].matches.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(words, ["Nobody called", "nothing changes", "never will"]);
}

#[test]
fn words_match_whole_not_inside_other_words() {
    assert!(ids("She is shoulder to shoulder with the mustard seller").is_empty());
    assert!(ids("The nevermore raven").is_empty());
    assert_eq!(ids("I SHOULD BE ABLE TO COPE"), ["should-statements"]);
}

#[test]
fn suggestions_are_safe_on_hostile_text() {
    for t in [
        "",
        "   ",
        "\u{0}\u{1}\u{7f}",
        "'''’’’",
        "... ??? !!!",
        "לא אכפת לי ממה שהם חושבים",
        "أنا فاشل دائما",
        "👩‍👩‍👧‍👦🏳️‍🌈",
        "I\u{200f}'m a failure",
    ] {
        let _ = suggest_thinking_styles(t.into());
    }
    let huge = "I always think I'm a failure. ".repeat(20_000);
    let s = suggest_thinking_styles(huge);
    assert!(!s.is_empty());
    for x in &s {
        assert!(x
            .matches
            .iter()
            .all(|m| (m.end as usize) <= suggest::MAX_SUGGEST_CHARS));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_text_gives_sane_suggestions(t in ".{0,300}") {
        let s = suggest_thinking_styles(t.clone());
        let chars: Vec<char> = t.chars().collect();
        let utf16: Vec<u16> = t.encode_utf16().collect();
        for x in &s {
            prop_assert!(!x.matches.is_empty());
            for m in &x.matches {
                prop_assert!(m.start < m.end && (m.end as usize) <= chars.len());
                let text: String = chars[m.start as usize..m.end as usize].iter().collect();
                prop_assert_eq!(&text, &m.text);
                prop_assert!((m.end_utf16 as usize) <= utf16.len());
            }
        }
    }

    #[test]
    fn known_phrases_are_found_inside_any_text(pre in "[a-z ,]{0,40}", post in "[a-z ,]{0,40}") {
        let t = format!("{pre} . What if . {post}");
        let got = ids(&t);
        prop_assert!(got.contains(&"fortune-telling".to_string()));
        prop_assert!(got.contains(&"catastrophising".to_string()));
    }
}

// ---- catalogue and content ------------------------------------------------------------

#[test]
fn catalogue_is_complete_and_sourced() {
    let styles = thinking_styles();
    assert_eq!(styles.len(), 15);
    let mut seen = vec![];
    for s in &styles {
        assert!(!seen.contains(&s.id), "duplicate id {}", s.id);
        seen.push(s.id.clone());
        assert!(!s.name.is_empty() && !s.description.is_empty(), "{}", s.id);
        assert!(!s.example.is_empty(), "{}", s.id);
        assert!(s.balancing_questions.len() >= 2, "{}", s.id);
        assert!(!s.sources.is_empty());
    }
    let c = content().unwrap();
    let known = |keys: &str| {
        for k in keys.split(';').map(str::trim) {
            assert!(c.sources.contains_key(k), "unknown source {k}");
        }
    };
    let lexicon = suggest::Lexicon::new(&c.rules).expect("the rules' word lists are well formed");
    for s in &c.styles {
        known(&s.source);
        assert!(!s.patterns.is_empty(), "{} has no patterns", s.id);
        assert!(!s.in_sentence.is_empty());
        for p in s.patterns.iter().chain(&s.exceptions) {
            assert!(
                suggest::compile(p, &lexicon).is_some(),
                "{}: bad pattern {p:?}",
                s.id
            );
        }
    }
    for src in [
        &c.tool.source,
        &c.suggestion.source,
        &c.intro.source,
        &c.situation.source,
        &c.emotions.source,
        &c.intensity.source,
        &c.thought.source,
        &c.styles_step.source,
        &c.evidence_for.source,
        &c.evidence_against.source,
        &c.balanced.source,
        &c.rerate.source,
    ] {
        known(src);
    }
    assert_eq!(rules().unwrap().styles.len(), 15);
    // Every language folder parses to the same shape.
    for (lang, tree) in content::LOCALES {
        let parsed: std::result::Result<Content, _> = tree.deserialize();
        assert!(parsed.is_ok(), "{lang}");
    }
}

// ---- records ------------------------------------------------------------------------

fn emotion(name: &str, intensity: i32, rerated: Option<i32>) -> ThoughtRecordEmotion {
    ThoughtRecordEmotion {
        name: name.into(),
        intensity,
        rerated,
    }
}

pub(crate) fn full() -> ThoughtRecordInput {
    ThoughtRecordInput {
        situation: "Team meeting, my idea was ignored".into(),
        emotions: vec![emotion("Anxious", 80, Some(40)), emotion("low", 60, None)],
        thought: "They think I'm useless".into(),
        styles: vec!["mind-reading".into(), "labelling".into()],
        evidence_for: vec!["Nobody replied".into()],
        evidence_against: vec!["Sam thanked me last week".into()],
        balanced_thought: Some("They were busy; one meeting doesn't decide it".into()),
        ..Default::default()
    }
}

fn invalid<T: std::fmt::Debug>(r: ApiResult<T>) -> (String, String) {
    match r {
        Err(WellbeingError::InvalidInput { field, reason, .. }) => (field, reason),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[test]
fn create_get_update_delete_round_trip() {
    let c = companion();
    let r = c.thought_record_create(full()).unwrap();
    assert_eq!(r.date, "2026-11-20");
    assert_eq!(r.time, "10:00");
    assert_eq!(r.date_label, "Fri 20 Nov");
    assert_eq!(r.styles[0].name, "Mind reading");
    assert_eq!(r.emotions[0], emotion("Anxious", 80, Some(40)));
    assert_eq!(c.thought_record_get(r.id.clone()).unwrap(), r);

    let mut edit = full();
    edit.thought = "  They might be busy  ".into();
    edit.styles = vec![];
    edit.balanced_thought = Some("   ".into());
    let u = c.thought_record_update(r.id.clone(), edit).unwrap();
    assert_eq!(u.thought, "They might be busy");
    assert!(u.styles.is_empty());
    assert_eq!(u.balanced_thought, None);
    assert_eq!(u.date, "2026-11-20", "date kept when not given");

    let mut moved = full();
    moved.date = Some("2026-11-18".into());
    moved.time = Some("21:15".into());
    let m = c.thought_record_update(r.id.clone(), moved).unwrap();
    assert_eq!((m.date.as_str(), m.time.as_str()), ("2026-11-18", "21:15"));

    c.thought_record_delete(r.id.clone()).unwrap();
    assert!(matches!(
        c.thought_record_get(r.id.clone()),
        Err(WellbeingError::NotFound { .. })
    ));
    assert!(matches!(
        c.thought_record_delete(r.id),
        Err(WellbeingError::NotFound { .. })
    ));
}

type Edit = Box<dyn Fn(&mut ThoughtRecordInput)>;

#[test]
fn every_rule_is_checked() {
    let c = companion();
    let cases: Vec<(&str, Edit)> = vec![
        ("situation", Box::new(|i| i.situation = "  ".into())),
        (
            "situation",
            Box::new(|i| i.situation = "x".repeat(LONG_TEXT + 1)),
        ),
        ("situation", Box::new(|i| i.situation = "a\u{0}b".into())),
        ("emotions", Box::new(|i| i.emotions.clear())),
        (
            "emotions",
            Box::new(|i| {
                i.emotions = (0..11)
                    .map(|n| emotion(&format!("e{n}"), 5, None))
                    .collect()
            }),
        ),
        ("emotions", Box::new(|i| i.emotions[0].name = " ".into())),
        (
            "emotions",
            Box::new(|i| i.emotions[0].name = "x".repeat(61)),
        ),
        (
            "emotions",
            Box::new(|i| i.emotions[0].name = "two\nlines".into()),
        ),
        (
            "emotions",
            Box::new(|i| i.emotions[1].name = "ANXIOUS".into()),
        ),
        ("emotions", Box::new(|i| i.emotions[0].intensity = -1)),
        ("emotions", Box::new(|i| i.emotions[0].intensity = 101)),
        ("rerated", Box::new(|i| i.emotions[0].rerated = Some(101))),
        ("rerated", Box::new(|i| i.emotions[1].rerated = Some(-5))),
        ("thought", Box::new(|i| i.thought = "".into())),
        (
            "thought",
            Box::new(|i| i.thought = "x".repeat(LONG_TEXT + 1)),
        ),
        (
            "styles",
            Box::new(|i| i.styles = vec!["not-a-style".into()]),
        ),
        (
            "styles",
            Box::new(|i| i.styles = vec!["labelling".into(), " labelling".into()]),
        ),
        (
            "evidence_for",
            Box::new(|i| i.evidence_for = vec![" ".into()]),
        ),
        (
            "evidence_for",
            Box::new(|i| i.evidence_for = vec!["x".repeat(501)]),
        ),
        (
            "evidence_against",
            Box::new(|i| i.evidence_against = vec!["e".into(); MAX_LIST_ITEMS + 1]),
        ),
        (
            "balanced_thought",
            Box::new(|i| i.balanced_thought = Some("x".repeat(LONG_TEXT + 1))),
        ),
        ("date", Box::new(|i| i.date = Some("2026-02-30".into()))),
        ("date", Box::new(|i| i.date = Some("2026-11-21".into()))),
        ("time", Box::new(|i| i.time = Some("25:00".into()))),
    ];
    let existing = c.thought_record_create(full()).unwrap();
    for (field, edit) in cases {
        let mut input = full();
        edit(&mut input);
        let (f, _) = invalid(c.thought_record_create(input.clone()));
        assert_eq!(f, field);
        let (f, _) = invalid(c.thought_record_update(existing.id.clone(), input));
        assert_eq!(f, field);
    }
    // The limits themselves are fine.
    let mut edge = full();
    edge.emotions = (0..10)
        .map(|n| emotion(&format!("e{n}"), n * 10, Some(100)))
        .collect();
    edge.emotions[0].intensity = 0;
    edge.evidence_for = vec!["x".repeat(500); MAX_LIST_ITEMS];
    edge.styles = thinking_styles().into_iter().map(|s| s.id).collect();
    assert!(c.thought_record_create(edge).is_ok());
    // Nothing was written by the refused calls.
    assert_eq!(c.thought_record_history(0, 100).unwrap().total, 2);
}

#[test]
fn unknown_ids_are_not_found_and_limits_are_checked() {
    let c = companion();
    for id in [
        validate::new_id(),
        "".into(),
        "../x".into(),
        "x".repeat(100),
    ] {
        assert!(matches!(
            c.thought_record_get(id.clone()),
            Err(WellbeingError::NotFound { .. })
        ));
        assert!(matches!(
            c.thought_record_update(id.clone(), full()),
            Err(WellbeingError::NotFound { .. })
        ));
        assert!(matches!(
            c.thought_record_delete(id),
            Err(WellbeingError::NotFound { .. })
        ));
    }
    for limit in [0, 101] {
        invalid(c.thought_records(0, limit));
        invalid(c.thought_record_history(0, limit));
    }
}

#[test]
fn errors_never_echo_the_persons_words() {
    let c = companion();
    let mut i = full();
    i.thought = "my secret words ".repeat(400);
    let e = c.thought_record_create(i).unwrap_err();
    assert!(!format!("{e:?}").contains("secret"));
    let mut i = full();
    i.styles = vec!["secret-style".into()];
    let e = c.thought_record_create(i).unwrap_err();
    assert!(!format!("{e:?}").contains("secret"));
}

#[test]
fn history_pages_newest_first_with_before_after_chart() {
    let c = companion();
    let mut made = vec![];
    for d in 0..5 {
        c.set_fixed_time(FRI + d * DAY, 0).unwrap();
        let mut i = full();
        i.thought = format!("thought {d}");
        i.emotions = vec![
            emotion("sad", 50, None),
            emotion(
                "anxious",
                70 + d as i32,
                if d % 2 == 0 { Some(30) } else { None },
            ),
        ];
        made.push(c.thought_record_create(i).unwrap().id);
    }
    let p = c.thought_record_history(0, 2).unwrap();
    assert_eq!(p.total, 5);
    assert!(p.has_more);
    assert_eq!(p.items.len(), 2);
    assert_eq!(p.items[0].id, made[4]);
    assert_eq!(p.items[0].thought, "thought 4");
    assert_eq!(p.items[0].strongest.as_ref().unwrap().name, "anxious");
    assert_eq!(p.items[0].change, Some(30 - 74));
    assert_eq!(p.items[1].change, None);
    assert_eq!(p.items[0].emotion_lines, ["sad 50", "anxious 74 → 30"]);
    assert_eq!(p.items[0].style_names, ["Mind reading", "Labelling"]);
    assert!(p.items[0].has_balanced_thought);
    let last = c.thought_record_history(4, 2).unwrap();
    assert_eq!(last.items.len(), 1);
    assert!(!last.has_more);
    assert_eq!(last.items[0].id, made[0]);

    let ids: Vec<&str> = p.charts.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["before", "after", "change"]);
    let before: Vec<Option<f64>> = p.charts[0].points.iter().map(|x| x.value).collect();
    assert_eq!(
        before,
        [Some(70.0), Some(71.0), Some(72.0), Some(73.0), Some(74.0)]
    );
    let after: Vec<Option<f64>> = p.charts[1].points.iter().map(|x| x.value).collect();
    assert_eq!(after, [Some(30.0), None, Some(30.0), None, Some(30.0)]);
    assert_eq!(p.charts[2].points[0].value, Some(-40.0));
    assert_eq!(p.charts[2].axis_min, -100.0);
    assert_eq!(p.charts[0].points[0].label, "Fri 20 Nov");
    assert_eq!(p.empty_text, None);

    let whole = c.thought_records(1, 2).unwrap();
    let whole: Vec<String> = whole.into_iter().map(|r| r.id).collect();
    assert_eq!(whole, [made[3].clone(), made[2].clone()]);

    let empty = companion().thought_record_history(0, 10).unwrap();
    assert!(empty.items.is_empty() && empty.empty_text.is_some());
}

#[test]
fn view_helpers_count_by_local_date_and_give_the_latest() {
    let c = companion();
    c.read(|conn| {
        assert_eq!(latest(conn)?, None);
        Ok(())
    })
    .unwrap();
    // 23:30 UTC on Friday is Saturday 01:30 at UTC+2: it counts on Saturday.
    c.set_fixed_time(FRI + 13 * 3_600_000 + 30 * 60_000, 120)
        .unwrap();
    let late = c.thought_record_create(full()).unwrap();
    assert_eq!(late.date, "2026-11-21");
    c.set_fixed_time(FRI, 0).unwrap();
    let mut i = full();
    i.date = Some("2026-11-16".into());
    c.thought_record_create(i).unwrap();
    let d = |s: &str| clock::parse_date("d", s).unwrap();
    c.read(|conn| {
        assert_eq!(count_between(conn, d("2026-11-16"), d("2026-11-22"))?, 2);
        assert_eq!(count_between(conn, d("2026-11-17"), d("2026-11-20"))?, 0);
        assert_eq!(count_between(conn, d("2026-11-21"), d("2026-11-21"))?, 1);
        assert_eq!(latest(conn)?.map(|l| l.id), Some(late.id.clone()));
        Ok(())
    })
    .unwrap();
}

// ---- the guided flow ------------------------------------------------------------------

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

fn text(t: &str) -> Answer {
    Answer::Text { text: t.into() }
}

fn list(items: &[&str]) -> Answer {
    Answer::TextList {
        items: items.iter().map(|s| s.to_string()).collect(),
    }
}

/// Walks to the styles step with two feelings and the given thought.
fn walk_to_styles(c: &WellbeingStore, thought: &str) -> Step {
    let s = step(c.start_flow(ToolId::ThoughtRecord, None).unwrap());
    assert_eq!(s.step_id, "situation");
    let f = s.flow_id.clone();
    let s = step(
        c.answer_flow(f.clone(), text("Waiting for a reply"))
            .unwrap(),
    );
    assert_eq!(s.step_id, "emotions");
    // The same feeling twice is refused and the flow stays put.
    invalid(c.answer_flow(f.clone(), list(&["Anxious", "anxious"])));
    let s = step(c.answer_flow(f.clone(), list(&["Anxious", "Low"])).unwrap());
    assert_eq!(s.step_id, "intensity-1");
    assert!(s.prompt.contains("Anxious"));
    assert!(matches!(
        s.input,
        InputKind::Scale {
            min: 0,
            max: 100,
            ..
        }
    ));
    invalid(c.answer_flow(f.clone(), Answer::Scale { value: 101 }));
    let s = step(
        c.answer_flow(f.clone(), Answer::Scale { value: 80 })
            .unwrap(),
    );
    assert_eq!(s.step_id, "intensity-2");
    let s = step(
        c.answer_flow(f.clone(), Answer::Scale { value: 50 })
            .unwrap(),
    );
    assert_eq!(s.step_id, "thought");
    let s = step(c.answer_flow(f, text(thought)).unwrap());
    assert_eq!(s.step_id, "styles");
    assert_eq!(s.total, 7 + 4);
    s
}

#[test]
fn thought_record_flow_start_to_saved() {
    let c = companion();
    let thought = "They think I'm useless and it's always like this";
    let s = walk_to_styles(&c, thought);
    let f = s.flow_id.clone();
    // Suggested styles first, strongest first, with the words that suggested them.
    let InputKind::Choice {
        choices,
        multiple,
        min_selected,
        max_selected,
    } = &s.input
    else {
        panic!("styles is a choice");
    };
    assert!(*multiple && *min_selected == 0 && *max_selected == 15);
    assert_eq!(choices.len(), 15);
    let suggested: Vec<String> = ids(thought);
    assert!(suggested.contains(&"mind-reading".to_string()));
    let first: Vec<String> = choices[..suggested.len()]
        .iter()
        .map(|c| c.id.clone())
        .collect();
    assert_eq!(first, suggested);
    let help = s.help.clone().unwrap();
    assert!(help.contains("Mind reading: “They think I'm”"), "{help}");
    assert!(
        help.contains("Overgeneralising: “always like this”"),
        "{help}"
    );
    assert!(s.optional);
    invalid(c.answer_flow(
        f.clone(),
        Answer::Choices {
            ids: vec!["nope".into()],
        },
    ));

    let s = step(
        c.answer_flow(
            f.clone(),
            Answer::Choices {
                ids: vec!["mind-reading".into(), "labelling".into()],
            },
        )
        .unwrap(),
    );
    assert_eq!(s.step_id, "evidence-for");
    assert!(s.optional);
    let s = step(c.answer_flow(f.clone(), list(&["No reply yet"])).unwrap());
    assert_eq!(s.step_id, "evidence-against");
    let s = step(c.answer_flow(f.clone(), Answer::Skip).unwrap());
    assert_eq!(s.step_id, "balanced");
    assert!(!s.optional);
    let help = s.help.clone().unwrap();
    let ct = content().unwrap();
    for id in ["mind-reading", "labelling"] {
        for q in &ct.style(id).unwrap().questions {
            assert!(help.contains(q.as_str()), "{help}");
        }
    }
    assert!(!help.contains(&ct.style("catastrophising").unwrap().questions[0]));
    assert!(help.contains(&ct.balanced.friend_question));
    invalid(c.answer_flow(f.clone(), Answer::Skip));
    let s = step(
        c.answer_flow(f.clone(), text("They may just be busy"))
            .unwrap(),
    );
    assert_eq!(s.step_id, "rerate-1");
    assert!(s.prompt.contains("Anxious") && s.prompt.contains("80"));
    assert!(s.optional);
    let s = step(
        c.answer_flow(f.clone(), Answer::Scale { value: 30 })
            .unwrap(),
    );
    assert_eq!(s.step_id, "rerate-2");
    let sum = done(c.answer_flow(f.clone(), Answer::Skip).unwrap());
    assert_eq!(
        sum.headline.as_deref(),
        Some("‘Anxious’ went from 80 to 30.")
    );
    let values: Vec<&str> = sum.items.iter().map(|i| i.value.as_str()).collect();
    assert!(values.contains(&"Anxious 80 → 30; Low 50"), "{values:?}");
    assert!(values.contains(&"Mind reading; Labelling"));
    assert!(values.contains(&"No reply yet"));
    assert!(values.contains(&"None"));

    let saved = c.save_flow(f).unwrap();
    assert_eq!(saved.tool, ToolId::ThoughtRecord);
    let r = c.thought_record_get(saved.record_id).unwrap();
    assert_eq!(r.situation, "Waiting for a reply");
    assert_eq!(
        r.emotions,
        [emotion("Anxious", 80, Some(30)), emotion("Low", 50, None)]
    );
    assert_eq!(r.styles.len(), 2);
    assert_eq!(r.evidence_for, ["No reply yet"]);
    assert!(r.evidence_against.is_empty());
    assert_eq!(r.balanced_thought.as_deref(), Some("They may just be busy"));
}

#[test]
fn thought_record_flow_with_nothing_suggested_and_discarded() {
    let c = companion();
    let s = walk_to_styles(&c, "I'm meeting Sam at six");
    let f = s.flow_id.clone();
    let help = s.help.clone().unwrap();
    assert!(help.contains(&content().unwrap().styles_step.none_suggested));
    // Catalogue order when nothing is suggested; no styles is a fine answer.
    let InputKind::Choice { choices, .. } = &s.input else {
        panic!("styles is a choice")
    };
    assert_eq!(choices[0].id, "all-or-nothing");
    let s = step(
        c.answer_flow(f.clone(), Answer::Choices { ids: vec![] })
            .unwrap(),
    );
    assert_eq!(s.step_id, "evidence-for");
    c.answer_flow(f.clone(), Answer::Skip).unwrap();
    c.answer_flow(f.clone(), Answer::Skip).unwrap();
    c.answer_flow(f.clone(), text("It's just a plan")).unwrap();
    c.answer_flow(f.clone(), Answer::Skip).unwrap();
    let sum = done(c.answer_flow(f.clone(), Answer::Skip).unwrap());
    assert_eq!(
        sum.headline.as_deref(),
        Some(content().unwrap().labels.headline_no_change.as_str())
    );
    c.discard_flow(f.clone()).unwrap();
    assert!(matches!(
        c.save_flow(f),
        Err(WellbeingError::NotFound { .. })
    ));
    assert_eq!(c.thought_record_history(0, 10).unwrap().total, 0);
}

#[test]
fn tool_is_listed() {
    let c = companion();
    let t = c
        .list_tools()
        .into_iter()
        .find(|t| t.id == ToolId::ThoughtRecord)
        .unwrap();
    assert!(!t.needs_subject);
    assert_eq!(t.title, "Thought record");
}
