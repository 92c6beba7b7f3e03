use super::*;
use crate::ids::{AgeBand, Profile, ToolId};
use crate::WellbeingError;

fn input(kind: SchoolContactKind, role: &str) -> SchoolContactInput {
    SchoolContactInput {
        kind,
        role: role.into(),
        name: None,
        phone: None,
        details: None,
    }
}

fn dsl() -> SchoolContactInput {
    SchoolContactInput {
        name: Some("Ms Patel".into()),
        phone: Some("01632 960 123".into()),
        details: Some("Room 4, every lunchtime".into()),
        ..input(
            SchoolContactKind::SchoolContact,
            "Designated safeguarding lead",
        )
    }
}

fn spa() -> SchoolContactInput {
    SchoolContactInput {
        details: Some("Referral form from the school office; the pupil's consent first".into()),
        phone: Some("0300 123 4567".into()),
        ..input(
            SchoolContactKind::ReferralRoute,
            "CAMHS single point of access",
        )
    }
}

fn rule(e: WellbeingError) -> (String, crate::rules::RuleCode) {
    match e {
        WellbeingError::InvalidInput { field, rule, .. } => (field, rule),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

#[test]
fn entries_are_added_listed_changed_and_deleted() {
    let c = WellbeingStore::open_in_memory().unwrap();
    assert!(c.school_contacts().unwrap().is_empty());
    let route = c.add_school_contact(spa()).unwrap();
    let lead = c.add_school_contact(dsl()).unwrap();
    let nurse = c
        .add_school_contact(input(SchoolContactKind::SchoolContact, "School nurse"))
        .unwrap();
    assert_eq!(lead.phone_uri.as_deref(), Some("tel:01632960123"));
    assert_eq!(nurse.phone_uri, None);
    // The one line a shell lists: the fields given, in order, nothing for the ones left out.
    assert_eq!(
        lead.line,
        "Designated safeguarding lead · Ms Patel · 01632 960 123 · Room 4, every lunchtime"
    );
    assert_eq!(nurse.line, "School nurse");
    let roles: Vec<String> = c
        .school_contacts()
        .unwrap()
        .into_iter()
        .map(|e| e.role)
        .collect();
    assert_eq!(
        roles,
        [
            "Designated safeguarding lead",
            "School nurse",
            "CAMHS single point of access"
        ],
        "school contacts first, each kind in the order entered"
    );
    let changed = c
        .update_school_contact(
            nurse.id.clone(),
            SchoolContactInput {
                name: Some("  Mr Okoro ".into()),
                ..input(SchoolContactKind::SchoolContact, "School nurse")
            },
        )
        .unwrap();
    assert_eq!(changed.id, nurse.id);
    assert_eq!(changed.name.as_deref(), Some("Mr Okoro"), "trimmed");
    c.delete_school_contact(route.id.clone()).unwrap();
    assert_eq!(c.school_contacts().unwrap().len(), 2);
    assert!(matches!(
        c.delete_school_contact(route.id.clone()),
        Err(WellbeingError::NotFound { .. })
    ));
    assert!(matches!(
        c.update_school_contact(route.id, spa()),
        Err(WellbeingError::NotFound { .. })
    ));
}

#[test]
fn bad_entries_are_refused_with_the_field_and_rule_and_nothing_is_written() {
    use crate::rules::RuleCode::*;
    let c = WellbeingStore::open_in_memory().unwrap();
    let cases = [
        (
            input(SchoolContactKind::SchoolContact, "   "),
            "role",
            Required,
        ),
        (
            input(SchoolContactKind::SchoolContact, &"x".repeat(81)),
            "role",
            TooLong,
        ),
        (
            input(SchoolContactKind::SchoolContact, "Head of\nyear"),
            "role",
            SingleLine,
        ),
        (
            SchoolContactInput {
                phone: Some("call 0800".into()),
                ..dsl()
            },
            "phone",
            Other,
        ),
        (
            SchoolContactInput {
                phone: Some("12".into()),
                ..dsl()
            },
            "phone",
            TooShort,
        ),
        (
            SchoolContactInput {
                phone: Some("+44 1234 567 890 1234".into()),
                ..dsl()
            },
            "phone",
            TooLong,
        ),
        (
            SchoolContactInput {
                details: Some("d".repeat(301)),
                ..dsl()
            },
            "details",
            TooLong,
        ),
    ];
    for (bad, field, code) in cases {
        let (f, r) = rule(c.add_school_contact(bad).unwrap_err());
        assert_eq!((f.as_str(), r), (field, code));
    }
    assert!(c.school_contacts().unwrap().is_empty());
    // 999 is a phone number too.
    let e = c
        .add_school_contact(SchoolContactInput {
            phone: Some("999".into()),
            ..input(SchoolContactKind::ReferralRoute, "Emergency")
        })
        .unwrap();
    // A bad change leaves the entry as it was.
    let (f, _) = rule(
        c.update_school_contact(e.id.clone(), input(SchoolContactKind::ReferralRoute, ""))
            .unwrap_err(),
    );
    assert_eq!(f, "role");
    assert_eq!(c.school_contacts().unwrap()[0], e);
}

#[test]
fn each_kind_holds_at_most_its_limit() {
    let c = WellbeingStore::open_in_memory().unwrap();
    for i in 0..SCHOOL_MAX_ENTRIES {
        c.add_school_contact(input(
            SchoolContactKind::SchoolContact,
            &format!("Role {i}"),
        ))
        .unwrap();
    }
    let (f, r) = rule(
        c.add_school_contact(input(SchoolContactKind::SchoolContact, "One more"))
            .unwrap_err(),
    );
    assert_eq!(
        (f.as_str(), r),
        ("kind", crate::rules::RuleCode::TooManyItems)
    );
    let route = c.add_school_contact(spa()).unwrap();
    let (f, _) = rule(c.update_school_contact(route.id, dsl()).unwrap_err());
    assert_eq!(
        f, "kind",
        "a route cannot become a thirteenth school contact"
    );
}

#[test]
fn the_entries_are_in_the_file_and_in_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db").display().to_string();
    let c = WellbeingStore::open(path.clone()).unwrap();
    let lead = c.add_school_contact(dsl()).unwrap();
    let backup = c.export_backup().unwrap();
    drop(c);
    assert_eq!(
        WellbeingStore::open(path)
            .unwrap()
            .school_contacts()
            .unwrap(),
        [lead.clone()]
    );
    let fresh = WellbeingStore::open_in_memory().unwrap();
    fresh.import_backup(backup).unwrap();
    assert_eq!(fresh.school_contacts().unwrap(), [lead]);
}

#[test]
fn the_table_refuses_what_the_checks_refuse() {
    let c = WellbeingStore::open_in_memory().unwrap();
    for (kind, role) in [("teacher", "Head of year"), ("school-contact", "  ")] {
        let r = c.read(|conn| {
            Ok(conn.execute(
                "INSERT INTO school_contacts (id, kind, role, position, created_utc_ms,
                    updated_utc_ms) VALUES ('x', ?1, ?2, 0, 0, 0)",
                params![kind, role],
            )?)
        });
        assert!(r.is_err(), "{kind} {role:?} was stored");
    }
}

