use super::*;
use crate::crisis::{
    content::content, crisis_contacts, crisis_contacts_for, notice_for, Audience, SafetyFlag,
};
use crate::ids::{SafetyFlagCode, ToolId};

const TEEN: Profile = Profile::YoungPerson {
    age_band: AgeBand::From13To15,
};

fn ids(contacts: &[crate::crisis::CrisisContact]) -> Vec<&str> {
    contacts.iter().map(|c| c.id.as_str()).collect()
}

fn flag(urgent: bool) -> SafetyFlag {
    SafetyFlag {
        code: if urgent {
            SafetyFlagCode::Phq9Item9
        } else {
            SafetyFlagCode::ScalingLowest
        },
        title: "t".into(),
        detail: "d".into(),
        show_help_now: urgent,
    }
}

#[test]
fn a_new_store_is_an_adults_and_the_profile_round_trips() {
    let c = WellbeingStore::open_in_memory().unwrap();
    assert_eq!(c.profile().unwrap(), Profile::Adult);
    for p in [
        Profile::YoungPerson {
            age_band: AgeBand::Under13,
        },
        TEEN,
        Profile::YoungPerson {
            age_band: AgeBand::From16To17,
        },
        Profile::Adult,
    ] {
        assert_eq!(c.set_profile(p).unwrap(), p);
        assert_eq!(c.profile().unwrap(), p);
    }
}

#[test]
fn the_profile_is_kept_in_the_file_and_in_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db").display().to_string();
    let c = WellbeingStore::open(path.clone()).unwrap();
    c.set_profile(TEEN).unwrap();
    let backup = c.export_backup().unwrap();
    drop(c);
    assert_eq!(WellbeingStore::open(path).unwrap().profile().unwrap(), TEEN);
    let fresh = WellbeingStore::open_in_memory().unwrap();
    fresh.import_backup(backup).unwrap();
    assert_eq!(fresh.profile().unwrap(), TEEN);
}

#[test]
fn a_stored_profile_that_breaks_the_rules_is_refused_by_the_table() {
    let c = WellbeingStore::open_in_memory().unwrap();
    for (kind, band) in [
        ("adult", Some("13-15")),
        ("young-person", None),
        ("child", None),
    ] {
        let r = c.read(|conn| {
            Ok(conn.execute(
                "INSERT INTO profile_settings (id, kind, age_band, updated_utc_ms) \
                 VALUES (1, ?1, ?2, 0)",
                params![kind, band],
            )?)
        });
        assert!(r.is_err(), "{kind} {band:?} was stored");
    }
}

#[test]
fn an_adult_sees_the_usual_order_and_a_young_person_their_services_first() {
    let adult = crisis_contacts_for(Profile::Adult);
    assert_eq!(adult, crisis_contacts());
    assert_eq!(&ids(&adult)[..2], ["emergency", "samaritans"]);
    for p in [
        Profile::YoungPerson {
            age_band: AgeBand::Under13,
        },
        TEEN,
        Profile::YoungPerson {
            age_band: AgeBand::From16To17,
        },
    ] {
        let young = crisis_contacts_for(p);
        assert_eq!(
            &ids(&young)[..5],
            [
                "childline",
                "shout",
                "papyrus",
                "emergency",
                "nhs-111-mental-health"
            ]
        );
        // No contact is lost or doubled: the others follow.
        let mut a = ids(&adult);
        let mut y = ids(&young);
        a.sort();
        y.sort();
        assert_eq!(a, y);
        assert_eq!(young[1].ways[0].sms_body.as_deref(), Some("SHOUT"));
        assert_eq!(young[1].ways[0].value, "85258");
        assert_eq!(young[0].ways[0].value, "0800 1111");
        assert_eq!(young[2].ways[0].value, "0800 068 4141");
        assert!(young[4].ways[0].label.contains("option 2"));
    }
}

#[test]
fn help_now_follows_the_profile_and_the_free_function_stays_adult() {
    let c = WellbeingStore::open_in_memory().unwrap();
    assert_eq!(
        &ids(&c.help_now().unwrap().contacts)[..2],
        ["emergency", "samaritans"]
    );
    c.set_profile(TEEN).unwrap();
    assert_eq!(
        &ids(&c.help_now().unwrap().contacts)[..3],
        ["childline", "shout", "papyrus"]
    );
    assert_eq!(&ids(&crisis_contacts())[..2], ["emergency", "samaritans"]);
    assert_eq!(
        &ids(&c.crisis_contacts())[..2],
        ["emergency", "samaritans"],
        "crisis_contacts() keeps the adult order"
    );
}

