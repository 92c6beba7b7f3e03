//! School staff mode: a member of school staff walks a tool through with a pupil in
//! conversation (nothing about the pupil is stored), and the pupil leaves with a summary that
//! lists who can help — the school's own contacts and the referral routes the staff member
//! entered once on their own device. The entries are the staff member's, not the pupil's:
//! they are stored (`school_contacts`, schema step `school_contacts`), checked, in the backup,
//! and can be changed or deleted. The Link Programme guidance (source L1) is content for the
//! staff member.
//!
//! The conversation itself runs in an in-memory store set to the pupil's age band with the
//! entries copied in ([`crate::open`] makes it); the flows add the "who can help" lines to
//! the summary there, so the handoff the pupil keeps carries them.

mod content;

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::crisis::{crisis_contacts_for, CrisisContact};
use crate::error::{ApiResult, Error, Result};
use crate::flow::SummaryItem;
use crate::ids::SchoolContactKind;
use crate::rules::RuleCode;
use crate::store::WellbeingStore;
use crate::validate;

pub use content::{school_guide, SchoolGuide, SchoolGuideSection, SchoolKindInfo};

pub(crate) const SCHEMA: &str = "
CREATE TABLE school_contacts (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('school-contact', 'referral-route')),
    role TEXT NOT NULL CHECK (length(trim(role)) BETWEEN 1 AND 80),
    name TEXT CHECK (name IS NULL OR length(trim(name)) BETWEEN 1 AND 80),
    phone TEXT CHECK (phone IS NULL OR length(phone) BETWEEN 3 AND 30),
    details TEXT CHECK (details IS NULL OR length(details) BETWEEN 1 AND 300),
    position INTEGER NOT NULL,
    created_utc_ms INTEGER NOT NULL,
    updated_utc_ms INTEGER NOT NULL
);
";

/// Longest role or service name ("Designated safeguarding lead").
pub const SCHOOL_ROLE_MAX_CHARS: usize = 80;
/// Longest person's name.
pub const SCHOOL_NAME_MAX_CHARS: usize = 80;
/// Longest "where and when" or "how to refer" note.
pub const SCHOOL_DETAILS_MAX_CHARS: usize = 300;
/// Most entries of each kind: a pupil's summary must stay short enough to hand over.
pub const SCHOOL_MAX_ENTRIES: usize = 12;

/// What a staff member enters once: a person at school, or a route the school refers by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SchoolContactInput {
    pub kind: SchoolContactKind,
    /// The role or the service: "Designated safeguarding lead", "CAMHS single point of access".
    pub role: String,
    /// A person's name, when it helps ("Ms Patel").
    pub name: Option<String>,
    /// A telephone number: digits, spaces and + ( ) - only.
    pub phone: Option<String>,
    /// Where and when, or how a referral is made ("Room 4, every lunchtime").
    pub details: Option<String>,
}

/// A stored entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SchoolContact {
    pub id: String,
    pub kind: SchoolContactKind,
    pub role: String,
    pub name: Option<String>,
    pub phone: Option<String>,
    /// "tel:…" for a shell's call button, from `phone`.
    pub phone_uri: Option<String>,
    pub details: Option<String>,
    /// The entry as one line (role · name · phone · details), as the summary and "who can
    /// help" print it: a shell lists it as it is rather than joining the fields itself.
    pub line: String,
}

/// The "who can help" step: the school's own contacts and routes, then the crisis contacts
/// in the order the store's profile sees them (a young person's services first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct WhoCanHelp {
    pub heading: String,
    pub intro: String,
    pub school_heading: String,
    pub school: Vec<SchoolContact>,
    pub routes_heading: String,
    pub routes: Vec<SchoolContact>,
    /// Shown when neither list has an entry yet.
    pub none_entered: Option<String>,
    pub crisis_heading: String,
    pub crisis: Vec<CrisisContact>,
    /// All of it as plain text, to print or keep.
    pub text: String,
}

fn checked(input: &SchoolContactInput) -> Result<SchoolContactInput> {
    Ok(SchoolContactInput {
        kind: input.kind,
        role: validate::required_text("role", &input.role, SCHOOL_ROLE_MAX_CHARS, false)?,
        name: validate::optional_text("name", input.name.as_deref(), SCHOOL_NAME_MAX_CHARS, false)?,
        phone: phone(input.phone.as_deref())?,
        details: validate::optional_text(
            "details",
            input.details.as_deref(),
            SCHOOL_DETAILS_MAX_CHARS,
            false,
        )?,
    })
}

