//! Safety: "Help now" and the person's own safety plan. The crisis contacts and the safety
//! notice it shows are the safety net below every tool ([`crate::crisis`]).
//!
//! The safety plan follows the six steps of Stanley & Brown's Safety Planning Intervention
//! (warning signs; things I can do alone; people and places that distract; people I can ask
//! for help; professionals and services; making the environment safe), plus reasons for
//! living as the Stay Alive app adds. Each section is a short list the person edits. There is
//! one plan per store.
mod flows;
mod help_now;
mod store;
mod types;
mod without_store;

use crate::crisis::{crisis_contacts, CrisisContact};
use crate::error::ApiResult;
use crate::ids::SafetyPlanSectionKind;
use crate::store::WellbeingStore;

pub(crate) use flows::MODULE;
pub(crate) use help_now::{help_now_from, PlanRead};
pub(crate) use store::{check_stored, has_plan, load_plan, SCHEMA};
pub use types::{PlanStatus, SafetyHelpNow, SafetyPlan, SafetyPlanInput, SafetyPlanSection};
pub use without_store::help_now_without_store;

use store::*;

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// UK crisis contacts (the same list as the free function [`crisis_contacts`]).
    pub fn crisis_contacts(&self) -> Vec<CrisisContact> {
        crisis_contacts()
    }

    /// The "Help now" screen, its contacts in the order of the store's profile (a young
    /// person's services first). Never fails: if the store cannot be read the contacts are
    /// still returned, without the plan and with `plan_status` `Unreadable`.
    pub fn help_now(&self) -> ApiResult<SafetyHelpNow> {
        let read = match self.read(load_plan) {
            Ok(p) => PlanRead::Read(p),
            Err(_) => PlanRead::Unreadable,
        };
        Ok(help_now_from(read, self.profile_or_adult()))
    }

    /// The person's safety plan; every section is present, empty when nothing is written.
    pub fn safety_plan(&self) -> ApiResult<SafetyPlan> {
        Ok(self.read(load_plan)?)
    }

    /// Replaces one section's list (an empty list clears it) and returns the plan.
    pub fn safety_plan_set_section(
        &self,
        section: SafetyPlanSectionKind,
        items: Vec<String>,
    ) -> ApiResult<SafetyPlan> {
        let items = check_section(section, &items)?;
        let now = self.now();
        Ok(self.write(|tx| {
            let id = touch_plan(tx, now)?;
            write_section(tx, &id, section, &items)?;
            load_plan(tx)
        })?)
    }

    /// Replaces the whole plan. Nothing is written unless every section is valid.
    pub fn safety_plan_update(&self, plan: SafetyPlanInput) -> ApiResult<SafetyPlan> {
        let mut checked = Vec::with_capacity(SafetyPlanSectionKind::ALL.len());
        for kind in SafetyPlanSectionKind::ALL {
            checked.push((kind, check_section(kind, plan.section(kind))?));
        }
        let now = self.now();
        Ok(self.write(|tx| {
            let id = touch_plan(tx, now)?;
            for (kind, items) in &checked {
                write_section(tx, &id, *kind, items)?;
            }
            load_plan(tx)
        })?)
    }

    /// Deletes the plan and all its items (a real delete) and returns the empty plan.
    pub fn safety_plan_delete(&self) -> ApiResult<SafetyPlan> {
        Ok(self.write(|tx| {
            tx.execute("DELETE FROM safety_plans", [])?;
            load_plan(tx)
        })?)
    }
}

#[cfg(test)]
mod tests;