#[test]
fn only_a_young_persons_notice_tells_them_to_tell_a_trusted_adult() {
    let line = &content().unwrap().young_people.trusted_adult;
    for s in ["parent", "carer", "teacher", "school nurse"] {
        assert!(line.contains(s), "{s}");
    }
    for urgent in [true, false] {
        for audience in [Audience::Person, Audience::Staff] {
            let adult = notice_for(&[flag(urgent)], audience, Profile::Adult).unwrap();
            assert!(!adult.detail.contains(line.as_str()));
            assert_eq!(&ids(&adult.contacts)[..2], ["emergency", "samaritans"]);
            let young = notice_for(&[flag(urgent)], audience, TEEN).unwrap();
            assert!(young.detail.ends_with(line.as_str()), "{}", young.detail);
            assert!(young.detail.starts_with(adult.detail.as_str()));
            assert_eq!(ids(&young.contacts)[0], "childline");
            assert_eq!(young.staff_guidance, adult.staff_guidance);
        }
    }
    assert_eq!(notice_for(&[], Audience::Person, TEEN), None);
}

#[test]
fn every_young_persons_contact_has_a_known_source_and_a_checked_date() {
    let c = content().unwrap();
    assert!(c.young_people.order.len() >= 5);
    assert!(!c.young_people.not_listed.is_empty());
    for key in c.young_people.source.split("; ") {
        assert!(c.sources.contains_key(key), "unknown source {key}");
    }
    let all = crisis_contacts_for(TEEN);
    for id in &c.young_people.order {
        let k = all
            .iter()
            .find(|k| &k.id == id)
            .unwrap_or_else(|| panic!("{id}: in the order but not a contact"));
        assert!(!k.source.is_empty(), "{id}");
        for key in k.source.split("; ") {
            assert!(c.sources.contains_key(key), "{id}: unknown source {key}");
        }
        assert!(
            crate::clock::parse_date("last_checked", &k.last_checked).is_ok(),
            "{id}"
        );
    }
    // No number the research notes do not give with a source.
    let raw = include_str!("../../content/en-GB/safety.json");
    assert!(
        !raw.contains("0808 802 5544"),
        "YoungMinds needs a source first"
    );
}

#[test]
fn every_tool_has_its_young_persons_title_and_summary() {
    let c = young_people_content().unwrap();
    let adult = crate::registry::all_tools();
    for t in &adult {
        let w = c
            .tools
            .get(t.id.as_str())
            .unwrap_or_else(|| panic!("{}: no young person's wording", t.id));
        assert!(!w.title.trim().is_empty(), "{}", t.id);
        assert!(!w.summary.trim().is_empty(), "{}", t.id);
    }
    for id in c.tools.keys() {
        assert!(ToolId::parse(id).is_some(), "{id} is no tool");
    }
    assert_eq!(c.tools.len(), ToolId::ALL.len());
}

#[test]
fn a_young_persons_menu_uses_their_wording_and_the_same_tools() {
    let s = WellbeingStore::open_in_memory().unwrap();
    let adult = s.list_tools();
    s.set_profile(TEEN).unwrap();
    let young = s.list_tools();
    let c = young_people_content().unwrap();
    // The same tools in the same order, less the measures a 13 to 15-year-old is not offered.
    let kept: Vec<_> = adult
        .iter()
        .filter(|t| t.id.measure().map_or(true, |m| offers_measure(TEEN, m)))
        .cloned()
        .collect();
    assert_eq!(
        adult.len() - kept.len(),
        3,
        "PHQ-9, GAD-7 and ONS4 left out"
    );
    assert_eq!(kept.len(), young.len());
    for (a, y) in kept.iter().zip(&young) {
        assert_eq!(
            (a.id, a.group, a.needs_subject),
            (y.id, y.group, y.needs_subject)
        );
        assert_eq!(y.title, c.tools[a.id.as_str()].title);
        assert_eq!(y.summary, c.tools[a.id.as_str()].summary);
    }
    let checkin = young.iter().find(|t| t.id == ToolId::FiveAreas).unwrap();
    let home = s.home().unwrap();
    assert!(
        home.sections
            .iter()
            .flat_map(|sec| &sec.entries)
            .any(|e| e.label == checkin.title),
        "the home menu shows the young person's title"
    );
    s.set_profile(Profile::Adult).unwrap();
    assert_eq!(s.list_tools(), adult);
}

