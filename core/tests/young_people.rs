//! A young person's profile, end to end through the public API: every safety notice a young
//! person can meet — a measure result as taken, as read back, in its history, a summary
//! handed over from a conversation — puts the young people's services first, keeps every
//! other contact, and says to tell a trusted adult. An adult's stays as it was.

use companion_core::{
    AgeBand, Answer, FlowProgress, FlowSummary, InputKind, MeasureId, MeasureInput, Profile,
    SafetyFlagCode, SafetyNotice, ToolId, WellbeingStore,
};

/// Tuesday 17 November 2026, 09:00 UTC.
const T0: i64 = 1_795_424_400_000;

const YOUNG_FIRST: [&str; 5] = [
    "childline",
    "shout",
    "papyrus",
    "emergency",
    "nhs-111-mental-health",
];

const BANDS: [AgeBand; 3] = [AgeBand::Under13, AgeBand::From13To15, AgeBand::From16To17];

fn store(profile: Profile) -> std::sync::Arc<WellbeingStore> {
    let c = WellbeingStore::open_in_memory().unwrap();
    c.set_fixed_time(T0, 0).unwrap();
    c.set_profile(profile).unwrap();
    c
}

fn ids(n: &SafetyNotice) -> Vec<&str> {
    n.contacts.iter().map(|c| c.id.as_str()).collect()
}

fn sorted(mut v: Vec<&str>) -> Vec<&str> {
    v.sort_unstable();
    v
}

/// PHQ-9 with item 9 answered 1 ("several days") and every other item 0: the total is 1,
/// the lowest band, and the flag must still be raised.
fn phq9_item9() -> MeasureInput {
    MeasureInput {
        measure: MeasureId::Phq9,
        answers: vec![0, 0, 0, 0, 0, 0, 0, 0, 1],
        date: None,
        time: None,
    }
}

/// The notice an adult sees for the same flag: the baseline every young person's is
/// compared with.
fn adults_notice() -> SafetyNotice {
    store(Profile::Adult)
        .take_measure(phq9_item9())
        .unwrap()
        .safety
        .unwrap()
}

/// What a young person's notice must be, whatever screen it is on: urgent, the young
/// people's services first in their order, no contact lost or doubled, the adult's wording
/// kept with the trusted-adult line after it.
fn assert_young(n: &SafetyNotice, adult: &SafetyNotice, what: &str) {
    assert!(n.urgent, "{what}: item 9 is urgent");
    assert_eq!(n.flags[0].code, SafetyFlagCode::Phq9Item9, "{what}");
    assert_eq!(&ids(n)[..5], YOUNG_FIRST, "{what}");
    assert_eq!(sorted(ids(n)), sorted(ids(adult)), "{what}: none lost");
    assert_eq!(n.contacts.len(), adult.contacts.len(), "{what}");
    let extra = n
        .detail
        .strip_prefix(adult.detail.as_str())
        .unwrap_or_else(|| panic!("{what}: the adult's wording is kept: {}", n.detail));
    let extra = extra.to_lowercase();
    assert!(
        extra.contains("adult you trust") && extra.contains("teacher"),
        "{what}: {extra}"
    );
    let values: Vec<&str> = n
        .contacts
        .iter()
        .flat_map(|c| c.ways.iter().map(|w| w.value.as_str()))
        .collect();
    for number in ["0800 1111", "85258", "0800 068 4141", "999", "116 123"] {
        assert!(values.contains(&number), "{what}: {number}");
    }
}

#[test]
fn an_adults_item9_notice_keeps_the_adult_order_and_no_trusted_adult_line() {
    let n = adults_notice();
    assert!(n.urgent);
    assert_eq!(&ids(&n)[..2], ["emergency", "samaritans"]);
    assert!(!n.detail.to_lowercase().contains("adult you trust"));
}

