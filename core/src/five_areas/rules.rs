//! The rules a worksheet and a review must keep.

use super::*;

/// A worksheet's content after validation.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Sheet {
    pub(super) title: Option<String>,
    pub(super) situation: Option<String>,
    pub(super) thoughts: Vec<String>,
    pub(super) feelings: Vec<FiveAreasFeeling>,
    pub(super) physical: Vec<String>,
    pub(super) behaviour: Vec<String>,
    pub(super) links: Vec<FiveAreasLink>,
    pub(super) change: Option<FiveAreasChange>,
    pub(super) draft: bool,
}

impl Sheet {
    pub(super) fn has(&self, area: FiveAreasArea) -> bool {
        match area {
            FiveAreasArea::Situation => self.situation.is_some(),
            FiveAreasArea::Thoughts => !self.thoughts.is_empty(),
            FiveAreasArea::Feelings => !self.feelings.is_empty(),
            FiveAreasArea::Physical => !self.physical.is_empty(),
            FiveAreasArea::Behaviour => !self.behaviour.is_empty(),
        }
    }
}

pub(super) fn area_list(field: &str, items: &[String]) -> Result<Vec<String>> {
    validate::text_list(field, items, MAX_AREA_ITEMS, AREA_ITEM_MAX)
}

pub(super) fn feeling_names(names: &[String]) -> Result<Vec<String>> {
    let names = validate::text_list("feelings", names, MAX_FEELINGS, FEELING_NAME_MAX)?;
    let mut seen: Vec<String> = vec![];
    for n in &names {
        let key = n.to_lowercase();
        if seen.contains(&key) {
            return Err(Error::invalid(
                "feelings",
                crate::rules::RuleCode::Duplicate,
            ));
        }
        seen.push(key);
    }
    Ok(names)
}

pub(super) fn intensity(field: &str, v: i32) -> Result<i32> {
    validate::in_range(field, v as i64, 0, 100)?;
    Ok(v)
}

/// Checks a worksheet: every text and list within its limits, feelings named once and rated
/// 0–100, arrows joining two different areas that both have something in them, each arrow
/// once; a draft needs one area filled, a complete worksheet the situation, a thought, a
/// feeling and the change.
pub(super) fn check_sheet(input: &FiveAreasInput) -> Result<Sheet> {
    let title = validate::optional_text("title", input.title.as_deref(), TITLE_MAX, false)?;
    let situation =
        validate::optional_text("situation", input.situation.as_deref(), LONG_TEXT, true)?;
    let thoughts = area_list("thoughts", &input.thoughts)?;
    let names: Vec<String> = input.feelings.iter().map(|f| f.name.clone()).collect();
    let names = feeling_names(&names)?;
    let feelings = names
        .into_iter()
        .zip(&input.feelings)
        .map(|(name, f)| {
            Ok(FiveAreasFeeling {
                name,
                intensity: intensity("feelings", f.intensity)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let physical = area_list("physical", &input.physical)?;
    let behaviour = area_list("behaviour", &input.behaviour)?;
    let change = match &input.change {
        None => None,
        Some(c) => Some(FiveAreasChange {
            start_area: c.start_area,
            change: validate::required_text("change", &c.change, SHORT_TEXT, false)?,
        }),
    };
    let mut sheet = Sheet {
        title,
        situation,
        thoughts,
        feelings,
        physical,
        behaviour,
        links: vec![],
        change,
        draft: !input.complete,
    };
    if input.links.len() > MAX_LINKS {
        return Err(Error::invalid_limit(
            "links",
            crate::rules::RuleCode::TooManyItems,
            MAX_LINKS as i64,
        ));
    }
    for l in &input.links {
        if l.from_area == l.to_area {
            return Err(Error::invalid("links", crate::rules::RuleCode::Duplicate));
        }
        if !sheet.has(l.from_area) || !sheet.has(l.to_area) {
            return Err(Error::invalid("links", crate::rules::RuleCode::Mismatch));
        }
        if sheet
            .links
            .iter()
            .any(|k| k.from_area == l.from_area && k.to_area == l.to_area)
        {
            return Err(Error::invalid("links", crate::rules::RuleCode::Duplicate));
        }
        sheet.links.push(FiveAreasLink {
            from_area: l.from_area,
            to_area: l.to_area,
            note: validate::optional_text("links", l.note.as_deref(), SHORT_TEXT, false)?,
        });
    }
    if sheet.draft {
        if !FiveAreasArea::ALL.into_iter().any(|a| sheet.has(a)) && sheet.change.is_none() {
            return Err(Error::invalid(
                "worksheet",
                crate::rules::RuleCode::Required,
            ));
        }
    } else {
        for (area, field) in [
            (FiveAreasArea::Situation, "situation"),
            (FiveAreasArea::Thoughts, "thoughts"),
            (FiveAreasArea::Feelings, "feelings"),
        ] {
            if !sheet.has(area) {
                return Err(Error::invalid(field, crate::rules::RuleCode::Required));
            }
        }
        if sheet.change.is_none() {
            return Err(Error::invalid("change", crate::rules::RuleCode::Required));
        }
    }
    Ok(sheet)
}

/// A review after validation.
pub(super) struct CheckedReview {
    pub(super) tried: FiveAreasTried,
    pub(super) what_happened: Option<String>,
    pub(super) rerated: Vec<FiveAreasFeelingChange>,
    pub(super) next_step: Option<String>,
}

/// Checks a review against its worksheet: re-rated feelings must be on the worksheet (by
/// name, ignoring case), each once, rated 0–100.
pub(super) fn check_review(
    feelings: &[FiveAreasFeeling],
    input: &FiveAreasReviewInput,
) -> Result<CheckedReview> {
    let what_happened = validate::optional_text(
        "what_happened",
        input.what_happened.as_deref(),
        LONG_TEXT,
        true,
    )?;
    let next_step =
        validate::optional_text("next_step", input.next_step.as_deref(), SHORT_TEXT, false)?;
    if input.rerated.len() > feelings.len() {
        return Err(Error::invalid(
            "rerated",
            crate::rules::RuleCode::TooManyItems,
        ));
    }
    let mut rerated: Vec<FiveAreasFeelingChange> = vec![];
    for r in &input.rerated {
        let name = r.name.trim().to_lowercase();
        let Some(f) = feelings.iter().find(|f| f.name.to_lowercase() == name) else {
            return Err(Error::invalid("rerated", crate::rules::RuleCode::NotOnList));
        };
        if rerated.iter().any(|x| x.name == f.name) {
            return Err(Error::invalid("rerated", crate::rules::RuleCode::Duplicate));
        }
        rerated.push(FiveAreasFeelingChange {
            name: f.name.clone(),
            before: f.intensity,
            after: intensity("rerated", r.intensity)?,
        });
    }
    Ok(CheckedReview {
        tried: input.tried,
        what_happened,
        rerated,
        next_step,
    })
}
