//! # Wellbeing Companion core
//!
//! Every rule, every piece of content and all data of the app live here; the Android, iOS
//! and terminal shells only draw what this crate hands them. The one entry point is
//! [`WellbeingStore`], opened on a database file. Tools (`five_ways`, `scaling`, `five_areas`,
//! `thinking_styles`, `measures`, `safety`) add their calls to it in their own modules; any
//! tool can also be walked through step by step with the guided flows in [`flow`].
//!
//! Calls are synchronous and thread-safe: shells call them off the UI thread.

mod backup;
mod chart;
mod clock;
mod connections;
mod content;
mod crisis;
mod encryption;
mod error;
mod five_areas;
mod five_ways;
pub mod flow;
mod handoff;
mod ids;
mod limits;
mod lock;
mod measures;
mod navigation;
mod open;
mod profile;
mod registry;
mod reminders;
mod report;
mod rules;
mod safety;
mod scaling;
mod school;
mod seal;
mod shell_text;
mod store;
mod tables;
mod thinking_styles;
mod validate;
mod views;

// The SQLCipher library itself (built by `sqlcipher-build/`): linked through this crate.
use companion_sqlcipher as _;

pub use backup::{CsvExportInfo, ImportReport, ImportTableReport};
pub use chart::{ChartPoint, ChartSeries};
pub use clock::{Clock, FixedClock, SystemClock};
pub use connections::{
    connections_ecomap, connections_guide, ConnectionFeel, ConnectionInput, ConnectionKind,
    ConnectionRing, ConnectionsChange, ConnectionsChangeItem, ConnectionsChoiceInfo,
    ConnectionsCountChange, ConnectionsGuide, ConnectionsHistoryPage, ConnectionsItem,
    ConnectionsKindCount, ConnectionsListItem, ConnectionsMap, ConnectionsMapInput,
    ConnectionsOutcome, ConnectionsPlan, ConnectionsPlanInput, ConnectionsPlanStatus,
    ConnectionsReview, ConnectionsReviewInput, ConnectionsRingCount, ConnectionsSupport,
    ConnectionsView, EcomapLayout, EcomapLegendItem, EcomapNode, EcomapPoint, EcomapRing,
    EcomapSector,
};
pub use crisis::{
    crisis_contacts, CrisisContact, CrisisContactWay, SafetyFlag, SafetyNotice, StaffGuidance,
};
pub use encryption::{encryption_info, store_encryption, EncryptionInfo};
pub use error::{diagnostics, ApiResult, Diagnostics, WellbeingError};
pub use five_areas::{
    five_areas_guide, FiveAreasArea, FiveAreasAreaInfo, FiveAreasChange, FiveAreasFeeling,
    FiveAreasFeelingChange, FiveAreasGuide, FiveAreasHistoryPage, FiveAreasInput, FiveAreasLink,
    FiveAreasListItem, FiveAreasReview, FiveAreasReviewInput, FiveAreasStatus, FiveAreasTried,
    FiveAreasWorksheet,
};
pub use five_ways::{
    FiveWaysDay, FiveWaysEntry, FiveWaysGlance, FiveWaysHistoryPage, FiveWaysHistoryWeek,
    FiveWaysIdea, FiveWaysInput, FiveWaysIntention, FiveWaysIntentionInput,
    FiveWaysIntentionOutcome, FiveWaysOutcome, FiveWaysPlan, FiveWaysPlanInput, FiveWaysPlanStatus,
    FiveWaysReview, FiveWaysReviewInput, FiveWaysWay, FiveWaysWayCount, FiveWaysWayRef,
    FiveWaysWeek,
};
pub use flow::{
    Answer, ChoiceOption, DraftInfo, FlowProgress, FlowSummary, InputKind, Persistence, SavedFlow,
    ScaleAnchor, Step, SummaryItem, ToolInfo,
};
pub use handoff::{HandoffPayload, ImportedHandoff, QrMatrix, MAX_PAYLOAD_CHARS, MAX_QR_VERSION};
pub use ids::{
    AgeBand, CrisisContactMethod, MeasureId, Profile, SafetyFlagCode, SafetyPlanSectionKind,
    SchoolContactKind, ToolGroup, ToolId, WayId,
};
pub use limits::{edit_limits, EditLimits};
pub use lock::{LockSettings, LockSettingsInput, LockState, UnlockOutcome};
pub use navigation::{
    AppointmentSummaryView, HomeView, LockAfterChoice, LockScreen, MenuEntry, MenuSection,
    MenuSectionKind, NavAction, ProfileChoice, RecordList, RecordRow, SettingsView,
    SummaryHistoryRow, SummaryPeriod, SummaryPeriodChoice, MAX_RECORD_ROWS,
};
pub use reminders::{
    QuietDayChoice, Reminder, ReminderKind, ReminderSettings, ReminderSettingsView, Weekday,
    MAX_REMINDER_DAYS,
};
pub use report::{
    AppointmentReport, ReportChart, ReportChartKind, ReportEntry, ReportHistoryItem, ReportSection,
    ReportTable,
};
pub use rules::{flow_text, validation_text, FlowText, RuleCode};
pub use safety::{
    help_now_without_store, PlanStatus, SafetyHelpNow, SafetyPlan, SafetyPlanInput,
    SafetyPlanSection,
};
pub use school::{
    school_guide, SchoolContact, SchoolContactInput, SchoolGuide, SchoolGuideSection,
    SchoolKindInfo, WhoCanHelp, SCHOOL_DETAILS_MAX_CHARS, SCHOOL_MAX_ENTRIES,
    SCHOOL_NAME_MAX_CHARS, SCHOOL_ROLE_MAX_CHARS,
};
pub use shell_text::{shell_text, terminal_text, ShellText, TerminalText};
pub use views::{TodayView, WeekDay, WeekView};