#[test]
fn a_young_persons_item9_result_puts_their_services_first_as_taken_read_and_listed() {
    let adult = adults_notice();
    for age_band in BANDS {
        let c = store(Profile::YoungPerson { age_band });
        let r = c.take_measure(phq9_item9()).unwrap();
        assert_eq!(r.total, Some(1), "the flag does not depend on the total");
        let what = format!("{age_band:?}");
        assert_young(r.safety.as_ref().unwrap(), &adult, &format!("{what} taken"));
        let again = c.measure_result(r.id.clone()).unwrap();
        assert_young(
            again.safety.as_ref().unwrap(),
            &adult,
            &format!("{what} read"),
        );
        let page = c.measure_history(MeasureId::Phq9, 0, 10).unwrap();
        assert_young(
            page.results[0].safety.as_ref().unwrap(),
            &adult,
            &format!("{what} history"),
        );
        // PHQ-9 is not offered to a young person (their menus leave it out), but one taken
        // is scored and flagged exactly as an adult's, and the flag reaches the home screen.
        let overview = c.measures_overview().unwrap();
        assert!(overview.iter().all(|s| s.measure != MeasureId::Phq9));
        let today = c.today().unwrap();
        assert_young(
            today.safety.as_ref().unwrap(),
            &adult,
            &format!("{what} today"),
        );
        let home = c.home().unwrap();
        assert_young(
            home.safety.as_ref().unwrap(),
            &adult,
            &format!("{what} home"),
        );
    }
}

#[test]
fn a_result_stored_as_an_adult_is_read_back_in_the_profile_of_today() {
    // The notice is view, not record: a store set to a young person later shows it the new way.
    let c = store(Profile::Adult);
    let r = c.take_measure(phq9_item9()).unwrap();
    assert_eq!(ids(r.safety.as_ref().unwrap())[0], "emergency");
    c.set_profile(Profile::YoungPerson {
        age_band: AgeBand::From16To17,
    })
    .unwrap();
    let again = c.measure_result(r.id).unwrap();
    assert_young(
        again.safety.as_ref().unwrap(),
        &adults_notice(),
        "read later",
    );
}

#[test]
fn no_flag_no_notice_for_a_young_person_either() {
    let c = store(Profile::YoungPerson {
        age_band: AgeBand::From13To15,
    });
    let mut input = phq9_item9();
    input.answers = vec![3, 3, 3, 3, 3, 3, 3, 3, 0];
    let r = c.take_measure(input).unwrap();
    assert_eq!(r.total, Some(24));
    assert_eq!(
        r.safety, None,
        "item 9 at 0 raises no flag, whatever the total"
    );
}

/// A PHQ-9 walked in conversation mode with item 9 answered above 0, the others at 0.
fn talked_phq9(c: &WellbeingStore) -> FlowSummary {
    let mut p = c.start_flow(ToolId::Phq9, None).unwrap();
    loop {
        match p {
            FlowProgress::Next { step } => {
                let last = step.step_id.contains('9');
                let a = match &step.input {
                    InputKind::Scale { min, .. } => Answer::Scale {
                        value: if last { min + 1 } else { *min },
                    },
                    InputKind::Choice { choices, .. } => Answer::Choices {
                        ids: vec![choices[usize::from(last)].id.clone()],
                    },
                    _ => Answer::Continue,
                };
                p = c.answer_flow(step.flow_id, a).unwrap();
            }
            FlowProgress::Complete { summary } => return summary,
        }
    }
}