#[test]
fn the_young_peoples_wording_uses_no_diagnostic_language() {
    let mut all = vec![content().unwrap().young_people.trusted_adult.clone()];
    for w in young_people_content().unwrap().tools.values() {
        all.push(w.title.clone());
        all.push(w.summary.clone());
    }
    for steps in young_people_content().unwrap().steps.values() {
        for w in steps.values() {
            all.extend(w.prompt.clone());
            all.extend(w.help.clone());
        }
    }
    all.extend(
        young_people_content()
            .unwrap()
            .measures
            .why
            .values()
            .cloned(),
    );
    for text in all {
        let lower = text.to_lowercase();
        for word in [
            "diagnos",
            "disorder",
            "depression",
            "symptom",
            "illness",
            "patient",
        ] {
            assert!(!lower.contains(word), "{text}");
        }
    }
}

#[test]
fn help_now_without_a_store_reads_the_profile_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db").display().to_string();
    let first = |p: &str| {
        crate::safety::help_now_without_store(Some(p.to_string())).contacts[0]
            .id
            .clone()
    };
    let c = WellbeingStore::open(path.clone()).unwrap();
    assert_eq!(first(&path), "emergency");
    c.set_profile(TEEN).unwrap();
    assert_eq!(first(&path), "childline");
    drop(c);
    assert_eq!(first(&path), "childline");
    assert_eq!(
        crate::safety::help_now_without_store(None).contacts[0].id,
        "emergency"
    );
}

#[test]
fn a_flow_summarys_safety_notice_follows_the_profile() {
    use crate::flow::{Answer, FlowProgress, InputKind};
    let summary_notice = |profile: Profile| {
        let c = WellbeingStore::open_in_memory().unwrap();
        c.set_profile(profile).unwrap();
        let mut p = c.start_flow(ToolId::Phq9, None).unwrap();
        loop {
            match p {
                FlowProgress::Next { step } => {
                    let a = match &step.input {
                        InputKind::Scale { min, .. } => Answer::Scale { value: min + 1 },
                        InputKind::Choice { choices, .. } => Answer::Choices {
                            ids: vec![choices[1].id.clone()],
                        },
                        _ => Answer::Continue,
                    };
                    p = c.answer_flow(step.flow_id, a).unwrap();
                }
                FlowProgress::Complete { summary } => {
                    return summary.safety.expect("item 9 above 0 raises the notice")
                }
            }
        }
    };
    let adult = summary_notice(Profile::Adult);
    assert_eq!(ids(&adult.contacts)[0], "emergency");
    let young = summary_notice(TEEN);
    assert_eq!(ids(&young.contacts)[0], "childline");
    assert!(young
        .detail
        .ends_with(content().unwrap().young_people.trusted_adult.as_str()));
}

#[test]
fn the_measures_offered_to_each_age_band_are_known_measures_with_a_reason_and_a_source() {
    let m = &young_people_content().unwrap().measures;
    let sources = &young_people_content().unwrap().sources;
    for band in AgeBand::ALL {
        let ids = m
            .offered
            .get(band.as_str())
            .unwrap_or_else(|| panic!("{band}: no list"));
        for id in ids {
            assert!(MeasureId::parse(id).is_some(), "{band}: {id} is no measure");
        }
    }
    assert_eq!(m.offered.len(), AgeBand::ALL.len());
    for id in MeasureId::ALL {
        assert!(m.why.contains_key(id.as_str()), "{id}: no reason given");
    }
    for key in m.source.split("; ") {
        assert!(sources.contains_key(key), "unknown source {key}");
    }
    // SWEMWBS is for 13 and above (Y1): never offered under 13.
    assert!(sources["Y1"].contains("13 years and above"));
    assert!(!offers_measure(
        Profile::YoungPerson {
            age_band: AgeBand::Under13
        },
        MeasureId::Swemwbs
    ));
    for id in MeasureId::ALL {
        assert!(
            offers_measure(Profile::Adult, *id),
            "an adult is offered {id}"
        );
    }
}

