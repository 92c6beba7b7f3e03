//! My connections: the Connecting People practice (Webber, University of York).
//!
//! Connecting People helps people who are isolated make connections beyond services, a
//! worker (often a peer with lived experience) and the person working it out together. Its
//! practice is plan–do–review, and this module carries each part:
//!
//! - **the map** (`connections_maps` and its `connections_items`): the people, groups and
//!   places in the person's life, each with its ring (how close it feels), its kind and
//!   whether it helps, is mixed or drains. A map is dated and never changed by mapping again:
//!   a new map is a new record, so two maps can be compared (`change.rs`);
//! - **the drawing** (`layout.rs`): the ecomap laid out by the core — the person at the
//!   centre, three rings, items grouped by kind, no two overlapping, the same input always
//!   giving the same picture — as coordinates, chart series, an SVG and words for a screen
//!   reader;
//! - **the plan** (`connections_plans`): interests, strengths, opportunities, one small step,
//!   the support wanted and a day to look back; and **its review** (`connections_reviews`).
//!
//! Every part can be walked as a guided flow (`flows.rs`), so every shell draws it with its
//! one step screen, and in conversation mode nothing is stored unless chosen.
//!
//! A connection is matched between two maps by its name, ignoring case and spaces: names are
//! unique within a map. Mapping again carries each kept name over exactly, so the match holds.

// These imports are also the shared prelude of the submodules (each starts `use super::*`).
use std::sync::OnceLock;

