//! Offline handoff: a completed conversation-mode summary carried from a staff member's
//! device to the person's own copy of the app with no network — as a QR code on one screen
//! read by the other's camera, or as the same short text pasted.
//!
//! The payload is `WBC<version>:` followed by Base45 (RFC 9285) of: 4 bytes of SHA-256 over
//! the rest, then zlib-compressed JSON `{"made_on", "summary"}`. Base45 keeps to the QR
//! alphanumeric set, so the code is as small as the text allows; the check bytes catch a
//! damaged or partial scan before anything is decompressed; the version prefix lets a later
//! app change the layout and an older one say so rather than misread it.
//!
//! Limits: the text is at most [`MAX_PAYLOAD_CHARS`] characters, which always fits a QR code
//! of version [`MAX_QR_VERSION`] (117×117 modules) at error-correction level M (15%),
//! readable from a phone screen. The JSON inside is at most [`MAX_JSON_BYTES`], so a forged
//! payload cannot inflate without bound.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::crisis::SafetyFlag;
use crate::error::{ApiResult, Error, Result};
use crate::flow::{FlowSummary, SummaryItem};
use crate::ids::ToolId;
use crate::rules::{LONG_TEXT, SHORT_TEXT};
use crate::store::WellbeingStore;
use crate::validate;

pub(crate) const SCHEMA: &str = "
CREATE TABLE handoff_received (
    id TEXT PRIMARY KEY NOT NULL,
    tool TEXT NOT NULL,
    title TEXT NOT NULL,
    made_on TEXT NOT NULL,
    summary TEXT NOT NULL,
    utc_ms INTEGER NOT NULL,
    utc_offset_min INTEGER NOT NULL,
    local_date TEXT NOT NULL,
    local_time TEXT NOT NULL,
    created_utc_ms INTEGER NOT NULL,
    updated_utc_ms INTEGER NOT NULL
);
CREATE INDEX handoff_received_local_date ON handoff_received(local_date);
";

/// The payload layout version this code writes and reads.
pub(crate) const PAYLOAD_VERSION: u32 = 1;
const PREFIX_HEAD: &str = "WBC";
/// Longest payload text; fits [`MAX_QR_VERSION`] at level M (tested).
pub const MAX_PAYLOAD_CHARS: usize = 1451;
/// The largest QR version a payload needs.
pub const MAX_QR_VERSION: u32 = 25;
/// Largest JSON inside a payload, before compression.
pub(crate) const MAX_JSON_BYTES: usize = 32 * 1024;
const CHECK_BYTES: usize = 4;
/// Limits on what a summary may hold, so a forged payload cannot bring anything larger.
const MAX_ITEMS: usize = 60;
const MAX_FLAGS: usize = 10;
const MAX_ADVICE: usize = 20;
const MAX_SUMMARY_TEXT: usize = 16_000;

/// A QR code as modules for a shell to draw: `size`×`size`, row-major, `true` = dark.
/// Leave a light margin of `quiet_zone` modules on every side when drawing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct QrMatrix {
    pub size: u32,
    pub modules: Vec<bool>,
    /// QR version (1–40); a payload never needs more than 25.
    pub version: u32,
    /// Error-correction level: always "M" (about 15% of the code can be damaged).
    pub ec_level: String,
    pub quiet_zone: u32,
}

/// A summary packed for handoff: the text and the same text as a QR code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct HandoffPayload {
    pub text: String,
    pub qr: QrMatrix,
}

/// A summary received from someone else's device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ImportedHandoff {
    /// The flow id the summary was made under: importing the same payload again finds it.
    pub id: String,
    pub tool: ToolId,
    pub title: String,
    /// The day it was made on the giving device, "YYYY-MM-DD".
    pub made_on: String,
    /// When it was received here, local "YYYY-MM-DD HH:MM".
    pub received: String,
    pub summary: FlowSummary,
    /// True when this payload had been imported before (nothing new was stored).
    pub already_had: bool,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Body {
    made_on: String,
    summary: WireSummary,
}

