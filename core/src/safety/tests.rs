use super::*;
use crate::crisis::content::content;
use crate::flow::Answer;
use crate::{FlowProgress, Step, WellbeingError};
#[allow(unused_imports)]
use crate::{MeasureId, SafetyFlagCode, ToolGroup, ToolId, WayId};
use std::sync::Arc;

fn companion() -> Arc<WellbeingStore> {
    let c = WellbeingStore::open_in_memory().unwrap();
    // 2026-11-20 10:00 UTC, a Friday.
    c.set_fixed_time(1_795_168_800_000, 0).unwrap();
    c
}

#[test]
fn crisis_contacts_need_no_database() {
    // A free function: no WellbeingStore, no store.
    let all = crisis_contacts();
    assert_eq!(all[0].ways[0].value, "999");
    assert_eq!(all[1].ways[0].value, "116 123");
    // And the same list from an open store.
    assert_eq!(companion().crisis_contacts(), all);
}

#[test]
fn plan_content_is_complete() {
    let c = content().unwrap();
    assert_eq!(
        c.sections.iter().map(|s| s.id).collect::<Vec<_>>(),
        SafetyPlanSectionKind::ALL
    );
    for s in &c.sections {
        for f in [&s.title, &s.prompt, &s.help, &s.source] {
            assert!(!f.trim().is_empty(), "{:?}", s.id);
        }
        for key in s.source.split("; ") {
            assert!(c.sources.contains_key(key), "{:?}: {key}", s.id);
        }
    }
    assert!(c.plan.keep_help.contains("{items}"));
    assert!(c.sources.contains_key(&c.plan.source));
    for key in c.help_now.source.split("; ") {
        assert!(c.sources.contains_key(key));
    }
}

#[test]
fn empty_plan_when_none_written() {
    let c = companion();
    let p = c.safety_plan().unwrap();
    assert!(p.is_empty);
    assert_eq!(p.updated, None);
    assert_eq!(p.sections.len(), 7);
    assert!(p
        .sections
        .iter()
        .all(|s| s.items.is_empty() && !s.title.is_empty()));
    assert!(!c.read(has_plan).unwrap());
}

#[test]
fn set_section_replaces_only_that_section() {
    let c = companion();
    c.safety_plan_set_section(
        SafetyPlanSectionKind::PeopleToAsk,
        vec![" Mum ".into(), "Sam 07700 900123".into()],
    )
    .unwrap();
    c.safety_plan_set_section(
        SafetyPlanSectionKind::WarningSigns,
        vec!["Not sleeping".into()],
    )
    .unwrap();
    let p = c
        .safety_plan_set_section(SafetyPlanSectionKind::PeopleToAsk, vec!["Dad".into()])
        .unwrap();
    assert!(!p.is_empty);
    assert_eq!(p.updated.as_deref(), Some("2026-11-20"));
    assert_eq!(p.sections[0].items, ["Not sleeping"]);
    assert_eq!(p.sections[3].section, SafetyPlanSectionKind::PeopleToAsk);
    assert_eq!(p.sections[3].items, ["Dad"]);
    assert!(c.read(has_plan).unwrap());
    // Clearing a section.
    let p = c
        .safety_plan_set_section(SafetyPlanSectionKind::PeopleToAsk, vec![])
        .unwrap();
    assert!(p.sections[3].items.is_empty());
    assert_eq!(p.sections[0].items, ["Not sleeping"]);
}

