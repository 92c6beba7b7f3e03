//! The safety plan and the Help now screen as a shell is handed them.

use serde::{Deserialize, Serialize};

use crate::crisis::CrisisContact;
use crate::ids::SafetyPlanSectionKind;

/// One section of the plan with its wording and the person's items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SafetyPlanSection {
    pub section: SafetyPlanSectionKind,
    pub title: String,
    pub prompt: String,
    pub help: String,
    pub items: Vec<String>,
}

/// The whole plan: always every section, in order (empty lists when nothing is written).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SafetyPlan {
    pub title: String,
    pub sections: Vec<SafetyPlanSection>,
    /// "YYYY-MM-DD" of the last change; `None` when no plan has been saved.
    pub updated: Option<String>,
    pub is_empty: bool,
}

/// A whole plan to store: each list replaces that section.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SafetyPlanInput {
    pub warning_signs: Vec<String>,
    pub coping_strategies: Vec<String>,
    pub social_distractions: Vec<String>,
    pub people_to_ask: Vec<String>,
    pub professionals: Vec<String>,
    pub safe_environment: Vec<String>,
    pub reasons_for_living: Vec<String>,
}

impl SafetyPlanInput {
    pub(super) fn section(&self, kind: SafetyPlanSectionKind) -> &[String] {
        use SafetyPlanSectionKind::*;
        match kind {
            WarningSigns => &self.warning_signs,
            CopingStrategies => &self.coping_strategies,
            SocialDistractions => &self.social_distractions,
            PeopleToAsk => &self.people_to_ask,
            Professionals => &self.professionals,
            SafeEnvironment => &self.safe_environment,
            ReasonsForLiving => &self.reasons_for_living,
        }
    }
}

/// The "Help now" screen: crisis contacts first, then the person's plan when there is one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SafetyHelpNow {
    pub title: String,
    pub intro: String,
    pub contacts: Vec<CrisisContact>,
    pub plan_heading: String,
    /// The plan, or `None` when none is written or the store could not be read.
    pub plan: Option<SafetyPlan>,
    /// Shown instead of the plan when there is none, or when it could not be read (then it
    /// says so, rather than "not written", which would be untrue).
    pub no_plan_text: Option<String>,
    /// Why the plan is or is not shown, so a shell can offer "write a plan" only when that
    /// is the truth.
    pub plan_status: PlanStatus,
    /// Heading of the grounding exercise shown beside the contacts.
    pub grounding_heading: String,
    /// A short slow-breathing exercise, one step per line: something to do right now while
    /// deciding whom to call.
    pub grounding: Vec<String>,
}

/// What happened to the safety plan on the "Help now" screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    /// The plan was read and has something in it.
    Shown,
    /// The store was read and no plan is written.
    NotWritten,
    /// The store is there but could not be read (corrupt, locked, from a newer version, or
    /// not ours): the plan may exist, so "not written" must not be said.
    Unreadable,
    /// There is no store (no path given, or no file at the path).
    NoStore,
}
