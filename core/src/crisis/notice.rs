//! The safety notice: what a shell draws *first* on any view or summary that carries a safety
//! flag (PHQ-9 item 9 above 0, the lowest check-in, a handed-over summary carrying one).
//!
//! The rule "support before scores" lives here once, so no shell re-codes it: the notice holds
//! the flags, a heading and a line of wording, the crisis contacts themselves (not a pointer to
//! another screen: on a small terminal or a phone the person must not have to scroll or tap to
//! find 999 or 116 123), and in conversation mode what the staff member with the person should
//! do next. Like Help now it never fails: if the content file were broken the notice is still
//! built, in plain words, with the fallback contacts.

use serde::{Deserialize, Serialize};

use super::contacts::{crisis_contacts_for, CrisisContact};
use super::content::content;
use crate::ids::{Profile, SafetyFlagCode};

/// Something a shell must show before anything else (support options first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SafetyFlag {
    /// Why it was raised.
    pub code: SafetyFlagCode,
    pub title: String,
    pub detail: String,
    /// True when the shell should open "Help now" (crisis contacts) straight away.
    pub show_help_now: bool,
}

/// Who is looking at the screen when the notice is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Audience {
    /// The person, on their own device.
    Person,
    /// A staff member walking the person through a tool in conversation mode.
    Staff,
}

crate::content::words_record! {
    /// What a staff member does next, shown in conversation mode only.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
    #[cfg_attr(feature = "ffi", derive(uniffi::Record))]
    pub struct StaffGuidance {
        pub heading: String,
        /// In order, one sentence or two each.
        pub steps: Vec<String>,
        /// Source keys from the research notes.
        pub source: String,
    }
}

/// Support first: shells draw this before anything else on the screen and keep it there until
/// the person moves on (`acknowledge_label` is the button or key that does that).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SafetyNotice {
    /// True when a flag asks for Help now straight away (PHQ-9 item 9): draw it as urgent.
    /// False for the gentle kind (the lowest check-in): offered, not pressed on the person.
    pub urgent: bool,
    pub heading: String,
    pub detail: String,
    /// Why it is shown, one per kind, most urgent first.
    pub flags: Vec<SafetyFlag>,
    /// The crisis contacts, most urgent first, as Help now lists them.
    pub contacts: Vec<CrisisContact>,
    /// Conversation mode only: what the staff member with the person should do now.
    pub staff_guidance: Option<StaffGuidance>,
    /// "I have read this, carry on".
    pub acknowledge_label: String,
}

/// The notice for `flags`, or `None` when there are none. Flags of the same kind are shown
/// once (the first given wins), urgent kinds before gentle ones. An adult's: every notice
/// built for a screen goes through [`notice_for`] with the store's profile.
#[cfg(test)]
pub(crate) fn notice(flags: &[SafetyFlag], audience: Audience) -> Option<SafetyNotice> {
    notice_for(flags, audience, Profile::Adult)
}