/// The summary as it travels: the fields of [`FlowSummary`] a handoff may carry, every level
/// refusing a field it does not know (as `docs/handoff-format.md` promises). Kept apart from
/// `FlowSummary` so the wire format cannot grow by accident when the API type does, and so a
/// payload can never bring its own safety notice: the receiving app writes that itself.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireSummary {
    flow_id: String,
    tool: crate::ids::ToolId,
    title: String,
    headline: Option<String>,
    items: Vec<WireItem>,
    flags: Vec<WireFlag>,
    advice: Vec<String>,
    /// Always empty: drawn again from the other fields on import.
    text: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireItem {
    label: String,
    value: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireFlag {
    code: crate::ids::SafetyFlagCode,
    title: String,
    detail: String,
    show_help_now: bool,
}

impl WireSummary {
    fn from_summary(s: &FlowSummary) -> Self {
        WireSummary {
            flow_id: s.flow_id.clone(),
            tool: s.tool,
            title: s.title.clone(),
            headline: s.headline.clone(),
            items: s
                .items
                .iter()
                .map(|i| WireItem {
                    label: i.label.clone(),
                    value: i.value.clone(),
                })
                .collect(),
            flags: s
                .flags
                .iter()
                .map(|f| WireFlag {
                    code: f.code,
                    title: f.title.clone(),
                    detail: f.detail.clone(),
                    show_help_now: f.show_help_now,
                })
                .collect(),
            advice: s.advice.clone(),
            text: String::new(),
        }
    }

    fn into_summary(self) -> FlowSummary {
        FlowSummary {
            safety: None,
            flow_id: self.flow_id,
            tool: self.tool,
            title: self.title,
            headline: self.headline,
            items: self
                .items
                .into_iter()
                .map(|i| crate::flow::SummaryItem {
                    label: i.label,
                    value: i.value,
                })
                .collect(),
            flags: self
                .flags
                .into_iter()
                .map(|f| SafetyFlag {
                    code: f.code,
                    title: f.title,
                    detail: f.detail,
                    show_help_now: f.show_help_now,
                })
                .collect(),
            advice: self.advice,
            text: self.text,
        }
    }
}

// ---------------------------------------------------------------------------------------
// Base45 (RFC 9285)
// ---------------------------------------------------------------------------------------

const B45: &[u8; 45] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

fn base45_encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len() / 2 * 3 + 2);
    for chunk in data.chunks(2) {
        let (mut n, digits) = match chunk {
            [a, b] => ((*a as u32) * 256 + *b as u32, 3),
            [a] => (*a as u32, 2),
            _ => unreachable!("chunks(2) yields one or two bytes"),
        };
        for _ in 0..digits {
            out.push(B45[(n % 45) as usize] as char);
            n /= 45;
        }
    }
    out
}

fn base45_decode(s: &str) -> Option<Vec<u8>> {
    let vals: Vec<u32> = s
        .bytes()
        .map(|c| B45.iter().position(|x| *x == c).map(|p| p as u32))
        .collect::<Option<_>>()?;
    let mut out = Vec::with_capacity(vals.len() / 3 * 2 + 1);
    for chunk in vals.chunks(3) {
        match chunk {
            [c, d, e] => {
                let n = c + d * 45 + e * 45 * 45;
                if n > 0xFFFF {
                    return None;
                }
                out.push((n >> 8) as u8);
                out.push((n & 0xFF) as u8);
            }
            [c, d] => {
                let n = c + d * 45;
                if n > 0xFF {
                    return None;
                }
                out.push(n as u8);
            }
            _ => return None,
        }
    }
    Some(out)
}

// ---------------------------------------------------------------------------------------
// Checks and packing
// ---------------------------------------------------------------------------------------

fn field_text(field: &str, v: &str, max: usize, multiline: bool) -> Result<()> {
    validate::required_text(field, v, max, multiline).map(|_| ())
}

/// Every rule a summary must meet to travel: the same on the giving and the receiving side.
fn check_summary(s: &FlowSummary) -> Result<()> {
    validate::id_arg("flow", &s.flow_id)
        .map_err(|_| Error::invalid("summary", crate::rules::RuleCode::BadId))?;
    field_text("summary.title", &s.title, SHORT_TEXT, false)?;
    validate::optional_text("summary.headline", s.headline.as_deref(), SHORT_TEXT, false)?;
    field_text("summary.text", &s.text, MAX_SUMMARY_TEXT, true)?;
    if s.items.len() > MAX_ITEMS || s.flags.len() > MAX_FLAGS || s.advice.len() > MAX_ADVICE {
        return Err(Error::invalid(
            "summary",
            crate::rules::RuleCode::TooManyItems,
        ));
    }
    for SummaryItem { label, value } in &s.items {
        field_text("summary.item", label, SHORT_TEXT, false)?;
        field_text("summary.item", value, LONG_TEXT, true)?;
    }
    for SafetyFlag { title, detail, .. } in &s.flags {
        field_text("summary.flag", title, SHORT_TEXT, false)?;
        field_text("summary.flag", detail, LONG_TEXT, true)?;
    }
    for a in &s.advice {
        field_text("summary.advice", a, LONG_TEXT, true)?;
    }
    Ok(())
}

