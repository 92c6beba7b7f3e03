//! The safety net under every tool: the UK crisis contacts, the safety flags a result can
//! raise, and the safety notice a shell draws before anything else. It needs no store and
//! never fails, and it imports nothing of the tools, so every tool and every screen can put
//! support first.

mod contacts;
pub(crate) mod content;
mod notice;

pub(crate) use contacts::crisis_contacts_for;
pub use contacts::{crisis_contacts, CrisisContact, CrisisContactWay};
pub(crate) use notice::{notice_for, Audience};
pub use notice::{SafetyFlag, SafetyNotice, StaffGuidance};

#[cfg(test)]
mod tests;