#[test]
fn update_replaces_whole_plan_and_keeps_order() {
    let c = companion();
    c.safety_plan_set_section(SafetyPlanSectionKind::WarningSigns, vec!["x".into()])
        .unwrap();
    c.set_fixed_time(1_795_168_800_000 + 86_400_000, 0).unwrap();
    let p = c
        .safety_plan_update(SafetyPlanInput {
            coping_strategies: vec!["Walk".into(), "Music".into(), "Shower".into()],
            reasons_for_living: vec!["My dog".into()],
            ..Default::default()
        })
        .unwrap();
    assert!(p.sections[0].items.is_empty());
    assert_eq!(p.sections[1].items, ["Walk", "Music", "Shower"]);
    assert_eq!(p.sections[6].items, ["My dog"]);
    assert_eq!(p.updated.as_deref(), Some("2026-11-21"));
    assert_eq!(c.safety_plan().unwrap(), p);
    let rows: i64 = c
        .read(|c| Ok(c.query_row("SELECT count(*) FROM safety_plans", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(rows, 1);
}

fn invalid_field(r: ApiResult<SafetyPlan>) -> String {
    match r {
        Err(WellbeingError::InvalidInput { field, .. }) => field,
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[test]
fn section_rules() {
    let c = companion();
    let set =
        |items: Vec<String>| c.safety_plan_set_section(SafetyPlanSectionKind::Professionals, items);
    // Blank item.
    assert_eq!(
        invalid_field(set(vec!["GP".into(), "  ".into()])),
        "professionals"
    );
    // Too long.
    assert_eq!(invalid_field(set(vec!["x".repeat(201)])), "professionals");
    assert!(set(vec!["x".repeat(200)]).is_ok());
    // More than one line.
    assert_eq!(invalid_field(set(vec!["a\nb".into()])), "professionals");
    // Too many items.
    assert_eq!(
        invalid_field(set((0..31).map(|i| format!("item {i}")).collect())),
        "professionals"
    );
    assert!(set((0..30).map(|i| format!("item {i}")).collect()).is_ok());
    // The same item twice, ignoring case.
    assert_eq!(
        invalid_field(set(vec!["GP".into(), "gp".into()])),
        "professionals"
    );
    // A refused whole-plan update writes nothing.
    let before = c.safety_plan().unwrap();
    let r = c.safety_plan_update(SafetyPlanInput {
        warning_signs: vec!["fine".into()],
        reasons_for_living: vec!["".into()],
        ..Default::default()
    });
    assert_eq!(invalid_field(r), "reasons_for_living");
    assert_eq!(c.safety_plan().unwrap(), before);
}

#[test]
fn errors_do_not_echo_items() {
    let c = companion();
    let secret = "my private words ".repeat(20);
    let e = c
        .safety_plan_set_section(SafetyPlanSectionKind::WarningSigns, vec![secret])
        .unwrap_err();
    assert!(!e.to_string().contains("private"));
}

#[test]
fn delete_removes_everything() {
    let c = companion();
    c.safety_plan_set_section(SafetyPlanSectionKind::WarningSigns, vec!["x".into()])
        .unwrap();
    let p = c.safety_plan_delete().unwrap();
    assert!(p.is_empty && p.updated.is_none());
    let n: i64 = c
        .read(|c| Ok(c.query_row("SELECT count(*) FROM safety_plan_items", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(n, 0);
    // Deleting again is harmless.
    assert!(c.safety_plan_delete().unwrap().is_empty);
}

#[test]
fn help_now_lists_contacts_then_plan() {
    let c = companion();
    let h = c.help_now().unwrap();
    assert_eq!(h.contacts[0].id, "emergency");
    assert_eq!(h.contacts[1].id, "samaritans");
    assert!(h.plan.is_none());
    assert!(h.no_plan_text.is_some());
    assert!(h.intro.contains("999"));
    c.safety_plan_set_section(SafetyPlanSectionKind::ReasonsForLiving, vec!["Kids".into()])
        .unwrap();
    let h = c.help_now().unwrap();
    assert_eq!(h.plan.unwrap().sections[6].items, ["Kids"]);
    assert!(h.no_plan_text.is_none());
}

#[test]
fn help_now_survives_a_broken_store() {
    let c = companion();
    c.write(|tx| Ok(tx.execute_batch("DROP TABLE safety_plan_items; DROP TABLE safety_plans;")?))
        .unwrap();
    assert!(c.safety_plan().is_err());
    let h = c.help_now().unwrap();
    assert_eq!(h.contacts.len(), 7);
    assert!(h.plan.is_none());
}

fn step(p: FlowProgress) -> Step {
    match p {
        FlowProgress::Next { step } => step,
        other => panic!("expected a step, got {other:?}"),
    }
}

fn list(items: &[&str]) -> Answer {
    Answer::TextList {
        items: items.iter().map(|s| s.to_string()).collect(),
    }
}

#[test]
fn flow_walks_sections_and_skip_keeps_items() {
    let c = companion();
    c.safety_plan_set_section(
        SafetyPlanSectionKind::CopingStrategies,
        vec!["Music".into()],
    )
    .unwrap();
    assert!(c
        .list_tools()
        .iter()
        .any(|t| t.id == ToolId::SafetyPlan && t.group == ToolGroup::Safety));
    let s = step(c.start_flow(ToolId::SafetyPlan, None).unwrap());
    assert_eq!((s.step_id.as_str(), s.total), ("intro", 8));
    let id = s.flow_id.clone();
    let s = step(c.answer_flow(id.clone(), Answer::Continue).unwrap());
    assert_eq!(s.step_id, "warning_signs");
    assert!(s.optional);
    let s = step(
        c.answer_flow(id.clone(), list(&["Not sleeping", ""]))
            .unwrap(),
    );
    assert_eq!(s.step_id, "coping_strategies");
    // Current items are shown, and skipping keeps them.
    assert!(s.help.as_deref().unwrap().contains("Music"));
    // Duplicate items are refused by the tool's own check.
    assert!(c.answer_flow(id.clone(), list(&["Walk", "walk"])).is_err());
    let mut s = step(c.answer_flow(id.clone(), Answer::Skip).unwrap());
    while s.step_id != "reasons_for_living" {
        s = step(c.answer_flow(id.clone(), Answer::Skip).unwrap());
    }
    let summary = match c.answer_flow(id.clone(), list(&["My dog"])).unwrap() {
        FlowProgress::Complete { summary } => summary,
        other => panic!("{other:?}"),
    };
    assert_eq!(summary.items.len(), 7);
    assert_eq!(summary.items[0].value, "Not sleeping");
    assert_eq!(summary.items[1].value, "Music");
    assert_eq!(summary.items[2].value, "(nothing yet)");
    assert_eq!(summary.items[6].value, "My dog");
    assert!(summary.text.contains("My reasons for living: My dog"));
    let saved = c.save_flow(id).unwrap();
    let p = c.safety_plan().unwrap();
    assert_eq!(p.sections[0].items, ["Not sleeping"]);
    assert_eq!(p.sections[1].items, ["Music"]);
    assert_eq!(p.sections[6].items, ["My dog"]);
    let plan_id: String = c
        .read(|c| Ok(c.query_row("SELECT id FROM safety_plans", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(saved.record_id, plan_id);
}

#[test]
fn discarded_flow_changes_nothing() {
    let c = companion();
    let id = step(c.start_flow(ToolId::SafetyPlan, None).unwrap()).flow_id;
    c.answer_flow(id.clone(), Answer::Continue).unwrap();
    c.answer_flow(id.clone(), list(&["Shouting"])).unwrap();
    c.discard_flow(id).unwrap();
    assert!(c.safety_plan().unwrap().is_empty);
}
