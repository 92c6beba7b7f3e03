//! The tools, named once: what each one brings (its flows, its tables, its part of the
//! backup) and what gathers across all of them. Everything that must know every tool stands
//! here, above the tools, so no tool imports the place that imports it.

pub(crate) mod walk;

use rusqlite::Connection;

use crate::clock::Moment;
use crate::error::{Error, Result};
use crate::flow::{FlowDef, ToolInfo, ToolModule};
use crate::ids::ToolId;
use crate::validate;

/// The tools whose saved records can be changed by walking them again. The measures are
/// not among them: a score is what was answered on the day, so it is deleted, never edited.
pub(crate) fn editable(tool: ToolId) -> bool {
    matches!(
        tool,
        ToolId::Checkin
            | ToolId::ScaleImportance
            | ToolId::ScaleConfidence
            | ToolId::ScaleReadiness
            | ToolId::ScaleSolutionFocused
            | ToolId::ScaleCustom
            | ToolId::FiveWaysLog
    )
}

/// Every module that offers flows. Add a module here to make its tools walkable.
fn modules() -> Vec<ToolModule> {
    vec![
        crate::five_ways::MODULE,
        crate::scaling::tool_module(),
        crate::five_areas::MODULE,
        crate::thinking_styles::MODULE,
        crate::measures::MODULE,
        crate::safety::MODULE,
    ]
}

pub(crate) fn all_tools() -> Vec<ToolInfo> {
    modules().iter().flat_map(|m| (m.tools)()).collect()
}

pub(crate) fn make_flow(
    tool: &str,
    subject: Option<&str>,
    conn: &Connection,
    now: Moment,
) -> Result<Box<dyn FlowDef>> {
    let tool = validate::id_arg("tool", tool)?;
    for m in modules() {
        if let Some(def) = (m.make)(&tool, subject, conn, now)? {
            return Ok(def);
        }
    }
    Err(Error::not_found("tool", tool))
}

pub(crate) fn draft_title(tool: ToolId) -> String {
    all_tools()
        .into_iter()
        .find(|t| t.id == tool)
        .map(|t| t.title)
        .unwrap_or_else(|| tool.to_string())
}
