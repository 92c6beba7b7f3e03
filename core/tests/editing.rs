//! Changing a saved entry by walking its tool again: every step offers what was saved,
//! saving replaces the entry (same id, same day), discarding leaves it, and an edit left
//! open survives the app being killed like any draft.

use companion_core::{
    Answer, FiveWaysInput, FlowProgress, MeasureId, MeasureInput, Step, ToolId, WayId,
    WellbeingError, WellbeingStore,
};

/// Tuesday 17 November 2026, 09:00 UTC.
const T0: i64 = 1_795_424_400_000;

fn step(p: FlowProgress) -> Step {
    match p {
        FlowProgress::Next { step } => step,
        other => panic!("expected a step, got {other:?}"),
    }
}

fn at(c: &WellbeingStore, ms: i64) {
    c.set_fixed_time(ms, 0).unwrap();
}

#[test]
fn a_check_in_is_changed_in_place_keeping_its_day() {
    let c = WellbeingStore::open_in_memory().unwrap();
    at(&c, T0);
    let e = c.scaling_check_in(3, Some("rough night".into())).unwrap();
    at(&c, T0 + 2 * 86_400_000);
    let s = step(c.edit_record(ToolId::Checkin, e.id.clone()).unwrap());
    assert_eq!(s.step_id, "value");
    assert_eq!(s.previous_answer, Some(Answer::Scale { value: 3 }));
    let s = step(
        c.answer_flow(s.flow_id, Answer::Scale { value: 5 })
            .unwrap(),
    );
    assert_eq!(s.step_id, "note");
    assert_eq!(
        s.previous_answer,
        Some(Answer::Text {
            text: "rough night".into()
        })
    );
    let kept = s.previous_answer.clone().unwrap();
    let s = step(c.answer_flow(s.flow_id, kept).unwrap());
    assert_eq!(s.step_id, "feelings");
    assert_eq!(s.previous_answer, Some(Answer::Skip), "none were chosen");
    let p = c
        .answer_flow(
            s.flow_id.clone(),
            Answer::Choices {
                ids: vec!["tired".into()],
            },
        )
        .unwrap();
    assert!(matches!(p, FlowProgress::Complete { .. }));
    let saved = c.save_flow(s.flow_id).unwrap();
    assert_eq!(saved.record_id, e.id, "the same entry, not a new one");
    let after = c.scaling_entry(e.id.clone()).unwrap();
    assert_eq!(
        (after.value, after.note.as_deref()),
        (5, Some("rough night"))
    );
    assert_eq!(after.feelings[0].id, "tired");
    assert_eq!(
        (after.date.as_str(), after.time.as_str()),
        (e.date.as_str(), e.time.as_str())
    );
    let rows = c.records(ToolId::Checkin, 50).unwrap();
    assert_eq!(rows.rows.len(), 1, "still one check-in");
    assert!(rows.edit_label.is_some());
    assert!(rows.rows[0].label.contains("Tired"), "{:?}", rows.rows[0]);
}

#[test]
fn discarding_an_edit_leaves_the_entry_as_it_was() {
    let c = WellbeingStore::open_in_memory().unwrap();
    at(&c, T0);
    let e = c.scaling_check_in(7, None).unwrap();
    let s = step(c.edit_record(ToolId::Checkin, e.id.clone()).unwrap());
    c.answer_flow(s.flow_id.clone(), Answer::Scale { value: 1 })
        .unwrap();
    c.discard_flow(s.flow_id).unwrap();
    assert_eq!(c.scaling_entry(e.id.clone()).unwrap(), e);
}

#[test]
fn an_edit_left_open_resumes_after_the_app_is_killed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db").display().to_string();
    let (entry, flow) = {
        let c = WellbeingStore::open(path.clone()).unwrap();
        at(&c, T0);
        let e = c
            .five_ways_log(FiveWaysInput {
                what: "Walked to the park".into(),
                ways: vec![WayId::BeActive],
                note: None,
                date: None,
                time: None,
            })
            .unwrap();
        let s = step(c.edit_record(ToolId::FiveWaysLog, e.id.clone()).unwrap());
        assert_eq!(
            s.previous_answer,
            Some(Answer::Text {
                text: "Walked to the park".into()
            })
        );
        let s = step(
            c.answer_flow(
                s.flow_id,
                Answer::Text {
                    text: "Walked to the park with Sam".into(),
                },
            )
            .unwrap(),
        );
        assert_eq!(
            s.previous_answer,
            Some(Answer::Choices {
                ids: vec!["be-active".into()]
            })
        );
        (e, s.flow_id)
    };
    // A new process on the same file: the edit is a draft, at the step it was left.
    let c = WellbeingStore::open(path).unwrap();
    at(&c, T0 + 3_600_000);
    assert!(c.list_drafts().unwrap().iter().any(|d| d.flow_id == flow));
    let s = step(c.resume_flow(flow.clone()).unwrap());
    assert_eq!(s.step_id, "ways");
    assert_eq!(
        s.previous_answer,
        Some(Answer::Choices {
            ids: vec!["be-active".into()]
        }),
        "what was saved is still offered"
    );
    let s = step(
        c.answer_flow(
            flow.clone(),
            Answer::Choices {
                ids: vec!["be-active".into(), "connect".into()],
            },
        )
        .unwrap(),
    );
    c.answer_flow(s.flow_id, Answer::Skip).unwrap();
    let saved = c.save_flow(flow).unwrap();
    assert_eq!(saved.record_id, entry.id);
    let after = c.five_ways_entry(entry.id.clone()).unwrap();
    assert_eq!(after.what, "Walked to the park with Sam");
    assert_eq!(after.ways, vec![WayId::Connect, WayId::BeActive]);
    assert_eq!((after.date, after.time), (entry.date, entry.time));
}

#[test]
fn scores_and_other_tools_are_not_edited_and_unknown_ids_are_not_found() {
    let c = WellbeingStore::open_in_memory().unwrap();
    at(&c, T0);
    let r = c
        .take_measure(MeasureInput {
            measure: MeasureId::Phq9,
            answers: vec![1; 9],
            date: None,
            time: None,
        })
        .unwrap();
    match c.edit_record(ToolId::Phq9, r.id.clone()) {
        Err(WellbeingError::InvalidInput { field, .. }) => assert_eq!(field, "tool"),
        other => panic!("a score is not edited: {other:?}"),
    }
    assert!(c.records(ToolId::Phq9, 10).unwrap().edit_label.is_none());
    assert!(matches!(
        c.edit_record(
            ToolId::Checkin,
            "0b5e1a9e-0000-4000-8000-000000000001".into()
        ),
        Err(WellbeingError::NotFound { .. })
    ));
    // A Five Ways entry's id given as a check-in's is not found either.
    let e = c
        .five_ways_log(FiveWaysInput {
            what: "Read a chapter".into(),
            ways: vec![WayId::KeepLearning],
            note: None,
            date: None,
            time: None,
        })
        .unwrap();
    assert!(matches!(
        c.edit_record(ToolId::Checkin, e.id),
        Err(WellbeingError::NotFound { .. })
    ));
}
