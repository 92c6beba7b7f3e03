//! The closed sets a shell switches on, as enums across the FFI.
//!
//! A shell must never compare strings to decide what to draw (`kind == "help-now"`): a typo
//! compiles and silently takes the wrong branch. Each set here is a plain enum; in JSON
//! (scenarios, backups, drafts) it is written as its historic kebab-case id, so stored data
//! and older files read unchanged. Inside the core the tools still key their tables and
//! content by these ids (`as_str`), so this module imports nothing of the tools.

use serde::{Deserialize, Serialize};

/// Declares a unit-only enum with its stable text id, `as_str`, `parse` and `ALL`.
macro_rules! id_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $id:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $id)] $variant,)+
        }

        impl $name {
            /// Every value, in declaration (menu) order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stable text id, as stored and as written in JSON.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $id,)+
                }
            }

            /// The value with text id `id`, if there is one.
            pub fn parse(id: &str) -> Option<Self> {
                match id {
                    $($id => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        /// Unit tests inside the crate name values by their text ids, as the shells' JSON
        /// does; the public API takes only the enum.
        #[cfg(test)]
        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                $name::parse(id).unwrap_or_else(|| panic!("no such id: {id}"))
            }
        }

        #[cfg(test)]
        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

id_enum! {
    /// Every tool that can be walked through, in menu order.
    ToolId {
        FiveWaysLog = "five-ways-log",
        FiveWaysPlan = "five-ways-plan",
        FiveWaysReview = "five-ways-review",
        Checkin = "checkin",
        ScaleImportance = "scale-importance",
        ScaleConfidence = "scale-confidence",
        ScaleReadiness = "scale-readiness",
        ScaleSolutionFocused = "scale-solution-focused",
        ScaleCustom = "scale-custom",
        FiveAreas = "five-areas",
        FiveAreasReview = "five-areas-review",
        ThoughtRecord = "thought-record",
        Phq9 = "phq9",
        Gad7 = "gad7",
        Ons4 = "ons4",
        Swemwbs = "swemwbs",
        SafetyPlan = "safety-plan",
        ConnectionsMap = "connections-map",
        ConnectionsRemap = "connections-remap",
        ConnectionsPlan = "connections-plan",
        ConnectionsReview = "connections-review",
    }
}

id_enum! {
    /// The menu group a tool belongs to.
    ToolGroup {
        FiveWays = "five-ways",
        Scaling = "scaling",
        FiveAreas = "five-areas",
        Thinking = "thinking",
        Measures = "measures",
        Safety = "safety",
        Connections = "connections",
    }
}

id_enum! {
    /// The outcome measures.
    MeasureId {
        Phq9 = "phq9",
        Gad7 = "gad7",
        Ons4 = "ons4",
        Swemwbs = "swemwbs",
    }
}

id_enum! {
    /// What a school staff member's entry is: a person at school, or a route the school
    /// refers by.
    SchoolContactKind {
        /// Someone at school: the designated safeguarding lead, the school nurse, a counsellor.
        SchoolContact = "school-contact",
        /// Where school asks for more help: the CAMHS or Mental Health Support Team single
        /// point of access.
        ReferralRoute = "referral-route",
    }
}

id_enum! {
    /// The Five Ways to Wellbeing.
    WayId {
        Connect = "connect",
        BeActive = "be-active",
        TakeNotice = "take-notice",
        KeepLearning = "keep-learning",
        Give = "give",
    }
}

id_enum! {
    /// Why a safety flag was raised. Every flag means: show support options first.
    SafetyFlagCode {
        /// PHQ-9 item 9 (thoughts of being better off dead or of self-harm) answered above 0.
        Phq9Item9 = "phq9-item9",
        /// A scale answered at its very lowest point: a gentle offer of support, not an alarm.
        ScalingLowest = "scaling-lowest",
    }
}

impl MeasureId {
    /// The tool that walks through this measure.
    pub fn tool(self) -> ToolId {
        match self {
            MeasureId::Phq9 => ToolId::Phq9,
            MeasureId::Gad7 => ToolId::Gad7,
            MeasureId::Ons4 => ToolId::Ons4,
            MeasureId::Swemwbs => ToolId::Swemwbs,
        }
    }
}

impl ToolId {
    /// The measure this tool administers, if it is one.
    pub fn measure(self) -> Option<MeasureId> {
        MeasureId::ALL.iter().copied().find(|m| m.tool() == self)
    }
}

/// The sections of the safety plan, in the order they are worked through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum SafetyPlanSectionKind {
    WarningSigns,
    CopingStrategies,
    SocialDistractions,
    PeopleToAsk,
    Professionals,
    SafeEnvironment,
    ReasonsForLiving,
}

