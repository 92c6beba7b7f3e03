//! Who the app is set up for: an adult (the default) or a young person of an age band. One
//! row in its own table, beside the app's other settings. The profile changes content only —
//! which crisis contacts come first, a line in the safety notice, plainer tool titles — never
//! which code a tool runs.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{ApiResult, Error, Result};
use crate::flow::{FlowProgress, ToolInfo};
use crate::ids::{AgeBand, MeasureId, Profile};
use crate::store::WellbeingStore;

pub(crate) const SCHEMA: &str = "
CREATE TABLE profile_settings (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    kind TEXT NOT NULL CHECK (kind IN ('adult', 'young-person')),
    age_band TEXT CHECK (age_band IN ('under-13', '13-15', '16-17')),
    updated_utc_ms INTEGER NOT NULL,
    CHECK ((kind = 'adult') = (age_band IS NULL))
);
";

/// The stored profile, `Adult` when none was ever set.
pub(crate) fn load(conn: &Connection) -> Result<Profile> {
    let row: Option<(String, Option<String>)> = conn
        .prepare_cached("SELECT kind, age_band FROM profile_settings WHERE id = 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((kind, band)) = row else {
        return Ok(Profile::Adult);
    };
    match (kind.as_str(), band.as_deref().map(AgeBand::parse)) {
        ("adult", None) => Ok(Profile::Adult),
        ("young-person", Some(Some(age_band))) => Ok(Profile::YoungPerson { age_band }),
        _ => Err(Error::internal("the stored profile could not be read")),
    }
}

/// The stored profile for content choices, read on a connection already at hand (a measure
/// result or a received summary rebuilt inside a read). Never fails: a store whose profile
/// cannot be read (one opened for viewing before its upgrade) is treated as an adult's, so
/// support is still shown, in the order every adult sees it.
pub(crate) fn load_or_adult(conn: &Connection) -> Profile {
    load(conn).unwrap_or_default()
}

/// The young people's wording of the tools and the measures offered to each age band
/// (`young_people.json`).
#[derive(Debug, serde::Deserialize)]
pub(crate) struct YoungPeopleContent {
    pub(crate) tools: BTreeMap<String, ToolWording>,
    /// Tool id, then step key ([`step_key`]), to the young people's wording of that step.
    pub(crate) steps: BTreeMap<String, BTreeMap<String, StepWording>>,
    pub(crate) measures: YoungMeasures,
    /// Source keys to what they are (`CONTENT.md` keys, and `Y…` for the young people's).
    /// Kept with the content it backs and checked by the tests; no screen shows it.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) sources: BTreeMap<String, String>,
}

/// Which measures each age band is offered, and why each measure is or is not.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct YoungMeasures {
    /// Age band id to measure ids, in menu order.
    pub(crate) offered: BTreeMap<String, Vec<String>>,
    /// Measure id to one line on why it is offered to whom, or not at all, and the sources:
    /// the record of the choice beside the choice (`docs/young-people-measures.md`), checked
    /// by the tests; no screen shows them.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) why: BTreeMap<String, String>,
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) source: String,
}

crate::content::words_record! {
    /// One step as a young person reads it: `prompt` and `help` replace the adult's where given;
    /// `keep` says why the adult wording stays (a prompt or help made from the person's own
    /// words or earlier answers).
    #[derive(Debug)]
    pub(crate) struct StepWording {
        pub(crate) prompt: Option<String>,
        pub(crate) help: Option<String>,
        #[cfg_attr(not(test), allow(dead_code))]
        pub(crate) keep: Option<String>,
    }
}

/// A step's key in the wording: its id without a trailing number, so every connection's
/// "kind-2" or every feeling's "intensity-1" shares one wording ("ring-p1" -> "ring").
pub(crate) fn step_key(id: &str) -> &str {
    if let Some((head, tail)) = id.rsplit_once('-') {
        let digits = tail.strip_prefix(['n', 'p']).unwrap_or(tail);
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            return head;
        }
    }
    id
}