#[test]
fn step_keys_drop_a_trailing_number_only() {
    for (id, key) in [
        ("kind-2", "kind"),
        ("ring-p1", "ring"),
        ("feel-n12", "feel"),
        ("intensity-1", "intensity"),
        ("support-from", "support-from"),
        ("review-on", "review-on"),
        ("value", "value"),
        ("item-p", "item-p"),
    ] {
        assert_eq!(step_key(id), key, "{id}");
    }
}

#[test]
fn every_step_of_every_tool_has_young_peoples_wording_and_the_measures_keep_theirs() {
    let c = young_people_content().unwrap();
    // Every tool but the measures has wording for its steps; the measures have none.
    for tool in ToolId::ALL {
        assert_eq!(
            c.steps.contains_key(tool.as_str()),
            tool.measure().is_none(),
            "{tool}"
        );
    }
    for (tool, steps) in &c.steps {
        assert!(ToolId::parse(tool).is_some(), "{tool} is no tool");
        for (key, w) in steps {
            let given = w.prompt.is_some() || w.help.is_some();
            assert!(
                given != w.keep.is_some(),
                "{tool}/{key}: wording or a reason to keep the adult's, not both"
            );
        }
    }
    let young = tests_walk::every_step(TEEN);
    let adult = tests_walk::every_step(Profile::Adult);
    assert_eq!(
        young.len(),
        adult.len(),
        "the same steps, only the words change"
    );
    let mut met = std::collections::BTreeSet::new();
    for (y, a) in young.iter().zip(&adult) {
        assert_eq!(
            (y.tool, &y.step_id, &y.input),
            (a.tool, &a.step_id, &a.input)
        );
        if y.tool.measure().is_some() {
            assert_eq!(
                (&y.prompt, &y.help),
                (&a.prompt, &a.help),
                "{}: published wording",
                y.step_id
            );
            continue;
        }
        let key = step_key(&y.step_id);
        let w = c.steps[y.tool.as_str()]
            .get(key)
            .unwrap_or_else(|| panic!("{}/{}: no young people's wording", y.tool, y.step_id));
        met.insert((y.tool.as_str(), key));
        assert_eq!(
            &y.prompt,
            w.prompt.as_ref().unwrap_or(&a.prompt),
            "{}/{key}",
            y.tool
        );
        assert_eq!(
            y.help.as_ref(),
            w.help.as_ref().or(a.help.as_ref()),
            "{}/{key}",
            y.tool
        );
        assert!(
            y.accessibility_label.contains(&y.prompt),
            "{}/{key}: the screen reader hears the young prompt",
            y.tool
        );
        assert_eq!(y.title, c.tools[y.tool.as_str()].title);
    }
    // Every wording is met by a real step (none left over from a renamed step), except the
    // review of a My connections plan, which the walk does not reach.
    for (tool, steps) in &c.steps {
        for key in steps.keys() {
            assert!(
                met.contains(&(tool.as_str(), key.as_str())) || tool == "connections-review",
                "{tool}/{key}: no such step"
            );
        }
    }
    assert!(met.len() > 80, "{}", met.len());
}

#[test]
fn a_young_persons_summary_is_titled_in_their_words() {
    let s = WellbeingStore::open_in_memory().unwrap();
    s.set_profile(TEEN).unwrap();
    let mut p = s.start_flow(ToolId::Checkin, None).unwrap();
    loop {
        match p {
            FlowProgress::Next { step } => {
                let a = match step.input {
                    crate::flow::InputKind::Scale { min, .. } => {
                        crate::flow::Answer::Scale { value: min + 4 }
                    }
                    _ => crate::flow::Answer::Skip,
                };
                p = s.answer_flow(step.flow_id, a).unwrap();
            }
            FlowProgress::Complete { summary } => {
                assert_eq!(summary.title, "How am I today?");
                assert!(
                    summary.text.starts_with("How am I today?\n"),
                    "{}",
                    summary.text
                );
                break;
            }
        }
    }
}
