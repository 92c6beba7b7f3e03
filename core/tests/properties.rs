//! Property tests over the public API: no input makes the core panic, and every failure is
//! a typed, expected error that leaves the flow usable.
//!
//! The walker is generic over `list_tools()`, so every tool's flow is covered as soon as it
//! is registered. Answers are drawn partly to fit the step (so flows reach their end and
//! save) and partly hostile (wrong kinds, out-of-range numbers, unknown choices, odd text).

use companion_core::{Answer, FlowProgress, InputKind, WellbeingError, WellbeingStore};
use proptest::prelude::*;

/// A small deterministic generator fed by proptest seeds.
struct Mix(u64);
impl Mix {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }
}

const ODD_TEXT: &[&str] = &[
    "",
    "   ",
    "ok",
    "I always mess things up and they think I'm useless",
    "emoji 🌧️➡️🌤️ and RTL مرحبا",
    "line\nbreak",
    "nul\u{0}byte",
    "'; DROP TABLE flow_drafts; --",
    "ünïcödé café",
];

fn text(m: &mut Mix) -> String {
    match m.below(4) {
        0 => "x".repeat(m.below(5000) as usize),
        _ => ODD_TEXT[m.below(ODD_TEXT.len() as u64) as usize].to_string(),
    }
}

/// An answer for `input`: mostly plausible, sometimes wrong on purpose.
fn answer_for(input: &InputKind, m: &mut Mix) -> Answer {
    let hostile = m.below(5) == 0;
    if hostile {
        return match m.below(6) {
            0 => Answer::Skip,
            1 => Answer::Continue,
            2 => Answer::Scale {
                value: [i32::MIN, -1, 101, i32::MAX][m.below(4) as usize],
            },
            3 => Answer::Choices {
                ids: vec!["no-such-choice".into()],
            },
            4 => Answer::Text { text: text(m) },
            _ => Answer::TextList {
                items: (0..m.below(40)).map(|_| text(m)).collect(),
            },
        };
    }
    match input {
        InputKind::Scale { min, max, .. } => Answer::Scale {
            value: min + m.below((max - min + 1) as u64) as i32,
        },
        InputKind::Choice {
            choices,
            multiple,
            max_selected,
            ..
        } => {
            let n = if *multiple {
                1 + m.below((*max_selected).max(1) as u64)
            } else {
                1
            };
            let mut ids: Vec<String> = vec![];
            for _ in 0..n {
                let c = &choices[m.below(choices.len() as u64) as usize];
                if !ids.contains(&c.id) {
                    ids.push(c.id.clone());
                }
            }
            Answer::Choices { ids }
        }
        InputKind::Text { .. } => Answer::Text {
            text: if m.below(3) == 0 {
                text(m)
            } else {
                "a plain answer".into()
            },
        },
        InputKind::TextList { .. } => Answer::TextList {
            items: (0..1 + m.below(3)).map(|i| format!("item {i}")).collect(),
        },
        InputKind::Info => Answer::Continue,
    }
}

fn expected(e: &WellbeingError) -> bool {
    matches!(
        e,
        WellbeingError::InvalidInput { .. }
            | WellbeingError::OutOfOrder { .. }
            | WellbeingError::NotFound { .. }
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_walk_through_any_flow_is_safe(tool_pick in any::<u64>(), seed in 1u64.., steps in 1usize..80) {
        let c = WellbeingStore::open_in_memory().unwrap();
        c.set_fixed_time(1_795_000_000_000, 0).unwrap();
        let tools: Vec<_> = c.list_tools().into_iter().filter(|t| !t.needs_subject).collect();
        prop_assume!(!tools.is_empty());
        let tool = &tools[(tool_pick % tools.len() as u64) as usize];
        let mut m = Mix(seed);
        // Some flows need something to act on (a plan to review) and say so with a typed error.
        let mut progress = match c.start_flow(tool.id.clone(), None) {
            Ok(p) => p,
            Err(e) => {
                prop_assert!(matches!(e, WellbeingError::OutOfOrder { .. }), "{} refused to start with {e:?}", tool.id);
                return Ok(());
            }
        };
        let flow_id = match &progress {
            FlowProgress::Next { step } => step.flow_id.clone(),
            FlowProgress::Complete { summary } => summary.flow_id.clone(),
        };
        for _ in 0..steps {
            let step = match &progress {
                FlowProgress::Next { step } => step.clone(),
                FlowProgress::Complete { .. } => break,
            };
            let roll = m.below(12);
            let result = if roll == 0 && step.can_go_back {
                c.flow_back(flow_id.clone())
            } else if roll == 1 {
                c.save_flow_draft(flow_id.clone()).map(|_| progress.clone())
            } else {
                c.answer_flow(flow_id.clone(), answer_for(&step.input, &mut m))
            };
            match result {
                Ok(p) => progress = p,
                Err(e) => {
                    prop_assert!(expected(&e), "unexpected error {e:?} on {}", step.step_id);
                    // A refused answer leaves the flow on the same step.
                    match c.flow_progress(flow_id.clone()).unwrap() {
                        FlowProgress::Next { step: now } => prop_assert_eq!(now.step_id, step.step_id),
                        FlowProgress::Complete { .. } => prop_assert!(false, "refused answer completed the flow"),
                    }
                }
            }
        }
        match progress {
            FlowProgress::Complete { summary } => {
                prop_assert!(!summary.text.is_empty());
                let saved = c.save_flow(flow_id.clone());
                prop_assert!(saved.is_ok(), "save failed: {saved:?}");
            }
            FlowProgress::Next { .. } => {
                let r = c.save_flow(flow_id.clone());
                prop_assert!(matches!(r, Err(WellbeingError::OutOfOrder { .. })), "{r:?}");
                c.discard_flow(flow_id).unwrap();
            }
        }
    }

    #[test]
    fn unknown_ids_are_not_found_never_a_crash(id in ".{0,80}") {
        let c = WellbeingStore::open_in_memory().unwrap();
        for r in [c.flow_progress(id.clone()).map(|_| ()), c.discard_flow(id.clone()), c.resume_flow(id.clone()).map(|_| ())] {
            prop_assert!(matches!(r, Err(WellbeingError::NotFound { .. })), "{r:?}");
        }
        // A tool id typed by a person reads as a tool only when it is one listed.
        let parsed = companion_core::ToolId::parse(&id);
        prop_assert!(parsed.is_none() || c.list_tools().iter().any(|t| Some(t.id) == parsed), "{id:?}");
    }
}

/// Anything a caller can type: arbitrary text, sometimes shaped like a date or a time.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,300}",
        "[0-9]{1,5}-[0-9]{1,2}-[0-9]{1,2}",
        "[0-9]{1,2}:[0-9]{1,2}",
        Just(String::new()),
        Just("x".repeat(5000)),
    ]
}