use chrono::{Duration, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::chart::{ChartPoint, ChartSeries};
use crate::clock::{self, Moment};
use crate::error::{ApiResult, Error, Result};
use crate::flow::{
    Answer, Answers, ChoiceOption, FlowDef, InputKind, StepSpec, SummaryParts, ToolInfo, ToolModule,
};
use crate::rules::{RuleCode, LONG_TEXT, SHORT_TEXT};
use crate::store::WellbeingStore;
use crate::validate;

pub(crate) const SCHEMA: &str = "
CREATE TABLE connections_maps (
    id TEXT PRIMARY KEY NOT NULL,
    utc_ms INTEGER NOT NULL,
    utc_offset_min INTEGER NOT NULL,
    local_date TEXT NOT NULL,
    local_time TEXT NOT NULL,
    created_utc_ms INTEGER NOT NULL,
    updated_utc_ms INTEGER NOT NULL
);
CREATE INDEX connections_maps_time ON connections_maps(utc_ms);
CREATE TABLE connections_items (
    id TEXT PRIMARY KEY NOT NULL,
    map_id TEXT NOT NULL REFERENCES connections_maps(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('family', 'friend', 'neighbour', 'group', 'place', 'service', 'online')),
    ring TEXT NOT NULL CHECK (ring IN ('close', 'in_between', 'further_out')),
    feel TEXT NOT NULL CHECK (feel IN ('helpful', 'mixed', 'draining')),
    UNIQUE (map_id, position)
);
CREATE TABLE connections_plans (
    id TEXT PRIMARY KEY NOT NULL,
    interests TEXT NOT NULL,
    strengths TEXT NOT NULL,
    opportunities TEXT NOT NULL,
    chosen TEXT,
    step TEXT NOT NULL,
    support TEXT NOT NULL,
    support_from TEXT,
    review_on TEXT NOT NULL,
    utc_ms INTEGER NOT NULL,
    utc_offset_min INTEGER NOT NULL,
    local_date TEXT NOT NULL,
    local_time TEXT NOT NULL,
    created_utc_ms INTEGER NOT NULL,
    updated_utc_ms INTEGER NOT NULL
);
CREATE INDEX connections_plans_time ON connections_plans(utc_ms);
CREATE TABLE connections_reviews (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL UNIQUE REFERENCES connections_plans(id) ON DELETE CASCADE,
    outcome TEXT NOT NULL CHECK (outcome IN ('yes', 'partly', 'not_yet')),
    what_happened TEXT,
    met TEXT NOT NULL,
    next_step TEXT,
    utc_ms INTEGER NOT NULL,
    utc_offset_min INTEGER NOT NULL,
    local_date TEXT NOT NULL,
    local_time TEXT NOT NULL,
    created_utc_ms INTEGER NOT NULL,
    updated_utc_ms INTEGER NOT NULL
);
";

pub(crate) const TOOL_MAP: &str = "connections-map";
pub(crate) const TOOL_REMAP: &str = "connections-remap";
pub(crate) const TOOL_PLAN: &str = "connections-plan";
pub(crate) const TOOL_REVIEW: &str = "connections-review";

/// Most connections on one map: enough for a full life, few enough to draw and to hand over.
pub const MAX_CONNECTIONS: usize = 24;
/// Longest name of a connection: a name or a place, not a sentence.
pub const NAME_MAX: usize = 60;
/// Most interests, strengths or opportunities in a plan.
pub const MAX_PLAN_ITEMS: usize = 12;
/// Longest interest, strength or opportunity.
pub const PLAN_ITEM_MAX: usize = 120;
/// Most people or places noted as met at a review.
pub const MAX_MET: usize = 12;
/// Furthest ahead a review may be set, in days.
pub const MAX_REVIEW_DAYS: i64 = 366;
/// A map this many days old is offered for mapping again on the home screen.
pub(crate) const REMAP_AFTER_DAYS: i64 = 28;
const MAX_PAGE: u32 = 100;

// content: wording; rules: validation; store: SQL; flows: guided flows; layout: the ecomap;
// change: two maps compared; report: the appointment summary's section.
mod change;
mod content;
mod flows;
mod layout;
mod report;
mod rules;
mod store;

use content::*;
use rules::*;
use store::*;

pub use content::connections_guide;
pub(crate) use flows::MODULE;
pub use layout::connections_ecomap;
pub(crate) use report::{report_section, SectionParts};
pub(crate) use store::{check_stored, due};

/// "My connections": the words of the home entry that leads to the maps.
pub(crate) fn history_label() -> Result<String> {
    content()?.label("history_label", &[])
}

// ---------------------------------------------------------------------------------------
// Closed sets
// ---------------------------------------------------------------------------------------

/// Declares a closed set with its stored id, `ALL` in drawing order, `id` and `from_id`.
macro_rules! closed_set {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $id:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $id)] $variant,)+
        }

        impl $name {
            #[allow(dead_code)]
            pub(crate) const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stored id (also the JSON form).
            pub(crate) fn id(self) -> &'static str {
                match self {
                    $($name::$variant => $id,)+
                }
            }

            pub(crate) fn from_id(id: &str) -> Option<Self> {
                match id {
                    $($id => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// Place in `ALL`: the drawing and listing order.
            #[allow(dead_code)]
            pub(crate) fn index(self) -> usize {
                Self::ALL.iter().position(|x| *x == self).unwrap_or(0)
            }
        }
    };
}

closed_set! {
    /// How close a connection feels: the three rings of the map, from the centre out.
    ConnectionRing {
        Close = "close",
        InBetween = "in_between",
        FurtherOut = "further_out",
    }
}

closed_set! {
    /// What kind of connection it is. The map groups items by kind, in this order.
    ConnectionKind {
        Family = "family",
        Friend = "friend",
        Neighbour = "neighbour",
        Group = "group",
        Place = "place",
        Service = "service",
        Online = "online",
    }
}

closed_set! {
    /// Whether a connection usually helps, is mixed, or drains.
    ConnectionFeel {
        Helpful = "helpful",
        Mixed = "mixed",
        Draining = "draining",
    }
}

closed_set! {
    /// The support a person would like to act on their plan.
    ConnectionsSupport {
        /// Someone to go along the first time.
        GoAlong = "go_along",
        Introduction = "introduction",
        Buddy = "buddy",
        /// Finding out times, cost, what it is like.
        FindOut = "find_out",
        /// Getting there.
        Travel = "travel",
        Reminder = "reminder",
    }
}