impl SafetyPlanSectionKind {
    pub(crate) const ALL: [SafetyPlanSectionKind; 7] = [
        Self::WarningSigns,
        Self::CopingStrategies,
        Self::SocialDistractions,
        Self::PeopleToAsk,
        Self::Professionals,
        Self::SafeEnvironment,
        Self::ReasonsForLiving,
    ];

    /// The stable id used in storage, content and flow step ids.
    pub(crate) fn id(self) -> &'static str {
        match self {
            Self::WarningSigns => "warning_signs",
            Self::CopingStrategies => "coping_strategies",
            Self::SocialDistractions => "social_distractions",
            Self::PeopleToAsk => "people_to_ask",
            Self::Professionals => "professionals",
            Self::SafeEnvironment => "safe_environment",
            Self::ReasonsForLiving => "reasons_for_living",
        }
    }

    pub(crate) fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// How to reach a crisis service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum CrisisContactMethod {
    Call,
    Text,
    Email,
    /// Go in person (A&E).
    Visit,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_ids_round_trip_and_are_unique() {
        fn check<T: Copy + PartialEq + std::fmt::Debug + Serialize>(
            all: &[T],
            as_str: fn(T) -> &'static str,
            parse: fn(&str) -> Option<T>,
        ) {
            let mut seen = std::collections::HashSet::new();
            for &v in all {
                assert!(seen.insert(as_str(v)), "{v:?} repeats an id");
                assert_eq!(parse(as_str(v)), Some(v));
                assert_eq!(
                    serde_json::to_string(&v).unwrap(),
                    format!("\"{}\"", as_str(v))
                );
            }
            assert_eq!(parse("no-such-id"), None);
        }
        check(ToolId::ALL, ToolId::as_str, ToolId::parse);
        check(ToolGroup::ALL, ToolGroup::as_str, ToolGroup::parse);
        check(MeasureId::ALL, MeasureId::as_str, MeasureId::parse);
        check(WayId::ALL, WayId::as_str, WayId::parse);
        check(
            SafetyFlagCode::ALL,
            SafetyFlagCode::as_str,
            SafetyFlagCode::parse,
        );
    }

    /// Shells build their id tables from the enum's entries (Kotlin `FIVE_WAYS_LOG`, Swift
    /// `fiveWaysLog`): that only works while each id is its variant's name in kebab case.
    #[test]
    fn every_text_id_is_the_variant_name_in_kebab_case() {
        fn kebab(name: &str) -> String {
            let mut out = String::new();
            for (i, ch) in name.chars().enumerate() {
                if ch.is_ascii_uppercase() {
                    if i > 0 {
                        out.push('-');
                    }
                    out.push(ch.to_ascii_lowercase());
                } else {
                    out.push(ch);
                }
            }
            out
        }
        fn check<T: Copy + std::fmt::Debug>(all: &[T], as_str: fn(T) -> &'static str) {
            for &v in all {
                assert_eq!(as_str(v), kebab(&format!("{v:?}")), "{v:?}");
            }
        }
        check(ToolId::ALL, ToolId::as_str);
        check(ToolGroup::ALL, ToolGroup::as_str);
        check(MeasureId::ALL, MeasureId::as_str);
        check(WayId::ALL, WayId::as_str);
        check(SafetyFlagCode::ALL, SafetyFlagCode::as_str);
    }

    #[test]
    fn every_measure_has_its_tool_and_back() {
        for &m in MeasureId::ALL {
            assert_eq!(m.tool().measure(), Some(m));
            assert_eq!(m.tool().as_str(), m.as_str());
        }
        assert_eq!(ToolId::Checkin.measure(), None);
    }
}

id_enum! {
    /// A young person's age band: the profile says which, so wording and contacts can fit.
    AgeBand {
        Under13 = "under-13",
        From13To15 = "13-15",
        From16To17 = "16-17",
    }
}

/// Who the app is set up for. It changes content (wording, the order of crisis contacts),
/// never a tool's code path. A new store is `Adult`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Profile {
    #[default]
    Adult,
    YoungPerson {
        age_band: AgeBand,
    },
}

impl Profile {
    /// True for a young person's profile, whatever the age band.
    pub fn is_young_person(self) -> bool {
        matches!(self, Profile::YoungPerson { .. })
    }
}
