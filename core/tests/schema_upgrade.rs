//! Every released schema version is kept as a fixture (`fixtures/vN.db`, made by the app of
//! that version with data in every table) and must open in today's code: upgraded to the
//! current version, its schema identical to a freshly created store's, its rows still there.

use std::collections::BTreeMap;
use std::path::PathBuf;

use companion_core::{ToolId, WellbeingStore};
use rusqlite::Connection;

fn fixtures() -> Vec<(i64, PathBuf)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out: Vec<(i64, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let p = e.ok()?.path();
            let v = p
                .file_name()?
                .to_str()?
                .strip_prefix('v')?
                .strip_suffix(".db")?
                .parse()
                .ok()?;
            Some((v, p))
        })
        .collect();
    out.sort();
    out
}

/// The schema as SQLite records it, whitespace-normalised so formatting is not a difference.
fn schema_of(conn: &Connection) -> BTreeMap<String, String> {
    let mut st = conn.prepare("SELECT type || ':' || name, coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").unwrap();
    st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .unwrap()
        .map(|r| {
            let (k, sql) = r.unwrap();
            (k, sql.split_whitespace().collect::<Vec<_>>().join(" "))
        })
        .collect()
}

fn row_counts(conn: &Connection) -> BTreeMap<String, i64> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let n = conn
                .query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))
                .unwrap();
            (t, n)
        })
        .collect()
}

#[test]
fn fixture_set_starts_at_version_one_and_has_no_gaps() {
    let versions: Vec<i64> = fixtures().into_iter().map(|(v, _)| v).collect();
    assert_eq!(
        versions.first(),
        Some(&1),
        "the fixture set starts with version 1"
    );
    let current = WellbeingStore::open_in_memory().unwrap().schema_version();
    assert_eq!(
        versions,
        (1..=current).collect::<Vec<_>>(),
        "one fixture per released version"
    );
}

#[test]
fn every_fixture_upgrades_to_the_current_schema_keeping_its_rows() {
    let fresh_dir = tempfile::tempdir().unwrap();
    let fresh_path = fresh_dir.path().join("fresh.db");
    let current = WellbeingStore::open(fresh_path.display().to_string())
        .unwrap()
        .schema_version();
    let fresh = schema_of(&Connection::open(&fresh_path).unwrap());

    for (version, fixture) in fixtures() {
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join(format!("v{version}.db"));
        std::fs::copy(&fixture, &copy).unwrap();
        let before = row_counts(&Connection::open(&copy).unwrap());
        assert!(
            before.values().filter(|n| **n > 0).count() >= 5,
            "fixture v{version} should hold data in most tables: {before:?}"
        );

        let c = WellbeingStore::open(copy.display().to_string())
            .unwrap_or_else(|e| panic!("v{version} did not open: {e}"));
        assert_eq!(c.schema_version(), current);
        drop(c);

        let conn = Connection::open(&copy).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, current, "v{version} upgraded to the current version");
        assert_eq!(
            schema_of(&conn),
            fresh,
            "v{version} upgraded has the same schema as a fresh store"
        );
        let after = row_counts(&conn);
        for (table, n) in &before {
            assert!(
                after.get(table).copied().unwrap_or(0) >= *n,
                "v{version}: rows of {table} lost in upgrade"
            );
        }
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
    }
}