/// A flow's step or summary as `profile` sees it: for a young person the tool's title, each
/// step's prompt and help from the young people's wording where one is written (the
/// screen reader's label follows the prompt), and the summary under the young title. The
/// measures' items keep their published wording (they have no step wording). The same step,
/// input and answers otherwise: only words change.
pub(crate) fn word_progress(profile: Profile, progress: FlowProgress) -> FlowProgress {
    if !profile.is_young_person() {
        return progress;
    }
    let Ok(c) = young_people_content() else {
        return progress;
    };
    match progress {
        FlowProgress::Next { mut step } => {
            if let Some(t) = c.tools.get(step.tool.as_str()) {
                step.title = t.title.clone();
            }
            let wording = c
                .steps
                .get(step.tool.as_str())
                .and_then(|s| s.get(step_key(&step.step_id)));
            if let Some(w) = wording {
                if let Some(p) = &w.prompt {
                    step.accessibility_label =
                        step.accessibility_label.replacen(&step.prompt, p, 1);
                    step.prompt = p.clone();
                }
                if let Some(h) = &w.help {
                    step.help = Some(h.clone());
                }
            }
            FlowProgress::Next { step }
        }
        FlowProgress::Complete { mut summary } => {
            if let Some(t) = c.tools.get(summary.tool.as_str()) {
                summary.title = t.title.clone();
                summary.redraw_text();
            }
            FlowProgress::Complete { summary }
        }
    }
}

crate::content::words_record! {
    #[derive(Debug)]
    pub(crate) struct ToolWording {
        pub(crate) title: String,
        pub(crate) summary: String,
    }
}

pub(crate) fn young_people_content() -> Result<&'static YoungPeopleContent> {
    static CELL: OnceLock<std::result::Result<YoungPeopleContent, String>> = OnceLock::new();
    Ok(crate::content::parsed(
        &CELL,
        crate::content::en_gb::YOUNG_PEOPLE,
        "young people",
    )?)
}

/// True when `profile` is offered `measure` on its menus, due list and reminders: an adult
/// every measure; a young person only those their age band is validated for. A measure not
/// offered is still scored the same way if taken. Should the content be unreadable a young
/// person is offered none: better no measure than one not meant for their age.
pub(crate) fn offers_measure(profile: Profile, measure: MeasureId) -> bool {
    let Profile::YoungPerson { age_band } = profile else {
        return true;
    };
    young_people_content()
        .ok()
        .and_then(|c| c.measures.offered.get(age_band.as_str()))
        .is_some_and(|ids| ids.iter().any(|m| m == measure.as_str()))
}

/// The tools as `profile` sees them: for a young person each title and summary comes from
/// the young people's wording where one is written, else the adult's stays, and the
/// measures their age band is not offered are left out. The same order and ids otherwise.
pub(crate) fn tools_for(profile: Profile, mut tools: Vec<ToolInfo>) -> Vec<ToolInfo> {
    if !profile.is_young_person() {
        return tools;
    }
    tools.retain(|t| t.id.measure().map_or(true, |m| offers_measure(profile, m)));
    let Ok(c) = young_people_content() else {
        return tools;
    };
    for t in &mut tools {
        if let Some(w) = c.tools.get(t.id.as_str()) {
            t.title = w.title.clone();
            t.summary = w.summary.clone();
        }
    }
    tools
}

impl WellbeingStore {
    /// The profile for content choices. Never fails: a store that cannot be read is treated
    /// as an adult's, so support is still shown.
    pub(crate) fn profile_or_adult(&self) -> Profile {
        self.read(|c| Ok(load_or_adult(c))).unwrap_or_default()
    }
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// Who the app is set up for; `Adult` on a new store.
    pub fn profile(&self) -> ApiResult<Profile> {
        Ok(self.read(load)?)
    }

    /// Sets who the app is set up for and returns it.
    pub fn set_profile(&self, profile: Profile) -> ApiResult<Profile> {
        let (kind, band) = match profile {
            Profile::Adult => ("adult", None),
            Profile::YoungPerson { age_band } => ("young-person", Some(age_band.as_str())),
        };
        let now = self.now();
        Ok(self.write(|tx| {
            tx.execute(
                "INSERT INTO profile_settings (id, kind, age_band, updated_utc_ms) \
                 VALUES (1, ?1, ?2, ?3) ON CONFLICT (id) DO UPDATE SET kind = ?1, \
                 age_band = ?2, updated_utc_ms = ?3",
                params![kind, band, now.utc_ms],
            )?;
            load(tx)
        })?)
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod tests_walk;