pub use scaling::{
    CheckInRhythm, FeelingWord, ScalingEntry, ScalingFollowUp, ScalingFollowUpAnswer,
    ScalingFollowUpPrompt, ScalingHistoryPage, ScalingInput, ScalingScaleSummary, ScalingTemplate,
    ScalingTrend,
};

pub use measures::{
    assess_measure_change, assess_paired_change, MeasureBandInfo, MeasureChange,
    MeasureChangeDirection, MeasureHistoryPage, MeasureInfo, MeasureInput, MeasureItemInfo,
    MeasurePairedChange, MeasureRecoveryStatus, MeasureResult, MeasureStatus, MeasureSubscore,
    MeasureThreshold,
};

pub use thinking_styles::{
    suggest_thinking_styles, thinking_styles, ThinkingStyle, ThinkingStyleMatch,
    ThinkingStyleSuggestion, ThoughtRecord, ThoughtRecordEmotion, ThoughtRecordHistoryPage,
    ThoughtRecordInput, ThoughtRecordListItem, ThoughtRecordStyle,
};

#[cfg(feature = "ffi")]
uniffi::setup_scaffolding!("wellbeing");

pub use store::{StoreEncryption, StoreKey, WellbeingStore};

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn companion_is_shareable_across_threads() {
        assert_send_sync::<WellbeingStore>();
    }

    #[test]
    fn fixed_time_sets_today() {
        let c = WellbeingStore::open_in_memory().unwrap();
        // 2026-03-29T00:30Z is 01:30 GMT, still the 29th; at UTC-5 it is the 28th.
        c.set_fixed_time(1_774_744_200_000, 0).unwrap();
        assert_eq!(c.today_date(), "2026-03-29");
        c.set_fixed_time(1_774_744_200_000, -300).unwrap();
        assert_eq!(c.today_date(), "2026-03-28");
        assert!(matches!(
            c.set_fixed_time(0, 100_000),
            Err(WellbeingError::InvalidInput { .. })
        ));
    }

    #[test]
    fn save_copy_writes_a_readable_store_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let c = WellbeingStore::open(dir.path().join("a.db").display().to_string()).unwrap();
        let copy = dir.path().join("copy.db").display().to_string();
        c.save_copy(copy.clone()).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        let again = WellbeingStore::open(copy.clone()).unwrap();
        assert_eq!(again.schema_version(), c.schema_version());
        assert!(matches!(
            c.save_copy(copy),
            Err(WellbeingError::InvalidInput { .. })
        ));
        assert!(matches!(
            c.save_copy(" ".into()),
            Err(WellbeingError::InvalidInput { .. })
        ));
    }

    #[test]
    fn empty_path_is_refused() {
        assert!(matches!(
            WellbeingStore::open("  ".into()),
            Err(WellbeingError::InvalidInput { .. })
        ));
    }
}