#[test]
fn a_young_persons_conversation_summary_and_its_handoff_put_their_services_first() {
    let adult = adults_notice();
    // The staff device: a conversation with a young person.
    let staff = store(Profile::YoungPerson {
        age_band: AgeBand::From13To15,
    });
    let summary = talked_phq9(&staff);
    let n = summary.safety.clone().expect("item 9 above 0");
    assert_young(&n, &adult, "conversation summary");
    assert!(n.staff_guidance.is_some(), "the staff member is guided");
    let payload = staff.handoff_payload(summary).unwrap();

    // The young person's own device.
    let own = store(Profile::YoungPerson {
        age_band: AgeBand::From13To15,
    });
    let got = own.import_handoff(payload.text.clone()).unwrap();
    let n = got.summary.safety.as_ref().expect("the flag travels");
    assert_young(n, &adult, "received");
    assert_eq!(
        n.staff_guidance, None,
        "the person's own device has no staff guidance"
    );
    let listed = own.list_received_handoffs().unwrap();
    assert_young(listed[0].summary.safety.as_ref().unwrap(), &adult, "listed");
    let again = own.import_handoff(payload.text.clone()).unwrap();
    assert!(again.already_had);
    assert_young(
        again.summary.safety.as_ref().unwrap(),
        &adult,
        "imported again",
    );

    // An adult's device receiving the same summary keeps the adult order.
    let grown = store(Profile::Adult);
    let got = grown.import_handoff(payload.text).unwrap();
    assert_eq!(
        &ids(got.summary.safety.as_ref().unwrap())[..2],
        ["emergency", "samaritans"]
    );
}

/// The measure ids `c` offers on each of its screens, checked to agree.
fn offered(c: &WellbeingStore) -> Vec<&'static str> {
    let listed: Vec<&str> = c
        .list_measures()
        .unwrap()
        .iter()
        .map(|m| m.id.as_str())
        .collect();
    let overview: Vec<&str> = c
        .measures_overview()
        .unwrap()
        .iter()
        .map(|s| s.measure.as_str())
        .collect();
    assert_eq!(
        listed, overview,
        "the measures screen and its overview agree"
    );
    let tools: Vec<&str> = c
        .list_tools()
        .iter()
        .filter_map(|t| t.id.measure())
        .map(MeasureId::as_str)
        .collect();
    assert_eq!(listed, tools, "the tool menu offers the same measures");
    let due: Vec<String> = c
        .home()
        .unwrap()
        .sections
        .iter()
        .flat_map(|s| &s.entries)
        .filter_map(|e| match &e.action {
            companion_core::NavAction::StartTool { tool, .. } => tool.measure(),
            _ => None,
        })
        .map(|m| m.as_str().to_string())
        .collect();
    for m in MeasureId::ALL {
        let on_home = due.iter().any(|d| d == m.as_str());
        assert_eq!(
            on_home,
            listed.contains(&m.as_str()),
            "{m} on the home screen"
        );
    }
    listed
}

#[test]
fn each_age_band_is_offered_only_the_measures_validated_for_it() {
    assert_eq!(
        offered(&store(Profile::Adult)),
        ["phq9", "gad7", "ons4", "swemwbs"]
    );
    let band = |age_band| offered(&store(Profile::YoungPerson { age_band }));
    // SWEMWBS is for ages 13 and above; the four ONS questions are asked from 16.
    assert_eq!(band(AgeBand::Under13), Vec::<&str>::new());
    assert_eq!(band(AgeBand::From13To15), ["swemwbs"]);
    assert_eq!(band(AgeBand::From16To17), ["ons4", "swemwbs"]);
}

#[test]
fn a_measure_not_offered_is_still_scored_the_adult_way_and_due_again_when_the_profile_changes() {
    let c = store(Profile::YoungPerson {
        age_band: AgeBand::From13To15,
    });
    let r = c.take_measure(MeasureInput {
        measure: MeasureId::Gad7,
        answers: vec![1, 1, 1, 1, 1, 1, 2],
        date: None,
        time: None,
    });
    let r = r.unwrap();
    assert_eq!(r.total, Some(8));
    assert_eq!(r.band.as_deref(), Some("mild"));
    assert_eq!(
        c.measure_history(MeasureId::Gad7, 0, 5)
            .unwrap()
            .total_count,
        1
    );
    c.set_profile(Profile::Adult).unwrap();
    assert_eq!(offered(&c).len(), 4);
}