fn prefix() -> String {
    format!("{PREFIX_HEAD}{PAYLOAD_VERSION}:")
}

/// Packs a summary into payload text.
pub(crate) fn pack(summary: &FlowSummary, made_on: &str) -> Result<String> {
    let text = format!(
        "{}{}",
        prefix(),
        base45_encode(&pack_bytes(summary, made_on)?)
    );
    if text.len() > MAX_PAYLOAD_CHARS {
        return Err(too_long());
    }
    Ok(text)
}

/// Too long to hand over by QR code once packed: share it as printed text instead.
fn too_long() -> Error {
    Error::invalid_limit(
        "summary",
        crate::rules::RuleCode::TooLong,
        MAX_PAYLOAD_CHARS as i64,
    )
}

/// The payload's bytes before Base45: 4 check bytes, then zlib of the JSON body.
fn pack_bytes(summary: &FlowSummary, made_on: &str) -> Result<Vec<u8>> {
    check_summary(summary)?;
    // The plain text repeats the other fields, so it is left out and drawn again on import:
    // that halves the payload (a PHQ-9 summary would not fit a QR code otherwise).
    // The safety notice is made again from the flags on the receiving side, in its words.
    let json = serde_json::to_vec(&Body {
        made_on: made_on.to_string(),
        summary: WireSummary::from_summary(summary),
    })?;
    if json.len() > MAX_JSON_BYTES {
        return Err(too_long());
    }
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&json, 10);
    let mut bytes = Sha256::digest(&packed)[..CHECK_BYTES].to_vec();
    bytes.extend_from_slice(&packed);
    Ok(bytes)
}

/// The head of a payload sealed with a passphrase (`docs/handoff-format.md`).
pub(crate) const SEALED_PREFIX: &str = "WBE1:";

/// Packs a summary sealed with `passphrase`: `WBE1:` and Base45 of a 16-byte salt, a
/// 12-byte nonce and ChaCha20-Poly1305 of the plain payload's bytes under the Argon2id key
/// of the passphrase (the prefix and salt authenticated with it).
pub(crate) fn pack_sealed(
    summary: &FlowSummary,
    made_on: &str,
    passphrase: &str,
) -> Result<String> {
    crate::seal::check_passphrase(passphrase)?;
    let inner = pack_bytes(summary, made_on)?;
    let salt = crate::seal::random::<{ crate::seal::SALT_BYTES }>()?;
    let key = crate::seal::derive(
        passphrase.as_bytes(),
        &salt,
        crate::seal::KDF_DEFAULT,
        "handoff",
    )?;
    let aad = [SEALED_PREFIX.as_bytes(), &salt].concat();
    let (nonce, sealed) = crate::seal::encrypt(&key, &inner, &aad)?;
    let mut bytes = salt.to_vec();
    bytes.extend_from_slice(&nonce);
    bytes.extend_from_slice(&sealed);
    let text = format!("{SEALED_PREFIX}{}", base45_encode(&bytes));
    if text.len() > MAX_PAYLOAD_CHARS {
        return Err(too_long());
    }
    Ok(text)
}

/// True for a payload sealed with a passphrase (even a newer sealed layout).
pub(crate) fn is_sealed(text: &str) -> bool {
    text.trim().starts_with("WBE")
}

/// Opens a sealed payload: `WrongKey` when the passphrase does not open it (or it was
/// changed on the way), then the same checks as a plain payload.
pub(crate) fn unpack_sealed(text: &str, passphrase: &str) -> Result<(String, FlowSummary)> {
    let t = text.trim();
    if t.len() > MAX_PAYLOAD_CHARS {
        return Err(Error::invalid("handoff", crate::rules::RuleCode::TooLong));
    }
    let Some(body) = t.strip_prefix(SEALED_PREFIX) else {
        let newer = t
            .strip_prefix("WBE")
            .and_then(|r| r.split_once(':'))
            .and_then(|(v, _)| v.parse::<u32>().ok())
            .is_some_and(|v| v > 1);
        return Err(Error::invalid(
            "handoff",
            if newer {
                crate::rules::RuleCode::TooNew
            } else {
                crate::rules::RuleCode::NotReadable
            },
        ));
    };
    let bytes = base45_decode(body).ok_or_else(damaged)?;
    let head = crate::seal::SALT_BYTES + crate::seal::NONCE_BYTES;
    if bytes.len() < head + crate::seal::TAG_BYTES + CHECK_BYTES + 1 {
        return Err(damaged());
    }
    let (salt, rest) = bytes.split_at(crate::seal::SALT_BYTES);
    let (nonce, sealed) = rest.split_at(crate::seal::NONCE_BYTES);
    let key = crate::seal::derive(
        passphrase.as_bytes(),
        salt,
        crate::seal::KDF_DEFAULT,
        "handoff",
    )?;
    let aad = [SEALED_PREFIX.as_bytes(), salt].concat();
    let inner = crate::seal::decrypt(&key, nonce, sealed, &aad)?;
    unpack_bytes(&inner)
}