/// A telephone number as people write it: digits, spaces and + ( ) -, with 3 to 15 digits
/// (999 to an international number). Anything else is refused, so a call button never dials
/// a mistyped letter.
fn phone(given: Option<&str>) -> Result<Option<String>> {
    let Some(p) = validate::optional_text("phone", given, 30, false)? else {
        return Ok(None);
    };
    if !p.chars().all(|c| c.is_ascii_digit() || " +()-".contains(c)) {
        return Err(Error::invalid("phone", RuleCode::Other));
    }
    let digits = p.chars().filter(char::is_ascii_digit).count();
    if digits < 3 {
        return Err(Error::invalid_limit("phone", RuleCode::TooShort, 3));
    }
    if digits > 15 {
        return Err(Error::invalid_limit("phone", RuleCode::TooLong, 15));
    }
    Ok(Some(p))
}

fn phone_uri(phone: Option<&str>) -> Option<String> {
    phone.map(|p| {
        let keep: String = p
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        format!("tel:{keep}")
    })
}

const COLUMNS: &str = "id, kind, role, name, phone, details";

fn from_row(
    r: &Row,
) -> rusqlite::Result<(
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
)> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

fn to_contact(
    (id, kind, role, name, phone, details): (
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    ),
) -> Result<SchoolContact> {
    let kind =
        SchoolContactKind::parse(&kind).ok_or_else(|| Error::unreadable("school contact", ""))?;
    let line = [Some(&role), name.as_ref(), phone.as_ref(), details.as_ref()]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" · ");
    Ok(SchoolContact {
        phone_uri: phone_uri(phone.as_deref()),
        id,
        kind,
        role,
        name,
        phone,
        details,
        line,
    })
}

/// Every entry, school contacts first, each kind in the order entered.
pub(crate) fn all(conn: &Connection) -> Result<Vec<SchoolContact>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM school_contacts
         ORDER BY kind = 'referral-route', position, created_utc_ms, id"
    ))?;
    let rows = st.query_map([], from_row)?;
    rows.map(|r| to_contact(r?)).collect()
}

fn one(conn: &Connection, id: &str) -> Result<SchoolContact> {
    let row = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM school_contacts WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| Error::not_found("school contact", id))?;
    to_contact(row)
}

/// One entry written as given (checked already), at `position` among its kind.
fn insert(
    conn: &Connection,
    id: &str,
    e: &SchoolContactInput,
    position: i64,
    now_ms: i64,
) -> Result<()> {
    conn.execute(
        "INSERT INTO school_contacts (id, kind, role, name, phone, details, position,
            created_utc_ms, updated_utc_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![
            id,
            e.kind.as_str(),
            e.role,
            e.name,
            e.phone,
            e.details,
            position,
            now_ms
        ],
    )?;
    Ok(())
}

/// Refused when `kind` already has [`SCHOOL_MAX_ENTRIES`] entries.
fn check_room(conn: &Connection, kind: SchoolContactKind) -> Result<()> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM school_contacts WHERE kind = ?1",
        [kind.as_str()],
        |r| r.get(0),
    )?;
    if n as usize >= SCHOOL_MAX_ENTRIES {
        return Err(Error::invalid_limit(
            "kind",
            RuleCode::TooManyItems,
            SCHOOL_MAX_ENTRIES as i64,
        ));
    }
    Ok(())
}

/// Writes `entries` into an empty store as they are (a school conversation's copy).
pub(crate) fn copy_into(conn: &Connection, entries: &[SchoolContact], now_ms: i64) -> Result<()> {
    for (i, e) in entries.iter().enumerate() {
        let input = SchoolContactInput {
            kind: e.kind,
            role: e.role.clone(),
            name: e.name.clone(),
            phone: e.phone.clone(),
            details: e.details.clone(),
        };
        insert(conn, &e.id, &input, i as i64, now_ms)?;
    }
    Ok(())
}

/// The "who can help" lines a conversation's summary ends with: one item per kind that has
/// entries (none when nothing was entered), so the handoff carries them.
pub(crate) fn summary_items(conn: &Connection) -> Result<Vec<SummaryItem>> {
    let entries = all(conn)?;
    let c = content::content()?;
    let mut out = vec![];
    for kind in SchoolContactKind::ALL {
        let lines: Vec<String> = entries
            .iter()
            .filter(|e| e.kind == *kind)
            .map(|e| e.line.clone())
            .collect();
        if !lines.is_empty() {
            out.push(SummaryItem {
                label: c.kind(*kind)?.heading.clone(),
                value: lines.join("\n"),
            });
        }
    }
    Ok(out)
}

