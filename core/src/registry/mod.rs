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

/// One tool family, named once with everything it brings. A new tool is one more entry in
/// [`TOOLS`]; the fields leave nothing to forget (a tool without tables or without a
/// backup check does not compile), and the tests below check the entries against the store.
pub(crate) struct Tool {
    /// For messages and tests ("five-ways").
    #[cfg_attr(not(test), allow(dead_code))]
    pub name: &'static str,
    /// Its walk-throughs: the tools it offers and how to make each one's flow.
    pub flows: ToolModule,
    /// The DDL of its tables, in today's version.
    pub schema: &'static str,
    /// Its part of the backup: run on an import before it commits, it reads what the tool
    /// stores as the app would and checks meaning, not just types.
    pub read_back: fn(&Connection) -> Result<()>,
    /// The tools whose saved records can be changed by walking them again. Measures have
    /// none: a score is what was answered on the day, so it is deleted, never edited.
    pub editable: &'static [ToolId],
}

/// Every tool, in menu order.
pub(crate) const TOOLS: &[Tool] = &[
    Tool {
        name: "five-ways",
        flows: crate::five_ways::MODULE,
        schema: crate::five_ways::SCHEMA,
        read_back: crate::five_ways::check_stored,
        editable: &[ToolId::FiveWaysLog],
    },
    Tool {
        name: "scaling",
        flows: crate::scaling::MODULE,
        schema: crate::scaling::SCHEMA,
        read_back: crate::scaling::check_stored,
        editable: &[
            ToolId::Checkin,
            ToolId::ScaleImportance,
            ToolId::ScaleConfidence,
            ToolId::ScaleReadiness,
            ToolId::ScaleSolutionFocused,
            ToolId::ScaleCustom,
        ],
    },
    Tool {
        name: "five-areas",
        flows: crate::five_areas::MODULE,
        schema: crate::five_areas::SCHEMA,
        read_back: crate::five_areas::check_stored,
        editable: &[],
    },
    Tool {
        name: "thinking-styles",
        flows: crate::thinking_styles::MODULE,
        schema: crate::thinking_styles::SCHEMA,
        read_back: crate::thinking_styles::check_stored,
        editable: &[],
    },
    Tool {
        name: "measures",
        flows: crate::measures::MODULE,
        schema: crate::measures::SCHEMA,
        read_back: crate::measures::check_stored,
        editable: &[],
    },
    Tool {
        name: "safety-plan",
        flows: crate::safety::MODULE,
        schema: crate::safety::SCHEMA,
        read_back: crate::safety::check_stored,
        editable: &[],
    },
    Tool {
        name: "connections",
        flows: crate::connections::MODULE,
        schema: crate::connections::SCHEMA,
        read_back: crate::connections::check_stored,
        editable: &[],
    },
];

/// True when saved records of `tool` can be changed by walking them again.
pub(crate) fn editable(tool: ToolId) -> bool {
    TOOLS.iter().any(|t| t.editable.contains(&tool))
}

pub(crate) fn all_tools() -> Vec<ToolInfo> {
    TOOLS.iter().flat_map(|t| (t.flows.tools)()).collect()
}

pub(crate) fn make_flow(
    tool: &str,
    subject: Option<&str>,
    conn: &Connection,
    now: Moment,
) -> Result<Box<dyn FlowDef>> {
    let tool = validate::id_arg("tool", tool)?;
    for t in TOOLS {
        if let Some(def) = (t.flows.make)(&tool, subject, conn, now)? {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::WellbeingStore;

    /// The table names a piece of DDL creates.
    fn created(ddl: &str) -> Vec<String> {
        ddl.split("CREATE TABLE")
            .skip(1)
            .filter_map(|rest| rest.split_whitespace().next())
            .map(|name| name.trim_end_matches('(').to_string())
            .collect()
    }

    #[test]
    fn every_tool_id_is_offered_by_exactly_one_entry_and_can_be_walked() {
        let c = WellbeingStore::open_in_memory().unwrap();
        for id in ToolId::ALL {
            let owners: Vec<&str> = TOOLS
                .iter()
                .filter(|t| (t.flows.tools)().iter().any(|i| i.id == *id))
                .map(|t| t.name)
                .collect();
            assert_eq!(owners.len(), 1, "{id}: offered by {owners:?}");
            // The owner makes its flow; a review may refuse for want of something to review,
            // but no tool id may be unknown to the flows.
            let made = c.read(|conn| make_flow(id.as_str(), None, conn, c.now()));
            assert!(
                !matches!(&made, Err(Error::NotFound { what, .. }) if what == "tool"),
                "{id}: no entry makes its flow"
            );
        }
    }

    #[test]
    fn every_table_belongs_to_one_owner_and_every_owner_has_tables() {
        let mut owners: Vec<(String, &str)> = vec![];
        for t in TOOLS {
            let names = created(t.schema);
            assert!(!names.is_empty(), "{} brings no tables", t.name);
            owners.extend(names.into_iter().map(|n| (n, t.name)));
        }
        let mut others = created(crate::flow::SCHEMA);
        for app in crate::tables::APP_TABLES {
            others.extend(created(app));
        }
        owners.extend(others.into_iter().map(|n| (n, "app")));
        let c = WellbeingStore::open_in_memory().unwrap();
        let live: Vec<String> = c
            .read(|conn| {
                let mut st = conn.prepare(
                    "SELECT name FROM sqlite_master WHERE type = 'table' \
                     AND name NOT LIKE 'sqlite_%' ORDER BY name",
                )?;
                let names = st
                    .query_map([], |r| r.get(0))?
                    .collect::<rusqlite::Result<Vec<String>>>()?;
                Ok(names)
            })
            .unwrap();
        for table in &live {
            let n = owners.iter().filter(|(name, _)| name == table).count();
            assert_eq!(n, 1, "table {table} is owned {n} times");
        }
        assert_eq!(
            owners.len(),
            live.len(),
            "every owned table is in the store"
        );
    }

    #[test]
    fn a_tool_edits_only_what_it_offers() {
        for t in TOOLS {
            let offered: Vec<ToolId> = (t.flows.tools)().into_iter().map(|i| i.id).collect();
            for id in t.editable {
                assert!(offered.contains(id), "{}: {id} is not its own", t.name);
            }
        }
        assert!(editable(ToolId::Checkin) && editable(ToolId::FiveWaysLog));
        assert!(!editable(ToolId::Phq9), "a score is never edited");
    }
}