fn damaged() -> Error {
    Error::invalid("handoff", crate::rules::RuleCode::NotReadable)
}

/// Unpacks payload text, checking version, size and integrity.
pub(crate) fn unpack(text: &str) -> Result<(String, FlowSummary)> {
    let t = text.trim();
    if t.len() > MAX_PAYLOAD_CHARS {
        return Err(Error::invalid("handoff", crate::rules::RuleCode::TooLong));
    }
    if is_sealed(t) {
        return Err(Error::KeyRequired);
    }
    let rest = t
        .strip_prefix(PREFIX_HEAD)
        .ok_or_else(|| Error::invalid("handoff", crate::rules::RuleCode::NotReadable))?;
    let (version, body) = rest
        .split_once(':')
        .ok_or_else(|| Error::invalid("handoff", crate::rules::RuleCode::NotReadable))?;
    let version: u32 = version
        .parse()
        .map_err(|_| Error::invalid("handoff", crate::rules::RuleCode::NotReadable))?;
    if version > PAYLOAD_VERSION {
        return Err(Error::invalid("handoff", crate::rules::RuleCode::TooNew));
    }
    if version != PAYLOAD_VERSION {
        return Err(Error::invalid(
            "handoff",
            crate::rules::RuleCode::NotReadable,
        ));
    }
    let bytes = base45_decode(body).ok_or_else(damaged)?;
    unpack_bytes(&bytes)
}

/// The summary from a payload's bytes (after Base45, or after opening a sealed one).
fn unpack_bytes(bytes: &[u8]) -> Result<(String, FlowSummary)> {
    if bytes.len() <= CHECK_BYTES {
        return Err(damaged());
    }
    let (check, packed) = bytes.split_at(CHECK_BYTES);
    if Sha256::digest(packed)[..CHECK_BYTES] != *check {
        return Err(damaged());
    }
    let json = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(packed, MAX_JSON_BYTES)
        .map_err(|_| damaged())?;
    let body: Body = serde_json::from_slice(&json).map_err(|_| damaged())?;
    crate::clock::parse_date("handoff", &body.made_on)?;
    let mut summary = body.summary.into_summary();
    summary.redraw_text();
    // The receiving store's profile decides the notice's contacts: set when it is stored.
    summary.safety = with_notice(&summary.flags, crate::ids::Profile::Adult);
    check_summary(&summary)?;
    Ok((body.made_on, summary))
}

/// The safety notice of a received summary: shown to the person on their own device, so
/// without the staff guidance the giving device showed, and as the receiving store's
/// profile sees it (a young person's services first, the trusted-adult line).
fn with_notice(
    flags: &[SafetyFlag],
    profile: crate::ids::Profile,
) -> Option<crate::crisis::SafetyNotice> {
    crate::crisis::notice_for(flags, crate::crisis::Audience::Person, profile)
}

/// The QR code of `text` at level M in the smallest version that holds it.
pub(crate) fn qr_matrix(text: &str) -> Result<QrMatrix> {
    use qrcode::{Color, EcLevel, QrCode, Version};
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|_| Error::invalid("summary", crate::rules::RuleCode::TooLong))?;
    let version = match code.version() {
        Version::Normal(v) => v as u32,
        Version::Micro(v) => v as u32,
    };
    Ok(QrMatrix {
        size: code.width() as u32,
        modules: code
            .to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect(),
        version,
        ec_level: "M".into(),
        quiet_zone: 4,
    })
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, String, String, String, String)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

const SELECT: &str = "SELECT id, made_on, summary, local_date, local_time FROM handoff_received";