closed_set! {
    /// Whether the planned step was taken.
    ConnectionsOutcome {
        Yes = "yes",
        Partly = "partly",
        NotYet = "not_yet",
    }
}

/// Where a plan is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum ConnectionsPlanStatus {
    /// Made; its review day has not come yet.
    Open,
    /// Its review day has come and it has not been looked back on.
    Due,
    Reviewed,
}

// ---------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------

/// One connection as entered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ConnectionInput {
    /// A person, group or place, in the person's own words.
    pub name: String,
    pub kind: ConnectionKind,
    pub ring: ConnectionRing,
    pub feel: ConnectionFeel,
}

/// A map to store (or to draw without storing, `connections_ecomap`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ConnectionsMapInput {
    /// "YYYY-MM-DD" the map was drawn; today when left out.
    pub date: Option<String>,
    /// At most 24, names unique ignoring case. An empty map is allowed: "no one yet" is a
    /// map too, and a starting point.
    pub connections: Vec<ConnectionInput>,
}

/// A stored connection with its words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ConnectionsItem {
    /// Its place on the map as entered (0-based).
    pub position: u32,
    pub name: String,
    pub kind: ConnectionKind,
    pub kind_label: String,
    pub ring: ConnectionRing,
    pub ring_label: String,
    pub feel: ConnectionFeel,
    pub feel_label: String,
    /// "+", "~" or "-": drawn beside the name where colour cannot be.
    pub feel_symbol: String,
}

/// A count of one ring of a map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ConnectionsRingCount {
    pub ring: ConnectionRing,
    pub label: String,
    pub count: u32,
}

/// A count of one kind on a map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ConnectionsKindCount {
    pub kind: ConnectionKind,
    pub label: String,
    pub count: u32,
}

/// A stored map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ConnectionsMap {
    pub id: String,
    pub date: String,
    pub time: String,
    /// "Fri 20 Nov".
    pub date_label: String,
    pub title: String,
    /// "6 connections on your map".
    pub headline: String,
    /// As entered.
    pub items: Vec<ConnectionsItem>,
    /// Every ring, from the centre out (zero counts included).
    pub ring_counts: Vec<ConnectionsRingCount>,
    /// Every kind, in the map's order (zero counts included).
    pub kind_counts: Vec<ConnectionsKindCount>,
}

/// A line of the list of maps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ConnectionsListItem {
    pub id: String,
    pub date: String,
    pub date_label: String,
    pub title: String,
    pub count: u32,
    /// "6 connections: 2 close, 3 in between, 1 further out".
    pub line: String,
}

/// The maps, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ConnectionsHistoryPage {
    pub items: Vec<ConnectionsListItem>,
    pub total: u32,
    pub offset: u32,
    pub limit: u32,
    pub has_more: bool,
    /// Shown when there is no map yet.
    pub empty_text: Option<String>,
}

/// One connection that changed between two maps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ConnectionsChangeItem {
    pub name: String,
    pub kind: ConnectionKind,
    /// `None` when it is new.
    pub ring_before: Option<ConnectionRing>,
    /// `None` when it is no longer on the map.
    pub ring_after: Option<ConnectionRing>,
    pub feel_before: Option<ConnectionFeel>,
    pub feel_after: Option<ConnectionFeel>,
    /// "Jo (in between to close)" or just "Jo".
    pub label: String,
}

/// How a count moved between two maps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ConnectionsCountChange {
    pub label: String,
    pub before: u32,
    pub after: u32,
    /// "Close: 1 then, 3 now".
    pub line: String,
}

