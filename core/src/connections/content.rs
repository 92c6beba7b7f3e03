//! The wording of My connections, read from the content file of the language in use.

use super::*;
use crate::content::tree::Tree;

// `source` fields document where wording comes from; only the content test reads them.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
pub(super) struct Content {
    pub(super) sources: std::collections::BTreeMap<String, String>,
    pub(super) map_tool: ToolText,
    pub(super) remap_tool: ToolText,
    pub(super) plan_tool: ToolText,
    pub(super) review_tool: ToolText,
    pub(super) rings: Vec<ChoiceText<ConnectionRing>>,
    pub(super) kinds: Vec<ChoiceText<ConnectionKind>>,
    pub(super) feels: Vec<ChoiceText<ConnectionFeel>>,
    pub(super) supports: Vec<ChoiceText<ConnectionsSupport>>,
    pub(super) outcomes: Vec<ChoiceText<ConnectionsOutcome>>,
    pub(super) review_after: Vec<ReviewAfter>,
    pub(super) map: MapText,
    pub(super) remap: RemapText,
    pub(super) plan: PlanText,
    pub(super) review: ReviewText,
    pub(super) labels: std::collections::BTreeMap<String, String>,
    pub(super) change: std::collections::BTreeMap<String, String>,
    pub(super) layout: std::collections::BTreeMap<String, String>,
    pub(super) report: std::collections::BTreeMap<String, String>,
}

crate::content::words_record! {
    #[derive(Debug)]
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) struct ToolText {
        pub(super) title: String,
        pub(super) summary: String,
        pub(super) source: String,
    }
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
pub(super) struct ChoiceText<T> {
    pub(super) id: T,
    pub(super) label: String,
    #[serde(default)]
    pub(super) help: Option<String>,
    #[serde(default)]
    pub(super) symbol: Option<String>,
    #[serde(default)]
    pub(super) advice: Option<String>,
    pub(super) source: String,
}

#[derive(Debug, Deserialize)]
pub(super) struct ReviewAfter {
    pub(super) days: i64,
    pub(super) label: String,
}

crate::content::words_record! {
    #[derive(Debug)]
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) struct MapText {
        pub(super) intro_prompt: String,
        pub(super) intro_help: String,
        pub(super) connections_prompt: String,
        pub(super) connections_help: String,
        pub(super) kind_prompt: String,
        pub(super) kind_help: String,
        pub(super) ring_prompt: String,
        pub(super) ring_help: String,
        pub(super) feel_prompt: String,
        pub(super) feel_help: String,
        pub(super) last_time: String,
        pub(super) source: String,
    }
}

crate::content::words_record! {
    #[derive(Debug)]
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) struct RemapText {
        pub(super) intro_prompt: String,
        pub(super) intro_help: String,
        pub(super) still_prompt: String,
        pub(super) still_help: String,
        pub(super) new_prompt: String,
        pub(super) new_help: String,
        pub(super) source: String,
    }
}

crate::content::words_record! {
    #[derive(Debug)]
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) struct PlanText {
        pub(super) intro_prompt: String,
        pub(super) intro_help: String,
        pub(super) interests_prompt: String,
        pub(super) interests_help: String,
        pub(super) strengths_prompt: String,
        pub(super) strengths_help: String,
        pub(super) opportunities_prompt: String,
        pub(super) opportunities_help: String,
        pub(super) chosen_prompt: String,
        pub(super) chosen_help: String,
        pub(super) step_prompt: String,
        pub(super) step_help: String,
        pub(super) support_prompt: String,
        pub(super) support_help: String,
        pub(super) support_from_prompt: String,
        pub(super) support_from_help: String,
        pub(super) review_prompt: String,
        pub(super) review_help: String,
        pub(super) source: String,
    }
}

crate::content::words_record! {
    #[derive(Debug)]
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) struct ReviewText {
        pub(super) outcome_prompt: String,
        pub(super) outcome_help: String,
        pub(super) what_happened_prompt: String,
        pub(super) what_happened_help: String,
        pub(super) met_prompt: String,
        pub(super) met_help: String,
        pub(super) next_prompt: String,
        pub(super) next_help: String,
        pub(super) source: String,
    }
}

/// One entry per language folder; the first is the default.
pub(super) static LOCALES: &[(&str, &Tree)] = &[("en-GB", &crate::content::en_gb::CONNECTIONS)];

pub(super) fn content() -> Result<&'static Content> {
    static CONTENT: OnceLock<std::result::Result<Content, String>> = OnceLock::new();
    Ok(crate::content::parsed(
        &CONTENT,
        *LOCALES[0].1,
        "My connections",
    )?)
}

/// `template` with each `{key}` replaced.
pub(super) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

fn missing() -> Error {
    Error::content_bug("the My connections content is missing a label")
}