fn to_imported(
    (id, made_on, summary, date, time): (String, String, String, String, String),
    already_had: bool,
    profile: crate::ids::Profile,
) -> Result<ImportedHandoff> {
    let mut summary: FlowSummary = serde_json::from_str(&summary)?;
    summary.safety = with_notice(&summary.flags, profile);
    Ok(ImportedHandoff {
        id,
        tool: summary.tool,
        title: summary.title.clone(),
        made_on,
        received: format!("{date} {time}"),
        summary,
        already_had,
    })
}

/// Received summaries whose receiving day falls in `from..=to` (local dates), oldest first:
/// for the appointment summary and the home screen's flags. Their notices are built for
/// `profile`, which the caller has read once for its whole screen.
pub(crate) fn received_between(
    conn: &Connection,
    from: &str,
    to: &str,
    profile: crate::ids::Profile,
) -> Result<Vec<ImportedHandoff>> {
    let mut st = conn.prepare_cached(&format!(
        "{SELECT} WHERE local_date BETWEEN ?1 AND ?2 ORDER BY utc_ms, id"
    ))?;
    let rows = st.query_map([from, to], from_row)?;
    rows.map(|r| to_imported(r?, false, profile)).collect()
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// Packs a completed summary for handoff: compact text and its QR code. Nothing is
    /// stored. Refused (`InvalidInput`, field "summary") when it is too long for a QR code
    /// of version 25 at level M: the person can then take the printed text instead.
    pub fn handoff_payload(&self, summary: FlowSummary) -> ApiResult<HandoffPayload> {
        let text = pack(&summary, &self.now().date_string())?;
        let qr = qr_matrix(&text)?;
        Ok(HandoffPayload { text, qr })
    }

    /// Stores a summary handed over from another device. Importing the same payload again
    /// stores nothing new and returns it with `already_had` set. A payload that is damaged,
    /// from a newer app, or not ours is refused (`InvalidInput`, field "handoff").
    pub fn import_handoff(&self, text: String) -> ApiResult<ImportedHandoff> {
        let (made_on, summary) = unpack(&text)?;
        self.store_received(made_on, summary)
    }

    /// Packs a completed summary for handoff sealed with a passphrase the two people agree
    /// (`WBE1:` text and its QR code; `docs/handoff-format.md`). Refused as
    /// [`WellbeingStore::handoff_payload`] when too long, and for a passphrase shorter than 8
    /// characters.
    pub fn handoff_payload_sealed(
        &self,
        summary: FlowSummary,
        passphrase: String,
    ) -> ApiResult<HandoffPayload> {
        let text = pack_sealed(&summary, &self.now().date_string(), &passphrase)?;
        let qr = qr_matrix(&text)?;
        Ok(HandoffPayload { text, qr })
    }

    /// Stores a sealed summary handed over from another device, as
    /// [`WellbeingStore::import_handoff`]. `WrongKey` when the passphrase does not open it
    /// (nothing is stored); a plain payload is imported as it is.
    pub fn import_sealed_handoff(
        &self,
        text: String,
        passphrase: String,
    ) -> ApiResult<ImportedHandoff> {
        let (made_on, summary) = if is_sealed(&text) {
            unpack_sealed(&text, &passphrase)?
        } else {
            unpack(&text)?
        };
        self.store_received(made_on, summary)
    }
}