/// What changed from one map to a later one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ConnectionsChange {
    pub from_map_id: String,
    pub to_map_id: String,
    pub from_date: String,
    pub to_date: String,
    /// "Since Fri 20 Nov".
    pub title: String,
    /// "2 new, 1 no longer there, 1 closer, 0 further away".
    pub headline: String,
    /// On the later map only, in its order.
    pub new: Vec<ConnectionsChangeItem>,
    /// On the earlier map only, in its order.
    pub lost: Vec<ConnectionsChangeItem>,
    /// On both, in a ring nearer the centre now.
    pub closer: Vec<ConnectionsChangeItem>,
    /// On both, in a ring further out now.
    pub further: Vec<ConnectionsChangeItem>,
    /// On both, helpful / mixed / draining differently now (whatever its ring).
    pub feel_changed: Vec<ConnectionsChangeItem>,
    /// On both in the same ring.
    pub unchanged: u32,
    /// Every ring, from the centre out.
    pub by_ring: Vec<ConnectionsCountChange>,
    /// Every kind on either map, in the map's order.
    pub by_kind: Vec<ConnectionsCountChange>,
    /// The comparison in sentences, for the person: the headline's parts by name.
    pub lines: Vec<String>,
    /// The counts before and after as chart series ("before" and "after", one point per
    /// ring): draw as grouped bars.
    pub series: Vec<ChartSeries>,
}

/// A point on the drawing.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct EcomapPoint {
    pub x: f64,
    pub y: f64,
}

/// A ring of the drawing: a circle around the centre.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct EcomapRing {
    pub ring: ConnectionRing,
    pub label: String,
    /// The circle's radius: every item of this ring lies inside it and outside the one before.
    pub radius: f64,
    /// The radius of the ring before (the centre's for the first).
    pub inner_radius: f64,
    pub count: u32,
}

/// The part of the circle given to one kind (degrees clockwise from 12 o'clock).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct EcomapSector {
    pub kind: ConnectionKind,
    pub label: String,
    pub start_deg: f64,
    pub end_deg: f64,
    pub count: u32,
}

/// One connection placed on the drawing. Its box (`x`, `y` the centre, `box_width` by
/// `box_height`) holds the marker and the label under it; no two boxes overlap, and none
/// overlaps the centre's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct EcomapNode {
    /// Its place on the map as entered.
    pub position: u32,
    /// The name, or the kind when names are left out (an appointment summary without full text).
    pub label: String,
    pub kind: ConnectionKind,
    pub kind_label: String,
    pub ring: ConnectionRing,
    pub ring_label: String,
    pub feel: ConnectionFeel,
    pub feel_label: String,
    pub feel_symbol: String,
    pub x: f64,
    pub y: f64,
    /// Where the marker's centre is (above the label).
    pub marker: EcomapPoint,
    pub marker_radius: f64,
    /// Where the label's baseline is centred.
    pub label_at: EcomapPoint,
    pub box_width: f64,
    pub box_height: f64,
    /// Degrees clockwise from 12 o'clock, as seen from the centre.
    pub angle_deg: f64,
}

/// A line of the legend: what a symbol means.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct EcomapLegendItem {
    pub feel: ConnectionFeel,
    pub label: String,
    pub symbol: String,
    /// "+ Helpful".
    pub line: String,
}

/// The map laid out, ready to draw: everything in the box `0..width` × `0..height`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct EcomapLayout {
    /// The stored map, when it is one.
    pub map_id: Option<String>,
    pub title: String,
    pub width: f64,
    pub height: f64,
    pub centre: EcomapPoint,
    pub centre_radius: f64,
    /// "Me".
    pub centre_label: String,
    /// From the centre out.
    pub rings: Vec<EcomapRing>,
    /// The kinds on the map, clockwise from 12 o'clock.
    pub sectors: Vec<EcomapSector>,
    /// Ring by ring from the centre out, then by kind, then as entered: a stable order.
    pub nodes: Vec<EcomapNode>,
    pub legend: Vec<EcomapLegendItem>,
    /// "by-ring" and "by-kind" counts, one point per ring or kind: for a bar chart.
    pub series: Vec<ChartSeries>,
    /// The drawing as a self-contained SVG (title and description inside).
    pub svg: String,
    /// What a screen reader says: every ring and what is in it.
    pub description: String,
}

