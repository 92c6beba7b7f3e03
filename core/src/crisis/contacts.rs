//! UK crisis contacts: content, not data. They are compiled into the library and need no
//! database, so "Help now" works even when the store cannot be opened (a corrupt file, a
//! newer schema, a full disk). Every number is checked in tests exactly as the research
//! notes give it (CONTENT.md section 3); each contact carries its source and the date it was
//! last checked. The PAPYRUS text number is deliberately not shipped: sources disagree.

use serde::{Deserialize, Serialize};

use crate::ids::{CrisisContactMethod, Profile};

use super::content::{content, Content};

/// One way to reach a service, ready for a button.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CrisisContactWay {
    pub how: CrisisContactMethod,
    /// The number or address exactly as people read it ("116 123", "jo@samaritans.org").
    pub value: String,
    /// The button text ("Call 111, then choose option 2").
    pub label: String,
    /// What to open: "tel:116123", "sms:85258", "mailto:…"; `None` for going in person.
    pub uri: Option<String>,
    /// For texts: what to send ("SHOUT"). Kept apart from `uri` because `sms:` body
    /// parameters differ between Android and iOS.
    pub sms_body: Option<String>,
    pub note: Option<String>,
}

/// A UK crisis or support service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CrisisContact {
    /// Stable id ("emergency", "samaritans", …).
    pub id: String,
    pub name: String,
    pub ways: Vec<CrisisContactWay>,
    /// When it is open ("24 hours a day, every day").
    pub when: String,
    pub who_for: String,
    /// Where it serves ("UK", "England").
    pub region: String,
    /// Source keys from the research notes ("X3").
    pub source: String,
    /// "YYYY-MM-DD": when the details were last checked.
    pub last_checked: String,
}

fn uri_for(how: CrisisContactMethod, value: &str) -> Option<String> {
    let digits: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    match how {
        CrisisContactMethod::Call => Some(format!("tel:{digits}")),
        CrisisContactMethod::Text => Some(format!("sms:{digits}")),
        CrisisContactMethod::Email => Some(format!("mailto:{}", value.trim())),
        CrisisContactMethod::Visit => None,
    }
}

fn way(
    how: CrisisContactMethod,
    value: &str,
    label: &str,
    sms_body: Option<&str>,
    note: Option<&str>,
) -> CrisisContactWay {
    CrisisContactWay {
        how,
        value: value.to_string(),
        label: label.to_string(),
        uri: uri_for(how, value),
        sms_body: sms_body.map(str::to_string),
        note: note.map(str::to_string),
    }
}

/// The two contacts that must show even if the content file could not be read. The test
/// `fallback_matches_content` keeps them identical to the content file.
pub(super) fn fallback_contacts() -> Vec<CrisisContact> {
    use CrisisContactMethod::*;
    vec![
        CrisisContact {
            id: "emergency".into(),
            name: "Emergency services".into(),
            ways: vec![
                way(Call, "999", "Call 999", None, None),
                way(
                    Visit,
                    "A&E",
                    "Go to A&E (Accident and Emergency)",
                    None,
                    None,
                ),
            ],
            when: "24 hours a day, every day".into(),
            who_for: "Anyone whose life is at risk now, or who has seriously hurt themselves"
                .into(),
            region: "UK".into(),
            source: "X1".into(),
            last_checked: "2026-11-22".into(),
        },
        CrisisContact {
            id: "samaritans".into(),
            name: "Samaritans".into(),
            ways: vec![
                way(
                    Call,
                    "116 123",
                    "Call 116 123",
                    None,
                    Some("Free from any phone, no credit needed"),
                ),
                way(
                    Email,
                    "jo@samaritans.org",
                    "Email jo@samaritans.org",
                    None,
                    Some("Replies can take a while: call if you need to talk now"),
                ),
            ],
            when: "24 hours a day, every day".into(),
            who_for: "Anyone who is struggling or needs to talk, whatever it is about".into(),
            region: "UK".into(),
            source: "X3".into(),
            last_checked: "2026-11-22".into(),
        },
    ]
}

fn contacts_from(c: &Content) -> Vec<CrisisContact> {
    c.contacts
        .iter()
        .map(|k| CrisisContact {
            id: k.id.clone(),
            name: k.name.clone(),
            ways: k
                .ways
                .iter()
                .map(|w| {
                    way(
                        w.how,
                        &w.value,
                        &w.label,
                        w.sms_body.as_deref(),
                        w.note.as_deref(),
                    )
                })
                .collect(),
            when: k.when.clone(),
            who_for: k.who_for.clone(),
            region: k.region.clone(),
            source: k.source.clone(),
            last_checked: k.last_checked.clone(),
        })
        .collect()
}

/// UK crisis contacts, most urgent first (999, then Samaritans). Needs no database and never
/// fails: if the content could not be read it still returns 999 and Samaritans.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn crisis_contacts() -> Vec<CrisisContact> {
    match content() {
        Ok(c) if !c.contacts.is_empty() => contacts_from(c),
        _ => fallback_contacts(),
    }
}

/// The crisis contacts in the order `profile` sees them. An adult sees [`crisis_contacts`]; a
/// young person sees the young people's services first (Childline, Shout, PAPYRUS, then 999
/// and NHS 111 option 2, as the content orders them), then every other contact as usual.
/// Never fails: with no readable content it is the fallback list, as for an adult.
pub(crate) fn crisis_contacts_for(profile: Profile) -> Vec<CrisisContact> {
    let all = crisis_contacts();
    if !profile.is_young_person() {
        return all;
    }
    let Ok(c) = content() else {
        return all;
    };
    let mut first: Vec<CrisisContact> = c
        .young_people
        .order
        .iter()
        .filter_map(|id| all.iter().find(|k| &k.id == id).cloned())
        .collect();
    let rest = all
        .into_iter()
        .filter(|k| !c.young_people.order.contains(&k.id));
    first.extend(rest);
    first
}
