//! The school mode's wording and the Link Programme guidance (`school.json`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::{ApiResult, Error, Result};
use crate::ids::SchoolContactKind;

#[derive(Debug, Deserialize)]
pub(super) struct Content {
    kinds: BTreeMap<String, KindText>,
    pub(super) who_can_help: WhoText,
    pub(super) conversation: ConversationText,
    guide: SchoolGuide,
}

crate::content::words_record! {
    #[derive(Debug)]
    pub(super) struct KindText {
        pub(super) label: String,
        pub(super) heading: String,
        pub(super) example: String,
    }
}

crate::content::words_record! {
    #[derive(Debug)]
    pub(super) struct WhoText {
        pub(super) heading: String,
        pub(super) intro: String,
        pub(super) none_entered: String,
        pub(super) crisis_heading: String,
    }
}

crate::content::words_record! {
    #[derive(Debug)]
    pub(super) struct ConversationText {
        pub(super) banner: String,
        pub(super) staff_note: String,
    }
}

/// Guidance for the staff member, from the Link Programme's four themes, in our own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SchoolGuide {
    pub title: String,
    /// Source key from the research notes ("L1").
    pub source: String,
    /// The source written out, to show under the guidance.
    pub source_text: String,
    pub sections: Vec<SchoolGuideSection>,
    /// Said before a school conversation starts.
    #[serde(default)]
    pub conversation_banner: String,
    /// What the staff member tells the pupil about confidentiality.
    #[serde(default)]
    pub staff_note: String,
    /// Each kind of entry: its label and an example, for the form that adds one.
    #[serde(default)]
    pub kinds: Vec<SchoolKindInfo>,
}

crate::content::words_record! {
    #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
    #[cfg_attr(feature = "ffi", derive(uniffi::Record))]
    pub struct SchoolGuideSection {
        pub heading: String,
        pub points: Vec<String>,
    }
}

/// One kind of entry as the form that adds it names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SchoolKindInfo {
    pub kind: SchoolContactKind,
    pub label: String,
    pub heading: String,
    pub example: String,
}

pub(super) fn content() -> Result<&'static Content> {
    static CELL: OnceLock<std::result::Result<Content, String>> = OnceLock::new();
    Ok(crate::content::parsed(
        &CELL,
        crate::content::en_gb::SCHOOL,
        "school",
    )?)
}

impl Content {
    pub(super) fn kind(&self, kind: SchoolContactKind) -> Result<&KindText> {
        self.kinds
            .get(kind.as_str())
            .ok_or_else(|| Error::content_bug("school content lacks a kind"))
    }
}

/// The guidance for school staff (the Link Programme, source L1), the words said before a
/// school conversation, and the kinds of entry. Needs no store.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn school_guide() -> ApiResult<SchoolGuide> {
    let c = content()?;
    let mut g = c.guide.clone();
    g.conversation_banner = c.conversation.banner.clone();
    g.staff_note = c.conversation.staff_note.clone();
    g.kinds = SchoolContactKind::ALL
        .iter()
        .map(|k| {
            let t = c.kind(*k)?;
            Ok(SchoolKindInfo {
                kind: *k,
                label: t.label.clone(),
                heading: t.heading.clone(),
                example: t.example.clone(),
            })
        })
        .collect::<Result<_>>()?;
    Ok(g)
}
