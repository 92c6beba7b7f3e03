//! Help now: the crisis contacts first, then the plan when it can be read, and what to say
//! when it cannot.

use crate::crisis::content::content;
use crate::crisis::crisis_contacts_for;
use crate::ids::Profile;

use super::types::*;

/// What reading the plan gave, for [`help_now_from`].
pub(crate) enum PlanRead {
    Read(SafetyPlan),
    Unreadable,
    NoStore,
}

/// The "Help now" screen from whatever could be read: the one place its fields are filled, for
/// both the store's `help_now()` and [`help_now_without_store`].
pub(crate) fn help_now_from(read: PlanRead, profile: Profile) -> SafetyHelpNow {
    let contacts = crisis_contacts_for(profile);
    let text = content().ok();
    let (plan, plan_status) = match read {
        PlanRead::Read(p) if !p.is_empty => (Some(p), PlanStatus::Shown),
        PlanRead::Read(_) => (None, PlanStatus::NotWritten),
        PlanRead::Unreadable => (None, PlanStatus::Unreadable),
        PlanRead::NoStore => (None, PlanStatus::NoStore),
    };
    let Some(c) = text else {
        // Only if the content file were broken: plain words so the screen still works.
        return SafetyHelpNow {
            title: "Help now".to_string(),
            intro: "If your life is in danger, call 999 or go to A&E now.".to_string(),
            contacts,
            plan_heading: "Your safety plan".to_string(),
            plan,
            no_plan_text: None,
            plan_status,
            grounding_heading: String::new(),
            grounding: vec![],
        };
    };
    let t = &c.help_now;
    let no_plan_text = match plan_status {
        PlanStatus::Shown => None,
        PlanStatus::NotWritten | PlanStatus::NoStore => Some(t.no_plan.clone()),
        PlanStatus::Unreadable => Some(t.plan_unreadable.clone()),
    };
    SafetyHelpNow {
        title: t.title.clone(),
        intro: t.intro.clone(),
        contacts,
        plan_heading: t.plan_heading.clone(),
        plan,
        no_plan_text,
        plan_status,
        grounding_heading: c.grounding.heading.clone(),
        grounding: c.grounding.steps.clone(),
    }
}