/// Writes `fixtures/v<current>.db` through the public API, with data in every table.
/// Run once when a schema version is released:
/// `cargo test -p companion-core --test schema_upgrade make_fixture -- --ignored`
#[test]
#[ignore = "writes the fixture for a new schema version; run by hand at release"]
fn make_fixture() {
    use companion_core::{Answer, FlowProgress, InputKind};
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("work.db");
    let c = WellbeingStore::open(work.display().to_string()).unwrap();
    // Monday 16 November 2026, 10:00 UTC.
    c.set_fixed_time(1_795_341_600_000, 0).unwrap();
    let walk = |tool: ToolId, subject: Option<String>| -> (String, companion_core::FlowSummary) {
        let mut p = c.start_flow(tool, subject).unwrap();
        loop {
            match p {
                FlowProgress::Next { step } => {
                    let a = match &step.input {
                        InputKind::Scale { min, max, .. } => Answer::Scale {
                            value: (min + max) / 2 + 1,
                        },
                        InputKind::Choice { choices, .. } => Answer::Choices {
                            ids: vec![choices[0].id.clone()],
                        },
                        InputKind::Text { .. } => Answer::Text {
                            text: format!("fixture answer to {}", step.step_id),
                        },
                        InputKind::TextList { .. } => Answer::TextList {
                            items: vec!["fixture item".into()],
                        },
                        InputKind::Info => Answer::Continue,
                    };
                    p = c.answer_flow(step.flow_id, a).unwrap();
                }
                FlowProgress::Complete { summary } => return (summary.flow_id.clone(), summary),
            }
        }
    };
    let mut worksheet = None;
    let mut map = None;
    let mut plan = None;
    for t in c.list_tools() {
        if t.needs_subject || t.id == ToolId::FiveWaysReview {
            continue;
        }
        let (flow, _) = walk(t.id, None);
        let saved = c.save_flow(flow).unwrap();
        if t.id == ToolId::FiveAreas {
            worksheet = Some(saved.record_id.clone());
        }
        if t.id == ToolId::ConnectionsMap {
            map = Some(saved.record_id.clone());
        }
        if t.id == ToolId::ConnectionsPlan {
            plan = Some(saved.record_id);
        }
    }
    // My connections (version 4): mapping again from the map, and the plan's review.
    let (flow, _) = walk(ToolId::ConnectionsRemap, map);
    c.save_flow(flow).unwrap();
    let (flow, _) = walk(ToolId::ConnectionsReview, plan);
    c.save_flow(flow).unwrap();
    let (flow, _) = walk(ToolId::FiveWaysReview, None);
    c.save_flow(flow).unwrap();
    let (flow, _) = walk(ToolId::FiveAreasReview, worksheet);
    c.save_flow(flow).unwrap();
    // A draft, a received handoff and a report.
    let p = c.start_flow(ToolId::Checkin, None).unwrap();
    if let FlowProgress::Next { step } = p {
        c.answer_flow(step.flow_id.clone(), Answer::Scale { value: 4 })
            .unwrap();
        c.save_flow_draft(step.flow_id).unwrap();
    }
    let talk = WellbeingStore::open_in_memory().unwrap();
    let mut p = talk.start_flow(ToolId::Gad7, None).unwrap();
    let summary = loop {
        match p {
            FlowProgress::Next { step } => {
                let a = if matches!(step.input, InputKind::Info) {
                    Answer::Continue
                } else {
                    Answer::Scale { value: 1 }
                };
                p = talk.answer_flow(step.flow_id, a).unwrap();
            }
            FlowProgress::Complete { summary } => break summary,
        }
    };
    let payload = talk.handoff_payload(summary).unwrap();
    c.import_handoff(payload.text).unwrap();
    c.appointment_summary(None, None, false).unwrap();
    // Reminder settings (version 2).
    c.set_reminder_settings(companion_core::ReminderSettings {
        check_in_time: Some("19:00".into()),
        quiet_days: vec![companion_core::Weekday::Sunday],
        measures: true,
        reviews: true,
    })
    .unwrap();
    c.skip_reminders_today().unwrap();
    // App lock settings (version 5).
    c.set_lock_settings(companion_core::LockSettingsInput {
        enabled: true,
        background_minutes: 5,
        new_passcode: Some("2468".into()),
        biometric_allowed: true,
    })
    .unwrap();
    // The profile (version 6).
    c.set_profile(companion_core::Profile::YoungPerson {
        age_band: companion_core::AgeBand::From13To15,
    })
    .unwrap();
    // A school staff member's contacts (version 7, `school_contacts`).
    c.add_school_contact(companion_core::SchoolContactInput {
        kind: companion_core::SchoolContactKind::SchoolContact,
        role: "Designated safeguarding lead".into(),
        name: Some("Fixture name".into()),
        phone: Some("01632 960 000".into()),
        details: Some("Room 4".into()),
    })
    .unwrap();
    drop(c);

    let conn = Connection::open(&work).unwrap();
    let empty: Vec<String> = row_counts(&conn)
        .into_iter()
        .filter(|(_, n)| *n == 0)
        .map(|(t, _)| t)
        .collect();
    assert!(
        empty.is_empty(),
        "every table should hold data: empty {empty:?}"
    );
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let out =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/v{version}.db"));
    let _ = std::fs::remove_file(&out);
    conn.execute("VACUUM INTO ?1", [out.display().to_string()])
        .unwrap();
    println!("wrote {} with {:?}", out.display(), row_counts(&conn));
}

