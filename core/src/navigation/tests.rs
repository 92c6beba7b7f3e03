use super::*;
use crate::{
    FiveAreasArea, FiveAreasChange, FiveAreasFeeling, FiveAreasInput, FlowProgress, MeasureInput,
};

const DAY_MS: i64 = 86_400_000;
/// Wednesday 18 November 2026, 10:00 UTC.
const WED: i64 = 1_794_996_000_000;

fn at(ms: i64) -> std::sync::Arc<WellbeingStore> {
    let c = WellbeingStore::open_in_memory().unwrap();
    c.set_fixed_time(ms, 0).unwrap();
    c
}

fn take(c: &WellbeingStore, measure: &str, answers: Vec<i32>) {
    c.take_measure(MeasureInput {
        measure: measure.into(),
        answers,
        date: None,
        time: None,
    })
    .unwrap();
}

fn take_all(c: &WellbeingStore) {
    take(c, "phq9", vec![0; 9]);
    take(c, "gad7", vec![0; 7]);
    take(c, "ons4", vec![7, 7, 7, 2]);
    take(c, "swemwbs", vec![3; 7]);
}

fn section(h: &HomeView, kind: MenuSectionKind) -> Option<&MenuSection> {
    h.sections.iter().find(|s| s.kind == kind)
}

fn actions(h: &HomeView, kind: MenuSectionKind) -> Vec<NavAction> {
    section(h, kind)
        .map(|s| s.entries.iter().map(|e| e.action.clone()).collect())
        .unwrap_or_default()
}

fn tool_key(h: &HomeView, action: &NavAction) -> String {
    section(h, MenuSectionKind::Tools)
        .unwrap()
        .entries
        .iter()
        .find(|e| &e.action == action)
        .map(|e| e.key.clone())
        .unwrap_or_else(|| panic!("{action:?} not on home"))
}

fn tool(t: ToolId) -> NavAction {
    NavAction::StartTool {
        tool: t,
        subject_id: None,
    }
}

fn worksheet(c: &WellbeingStore) -> String {
    c.five_areas_create(FiveAreasInput {
        title: Some("Work worries".into()),
        date: None,
        time: None,
        situation: Some("A deadline".into()),
        thoughts: vec!["I will not finish".into()],
        feelings: vec![FiveAreasFeeling {
            name: "anxious".into(),
            intensity: 70,
        }],
        physical: vec![],
        behaviour: vec![],
        links: vec![],
        change: Some(FiveAreasChange {
            start_area: FiveAreasArea::Behaviour,
            change: "Take a ten-minute walk".into(),
        }),
        complete: true,
    })
    .unwrap()
    .id
}

#[test]
fn an_empty_store_offers_the_check_in_next_and_the_measures_waiting() {
    let h = at(WED).home().unwrap();
    assert_eq!(h.date_label, "Wednesday 18 November");
    let kinds: Vec<_> = h.sections.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            MenuSectionKind::Next,
            MenuSectionKind::Waiting,
            MenuSectionKind::Tools,
            MenuSectionKind::Records,
            MenuSectionKind::Conversation
        ]
    );
    assert_eq!(actions(&h, MenuSectionKind::Next), [tool(ToolId::Checkin)]);
    assert_eq!(
        actions(&h, MenuSectionKind::Waiting),
        [
            tool(ToolId::Phq9),
            tool(ToolId::Gad7),
            tool(ToolId::Ons4),
            tool(ToolId::Swemwbs)
        ]
    );
    let waiting = &section(&h, MenuSectionKind::Waiting).unwrap().entries;
    assert!(waiting
        .iter()
        .all(|e| e.badge.as_deref() == Some("Due now")));
    assert_eq!(h.help_now.key, "h");
    assert_eq!(h.help_now.action, NavAction::HelpNow);
    assert_eq!(
        actions(&h, MenuSectionKind::Records),
        [
            NavAction::Week,
            NavAction::History {
                tool: ToolId::Checkin
            },
            NavAction::History {
                tool: ToolId::FiveWaysLog
            },
            NavAction::History {
                tool: ToolId::FiveAreas
            },
            NavAction::History {
                tool: ToolId::ThoughtRecord
            },
            NavAction::History {
                tool: ToolId::ConnectionsMap
            },
            NavAction::AppointmentSummary,
            NavAction::Settings
        ]
    );
    assert_eq!(
        actions(&h, MenuSectionKind::Conversation),
        [NavAction::Conversation]
    );
}