#[test]
fn who_can_help_lists_the_school_then_the_routes_then_the_young_peoples_contacts() {
    let c = WellbeingStore::open_in_memory().unwrap();
    let empty = c.who_can_help().unwrap();
    assert!(empty.none_entered.is_some());
    assert_eq!(
        empty.crisis[0].id, "emergency",
        "an adult's order on an adult's store"
    );
    c.add_school_contact(spa()).unwrap();
    c.add_school_contact(dsl()).unwrap();
    let w = c.who_can_help().unwrap();
    assert_eq!(w.none_entered, None);
    assert_eq!(w.school.len(), 1);
    assert_eq!(w.routes.len(), 1);
    let lead = w
        .text
        .find("Designated safeguarding lead · Ms Patel")
        .unwrap();
    let route = w.text.find("CAMHS single point of access").unwrap();
    let childline = w.text.find("Childline").unwrap();
    assert!(lead < route && route < w.text.find(&w.crisis_heading).unwrap());
    assert!(childline > route);
    // Each service with its hours: the Welsh-language line is not open day and night.
    for k in &w.crisis {
        assert!(
            w.text.contains(&format!("{} ({})", k.name, k.when)),
            "{} without its hours",
            k.name
        );
    }
    c.set_profile(Profile::YoungPerson {
        age_band: AgeBand::Under13,
    })
    .unwrap();
    assert_eq!(c.who_can_help().unwrap().crisis[0].id, "childline");
}

