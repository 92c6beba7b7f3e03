//! Who the app is set up for: an adult (the default) or a young person of an age band. One
//! row in its own table, beside the app's other settings. The profile changes content only —
//! which crisis contacts come first, a line in the safety notice, plainer tool titles — never
//! which code a tool runs.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{ApiResult, Error, Result};
use crate::flow::ToolInfo;
use crate::ids::{AgeBand, Profile};
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

/// The young people's wording of the tools (`young_people.json`).
#[derive(Debug, serde::Deserialize)]
pub(crate) struct YoungPeopleContent {
    pub(crate) tools: BTreeMap<String, ToolWording>,
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct ToolWording {
    pub(crate) title: String,
    pub(crate) summary: String,
}

const YOUNG_PEOPLE_JSON: &str = include_str!("../../content/en-GB/young_people.json");

pub(crate) fn young_people_content() -> Result<&'static YoungPeopleContent> {
    static CELL: OnceLock<std::result::Result<YoungPeopleContent, String>> = OnceLock::new();
    Ok(crate::content::parsed(
        &CELL,
        YOUNG_PEOPLE_JSON,
        "young people",
    )?)
}

/// The tools as `profile` sees them: for a young person each title and summary comes from
/// the young people's wording where one is written, else the adult's stays. Same tools, same
/// order, same ids.
pub(crate) fn tools_for(profile: Profile, mut tools: Vec<ToolInfo>) -> Vec<ToolInfo> {
    if !profile.is_young_person() {
        return tools;
    }
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
        self.read(load).unwrap_or_default()
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
