//! The safety content (`safety.json`): the crisis contacts, the safety notice's wording, Help
//! now's wording and the safety plan's sections. One file, read once, shared by the safety net
//! (here) and the safety plan (the `safety` tool above).

use crate::content::tree::Tree;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::ids::{CrisisContactMethod, SafetyPlanSectionKind};

#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Content {
    pub(crate) sources: std::collections::BTreeMap<String, String>,
    pub(crate) help_now: HelpNowText,
    pub(crate) grounding: GroundingText,
    pub(crate) notice: NoticeText,
    pub(crate) young_people: YoungPeopleText,
    pub(crate) contacts: Vec<ContactContent>,
    pub(crate) excluded: Vec<ExcludedContent>,
    pub(crate) plan: PlanText,
    pub(crate) sections: Vec<SectionContent>,
}

crate::content::words_record! {
    #[derive(Debug)]
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) struct HelpNowText {
        pub(crate) title: String,
        pub(crate) intro: String,
        pub(crate) plan_heading: String,
        pub(crate) no_plan: String,
        pub(crate) plan_unreadable: String,
        pub(crate) source: String,
    }
}

crate::content::words_record! {
    #[derive(Debug)]
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) struct GroundingText {
        pub(crate) heading: String,
        pub(crate) steps: Vec<String>,
        pub(crate) source: String,
    }
}

crate::content::words_record! {
    /// What changes for a young person's profile: the contacts they see first, in order (ids of
    /// `contacts`; the rest follow in their usual order), and the line the safety notice adds.
    #[derive(Debug)]
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) struct YoungPeopleText {
        pub(crate) order: Vec<String>,
        pub(crate) trusted_adult: String,
        pub(crate) source: String,
        pub(crate) not_listed: String,
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct ContactContent {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) ways: Vec<WayContent>,
    pub(crate) when: String,
    pub(crate) who_for: String,
    pub(crate) region: String,
    pub(crate) source: String,
    pub(crate) last_checked: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct WayContent {
    pub(crate) how: CrisisContactMethod,
    pub(crate) value: String,
    pub(crate) label: String,
    #[serde(default)]
    pub(crate) sms_body: Option<String>,
    #[serde(default)]
    pub(crate) note: Option<String>,
}

crate::content::words_record! {
    #[derive(Debug)]
    #[allow(dead_code)]
    pub(crate) struct ExcludedContent {
        pub(crate) id: String,
        pub(crate) what: String,
        pub(crate) reason: String,
        pub(crate) source: String,
    }
}

crate::content::words_record! {
    #[derive(Debug)]
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) struct PlanText {
        pub(crate) title: String,
        pub(crate) summary: String,
        pub(crate) intro_prompt: String,
        pub(crate) intro_help: String,
        pub(crate) keep_help: String,
        pub(crate) empty_help: String,
        pub(crate) headline: String,
        pub(crate) empty_section: String,
        pub(crate) advice: Vec<String>,
        pub(crate) source: String,
    }
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct SectionContent {
    pub(crate) id: SafetyPlanSectionKind,
    pub(crate) title: String,
    pub(crate) prompt: String,
    pub(crate) help: String,
    pub(crate) source: String,
}

/// One entry per language folder; the first is the default. A second language is one more
/// line here and one more folder, with no other code change.
pub(super) static LOCALES: &[(&str, &Tree)] = &[("en-GB", &crate::content::en_gb::SAFETY)];

fn parse_content() -> Option<Content> {
    LOCALES.first()?.1.deserialize().ok()
}

/// The parsed content, or an error if the embedded file is broken (the content test makes
/// sure it is not; this only keeps a broken build from panicking).
pub(crate) fn content() -> Result<&'static Content> {
    static CONTENT: OnceLock<Option<Content>> = OnceLock::new();
    CONTENT
        .get_or_init(parse_content)
        .as_ref()
        .ok_or_else(|| Error::content_bug("safety content could not be read"))
}

#[derive(Debug, Deserialize)]
pub(crate) struct NoticeText {
    pub(crate) heading_urgent: String,
    pub(crate) detail_urgent: String,
    pub(crate) heading_gentle: String,
    pub(crate) detail_gentle: String,
    pub(crate) acknowledge: String,
    #[allow(dead_code)]
    pub(crate) source: String,
    pub(crate) staff: StaffText,
}

crate::content::words_record! {
    #[derive(Debug)]
    pub(crate) struct StaffText {
        pub(crate) heading: String,
        pub(crate) steps: Vec<String>,
        pub(crate) source: String,
    }
}