/// A tool walked to its end with the simplest answers.
fn walk(c: &WellbeingStore, tool: ToolId) -> crate::flow::FlowSummary {
    use crate::flow::{Answer, FlowProgress, InputKind};
    let mut p = c.start_flow(tool, None).unwrap();
    loop {
        match p {
            FlowProgress::Next { step } => {
                let a = match &step.input {
                    InputKind::Scale { min, .. } => Answer::Scale { value: *min },
                    InputKind::Choice { choices, .. } => Answer::Choices {
                        ids: vec![choices[0].id.clone()],
                    },
                    InputKind::Info => Answer::Continue,
                    _ if step.optional => Answer::Skip,
                    _ => Answer::Text {
                        text: "something".into(),
                    },
                };
                p = c.answer_flow(step.flow_id, a).unwrap();
            }
            FlowProgress::Complete { summary } => return summary,
        }
    }
}

#[test]
fn a_school_conversation_keeps_nothing_and_its_summary_ends_with_who_can_help() {
    // The staff member's own store is a file; the conversation is not.
    let dir = tempfile::tempdir().unwrap();
    let staff = WellbeingStore::open(dir.path().join("staff.db").display().to_string()).unwrap();
    staff.add_school_contact(dsl()).unwrap();
    staff.add_school_contact(spa()).unwrap();
    let talk = staff.school_conversation(AgeBand::From13To15).unwrap();
    assert_eq!(
        talk.profile().unwrap(),
        Profile::YoungPerson {
            age_band: AgeBand::From13To15
        }
    );
    assert_eq!(talk.database_path(), None, "in memory only");
    let s = walk(&talk, ToolId::Checkin);
    let labels: Vec<&str> = s.items.iter().map(|i| i.label.as_str()).collect();
    assert!(labels.contains(&"Who can help at school"), "{labels:?}");
    assert!(labels.contains(&"Where school can ask for more help"));
    assert!(s
        .text
        .contains("Ms Patel · 01632 960 123 · Room 4, every lunchtime"));
    // The handoff the pupil keeps carries them.
    let payload = talk.handoff_payload(s).unwrap();
    let own = WellbeingStore::open_in_memory().unwrap();
    let got = own.import_handoff(payload.text).unwrap();
    assert!(got.summary.text.contains("CAMHS single point of access"));
    // The staff member's own walk-throughs are untouched, and nothing came back to them.
    assert!(staff.list_drafts().unwrap().is_empty());
    assert_eq!(
        staff.today().unwrap().check_in,
        None,
        "the pupil's check-in is not here"
    );
    let mine = walk(&staff, ToolId::Checkin);
    assert!(!mine.text.contains("Ms Patel"));
    staff.discard_flow(mine.flow_id).unwrap();
    assert_eq!(staff.school_contacts().unwrap().len(), 2);
    // A plain conversation (no school contacts) is as before.
    let plain = WellbeingStore::open_in_memory().unwrap();
    assert!(!walk(&plain, ToolId::Checkin).text.contains("Who can help"));
}

#[test]
fn the_guide_covers_the_four_link_programme_themes_with_its_source() {
    let g = school_guide().unwrap();
    assert_eq!(g.source, "L1");
    assert!(g.source_text.contains("Link Programme"));
    let headings: Vec<&str> = g.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "Working together",
            "Common difficulties",
            "Referral routes",
            "Measuring wellbeing"
        ]
    );
    assert!(g.sections.iter().all(|s| !s.points.is_empty()));
    assert_eq!(g.kinds.len(), SchoolContactKind::ALL.len());
    assert!(g
        .conversation_banner
        .contains("nothing about the pupil is stored"));
    let all = serde_json::to_string(&g).unwrap().to_lowercase();
    for word in ["diagnosed with", "disorder", "patient"] {
        assert!(!all.contains(word), "{word}");
    }
}