/// The notice for `flags` as `profile` sees it: a young person's lists their services first
/// and adds one line about telling a trusted adult. The same notice otherwise.
pub(crate) fn notice_for(
    flags: &[SafetyFlag],
    audience: Audience,
    profile: Profile,
) -> Option<SafetyNotice> {
    let mut kept: Vec<SafetyFlag> = vec![];
    for f in flags {
        if !kept.iter().any(|k| k.code == f.code) {
            kept.push(f.clone());
        }
    }
    if kept.is_empty() {
        return None;
    }
    // Stable: within each kind of urgency the order given is kept.
    kept.sort_by_key(|f| !f.show_help_now);
    let urgent = kept.iter().any(|f| f.show_help_now);
    let contacts = crisis_contacts_for(profile);
    let Ok(c) = content() else {
        // Only if the content file were broken: plain words, so the notice still works.
        return Some(SafetyNotice {
            urgent,
            heading: "Support comes first".to_string(),
            detail: "If your life is in danger now, call 999 or go to A&E.".to_string(),
            flags: kept,
            contacts,
            staff_guidance: None,
            acknowledge_label: "Carry on".to_string(),
        });
    };
    let t = &c.notice;
    let (heading, detail) = if urgent {
        (&t.heading_urgent, &t.detail_urgent)
    } else {
        (&t.heading_gentle, &t.detail_gentle)
    };
    // Staff guidance is for the flags that call for follow-up today, not for a low check-in.
    let staff_guidance = (audience == Audience::Staff && urgent).then(|| StaffGuidance {
        heading: t.staff.heading.clone(),
        steps: t.staff.steps.clone(),
        source: t.staff.source.clone(),
    });
    let detail = if profile.is_young_person() {
        format!("{detail} {}", c.young_people.trusted_adult)
    } else {
        detail.clone()
    };
    Some(SafetyNotice {
        urgent,
        heading: heading.clone(),
        detail,
        flags: kept,
        contacts,
        staff_guidance,
        acknowledge_label: t.acknowledge.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flag(code: SafetyFlagCode, urgent: bool) -> SafetyFlag {
        SafetyFlag {
            code,
            title: format!("title {}", code.as_str()),
            detail: "detail".to_string(),
            show_help_now: urgent,
        }
    }

    #[test]
    fn no_flags_no_notice() {
        assert_eq!(notice(&[], Audience::Person), None);
        assert_eq!(notice(&[], Audience::Staff), None);
    }

    #[test]
    fn an_item9_flag_is_urgent_with_999_and_samaritans_in_the_notice_itself() {
        let n = notice(&[flag(SafetyFlagCode::Phq9Item9, true)], Audience::Person).unwrap();
        assert!(n.urgent);
        assert_eq!(n.heading, "Support comes first");
        assert!(n.detail.contains("999"), "{}", n.detail);
        let ids: Vec<&str> = n.contacts.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(&ids[..2], &["emergency", "samaritans"]);
        let values: Vec<&str> = n
            .contacts
            .iter()
            .flat_map(|c| c.ways.iter().map(|w| w.value.as_str()))
            .collect();
        assert!(values.contains(&"999") && values.contains(&"116 123"));
        assert_eq!(
            n.staff_guidance, None,
            "the person's own device has no staff guidance"
        );
        assert!(!n.acknowledge_label.is_empty());
    }

    #[test]
    fn staff_get_guidance_for_an_urgent_flag_only() {
        let urgent = notice(&[flag(SafetyFlagCode::Phq9Item9, true)], Audience::Staff).unwrap();
        let g = urgent
            .staff_guidance
            .expect("conversation mode guides the staff member");
        assert_eq!(g.steps.len(), 4);
        assert!(g.steps.iter().any(|s| s.contains("999")));
        assert!(g.steps.iter().any(|s| s.contains("safeguarding")));
        assert_eq!(g.source, "C5; M3");

        let gentle = notice(
            &[flag(SafetyFlagCode::ScalingLowest, false)],
            Audience::Staff,
        )
        .unwrap();
        assert!(!gentle.urgent);
        assert_eq!(gentle.heading, "Support is here");
        assert_eq!(gentle.staff_guidance, None);
        assert!(
            !gentle.contacts.is_empty(),
            "the gentle notice still lists who to contact"
        );
    }

    #[test]
    fn one_flag_per_kind_and_urgent_first() {
        let n = notice(
            &[
                flag(SafetyFlagCode::ScalingLowest, false),
                flag(SafetyFlagCode::Phq9Item9, true),
                flag(SafetyFlagCode::Phq9Item9, true),
                flag(SafetyFlagCode::ScalingLowest, false),
            ],
            Audience::Person,
        )
        .unwrap();
        let codes: Vec<_> = n.flags.iter().map(|f| f.code).collect();
        assert_eq!(
            codes,
            [SafetyFlagCode::Phq9Item9, SafetyFlagCode::ScalingLowest]
        );
        assert!(n.urgent);
    }
}