#[test]
fn keys_are_unique_and_letters_avoid_the_keys_of_every_screen() {
    let c = at(WED);
    // Many things waiting: measures, drafts.
    for _ in 0..6 {
        let flow = match c.start_flow("checkin".into(), None).unwrap() {
            FlowProgress::Next { step } => step.flow_id,
            other => panic!("{other:?}"),
        };
        c.answer_flow(flow.clone(), crate::Answer::Scale { value: 3 })
            .unwrap();
        c.save_flow_draft(flow).unwrap();
    }
    let h = c.home().unwrap();
    let mut keys: Vec<&str> = h
        .sections
        .iter()
        .flat_map(|s| &s.entries)
        .map(|e| e.key.as_str())
        .collect();
    keys.push(&h.help_now.key);
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), n, "no key repeats");
    for s in &h.sections {
        for e in &s.entries {
            let numbered = matches!(
                s.kind,
                MenuSectionKind::Tools | MenuSectionKind::Records | MenuSectionKind::Conversation
            );
            assert_eq!(e.key.parse::<u32>().is_ok(), numbered, "{e:?}");
            assert!(!["h", "q", "b", "s", "d", ""].contains(&e.key.as_str()));
            assert!(e
                .accessibility_label
                .starts_with(e.label.trim_end_matches(':')));
        }
    }
}

#[test]
fn tool_keys_do_not_move_when_things_become_due_or_are_done() {
    let c = at(WED);
    let before = c.home().unwrap();
    c.scaling_check_in(6, None).unwrap();
    take_all(&c);
    let after = c.home().unwrap();
    assert_ne!(
        actions(&before, MenuSectionKind::Next),
        actions(&after, MenuSectionKind::Next)
    );
    for s in [
        MenuSectionKind::Tools,
        MenuSectionKind::Records,
        MenuSectionKind::Conversation,
    ] {
        assert_eq!(section(&before, s), section(&after, s), "{s:?}");
    }
    let log = tool(ToolId::FiveWaysLog);
    assert_eq!(tool_key(&before, &log), tool_key(&after, &log));
    // With nothing due, the next thing is a Five Ways idea: same action as tool 1, a letter key.
    assert_eq!(actions(&after, MenuSectionKind::Next), [log.clone()]);
    assert!(section(&after, MenuSectionKind::Waiting).is_none());
}

#[test]
fn a_safety_flag_puts_support_first_with_help_now_and_the_plan() {
    let c = at(WED);
    take(&c, "phq9", vec![0, 0, 0, 0, 0, 0, 0, 0, 1]);
    let h = c.home().unwrap();
    assert_eq!(h.sections[0].kind, MenuSectionKind::Support);
    assert_eq!(
        actions(&h, MenuSectionKind::Support),
        [NavAction::HelpNow, tool(ToolId::SafetyPlan)]
    );
    assert_eq!(h.sections[0].entries[0].key, "a");
    assert_eq!(h.today.safety_flags().len(), 1);
}

#[test]
fn a_small_change_is_up_for_review_from_its_date_not_before() {
    let c = at(WED);
    c.scaling_check_in(6, None).unwrap();
    take_all(&c);
    let id = worksheet(&c);
    let review = NavAction::StartTool {
        tool: ToolId::FiveAreasReview,
        subject_id: Some(id),
    };
    let offered = |h: &HomeView| {
        h.sections
            .iter()
            .flat_map(|s| &s.entries)
            .any(|e| e.action == review)
    };
    assert!(!offered(&c.home().unwrap()), "not right after saving");
    c.set_fixed_time(WED + (REVIEW_AFTER_DAYS - 1) * DAY_MS, 0)
        .unwrap();
    assert!(!offered(&c.home().unwrap()));
    c.set_fixed_time(WED + REVIEW_AFTER_DAYS * DAY_MS, 0)
        .unwrap();
    let h = c.home().unwrap();
    assert!(offered(&h), "due on its date");
    let e = h
        .sections
        .iter()
        .flat_map(|s| &s.entries)
        .find(|e| e.action == review)
        .unwrap();
    assert!(e.detail.as_deref().unwrap().contains("ten-minute walk"));
}

#[test]
fn a_draft_is_waiting_with_its_flow_to_resume() {
    let c = at(WED);
    let flow = match c.start_flow("checkin".into(), None).unwrap() {
        FlowProgress::Next { step } => step.flow_id,
        other => panic!("{other:?}"),
    };
    c.answer_flow(flow.clone(), crate::Answer::Scale { value: 3 })
        .unwrap();
    let draft = c.save_flow_draft(flow).unwrap();
    let h = c.home().unwrap();
    assert!(
        actions(&h, MenuSectionKind::Waiting).contains(&NavAction::ResumeFlow {
            flow_id: draft.flow_id
        })
    );
}

#[test]
fn conversation_menu_numbers_the_tools_from_one() {
    let c = at(WED);
    let m = c.conversation_menu().unwrap();
    assert_eq!(m[0].key, "1");
    assert!(m.iter().any(|e| e.action == tool(ToolId::Phq9)));
    assert!(m
        .iter()
        .all(|e| !matches!(&e.action, NavAction::StartTool { tool, .. } if *tool == ToolId::FiveAreasReview)));
}

#[test]
fn nav_actions_read_as_tagged_json() {
    let a = tool(ToolId::Checkin);
    assert_eq!(
        serde_json::to_value(&a).unwrap(),
        serde_json::json!({"kind": "start_tool", "tool": "checkin", "subject_id": null})
    );
    assert_eq!(
        serde_json::to_value(NavAction::OpenSafetyPlan).unwrap(),
        serde_json::json!({"kind": "open_safety_plan"})
    );
}
