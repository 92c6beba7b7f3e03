use super::contacts::fallback_contacts;
use super::content::content;
use super::*;
use crate::ids::CrisisContactMethod;

fn contact<'a>(all: &'a [CrisisContact], id: &str) -> &'a CrisisContact {
    all.iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("{id} missing"))
}

fn ways(c: &CrisisContact) -> Vec<(CrisisContactMethod, &str, Option<&str>)> {
    c.ways
        .iter()
        .map(|w| (w.how, w.value.as_str(), w.uri.as_deref()))
        .collect()
}

use CrisisContactMethod::*;

#[test]
fn crisis_numbers_are_exactly_as_researched() {
    let all = crisis_contacts();
    assert_eq!(
        all.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        [
            "emergency",
            "samaritans",
            "samaritans-welsh",
            "nhs-111-mental-health",
            "shout",
            "childline",
            "papyrus"
        ]
    );
    assert_eq!(
        ways(contact(&all, "emergency")),
        [(Call, "999", Some("tel:999")), (Visit, "A&E", None)]
    );
    let nhs = contact(&all, "nhs-111-mental-health");
    assert_eq!(ways(nhs), [(Call, "111", Some("tel:111"))]);
    assert!(nhs.ways[0].label.contains("option 2"));
    assert_eq!(nhs.region, "England");
    assert_eq!(
        ways(contact(&all, "samaritans")),
        [
            (Call, "116 123", Some("tel:116123")),
            (Email, "jo@samaritans.org", Some("mailto:jo@samaritans.org"))
        ]
    );
    assert_eq!(
        ways(contact(&all, "samaritans-welsh")),
        [(Call, "0808 164 0123", Some("tel:08081640123"))]
    );
    let shout = contact(&all, "shout");
    assert_eq!(ways(shout), [(Text, "85258", Some("sms:85258"))]);
    assert_eq!(shout.ways[0].sms_body.as_deref(), Some("SHOUT"));
    assert_eq!(
        ways(contact(&all, "childline")),
        [(Call, "0800 1111", Some("tel:08001111"))]
    );
    assert_eq!(
        ways(contact(&all, "papyrus")),
        [
            (Call, "0800 068 4141", Some("tel:08000684141")),
            (
                Email,
                "pat@papyrus-uk.org",
                Some("mailto:pat@papyrus-uk.org")
            )
        ]
    );
    for c in &all {
        assert!(
            c.when.contains("24 hours") || c.id == "samaritans-welsh",
            "{}",
            c.id
        );
    }
    assert!(contact(&all, "childline").who_for.contains("under 19"));
    assert!(contact(&all, "papyrus").who_for.contains("under 35"));
}

#[test]
fn papyrus_text_number_is_not_shipped() {
    let raw = include_str!("../../content/en-GB/safety.json");
    for unverified in ["07860 039967", "07786 209697", "07860039967", "07786209697"] {
        assert!(!raw.contains(unverified), "{unverified} must not ship");
    }
    let c = content().unwrap();
    assert!(c
        .excluded
        .iter()
        .any(|e| e.id == "papyrus-text" && !e.reason.is_empty()));
    let papyrus = contact(&crisis_contacts(), "papyrus").clone();
    assert!(papyrus.ways.iter().all(|w| w.how != Text));
}

#[test]
fn every_contact_has_source_date_and_wording() {
    let c = content().unwrap();
    for k in crisis_contacts() {
        assert!(!k.source.is_empty(), "{}", k.id);
        for key in k.source.split("; ") {
            assert!(
                c.sources.contains_key(key),
                "{}: unknown source {key}",
                k.id
            );
        }
        assert!(
            crate::clock::parse_date("last_checked", &k.last_checked).is_ok(),
            "{}",
            k.id
        );
        for f in [&k.name, &k.when, &k.who_for, &k.region] {
            assert!(!f.trim().is_empty(), "{}", k.id);
        }
        assert!(!k.ways.is_empty());
        for w in &k.ways {
            assert!(
                w.label.contains(&w.value),
                "{}: label names the number",
                k.id
            );
        }
    }
}

#[test]
fn fallback_matches_content() {
    let all = crisis_contacts();
    let fb = fallback_contacts();
    assert_eq!(&all[..2], &fb[..]);
    assert_eq!(fb[0].id, "emergency");
    assert_eq!(fb[1].id, "samaritans");
}