fn typed(e: &WellbeingError) -> bool {
    matches!(
        e,
        WellbeingError::InvalidInput { .. }
            | WellbeingError::NotFound { .. }
            | WellbeingError::OutOfOrder { .. }
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn direct_commands_never_panic(
        what in any_text(), note in proptest::option::of(any_text()), date in proptest::option::of(any_text()),
        time in proptest::option::of(any_text()), ways in proptest::collection::vec(any_text(), 0..7),
        value in any::<i32>(), answers in proptest::collection::vec(any::<i32>(), 0..16), measure in any_text(),
    ) {
        use companion_core::*;
        let c = WellbeingStore::open_in_memory().unwrap();
        c.set_fixed_time(1_795_000_000_000, 60).unwrap();
        let mut ways = ways;
        if value % 2 == 0 { ways.push("connect".into()); }
        // Ways picked by the person: any number, repeats allowed (the core refuses those).
        let way_ids: Vec<WayId> = ways.iter().map(|w| WayId::ALL[w.len() % WayId::ALL.len()]).collect();
        let any_measure = MeasureId::ALL[measure.len() % MeasureId::ALL.len()];
        let results: Vec<Result<(), WellbeingError>> = vec![
            c.five_ways_log(FiveWaysInput { what: what.clone(), ways: way_ids.clone(), note: note.clone(), date: date.clone(), time: time.clone() }).map(|_| ()),
            c.scaling_check_in(value, note.clone()).map(|_| ()),
            c.scaling_record(ScalingInput {
                template: measure.clone(), subject: Some(what.clone()), scale_min: Some(value), value,
                follow_ups: vec![], note: note.clone(), feelings: vec![], min_label: None, max_label: None, date: date.clone(), time: time.clone(),
            }).map(|_| ()),
            c.take_measure(MeasureInput { measure: any_measure, answers: answers.clone(), date: date.clone(), time: time.clone() }).map(|_| ()),
            c.take_measure(MeasureInput { measure: MeasureId::Phq9, answers: answers.clone(), date: None, time: None }).map(|_| ()),
            c.five_areas_create(FiveAreasInput {
                title: note.clone(), date: date.clone(), time: time.clone(), situation: Some(what.clone()),
                thoughts: ways.clone(), feelings: vec![FiveAreasFeeling { name: what.clone(), intensity: value }],
                physical: vec![], behaviour: vec![], links: vec![], change: None, complete: value % 3 == 0,
            }).map(|_| ()),
            c.thought_record_create(ThoughtRecordInput {
                date: date.clone(), time: time.clone(), situation: what.clone(),
                emotions: vec![ThoughtRecordEmotion { name: measure.clone(), intensity: value, rerated: None }],
                thought: what.clone(), styles: ways.clone(), evidence_for: vec![], evidence_against: vec![], balanced_thought: note.clone(),
            }).map(|_| ()),
            c.week(date.clone()).map(|_| ()),
            c.five_ways_entries_between(what.clone(), measure.clone()).map(|_| ()),
            c.import_backup(what.clone()).map(|_| ()),
            c.import_handoff(what.clone()).map(|_| ()),
            c.import_handoff(format!("WBC1:{what}")).map(|_| ()),
            c.appointment_summary(date.clone(), time.clone(), value % 2 == 0).map(|_| ()),
            c.export_csv(measure.clone()).map(|_| ()),
        ];
        for r in results {
            if let Err(e) = r {
                prop_assert!(typed(&e), "untyped error {e:?}");
            }
        }
        // Whatever was accepted, the views still build.
        prop_assert!(c.today().is_ok());
        prop_assert!(c.week(None).is_ok());
        let _ = suggest_thinking_styles(what);
    }
}
