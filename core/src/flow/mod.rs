//! Guided flows: every tool can be walked through one step at a time.
//!
//! A tool describes itself as a [`FlowDef`]: given the answers so far it names the next
//! [`StepSpec`] (or none, when complete), builds a summary, and saves. The engine here does
//! the rest for every tool alike: validates each answer against the step's input kind,
//! keeps the answers, goes back, completes, saves or discards, and keeps drafts. So a new
//! tool needs no shell code: one step screen per shell draws every flow.
//!
//! Drafts survive. On a store opened on a file, every answered step (and every "back") of an
//! open flow is written to `flow_drafts` in the same call, keyed by the flow id, so a phone
//! that kills the app in the background loses nothing: any flow call with an id that is not
//! in memory loads it from the table, at the same step, with the same answers and the same
//! "back" history. A flow with nothing answered yet is not written (opening a tool and
//! leaving is not a draft). Conversation mode (`open_in_memory`) writes nothing: its flows
//! live in memory only, and each step says so (`Persistence::ConversationOnly`).
//!
//! Memory holds at most `MAX_OPEN_FLOWS` flows. Stored flows may be dropped from memory (they
//! load again); flows held only in memory never are: past the limit, starting one more fails
//! with `RuleCode::TooManyOpenFlows`, which the person sees, instead of a walk-through
//! silently vanishing.

mod check;
mod session;
mod types;

#[cfg(test)]
pub(crate) use check::validate_answer;
pub(crate) use session::{DraftState, Session, Sessions, SCHEMA};
pub(crate) use types::{
    edit_target, Answers, FlowDef, StepSpec, SummaryParts, ToolModule, EDIT_PREFIX,
};
pub use types::{
    Answer, ChoiceOption, DraftInfo, FlowProgress, FlowSummary, InputKind, Persistence, SavedFlow,
    ScaleAnchor, Step, SummaryItem, ToolInfo,
};