impl WellbeingStore {
    fn store_received(&self, made_on: String, summary: FlowSummary) -> ApiResult<ImportedHandoff> {
        let now = self.now();
        // The notice is view, not record: stored without it, made again when read.
        let json = serde_json::to_string(&FlowSummary {
            safety: None,
            ..summary.clone()
        })
        .map_err(Error::from)?;
        Ok(self.write(|tx| {
            let n = tx.execute(
                "INSERT INTO handoff_received (id, tool, title, made_on, summary, utc_ms,
                    utc_offset_min, local_date, local_time, created_utc_ms, updated_utc_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?6, ?6)
                 ON CONFLICT(id) DO NOTHING",
                params![
                    summary.flow_id,
                    summary.tool.as_str(),
                    summary.title,
                    made_on,
                    json,
                    now.utc_ms,
                    now.offset_min,
                    now.date_string(),
                    now.time_string()
                ],
            )?;
            let row = tx
                .query_row(
                    &format!("{SELECT} WHERE id = ?1"),
                    [&summary.flow_id],
                    from_row,
                )
                .optional()?
                .ok_or_else(|| Error::unreadable("received handoff", ""))?;
            to_imported(row, n == 0, crate::profile::load_or_adult(tx))
        })?)
    }
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// Summaries received from other devices, newest first.
    pub fn list_received_handoffs(&self) -> ApiResult<Vec<ImportedHandoff>> {
        Ok(self.read(|c| {
            let mut st = c.prepare_cached(&format!("{SELECT} ORDER BY utc_ms DESC, id"))?;
            let rows = st.query_map([], from_row)?;
            let profile = crate::profile::load_or_adult(c);
            rows.map(|r| to_imported(r?, false, profile)).collect()
        })?)
    }

    /// Deletes a received summary.
    pub fn delete_received_handoff(&self, id: String) -> ApiResult<()> {
        let id = validate::id_arg("received summary", &id)?;
        let n =
            self.write(|tx| Ok(tx.execute("DELETE FROM handoff_received WHERE id = ?1", [&id])?))?;
        if n == 0 {
            return Err(Error::not_found("received summary", &id).into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::WellbeingError;
    #[allow(unused_imports)]
    use crate::{MeasureId, SafetyFlagCode, ToolGroup, ToolId, WayId};

    #[test]
    fn every_tools_summary_fits_a_handoff() {
        // Conversation mode on the staff device: each tool walked with short answers.
        use crate::{Answer, FlowProgress, InputKind};
        let c = WellbeingStore::open_in_memory().unwrap();
        for tool in c.list_tools().into_iter().filter(|t| !t.needs_subject) {
            let Ok(mut p) = c.start_flow(tool.id, None) else {
                continue;
            };
            let summary = loop {
                match p {
                    FlowProgress::Next { step } => {
                        let a = match &step.input {
                            InputKind::Scale { max, .. } => Answer::Scale { value: *max },
                            InputKind::Choice { choices, .. } => Answer::Choices {
                                ids: vec![choices[0].id.clone()],
                            },
                            InputKind::Text { .. } => Answer::Text {
                                text: "A few words in answer".into(),
                            },
                            InputKind::TextList { .. } => Answer::TextList {
                                items: vec!["one thing".into(), "another".into()],
                            },
                            InputKind::Info => Answer::Continue,
                        };
                        p = c.answer_flow(step.flow_id, a).unwrap();
                    }
                    FlowProgress::Complete { summary } => break summary,
                }
            };
            let payload = c
                .handoff_payload(summary.clone())
                .unwrap_or_else(|e| panic!("{}: {e}", tool.id));
            let (_, back) = unpack(&payload.text).unwrap();
            // The notice is made again on the receiving side, for the person: no staff
            // guidance there, the same flags.
            assert_eq!(
                back.safety.as_ref().map(|n| &n.flags),
                summary.safety.as_ref().map(|n| &n.flags),
                "{}",
                tool.id
            );
            assert!(back.safety.iter().all(|n| n.staff_guidance.is_none()));
            let bare = |s: &FlowSummary| FlowSummary {
                safety: None,
                ..s.clone()
            };
            assert_eq!(
                bare(&back),
                bare(&summary),
                "{} comes back as it was sent",
                tool.id
            );
        }
    }

    fn summary() -> FlowSummary {
        let mut s = FlowSummary {
            safety: None,
            flow_id: validate::new_id(),
            tool: ToolId::FiveAreas,
            title: "Five Areas".into(),
            headline: Some("A worrying week at work".into()),
            items: vec![
                SummaryItem {
                    label: "Situation".into(),
                    value: "Meeting with my manager on Monday".into(),
                },
                SummaryItem {
                    label: "Thoughts".into(),
                    value: "They will say I am not good enough".into(),
                },
            ],
            flags: vec![],
            advice: vec!["Talk it through with someone you trust.".into()],
            text: String::new(),
        };
        // As the flow engine makes it: the text is drawn from the other fields.
        s.redraw_text();
        s
    }

    fn handoff_err(r: ApiResult<ImportedHandoff>) -> String {
        match r {
            Err(WellbeingError::InvalidInput { field, rule, .. }) => {
                assert_eq!(field, "handoff");
                rule.as_str().to_string()
            }
            other => panic!("expected a refused handoff, got {other:?}"),
        }
    }

    #[test]
    fn base45_matches_rfc_9285_examples() {
        assert_eq!(base45_encode(b"AB"), "BB8");
        assert_eq!(base45_encode(b"Hello!!"), "%69 VD92EX0");
        assert_eq!(base45_encode(b"base-45"), "UJCLQE7W581");
        assert_eq!(base45_decode("QED8WEX0").unwrap(), b"ietf!");
        assert_eq!(base45_decode("BB8").unwrap(), b"AB");
        assert!(base45_decode("GGW").is_none()); // 65536: out of range
        assert!(base45_decode("A").is_none());
        assert!(base45_decode("ab").is_none());
        for n in 0..300u32 {
            let data: Vec<u8> = (0..n).map(|i| (i * 37 % 256) as u8).collect();
            assert_eq!(base45_decode(&base45_encode(&data)).unwrap(), data);
        }
    }

    #[test]
    fn staff_to_client_round_trip_is_idempotent() {
        let staff = WellbeingStore::open_in_memory().unwrap();
        staff.set_fixed_time(1_795_000_000_000, 0).unwrap();
        let s = summary();
        let p = staff.handoff_payload(s.clone()).unwrap();
        assert!(p.text.starts_with("WBC1:"));
        assert_eq!(p.qr.modules.len(), (p.qr.size * p.qr.size) as usize);
        assert_eq!(p.qr.size, 17 + 4 * p.qr.version);
        assert!(p.qr.version <= MAX_QR_VERSION);
        // Finder pattern: the top-left corner module is dark, the 8th in the row is light.
        assert!(p.qr.modules[0] && !p.qr.modules[7]);

        let client = WellbeingStore::open_in_memory().unwrap();
        client.set_fixed_time(1_795_100_000_000, 60).unwrap();
        let got = client.import_handoff(format!("  {}\n", p.text)).unwrap();
        assert_eq!(got.summary, s);
        assert_eq!(got.made_on, "2026-11-18");
        assert_eq!(got.id, s.flow_id);
        assert!(!got.already_had);
        let again = client.import_handoff(p.text.clone()).unwrap();
        assert!(again.already_had);
        assert_eq!(again.received, got.received);
        assert_eq!(client.list_received_handoffs().unwrap().len(), 1);
        client.delete_received_handoff(got.id.clone()).unwrap();
        assert!(client.list_received_handoffs().unwrap().is_empty());
        assert!(matches!(
            client.delete_received_handoff(got.id),
            Err(WellbeingError::NotFound { .. })
        ));
    }

    #[test]
    fn the_size_limit_always_fits_version_25_at_level_m() {
        use qrcode::{EcLevel, QrCode, Version};
        // Worst case for the alphanumeric mode: the longest text of Base45 characters.
        let longest = format!(
            "WBC1:{}",
            "Z%".repeat(MAX_PAYLOAD_CHARS)
                .get(..MAX_PAYLOAD_CHARS - 5)
                .unwrap()
        );
        assert_eq!(longest.len(), MAX_PAYLOAD_CHARS);
        assert!(QrCode::with_version(
            longest.as_bytes(),
            Version::Normal(MAX_QR_VERSION as i16),
            EcLevel::M
        )
        .is_ok());
        assert_eq!(qr_matrix(&longest).unwrap().version, MAX_QR_VERSION);
        // And the limit is the real capacity: one more character needs a larger code.
        let over = format!("{longest}Z");
        assert!(QrCode::with_version(
            over.as_bytes(),
            Version::Normal(MAX_QR_VERSION as i16),
            EcLevel::M
        )
        .is_err());
    }

    #[test]
    fn oversize_summaries_are_refused() {
        let c = WellbeingStore::open_in_memory().unwrap();
        // Text that does not compress: each line different.
        let mut s = summary();
        s.items = (0..40)
            .map(|i| SummaryItem {
                label: format!("Line {i}"),
                value: validate::new_id() + &validate::new_id(),
            })
            .collect();
        match c.handoff_payload(s) {
            Err(WellbeingError::InvalidInput {
                field, rule, limit, ..
            }) => {
                assert_eq!(field, "summary");
                assert_eq!(rule, crate::rules::RuleCode::TooLong);
                assert_eq!(limit, Some(MAX_PAYLOAD_CHARS as i64));
            }
            other => panic!("{other:?}"),
        }
        // Broken rules are refused before packing.
        let mut s = summary();
        s.flow_id = "../x".into();
        assert!(c.handoff_payload(s).is_err());
        let mut s = summary();
        s.title = "  ".into();
        assert!(c.handoff_payload(s).is_err());
        let mut s = summary();
        s.advice = vec!["x".into(); MAX_ADVICE + 1];
        assert!(c.handoff_payload(s).is_err());
    }

    #[test]
    fn damaged_foreign_and_newer_payloads_are_refused() {
        let c = WellbeingStore::open_in_memory().unwrap();
        let good = c.handoff_payload(summary()).unwrap().text;
        // One character changed anywhere in the body.
        for pos in [6, good.len() / 2, good.len() - 1] {
            let mut b = good.clone().into_bytes();
            b[pos] = if b[pos] == b'A' { b'B' } else { b'A' };
            let bad = String::from_utf8(b).unwrap();
            assert!(handoff_err(c.import_handoff(bad)) == "not-readable");
        }
        // Cut short (a partial scan).
        assert!(handoff_err(c.import_handoff(good[..good.len() - 3].into())) == "not-readable");
        assert!(handoff_err(c.import_handoff("WBC1:".into())) == "not-readable");
        // Lowercase is not Base45.
        assert!(handoff_err(c.import_handoff(good.to_lowercase())) == "not-readable");
        assert!(handoff_err(c.import_handoff("https://example.org".into())) == "not-readable");
        assert!(handoff_err(c.import_handoff(good.replacen("WBC1:", "WBC2:", 1))) == "too-new");
        assert!(
            handoff_err(c.import_handoff(good.replacen("WBC1:", "WBC0:", 1))) == "not-readable"
        );
        assert!(handoff_err(c.import_handoff("W".repeat(MAX_PAYLOAD_CHARS + 1))) == "too-long");
        assert!(c.list_received_handoffs().unwrap().is_empty());
    }

    /// A forged payload with a correct check that carries a summary breaking the rules, or
    /// a compression bomb, is refused too.
    #[test]
    fn forged_payloads_are_checked_like_local_input() {
        let c = WellbeingStore::open_in_memory().unwrap();
        let forge = |json: &[u8]| {
            let packed = miniz_oxide::deflate::compress_to_vec_zlib(json, 10);
            let mut bytes = Sha256::digest(&packed)[..CHECK_BYTES].to_vec();
            bytes.extend_from_slice(&packed);
            format!("WBC1:{}", base45_encode(&bytes))
        };
        let mut s = summary();
        s.title = "bad\u{0}title".into();
        let body = serde_json::to_vec(&Body {
            made_on: "2026-11-18".into(),
            summary: WireSummary::from_summary(&s),
        })
        .unwrap();
        assert!(matches!(
            c.import_handoff(forge(&body)),
            Err(WellbeingError::InvalidInput { .. })
        ));
        let body = serde_json::to_vec(&Body {
            made_on: "2026-02-30".into(),
            summary: WireSummary::from_summary(&summary()),
        })
        .unwrap();
        assert!(c.import_handoff(forge(&body)).is_err());
        // Unknown fields are refused at every level, as the format says; a payload cannot
        // bring a safety notice of its own either (the receiving app writes that).
        let good = serde_json::to_value(Body {
            made_on: "2026-11-18".into(),
            summary: WireSummary::from_summary(&summary()),
        })
        .unwrap();
        assert!(c.import_handoff(forge(good.to_string().as_bytes())).is_ok());
        let edits: [fn(&mut serde_json::Value); 4] = [
            |v| v["extra"] = 1.into(),
            |v| v["summary"]["colour"] = "red".into(),
            |v| v["summary"]["items"][0]["bold"] = true.into(),
            |v| {
                v["summary"]["safety"] = serde_json::json!({"urgent": false, "heading": "All fine"})
            },
        ];
        for edit in edits {
            let mut v = good.clone();
            edit(&mut v);
            assert_eq!(
                handoff_err(c.import_handoff(forge(v.to_string().as_bytes()))),
                "not-readable",
                "{v}"
            );
        }
        let bomb = vec![b' '; MAX_JSON_BYTES * 4];
        assert!(handoff_err(c.import_handoff(forge(&bomb))) == "not-readable");
        assert_eq!(
            c.list_received_handoffs().unwrap().len(),
            1,
            "only the good one"
        );
    }

    #[test]
    fn received_between_filters_by_local_day() {
        let c = WellbeingStore::open_in_memory().unwrap();
        c.set_fixed_time(1_795_000_000_000, 0).unwrap();
        let t = c.handoff_payload(summary()).unwrap().text;
        c.import_handoff(t).unwrap();
        let got = c
            .read(|conn| {
                received_between(conn, "2026-11-18", "2026-11-18", crate::ids::Profile::Adult)
            })
            .unwrap();
        assert_eq!(got.len(), 1);
        let none = c
            .read(|conn| {
                received_between(conn, "2026-11-19", "2026-11-30", crate::ids::Profile::Adult)
            })
            .unwrap();
        assert!(none.is_empty());
    }
}