impl WellbeingStore {
    /// The entries to copy into a school conversation.
    pub(crate) fn school_entries(&self) -> Result<Vec<SchoolContact>> {
        self.read(all)
    }
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// The school's contacts and referral routes entered on this device, contacts first.
    pub fn school_contacts(&self) -> ApiResult<Vec<SchoolContact>> {
        Ok(self.read(all)?)
    }

    /// Adds a contact or a route. Refused (`InvalidInput`) for an empty role, a field too
    /// long or on two lines, a phone number with letters, or more than
    /// [`SCHOOL_MAX_ENTRIES`] of its kind.
    pub fn add_school_contact(&self, input: SchoolContactInput) -> ApiResult<SchoolContact> {
        let e = checked(&input)?;
        let now = self.now();
        let id = validate::new_id();
        Ok(self.write(|tx| {
            check_room(tx, e.kind)?;
            let next: i64 = tx.query_row(
                "SELECT coalesce(max(position) + 1, 0) FROM school_contacts WHERE kind = ?1",
                [e.kind.as_str()],
                |r| r.get(0),
            )?;
            insert(tx, &id, &e, next, now.utc_ms)?;
            one(tx, &id)
        })?)
    }

    /// Changes an entry in place (same id; its kind may change too, within the limit).
    pub fn update_school_contact(
        &self,
        id: String,
        input: SchoolContactInput,
    ) -> ApiResult<SchoolContact> {
        let id = validate::id_arg("school contact", &id)?;
        let e = checked(&input)?;
        let now = self.now();
        Ok(self.write(|tx| {
            let was = one(tx, &id)?;
            if was.kind != e.kind {
                check_room(tx, e.kind)?;
            }
            tx.execute(
                "UPDATE school_contacts SET kind = ?2, role = ?3, name = ?4, phone = ?5,
                    details = ?6, updated_utc_ms = ?7 WHERE id = ?1",
                params![
                    id,
                    e.kind.as_str(),
                    e.role,
                    e.name,
                    e.phone,
                    e.details,
                    now.utc_ms
                ],
            )?;
            one(tx, &id)
        })?)
    }

    /// Deletes an entry for good.
    pub fn delete_school_contact(&self, id: String) -> ApiResult<()> {
        let id = validate::id_arg("school contact", &id)?;
        let n =
            self.write(|tx| Ok(tx.execute("DELETE FROM school_contacts WHERE id = ?1", [&id])?))?;
        if n == 0 {
            return Err(Error::not_found("school contact", &id).into());
        }
        Ok(())
    }

    /// The "who can help" step: this store's school contacts and routes, then the crisis
    /// contacts in the order its profile sees them.
    pub fn who_can_help(&self) -> ApiResult<WhoCanHelp> {
        let entries = self.read(all)?;
        let profile = self.profile_or_adult();
        let c = content::content()?;
        let w = &c.who_can_help;
        let school_heading = c.kind(SchoolContactKind::SchoolContact)?.heading.clone();
        let routes_heading = c.kind(SchoolContactKind::ReferralRoute)?.heading.clone();
        let (school, routes): (Vec<_>, Vec<_>) = entries
            .into_iter()
            .partition(|e| e.kind == SchoolContactKind::SchoolContact);
        let crisis = crisis_contacts_for(profile);
        let none_entered = (school.is_empty() && routes.is_empty()).then(|| w.none_entered.clone());
        let mut text = format!(
            "{}\n{}\n{}\n",
            w.heading,
            "=".repeat(w.heading.chars().count()),
            w.intro
        );
        for (heading, list) in [(&school_heading, &school), (&routes_heading, &routes)] {
            if !list.is_empty() {
                text.push_str(&format!("\n{heading}\n"));
                for e in list {
                    text.push_str(&format!("- {}\n", e.line));
                }
            }
        }
        if let Some(n) = &none_entered {
            text.push_str(&format!("\n{n}\n"));
        }
        text.push_str(&format!("\n{}\n", w.crisis_heading));
        for k in &crisis {
            let ways: Vec<&str> = k.ways.iter().map(|w| w.label.as_str()).collect();
            // With its hours: not every line is open day and night (the Welsh-language one).
            text.push_str(&format!("- {} ({}): {}\n", k.name, k.when, ways.join("; ")));
        }
        Ok(WhoCanHelp {
            heading: w.heading.clone(),
            intro: w.intro.clone(),
            school_heading,
            school,
            routes_heading,
            routes,
            none_entered,
            crisis_heading: w.crisis_heading.clone(),
            crisis,
            text,
        })
    }
}

#[cfg(test)]
mod tests;