/// A plan to store.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ConnectionsPlanInput {
    /// What the person enjoys or used to enjoy: at least one.
    pub interests: Vec<String>,
    pub strengths: Vec<String>,
    /// Where they could do it with other people: a group, a class, volunteering.
    pub opportunities: Vec<String>,
    /// The opportunity to try first: one of `opportunities` when given.
    pub chosen: Option<String>,
    /// The first small step.
    pub step: String,
    pub support: Vec<ConnectionsSupport>,
    /// Who could give that support (a first name, "my worker").
    pub support_from: Option<String>,
    /// "YYYY-MM-DD": today or later, within a year.
    pub review_on: String,
}

/// How the planned step went, as entered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ConnectionsReviewInput {
    pub outcome: ConnectionsOutcome,
    pub what_happened: Option<String>,
    /// People met or places found.
    pub met: Vec<String>,
    pub next_step: Option<String>,
}

/// A stored review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ConnectionsReview {
    pub outcome: ConnectionsOutcome,
    pub outcome_label: String,
    /// "Did it: Partly".
    pub headline: String,
    pub what_happened: Option<String>,
    pub met: Vec<String>,
    pub next_step: Option<String>,
    pub date: String,
    pub time: String,
}

/// A stored plan with its review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ConnectionsPlan {
    pub id: String,
    pub date: String,
    pub date_label: String,
    pub interests: Vec<String>,
    pub strengths: Vec<String>,
    pub opportunities: Vec<String>,
    pub chosen: Option<String>,
    pub step: String,
    /// "Your first step: go to the open morning".
    pub headline: String,
    pub support: Vec<ConnectionsSupport>,
    pub support_labels: Vec<String>,
    pub support_from: Option<String>,
    pub review_on: String,
    /// "Look back on Fri 27 Nov".
    pub review_on_label: String,
    pub status: ConnectionsPlanStatus,
    pub status_label: String,
    pub review: Option<ConnectionsReview>,
}

/// The screen of the tool: the latest map drawn, what changed since the one before, the
/// current plan, and the earlier maps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ConnectionsView {
    pub title: String,
    pub latest: Option<ConnectionsMap>,
    pub layout: Option<EcomapLayout>,
    /// Since the map before the latest, when there is one.
    pub change: Option<ConnectionsChange>,
    /// The newest plan.
    pub plan: Option<ConnectionsPlan>,
    /// Up to ten maps, newest first.
    pub maps: Vec<ConnectionsListItem>,
    /// Shown when there is no map yet.
    pub empty_text: Option<String>,
}

crate::content::words_record! {
    /// A ring's, kind's, feel's or support's words, for a form screen.
    #[derive(Debug, Clone, PartialEq, Serialize)]
    #[cfg_attr(feature = "ffi", derive(uniffi::Record))]
    pub struct ConnectionsChoiceInfo {
        /// The stored id: "close", "family", "helpful", "go_along", "yes".
        pub id: String,
        pub label: String,
        pub help: Option<String>,
        pub symbol: Option<String>,
    }
}

/// All the wording a form-style screen of the tool needs (shells hold no tool text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ConnectionsGuide {
    pub title: String,
    pub intro: String,
    pub rings: Vec<ConnectionsChoiceInfo>,
    pub kinds: Vec<ConnectionsChoiceInfo>,
    pub feels: Vec<ConnectionsChoiceInfo>,
    pub supports: Vec<ConnectionsChoiceInfo>,
    pub outcomes: Vec<ConnectionsChoiceInfo>,
    pub max_connections: u32,
    pub name_max_chars: u32,
    pub plan_items: u32,
    pub plan_item_chars: u32,
}

