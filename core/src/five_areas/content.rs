//! The Five Areas wording, read from the content file of the language in use.

use super::*;
use crate::content::tree::Tree;
use crate::content::{StepText, ToolText};

// `source` fields document where wording comes from; only the content test reads them.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
pub(super) struct Content {
    pub(super) sources: std::collections::BTreeMap<String, String>,
    pub(super) tool: ToolText,
    pub(super) review_tool: ToolText,
    pub(super) default_title: String,
    pub(super) intro: StepText,
    pub(super) areas: Vec<AreaText>,
    pub(super) intensity: IntensityText,
    pub(super) links: LinksText,
    pub(super) start: StepText,
    pub(super) change: StepText,
    pub(super) title_step: StepText,
    pub(super) review: ReviewText,
    pub(super) tried: Vec<TriedText>,
    pub(super) status_labels: StatusLabels,
    pub(super) labels: Labels,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
pub(super) struct AreaText {
    pub(super) id: FiveAreasArea,
    pub(super) name: String,
    pub(super) full_name: String,
    pub(super) prompt: String,
    pub(super) help: String,
    pub(super) change_idea: String,
    pub(super) source: String,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
pub(super) struct IntensityText {
    pub(super) prompt: String,
    pub(super) help: String,
    pub(super) anchors: Vec<ScaleAnchor>,
    pub(super) source: String,
}

crate::content::words_record! {
    #[derive(Debug)]
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) struct LinksText {
        pub(super) prompt: String,
        pub(super) help: String,
        pub(super) arrow: String,
        pub(super) source: String,
    }
}

crate::content::words_record! {
    #[derive(Debug)]
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) struct ReviewText {
        pub(super) tried_prompt: String,
        pub(super) tried_help: String,
        pub(super) what_happened_prompt: String,
        pub(super) what_happened_help: String,
        pub(super) rerate_prompt: String,
        pub(super) rerate_help: String,
        pub(super) next_step_prompt: String,
        pub(super) next_step_help: String,
        pub(super) source: String,
    }
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
pub(super) struct TriedText {
    pub(super) id: FiveAreasTried,
    pub(super) label: String,
    pub(super) advice: String,
    pub(super) source: String,
}

crate::content::words_record! {
    #[derive(Debug)]
    pub(super) struct StatusLabels {
        pub(super) draft: String,
        pub(super) complete: String,
        pub(super) reviewed: String,
    }
}

crate::content::words_record! {
    #[derive(Debug)]
    pub(super) struct Labels {
        pub(super) summary_headline: String,
        pub(super) change_line: String,
        pub(super) strongest_feeling: String,
        pub(super) review_line: String,
        pub(super) none: String,
        pub(super) links: String,
        pub(super) feeling_change: String,
        pub(super) chart_before: String,
        pub(super) chart_after: String,
        pub(super) empty_history: String,
        pub(super) advice: String,
    }
}

/// One entry per language folder; the first is the default. A second language is one more
/// line here and one more folder, with no other code change.
pub(super) static LOCALES: &[(&str, &Tree)] = &[("en-GB", &crate::content::en_gb::FIVE_AREAS)];

pub(super) fn content() -> Result<&'static Content> {
    static CONTENT: OnceLock<std::result::Result<Content, String>> = OnceLock::new();
    Ok(crate::content::parsed(
        &CONTENT,
        *LOCALES[0].1,
        "Five Areas",
    )?)
}

impl Content {
    pub(super) fn area(&self, a: FiveAreasArea) -> Result<&AreaText> {
        self.areas
            .iter()
            .find(|t| t.id == a)
            .ok_or_else(|| Error::content_bug("five areas content is missing an area"))
    }
    pub(super) fn area_name(&self, a: FiveAreasArea) -> String {
        self.area(a)
            .map(|t| t.name.clone())
            .unwrap_or_else(|_| a.id().to_string())
    }
    pub(super) fn tried(&self, t: FiveAreasTried) -> Result<&TriedText> {
        self.tried
            .iter()
            .find(|x| x.id == t)
            .ok_or_else(|| Error::content_bug("five areas content is missing an answer"))
    }
    pub(super) fn status_label(&self, s: FiveAreasStatus) -> String {
        match s {
            FiveAreasStatus::Draft => &self.status_labels.draft,
            FiveAreasStatus::Complete => &self.status_labels.complete,
            FiveAreasStatus::Reviewed => &self.status_labels.reviewed,
        }
        .clone()
    }
    pub(super) fn arrow(&self, from: FiveAreasArea, to: FiveAreasArea) -> String {
        self.links
            .arrow
            .replace("{from}", &self.area_name(from))
            .replace("{to}", &self.area_name(to))
    }
    pub(super) fn change_line(&self, c: &FiveAreasChange) -> String {
        self.labels
            .change_line
            .replace("{area}", &self.area_name(c.start_area))
            .replace("{change}", &c.change)
    }
    pub(super) fn feeling_line(&self, f: &FiveAreasFeeling) -> String {
        self.labels
            .strongest_feeling
            .replace("{feeling}", &f.name)
            .replace("{intensity}", &f.intensity.to_string())
    }
    pub(super) fn title_for(&self, custom: Option<&str>, date: NaiveDate) -> String {
        match custom {
            Some(t) => t.to_string(),
            None => self
                .default_title
                .replace("{date}", &clock::short_label(date)),
        }
    }
}

/// The wording of the Five Areas worksheet for a form-style screen.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn five_areas_guide() -> ApiResult<FiveAreasGuide> {
    let c = content()?;
    Ok(FiveAreasGuide {
        title: c.tool.title.clone(),
        intro: c.intro.help.clone(),
        areas: c
            .areas
            .iter()
            .map(|a| FiveAreasAreaInfo {
                area: a.id,
                name: a.name.clone(),
                full_name: a.full_name.clone(),
                prompt: a.prompt.clone(),
                help: a.help.clone(),
                change_idea: a.change_idea.clone(),
            })
            .collect(),
        intensity_anchors: c.intensity.anchors.clone(),
        links_help: c.links.help.clone(),
        start_help: c.start.help.clone(),
        change_help: c.change.help.clone(),
    })
}