fn find<'a, T: PartialEq + Copy>(list: &'a [ChoiceText<T>], id: T) -> Result<&'a ChoiceText<T>> {
    list.iter().find(|t| t.id == id).ok_or_else(missing)
}

impl Content {
    /// A label of one of the keyed groups, filled in.
    fn keyed(
        map: &std::collections::BTreeMap<String, String>,
        key: &str,
        values: &[(&str, &str)],
    ) -> Result<String> {
        map.get(key).map(|t| fill(t, values)).ok_or_else(missing)
    }
    pub(super) fn label(&self, key: &str, values: &[(&str, &str)]) -> Result<String> {
        Self::keyed(&self.labels, key, values)
    }
    pub(super) fn change_text(&self, key: &str, values: &[(&str, &str)]) -> Result<String> {
        Self::keyed(&self.change, key, values)
    }
    pub(super) fn layout_text(&self, key: &str, values: &[(&str, &str)]) -> Result<String> {
        Self::keyed(&self.layout, key, values)
    }
    pub(super) fn report_text(&self, key: &str, values: &[(&str, &str)]) -> Result<String> {
        Self::keyed(&self.report, key, values)
    }
    pub(super) fn ring(&self, r: ConnectionRing) -> Result<&ChoiceText<ConnectionRing>> {
        find(&self.rings, r)
    }
    pub(super) fn kind(&self, k: ConnectionKind) -> Result<&ChoiceText<ConnectionKind>> {
        find(&self.kinds, k)
    }
    pub(super) fn feel(&self, f: ConnectionFeel) -> Result<&ChoiceText<ConnectionFeel>> {
        find(&self.feels, f)
    }
    pub(super) fn symbol(&self, f: ConnectionFeel) -> Result<String> {
        self.feel(f)?.symbol.clone().ok_or_else(missing)
    }
    pub(super) fn support(&self, s: ConnectionsSupport) -> Result<&ChoiceText<ConnectionsSupport>> {
        find(&self.supports, s)
    }
    pub(super) fn outcome(&self, o: ConnectionsOutcome) -> Result<&ChoiceText<ConnectionsOutcome>> {
        find(&self.outcomes, o)
    }
    /// "Mum (Family, Helpful)".
    pub(super) fn item_line(
        &self,
        name: &str,
        k: ConnectionKind,
        f: ConnectionFeel,
    ) -> Result<String> {
        self.label(
            "item",
            &[
                ("name", name),
                ("kind", &self.kind(k)?.label),
                ("feel", &self.feel(f)?.label),
            ],
        )
    }
    /// "6 connections on your map".
    pub(super) fn headline(&self, count: usize) -> Result<String> {
        match count {
            0 => self.label("map_headline_none", &[]),
            1 => self.label("map_headline_one", &[]),
            n => self.label("map_headline", &[("count", &n.to_string())]),
        }
    }
    /// "2 close, 3 in between, 1 further out".
    pub(super) fn ring_counts(&self, counts: &[u32; 3]) -> Result<String> {
        self.label(
            "ring_counts",
            &[
                ("close", &counts[0].to_string()),
                ("in_between", &counts[1].to_string()),
                ("further_out", &counts[2].to_string()),
            ],
        )
    }
    pub(super) fn choices<T: Copy>(
        list: &[ChoiceText<T>],
        id: impl Fn(T) -> &'static str,
    ) -> Vec<ChoiceOption> {
        list.iter()
            .map(|t| ChoiceOption {
                id: id(t.id).into(),
                label: t.label.clone(),
                help: t.help.clone(),
            })
            .collect()
    }
}

fn infos<T: Copy>(
    list: &[ChoiceText<T>],
    id: impl Fn(T) -> &'static str,
) -> Vec<ConnectionsChoiceInfo> {
    list.iter()
        .map(|t| ConnectionsChoiceInfo {
            id: id(t.id).into(),
            label: t.label.clone(),
            help: t.help.clone(),
            symbol: t.symbol.clone(),
        })
        .collect()
}

/// The wording of My connections for a form-style screen: rings, kinds, feels, the support
/// a plan can ask for, review outcomes, and the limits.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn connections_guide() -> ApiResult<ConnectionsGuide> {
    let c = content()?;
    Ok(ConnectionsGuide {
        title: c.map_tool.title.clone(),
        intro: c.map.intro_help.clone(),
        rings: infos(&c.rings, ConnectionRing::id),
        kinds: infos(&c.kinds, ConnectionKind::id),
        feels: infos(&c.feels, ConnectionFeel::id),
        supports: infos(&c.supports, ConnectionsSupport::id),
        outcomes: infos(&c.outcomes, ConnectionsOutcome::id),
        max_connections: MAX_CONNECTIONS as u32,
        name_max_chars: NAME_MAX as u32,
        plan_items: MAX_PLAN_ITEMS as u32,
        plan_item_chars: PLAN_ITEM_MAX as u32,
    })
}