// ---------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// Stores a new map. Earlier maps are kept as they were.
    pub fn connections_map_create(&self, map: ConnectionsMapInput) -> ApiResult<ConnectionsMap> {
        let items = check_map(&map.connections)?;
        let now = self.now();
        let when = Moment::from_local_parts(now, map.date.as_deref(), None)?;
        let id = validate::new_id();
        Ok(self.write(|tx| {
            insert_map(tx, &id, when, now, &items)?;
            load_map(tx, &id)
        })?)
    }

    /// One map.
    pub fn connections_map_get(&self, id: String) -> ApiResult<ConnectionsMap> {
        let id = validate::id_arg("map", &id)?;
        Ok(self.read(|c| load_map(c, &id))?)
    }

    /// Deletes a map for good.
    pub fn connections_map_delete(&self, id: String) -> ApiResult<()> {
        let id = validate::id_arg("map", &id)?;
        let n =
            self.write(|tx| Ok(tx.execute("DELETE FROM connections_maps WHERE id = ?1", [&id])?))?;
        if n == 0 {
            return Err(Error::not_found("map", &id).into());
        }
        Ok(())
    }

    /// The maps, newest first, `limit` (1–100) from `offset`.
    pub fn connections_maps(&self, offset: u32, limit: u32) -> ApiResult<ConnectionsHistoryPage> {
        validate::in_range("limit", limit as i64, 1, MAX_PAGE as i64)?;
        Ok(self.read(|c| history(c, offset, limit))?)
    }

    /// A stored map laid out for drawing, with the names.
    pub fn connections_layout(&self, map_id: String) -> ApiResult<EcomapLayout> {
        let id = validate::id_arg("map", &map_id)?;
        let map = self.read(|c| load_map(c, &id))?;
        Ok(layout::of_map(&map, layout::Labels::Names)?)
    }

    /// What changed from map `from_id` to map `to_id` (either order of dates is compared as
    /// given: `from` is "then", `to` is "now").
    pub fn connections_change(
        &self,
        from_id: String,
        to_id: String,
    ) -> ApiResult<ConnectionsChange> {
        let from = validate::id_arg("map", &from_id)?;
        let to = validate::id_arg("map", &to_id)?;
        let (a, b) = self.read(|c| Ok((load_map(c, &from)?, load_map(c, &to)?)))?;
        Ok(change::between(&a, &b)?)
    }

    /// The tool's screen: the latest map drawn, the change since the one before, the newest
    /// plan, and the earlier maps.
    pub fn connections_view(&self) -> ApiResult<ConnectionsView> {
        let today = self.now().date();
        Ok(self.read(|c| view(c, today))?)
    }

    /// Stores a plan.
    pub fn connections_plan_create(
        &self,
        plan: ConnectionsPlanInput,
    ) -> ApiResult<ConnectionsPlan> {
        let now = self.now();
        let p = check_plan(&plan, now.date())?;
        let id = validate::new_id();
        Ok(self.write(|tx| {
            insert_plan(tx, &id, now, &p)?;
            load_plan(tx, &id, now.date())
        })?)
    }

    /// One plan with its review.
    pub fn connections_plan_get(&self, id: String) -> ApiResult<ConnectionsPlan> {
        let id = validate::id_arg("plan", &id)?;
        let today = self.now().date();
        Ok(self.read(|c| load_plan(c, &id, today))?)
    }

    /// Records how the planned step went (replacing an earlier review of the same plan).
    pub fn connections_plan_review(
        &self,
        id: String,
        review: ConnectionsReviewInput,
    ) -> ApiResult<ConnectionsPlan> {
        let id = validate::id_arg("plan", &id)?;
        let r = check_review(&review)?;
        let now = self.now();
        Ok(self.write(|tx| {
            load_plan(tx, &id, now.date())?;
            write_review(tx, &id, now, &r)?;
            load_plan(tx, &id, now.date())
        })?)
    }

    /// Deletes a plan and its review for good.
    pub fn connections_plan_delete(&self, id: String) -> ApiResult<()> {
        let id = validate::id_arg("plan", &id)?;
        let n =
            self.write(|tx| Ok(tx.execute("DELETE FROM connections_plans WHERE id = ?1", [&id])?))?;
        if n == 0 {
            return Err(Error::not_found("plan", &id).into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