/// Version 4 added My connections: a version 3 store gains its tables, empty, and takes a map.
#[test]
fn a_version_three_store_gains_my_connections() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("v3.db");
    std::fs::copy(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v3.db"),
        &copy,
    )
    .unwrap();
    let c = WellbeingStore::open(copy.display().to_string()).unwrap();
    assert_eq!(c.connections_maps(0, 10).unwrap().total, 0);
    let m = c
        .connections_map_create(companion_core::ConnectionsMapInput {
            date: None,
            connections: vec![companion_core::ConnectionInput {
                name: "Neighbour upstairs".into(),
                kind: companion_core::ConnectionKind::Neighbour,
                ring: companion_core::ConnectionRing::InBetween,
                feel: companion_core::ConnectionFeel::Mixed,
            }],
        })
        .unwrap();
    drop(c);
    let c = WellbeingStore::open(copy.display().to_string()).unwrap();
    assert_eq!(c.connections_map_get(m.id).unwrap().items.len(), 1);
    // Everything the version 3 store held is still read as before.
    assert!(c.five_areas_history(0, 10).unwrap().total >= 1);
}

/// Version 6 added the profile: a version 5 store is an adult's until it is set.
#[test]
fn a_version_five_store_gains_the_profile_as_an_adults() {
    use companion_core::{AgeBand, Profile};
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("v5.db");
    std::fs::copy(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v5.db"),
        &copy,
    )
    .unwrap();
    let c = WellbeingStore::open(copy.display().to_string()).unwrap();
    assert_eq!(c.profile().unwrap(), Profile::Adult);
    let young = Profile::YoungPerson {
        age_band: AgeBand::From16To17,
    };
    c.set_profile(young).unwrap();
    drop(c);
    let c = WellbeingStore::open(copy.display().to_string()).unwrap();
    assert_eq!(c.profile().unwrap(), young);
    assert!(c.connections_maps(0, 10).unwrap().total >= 1);
}

/// Version 7 (`school_contacts`) added a school staff member's contacts and routes: a
/// version 6 store gains the table, empty, keeps its profile, and takes an entry.
#[test]
fn a_version_six_store_gains_school_contacts() {
    use companion_core::{AgeBand, Profile, SchoolContactInput, SchoolContactKind};
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("v6.db");
    std::fs::copy(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v6.db"),
        &copy,
    )
    .unwrap();
    let c = WellbeingStore::open(copy.display().to_string()).unwrap();
    assert!(c.school_contacts().unwrap().is_empty());
    assert_eq!(
        c.profile().unwrap(),
        Profile::YoungPerson {
            age_band: AgeBand::From13To15
        },
        "the version 6 fixture's profile is kept"
    );
    let e = c
        .add_school_contact(SchoolContactInput {
            kind: SchoolContactKind::ReferralRoute,
            role: "Mental Health Support Team".into(),
            name: None,
            phone: None,
            details: None,
        })
        .unwrap();
    drop(c);
    let c = WellbeingStore::open(copy.display().to_string()).unwrap();
    assert_eq!(c.school_contacts().unwrap(), [e]);
}
