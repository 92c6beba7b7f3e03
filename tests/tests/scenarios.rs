//! Runs every shared scenario through the Rust core, and checks the scenario set covers
//! every tool and every public error variant.

use companion_core::RuleCode;
use companion_scenarios::*;

#[test]
fn every_scenario_passes() {
    let files = scenario_files();
    assert!(!files.is_empty(), "no scenarios found");
    let mut failures = vec![];
    for f in &files {
        match Scenario::load(f).and_then(|s| run(&s)) {
            Ok(()) => {}
            Err(e) => failures.push(format!("{}: {e}", f.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn scenarios_cover_every_tool_and_every_error_variant() {
    let scenarios: Vec<Scenario> = scenario_files()
        .iter()
        .map(|f| Scenario::load(f).unwrap())
        .collect();
    let mut tools_started = vec![];
    let mut errors_seen = vec![];
    for s in &scenarios {
        for step in &s.steps {
            if step.get("call").and_then(|c| c.as_str()) == Some("start_flow") {
                if let Some(t) = step.pointer("/args/tool").and_then(|t| t.as_str()) {
                    tools_started.push(t.to_string());
                }
            }
            if let Some(e) = step.pointer("/expect_error/error").and_then(|e| e.as_str()) {
                errors_seen.push(e.to_string());
            }
        }
    }
    let c = companion_core::WellbeingStore::open_in_memory().unwrap();
    let missing_tools: Vec<String> = c
        .list_tools()
        .into_iter()
        .map(|t| t.id.as_str().to_string())
        .filter(|id| !tools_started.contains(id))
        .collect();
    assert!(
        missing_tools.is_empty(),
        "tools with no scenario in tests/scenarios: {missing_tools:?}"
    );
    // Every public error variant, by its serde tag. The list is checked against the enum by
    // the exhaustive match below, so a new variant fails here until it has a scenario.
    use companion_core::WellbeingError as E;
    let s = String::new;
    for e in [
        E::InvalidInput {
            field: s(),
            rule: RuleCode::Other,
            limit: None,
            item_index: None,
            reason: s(),
        },
        E::NotFound { what: s(), id: s() },
        E::OutOfOrder { reason: s() },
        E::UnreadableRecord { what: s(), id: s() },
        E::NewerDatabase {
            found: 0,
            supported: 0,
        },
        E::CorruptDatabase { set_aside_as: s() },
        E::NotOurDatabase,
        E::WrongKey,
        E::KeyRequired,
        E::NotEncrypted,
        E::Storage { reason: s() },
        E::ContentBug { reason: s() },
        E::Internal { reason: s() },
    ] {
        let _exhaustive = match &e {
            E::InvalidInput { .. }
            | E::NotFound { .. }
            | E::OutOfOrder { .. }
            | E::UnreadableRecord { .. }
            | E::NewerDatabase { .. }
            | E::CorruptDatabase { .. }
            | E::NotOurDatabase
            | E::WrongKey
            | E::KeyRequired
            | E::NotEncrypted
            | E::Storage { .. }
            | E::ContentBug { .. }
            | E::Internal { .. } => (),
        };
        // No call can cause these two on purpose: content is compiled in (each module's
        // content test loads it) and `Internal` is the core breaking its own rules. They are
        // tested in `core/src/error.rs`; a scenario could only fake them.
        if matches!(e, E::ContentBug { .. } | E::Internal { .. }) {
            continue;
        }
        let tag = serde_json::to_value(&e).unwrap()["error"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(
            errors_seen.contains(&tag),
            "no scenario expects the error `{tag}`"
        );
    }
}

#[test]
fn call_table_is_generated_from_the_core() {
    for name in [
        "open",
        "open_in_memory",
        "set_fixed_time",
        "start_flow",
        "answer_flow",
        "save_flow",
        "discard_flow",
    ] {
        assert!(CALLS.contains(&name), "{name} missing from {CALLS:?}");
    }
}

#[test]
fn matcher_rules() {
    use serde_json::json;
    assert!(matches(&json!({"a": 1}), &json!({"a": 1.0, "b": 2}), "r").is_ok());
    assert!(matches(&json!({"flow_id": "x"}), &json!({"flowId": "x"}), "r").is_ok());
    assert!(matches(&json!({"a": 2}), &json!({"a": 1}), "r").is_err());
    assert!(matches(&json!({"a": 1}), &json!({}), "r").is_err());
    assert!(matches(&json!([1]), &json!([1, 2]), "r").is_err());
    assert!(matches(&json!({"$len": 2}), &json!([1, 2]), "r").is_ok());
    assert!(matches(&json!({"$contains": "ode"}), &json!("moderate"), "r").is_ok());
    assert!(matches(
        &json!({"$includes": [{"k": 1}]}),
        &json!([{"k": 2}, {"k": 1}]),
        "r"
    )
    .is_ok());
    assert!(matches(&json!({"$includes": [{"k": 3}]}), &json!([{"k": 2}]), "r").is_err());
    assert!(matches(&json!({"$not_null": true}), &json!(null), "r").is_err());
    assert!(matches(&json!({"$gte": 3}), &json!(4), "r").is_ok());
}

/// Every tool the core lists (including tools added after these tests were written) can be
/// walked from start to a completed summary and discarded, then walked again and saved.
/// Tools run in menu order, so a tool that reviews an earlier one (a plan, a worksheet) finds
/// it; a tool that needs a subject is given the record last saved in its group.
#[test]
fn every_tool_walks_to_a_summary_saved_and_discarded() {
    let c = companion_core::WellbeingStore::open_in_memory().unwrap();
    c.set_fixed_time(1_774_775_400_000, 60).unwrap();
    let mut last_saved: std::collections::HashMap<companion_core::ToolGroup, String> =
        Default::default();
    for t in c.list_tools() {
        let subject = if t.needs_subject {
            Some(last_saved.get(&t.group).cloned().unwrap_or_else(|| {
                panic!(
                    "{}: needs a subject and nothing in {} was saved before it",
                    t.id, t.group
                )
            }))
        } else {
            None
        };
        let (_, first) =
            walk(&c, t.id, subject.clone()).unwrap_or_else(|e| panic!("{}: {e:?}", t.id));
        c.discard_flow(first.flow_id.clone()).unwrap();
        assert!(matches!(
            c.flow_progress(first.flow_id),
            Err(companion_core::WellbeingError::NotFound { .. })
        ));
        let (steps, summary) =
            walk(&c, t.id, subject).unwrap_or_else(|e| panic!("{}: {e:?}", t.id));
        assert!(!steps.is_empty(), "{} has no steps", t.id);
        assert_eq!(summary.tool, t.id);
        assert!(summary.text.starts_with(&summary.title), "{}", t.id);
        let saved = c.save_flow(summary.flow_id.clone()).unwrap();
        assert_eq!(saved.tool, t.id);
        assert!(!saved.record_id.is_empty());
        last_saved.insert(t.group, saved.record_id);
    }
}
