//! Walking any tool: start, answer, go back, save or discard, and the drafts a killed app
//! finds again. The engine ([`crate::flow`]) does the work; this is its face on the store,
//! above every tool because it makes any tool's flow by its id.

use rusqlite::{params, OptionalExtension};

use crate::clock::Moment;
use crate::crisis::Audience;
use crate::error::{ApiResult, Error, Result};
use crate::flow::{
    Answer, Answers, DraftInfo, DraftState, FlowDef, FlowProgress, Persistence, SavedFlow, Session,
    Sessions, ToolInfo, EDIT_PREFIX,
};
use crate::ids::ToolId;
use crate::rules::RuleCode;
use crate::store::WellbeingStore;
use crate::validate;

use super::{all_tools, draft_title, editable, make_flow};

fn stamp(now: Moment) -> String {
    format!("{} {}", now.date_string(), now.time_string())
}

impl WellbeingStore {
    fn persistence(&self) -> Persistence {
        if self.path.is_some() {
            Persistence::Stored
        } else {
            Persistence::ConversationOnly
        }
    }

    /// Who a safety notice speaks to: in conversation mode a staff member is with the person.
    pub(crate) fn audience(&self) -> Audience {
        match self.persistence() {
            Persistence::Stored => Audience::Person,
            Persistence::ConversationOnly => Audience::Staff,
        }
    }

    /// The open flow `flow_id`, loaded from its row when it is not in memory.
    fn loaded<'a>(&self, sessions: &'a mut Sessions, flow_id: &str) -> Result<&'a mut Session> {
        let id = validate::id_arg("flow", flow_id)?;
        if !sessions.open.contains_key(&id) {
            let session = self.load(&id)?;
            sessions.insert(id.clone(), session)?;
        }
        sessions.counter += 1;
        let c = sessions.counter;
        let s = sessions
            .open
            .get_mut(&id)
            .ok_or_else(|| Error::not_found("flow", &id))?;
        s.touched = c;
        Ok(s)
    }

    /// Rebuilds a flow from its row, replaying the answers through the same checks as live
    /// ones: content may have changed since; replay stops at the first that no longer fits.
    fn load(&self, id: &str) -> Result<Session> {
        if self.path.is_none() {
            return Err(Error::not_found("flow", id));
        }
        let now = self.now();
        let (def, state, updated, updated_ms) = self.read(|c| {
            let row: Option<(String, Option<String>, String, String, i64)> = c
                .query_row(
                    "SELECT tool, subject_id, answers, updated_local, updated_utc_ms
                     FROM flow_drafts WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
                )
                .optional()?;
            let (tool, subject, json, updated, updated_ms) =
                row.ok_or_else(|| Error::not_found("flow", id))?;
            let state: DraftState =
                serde_json::from_str(&json).map_err(|_| Error::unreadable("draft", id))?;
            Ok((
                make_flow(&tool, subject.as_deref(), c, now)?,
                state,
                updated,
                updated_ms,
            ))
        })?;
        let (answers, undone) = match state {
            DraftState::Now { answers, undone } => (answers, undone),
            DraftState::Before(answers) => (answers, vec![]),
        };
        let mut s = Session {
            def,
            answers: Answers::default(),
            undone: vec![],
            kept: None,
            stored: true,
            updated,
            updated_ms,
            touched: 0,
        };
        let wanted = answers.len();
        for (_, a) in answers.0 {
            if s.answer(&a).is_err() {
                break;
            }
        }
        if s.answers.len() == wanted {
            s.undone = undone;
        }
        Ok(s)
    }

    /// Writes the flow's state to its row (file stores only), in one transaction.
    fn persist(&self, flow_id: &str, s: &Session) -> Result<()> {
        if self.path.is_none() {
            return Ok(());
        }
        let json = serde_json::to_string(&DraftState::Now {
            answers: s.answers.clone(),
            undone: s.undone.clone(),
        })?;
        let tool = s.def.tool().to_string();
        let subject = s.def.subject_id();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO flow_drafts (id, tool, subject_id, answers, created_utc_ms, updated_utc_ms, updated_local)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)
                 ON CONFLICT(id) DO UPDATE SET answers = excluded.answers,
                    updated_utc_ms = excluded.updated_utc_ms, updated_local = excluded.updated_local",
                params![flow_id, tool, subject, json, s.updated_ms, s.updated],
            )?;
            Ok(())
        })
    }

    /// Runs `change` on the open flow and writes the result at once; if the write fails the
    /// flow is put back as it was, so memory never runs ahead of the file.
    fn change(
        &self,
        flow_id: &str,
        change: impl FnOnce(&mut Session) -> Result<()>,
    ) -> Result<FlowProgress> {
        let now = self.now();
        let persistence = self.persistence();
        let profile = self.profile_or_adult();
        let mut sessions = self.flows();
        let s = self.loaded(&mut sessions, flow_id)?;
        let before = (
            s.answers.clone(),
            s.undone.clone(),
            s.updated.clone(),
            s.updated_ms,
        );
        change(s)?;
        s.updated = stamp(now);
        s.updated_ms = now.utc_ms;
        if let Err(e) = self.persist(flow_id, s) {
            (s.answers, s.undone, s.updated, s.updated_ms) = before;
            return Err(e);
        }
        s.stored = persistence == Persistence::Stored;
        let progress = s.progress(flow_id, persistence, profile)?;
        drop(sessions);
        self.with_who_can_help(progress)
    }

    /// The progress as this store shows it: worded for its profile (a young person's step
    /// wording and titles) and, in a school conversation (a store in memory holding school
    /// contacts), a finished flow's summary ending with who can help at school, so the pupil
    /// keeps it with the handoff. Anywhere else the summary is as the tool made it.
    fn with_who_can_help(&self, progress: FlowProgress) -> Result<FlowProgress> {
        let progress = crate::profile::word_progress(self.profile_or_adult(), progress);
        let FlowProgress::Complete { mut summary } = progress else {
            return Ok(progress);
        };
        if self.persistence() == Persistence::ConversationOnly {
            let extra = self.read(crate::school::summary_items)?;
            if !extra.is_empty() {
                summary.items.extend(extra);
                summary.redraw_text();
            }
        }
        Ok(FlowProgress::Complete { summary })
    }

    fn begin(&self, def: Box<dyn FlowDef>) -> Result<(String, FlowProgress)> {
        self.begin_with(def, vec![])
    }

    /// Starts a flow with `undone` as its "back" history: the answers offered again, the
    /// next one to offer last.
    fn begin_with(
        &self,
        def: Box<dyn FlowDef>,
        undone: Vec<(String, Answer)>,
    ) -> Result<(String, FlowProgress)> {
        let now = self.now();
        let flow_id = validate::new_id();
        let session = Session {
            def,
            answers: Answers::default(),
            undone,
            kept: None,
            stored: false,
            updated: stamp(now),
            updated_ms: now.utc_ms,
            touched: 0,
        };
        let progress = session.progress(&flow_id, self.persistence(), self.profile_or_adult())?;
        self.flows().insert(flow_id.clone(), session)?;
        let progress = self.with_who_can_help(progress)?;
        Ok((flow_id, progress))
    }
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// Every tool that can be walked through, in menu order, worded for the store's profile
    /// (plainer titles and summaries for a young person).
    pub fn list_tools(&self) -> Vec<ToolInfo> {
        crate::profile::tools_for(self.profile_or_adult(), all_tools())
    }

    /// Starts walking through `tool`. Tools that review a record take its id as `subject_id`.
    /// Fails with `InvalidInput { rule: TooManyOpenFlows, limit }` when that many flows are
    /// open in memory only.
    pub fn start_flow(&self, tool: ToolId, subject_id: Option<String>) -> ApiResult<FlowProgress> {
        let now = self.now();
        let def = self.read(|c| make_flow(tool.as_str(), subject_id.as_deref(), c, now))?;
        Ok(self.begin(def)?.1)
    }

    /// Changes a saved record by walking its tool again, each step offering the stored answer
    /// as `previous_answer` (a shell shows it filled in); saving replaces the record, keeping
    /// the moment it was lived, and returns the same `record_id`. Like any flow it is a draft
    /// until saved, and discarding leaves the record as it was. Tools whose records are not
    /// edited (the measures, worksheets) refuse with `InvalidInput { rule: NotApplicable }`.
    pub fn edit_record(&self, tool: ToolId, record_id: String) -> ApiResult<FlowProgress> {
        let id = validate::id_arg("record", &record_id)?;
        if !editable(tool) {
            return Err(Error::invalid("tool", RuleCode::NotApplicable).into());
        }
        let now = self.now();
        let subject = format!("{EDIT_PREFIX}{id}");
        let def = self.read(|c| make_flow(tool.as_str(), Some(&subject), c, now))?;
        let mut prefill = def.prefill();
        prefill.reverse();
        Ok(self.begin_with(def, prefill)?.1)
    }

    /// Answers the current step; on a file store the answer is written before this returns.
    /// An invalid answer returns an error and leaves the flow where it was (a list answer
    /// with one bad item keeps its good items as the step's `previous_answer`).
    pub fn answer_flow(&self, flow_id: String, answer: Answer) -> ApiResult<FlowProgress> {
        Ok(self.change(&flow_id, |s| s.answer(&answer))?)
    }

    /// Goes back one step, offering the earlier answer again (written at once, like answers).
    pub fn flow_back(&self, flow_id: String) -> ApiResult<FlowProgress> {
        Ok(self.change(&flow_id, Session::back)?)
    }

    /// The flow's current step or, when complete, its summary.
    pub fn flow_progress(&self, flow_id: String) -> ApiResult<FlowProgress> {
        let persistence = self.persistence();
        let profile = self.profile_or_adult();
        let mut sessions = self.flows();
        let s = self.loaded(&mut sessions, &flow_id)?;
        let progress = s.progress(&flow_id, persistence, profile)?;
        drop(sessions);
        Ok(self.with_who_can_help(progress)?)
    }

    /// Carries on with an open flow (a draft from `list_drafts`, even after the app was
    /// killed) at the step where it was left.
    pub fn resume_flow(&self, flow_id: String) -> ApiResult<FlowProgress> {
        self.flow_progress(flow_id)
    }

    /// Stores a complete flow's result and closes the flow; its draft row goes in the same
    /// transaction.
    pub fn save_flow(&self, flow_id: String) -> ApiResult<SavedFlow> {
        let now = self.now();
        let profile = self.profile_or_adult();
        let mut sessions = self.flows();
        let s = self.loaded(&mut sessions, &flow_id)?;
        if s.def.next_step(&s.answers)?.is_some() {
            return Err(Error::out_of_order("this flow is not complete yet").into());
        }
        let summary = s.summary(&flow_id, self.persistence(), profile)?;
        let record_id = self.write(|tx| {
            let id = s.def.save(tx, now, &s.answers)?;
            tx.execute("DELETE FROM flow_drafts WHERE id = ?1", [&flow_id])?;
            Ok(id)
        })?;
        let tool = s.def.tool();
        sessions.open.remove(&flow_id);
        Ok(SavedFlow {
            tool,
            record_id,
            summary,
        })
    }

    /// Closes a flow storing nothing, and deletes its draft: discarding means letting it go.
    pub fn discard_flow(&self, flow_id: String) -> ApiResult<()> {
        let id = validate::id_arg("flow", &flow_id)?;
        let mut sessions = self.flows();
        let in_memory = sessions.open.remove(&id).is_some();
        let on_file = if self.path.is_some() {
            self.write(|tx| Ok(tx.execute("DELETE FROM flow_drafts WHERE id = ?1", [&id])?))?
        } else {
            0
        };
        if !in_memory && on_file == 0 {
            return Err(Error::not_found("flow", &id).into());
        }
        Ok(())
    }

    /// "Save for later": makes sure the flow is kept as a draft, even with nothing answered
    /// yet, and says how it stands. Answers are written as they are given anyway; in
    /// conversation mode the draft lives until the app closes.
    pub fn save_flow_draft(&self, flow_id: String) -> ApiResult<DraftInfo> {
        let persistence = self.persistence();
        let mut sessions = self.flows();
        let s = self.loaded(&mut sessions, &flow_id)?;
        if !s.stored {
            self.persist(&flow_id, s)?;
            s.stored = persistence == Persistence::Stored;
        }
        Ok(s.info(&flow_id, persistence))
    }

    /// Open flows to carry on with, most recent first: every stored draft, and in
    /// conversation mode the flows with answers held in memory.
    pub fn list_drafts(&self) -> ApiResult<Vec<DraftInfo>> {
        let persistence = self.persistence();
        let sessions = self.flows();
        let mut out: Vec<(i64, DraftInfo)> = if persistence == Persistence::Stored {
            self.read(|c| {
                let mut st = c.prepare_cached(
                    "SELECT id, tool, answers, updated_local, updated_utc_ms FROM flow_drafts",
                )?;
                let rows = st.query_map([], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, i64>(4)?,
                    ))
                })?;
                let mut out = vec![];
                for row in rows {
                    let (flow_id, tool, json, updated, ms) = row?;
                    // A draft of a tool this build does not offer cannot be resumed: it is
                    // left in place (a later build may know it) and not listed.
                    let Some(tool) = ToolId::parse(&tool) else {
                        continue;
                    };
                    let answered = match serde_json::from_str::<DraftState>(&json) {
                        Ok(DraftState::Now { answers, .. }) | Ok(DraftState::Before(answers)) => {
                            answers.len() as u32
                        }
                        Err(_) => 0,
                    };
                    out.push((
                        ms,
                        DraftInfo {
                            flow_id,
                            title: draft_title(tool),
                            tool,
                            answered,
                            updated,
                            persistence,
                        },
                    ));
                }
                Ok(out)
            })?
        } else {
            sessions
                .open
                .iter()
                .filter(|(_, s)| s.answers.len() > 0)
                .map(|(id, s)| (s.updated_ms, s.info(id, persistence)))
                .collect()
        };
        out.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.flow_id.cmp(&b.1.flow_id)));
        Ok(out.into_iter().map(|(_, d)| d).collect())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::flow::{validate_answer, ChoiceOption, InputKind, Step, StepSpec, SummaryParts};
    use crate::rules::MAX_OPEN_FLOWS;
    use rusqlite::Transaction;

    /// A two-question flow used to test the engine alone.
    struct Tiny;
    impl FlowDef for Tiny {
        fn tool(&self) -> ToolId {
            ToolId::Checkin
        }
        fn title(&self) -> String {
            "Tiny".into()
        }
        fn next_step(&self, a: &Answers) -> Result<Option<StepSpec>> {
            Ok(if !a.has("mood") {
                Some(StepSpec::new(
                    "mood",
                    "How are you?",
                    InputKind::Scale {
                        min: 0,
                        max: 10,
                        anchors: vec![],
                    },
                ))
            } else if !a.has("why") {
                Some(
                    StepSpec::new(
                        "why",
                        "Why?",
                        InputKind::Text {
                            multiline: false,
                            max_chars: 20,
                        },
                    )
                    .optional(),
                )
            } else {
                None
            })
        }
        fn total_steps(&self, _: &Answers) -> u32 {
            2
        }
        fn summary(&self, a: &Answers) -> Result<SummaryParts> {
            let mut p = SummaryParts {
                headline: Some(format!("Mood {}", a.scale("mood").unwrap_or(-1))),
                ..Default::default()
            };
            p.item("Why", a.text("why").unwrap_or("-"));
            Ok(p)
        }
        fn save(&self, tx: &Transaction, _: Moment, a: &Answers) -> Result<String> {
            tx.execute("CREATE TABLE IF NOT EXISTS tiny(v INTEGER)", [])?;
            tx.execute("INSERT INTO tiny VALUES (?1)", [a.scale("mood")])?;
            Ok("saved".into())
        }
    }

    fn start_tiny(c: &WellbeingStore) -> (String, FlowProgress) {
        c.begin(Box::new(Tiny)).unwrap()
    }

    fn step(p: FlowProgress) -> Step {
        match p {
            FlowProgress::Next { step } => step,
            other => panic!("expected a step, got {other:?}"),
        }
    }

    #[test]
    fn walk_back_and_complete() {
        let c = WellbeingStore::open_in_memory().unwrap();
        let (id, p) = start_tiny(&c);
        let s = step(p);
        assert_eq!(
            (s.step_id.as_str(), s.position, s.total, s.can_go_back),
            ("mood", 1, 2, false)
        );
        let s = step(
            c.answer_flow(id.clone(), Answer::Scale { value: 7 })
                .unwrap(),
        );
        assert_eq!(s.step_id, "why");
        assert!(s.can_go_back && s.optional);
        // Back offers the earlier answer again.
        let s = step(c.flow_back(id.clone()).unwrap());
        assert_eq!(s.step_id, "mood");
        assert_eq!(s.previous_answer, Some(Answer::Scale { value: 7 }));
        assert!(matches!(
            c.flow_back(id.clone()),
            Err(WellbeingError::OutOfOrder { .. })
        ));
        c.answer_flow(id.clone(), Answer::Scale { value: 4 })
            .unwrap();
        match c
            .answer_flow(
                id.clone(),
                Answer::Text {
                    text: "  tired ".into(),
                },
            )
            .unwrap()
        {
            FlowProgress::Complete { summary } => {
                assert_eq!(summary.headline.as_deref(), Some("Mood 4"));
                assert_eq!(summary.items[0].value, "tired");
                assert!(summary.text.contains("Why: tired"));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            c.answer_flow(id.clone(), Answer::Skip),
            Err(WellbeingError::OutOfOrder { .. })
        ));
        let saved = c.save_flow(id.clone()).unwrap();
        assert_eq!(saved.record_id, "saved");
        let n: i64 = c
            .read(|c| Ok(c.query_row("SELECT v FROM tiny", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(n, 4);
        assert!(matches!(
            c.flow_progress(id),
            Err(WellbeingError::NotFound { .. })
        ));
    }

    #[test]
    fn invalid_answers_leave_the_flow_in_place() {
        let c = WellbeingStore::open_in_memory().unwrap();
        let (id, _) = start_tiny(&c);
        for bad in [
            Answer::Scale { value: 11 },
            Answer::Scale { value: -1 },
            Answer::Skip,
            Answer::Text { text: "x".into() },
            Answer::Continue,
        ] {
            match c.answer_flow(id.clone(), bad.clone()) {
                Err(WellbeingError::InvalidInput { field, .. }) => assert_eq!(field, "mood"),
                other => panic!("{bad:?} gave {other:?}"),
            }
            assert_eq!(step(c.flow_progress(id.clone()).unwrap()).step_id, "mood");
        }
        c.answer_flow(id.clone(), Answer::Scale { value: 0 })
            .unwrap();
        assert!(c
            .answer_flow(
                id.clone(),
                Answer::Text {
                    text: "x".repeat(21)
                }
            )
            .is_err());
        // A blank optional text is a skip.
        assert!(matches!(
            c.answer_flow(id.clone(), Answer::Text { text: "   ".into() })
                .unwrap(),
            FlowProgress::Complete { .. }
        ));
        assert!(matches!(
            c.save_flow("nope".into()),
            Err(WellbeingError::NotFound { .. })
        ));
    }

    #[test]
    fn discard_stores_nothing() {
        let c = WellbeingStore::open_in_memory().unwrap();
        let (id, _) = start_tiny(&c);
        c.answer_flow(id.clone(), Answer::Scale { value: 3 })
            .unwrap();
        assert!(matches!(
            c.save_flow(id.clone()),
            Err(WellbeingError::OutOfOrder { .. })
        ));
        c.discard_flow(id.clone()).unwrap();
        let exists: i64 = c
            .read(|c| {
                Ok(c.query_row(
                    "SELECT count(*) FROM sqlite_master WHERE name='tiny'",
                    [],
                    |r| r.get(0),
                )?)
            })
            .unwrap();
        assert_eq!(exists, 0);
        assert!(matches!(
            c.discard_flow(id),
            Err(WellbeingError::NotFound { .. })
        ));
    }

    #[test]
    fn choice_rules() {
        let choices = vec![
            ChoiceOption {
                id: "a".into(),
                label: "A".into(),
                help: None,
            },
            ChoiceOption {
                id: "b".into(),
                label: "B".into(),
                help: None,
            },
            ChoiceOption {
                id: "c".into(),
                label: "C".into(),
                help: None,
            },
        ];
        let single = StepSpec::new(
            "s",
            "?",
            InputKind::Choice {
                choices: choices.clone(),
                multiple: false,
                min_selected: 1,
                max_selected: 1,
            },
        );
        let multi = StepSpec::new(
            "m",
            "?",
            InputKind::Choice {
                choices,
                multiple: true,
                min_selected: 1,
                max_selected: 2,
            },
        );
        let ids = |v: &[&str]| Answer::Choices {
            ids: v.iter().map(|s| s.to_string()).collect(),
        };
        assert!(validate_answer(&single, &ids(&["a"])).is_ok());
        assert!(validate_answer(&single, &ids(&["a", "b"])).is_err());
        assert!(validate_answer(&single, &ids(&["z"])).is_err());
        assert!(validate_answer(&single, &ids(&[])).is_err());
        assert!(validate_answer(&multi, &ids(&["a", "b"])).is_ok());
        assert!(validate_answer(&multi, &ids(&["a", "a"])).is_err());
        assert!(validate_answer(&multi, &ids(&["a", "b", "c"])).is_err());
        let list = StepSpec::new(
            "l",
            "?",
            InputKind::TextList {
                max_items: 2,
                max_chars: 5,
            },
        );
        assert_eq!(
            validate_answer(
                &list,
                &Answer::TextList {
                    items: vec![" x ".into(), "".into()]
                }
            )
            .unwrap(),
            Answer::TextList {
                items: vec!["x".into()]
            }
        );
        assert!(validate_answer(&list, &Answer::TextList { items: vec![] }).is_err());
        assert!(validate_answer(
            &list,
            &Answer::TextList {
                items: vec!["a".into(), "b".into(), "c".into()]
            }
        )
        .is_err());
    }

    #[test]
    fn flows_only_in_memory_are_bounded_by_an_error_never_dropped() {
        let c = WellbeingStore::open_in_memory().unwrap();
        let first = start_tiny(&c).0;
        for _ in 1..MAX_OPEN_FLOWS {
            start_tiny(&c);
        }
        match c.begin(Box::new(Tiny)) {
            Err(Error::Invalid { rule, limit, .. }) => {
                assert_eq!(rule, RuleCode::TooManyOpenFlows);
                assert_eq!(limit, Some(MAX_OPEN_FLOWS as i64));
            }
            other => panic!("{:?}", other.map(|_| ())),
        }
        // The first is still there, and closing one makes room.
        assert!(c.flow_progress(first.clone()).is_ok());
        c.discard_flow(first).unwrap();
        assert!(c.begin(Box::new(Tiny)).is_ok());
    }

    fn file_store(dir: &tempfile::TempDir) -> std::sync::Arc<WellbeingStore> {
        WellbeingStore::open(dir.path().join("p.db").display().to_string()).unwrap()
    }

    #[test]
    fn answers_and_back_survive_dropping_the_handle() {
        let dir = tempfile::tempdir().unwrap();
        let c = file_store(&dir);
        let s = step(c.start_flow("five-areas".into(), None).unwrap());
        assert_eq!(s.persistence, Persistence::Stored);
        let id = s.flow_id.clone();
        // Nothing answered: nothing stored.
        assert!(c.list_drafts().unwrap().is_empty());
        c.answer_flow(id.clone(), Answer::Continue).unwrap();
        c.answer_flow(
            id.clone(),
            Answer::Text {
                text: "Argument with my sister".into(),
            },
        )
        .unwrap();
        let at = step(
            c.answer_flow(
                id.clone(),
                Answer::TextList {
                    items: vec!["She hates me".into()],
                },
            )
            .unwrap(),
        );
        // Back once: the thoughts are offered again.
        let back = step(c.flow_back(id.clone()).unwrap());
        assert_eq!(back.step_id, "thoughts");
        drop(c);

        let c = file_store(&dir);
        let drafts = c.list_drafts().unwrap();
        assert_eq!(drafts.len(), 1);
        assert_eq!(
            (drafts[0].flow_id.as_str(), drafts[0].answered),
            (id.as_str(), 2)
        );
        let again = step(c.resume_flow(id.clone()).unwrap());
        assert_eq!(again, back, "same step, same answers, same back history");
        // Answering the same again carries on where the first walk was.
        let next = step(
            c.answer_flow(
                id.clone(),
                Answer::TextList {
                    items: vec!["She hates me".into()],
                },
            )
            .unwrap(),
        );
        assert_eq!(
            (next.step_id.as_str(), next.position),
            (at.step_id.as_str(), at.position)
        );
        // Discarding deletes the row.
        drop(c);
        let c = file_store(&dir);
        c.discard_flow(id.clone()).unwrap();
        assert!(c.list_drafts().unwrap().is_empty());
        assert!(matches!(
            c.resume_flow(id),
            Err(WellbeingError::NotFound { .. })
        ));
    }

    #[test]
    fn saving_deletes_the_draft_and_stored_flows_reload_past_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let c = file_store(&dir);
        let s = step(c.start_flow("checkin".into(), None).unwrap());
        let id = s.flow_id;
        c.answer_flow(id.clone(), Answer::Scale { value: 6 })
            .unwrap();
        // Fill the cache with stored flows: the first is dropped from memory, never lost.
        for _ in 0..MAX_OPEN_FLOWS + 3 {
            let o = step(c.start_flow("checkin".into(), None).unwrap());
            c.answer_flow(o.flow_id, Answer::Scale { value: 1 })
                .unwrap();
        }
        assert!(c.flows().open.len() <= MAX_OPEN_FLOWS);
        let s = step(c.resume_flow(id.clone()).unwrap());
        assert_eq!((s.step_id.as_str(), s.position), ("note", 2));
        c.answer_flow(id.clone(), Answer::Skip).unwrap();
        c.answer_flow(id.clone(), Answer::Skip).unwrap(); // feeling words
        c.save_flow(id.clone()).unwrap();
        assert!(c.list_drafts().unwrap().iter().all(|d| d.flow_id != id));
        assert_eq!(c.list_drafts().unwrap().len(), MAX_OPEN_FLOWS + 3);
    }

    #[test]
    fn conversation_mode_writes_no_draft_but_lists_open_flows() {
        let c = WellbeingStore::open_in_memory().unwrap();
        let s = step(c.start_flow("checkin".into(), None).unwrap());
        assert_eq!(s.persistence, Persistence::ConversationOnly);
        c.answer_flow(s.flow_id.clone(), Answer::Scale { value: 3 })
            .unwrap();
        let rows: i64 = c
            .read(|c| Ok(c.query_row("SELECT count(*) FROM flow_drafts", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(rows, 0);
        let d = c.list_drafts().unwrap();
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].flow_id.as_str(), d[0].persistence),
            (s.flow_id.as_str(), Persistence::ConversationOnly)
        );
    }

    #[test]
    fn a_bad_list_item_is_named_and_the_good_ones_are_offered_again() {
        let c = WellbeingStore::open_in_memory().unwrap();
        let s = step(c.start_flow("five-areas".into(), None).unwrap());
        let id = s.flow_id;
        c.answer_flow(id.clone(), Answer::Continue).unwrap();
        c.answer_flow(
            id.clone(),
            Answer::Text {
                text: "At work".into(),
            },
        )
        .unwrap();
        let feelings = step(
            c.answer_flow(
                id.clone(),
                Answer::TextList {
                    items: vec!["I will fail".into()],
                },
            )
            .unwrap(),
        );
        let InputKind::TextList { max_chars, .. } = feelings.input else {
            panic!("{feelings:?}")
        };
        let max = max_chars as usize;
        let r = c.answer_flow(
            id.clone(),
            Answer::TextList {
                items: vec![
                    "scared".into(),
                    "".into(),
                    "x".repeat(max + 1),
                    " tired ".into(),
                ],
            },
        );
        match r {
            Err(WellbeingError::InvalidInput {
                field,
                rule,
                limit,
                item_index,
                reason,
            }) => {
                assert_eq!(field, "feelings");
                assert_eq!(
                    (rule, limit, item_index),
                    (RuleCode::TooLong, Some(max as i64), Some(2))
                );
                assert!(
                    reason.contains(&max.to_string()) && !reason.contains('x'),
                    "{reason}"
                );
            }
            other => panic!("{other:?}"),
        }
        let again = step(c.flow_progress(id).unwrap());
        assert_eq!(again.step_id, "feelings");
        assert_eq!(
            again.previous_answer,
            Some(Answer::TextList {
                items: vec!["scared".into(), "tired".into()]
            })
        );
    }

    #[test]
    fn steps_carry_their_accessible_label_and_hint() {
        let c = WellbeingStore::open_in_memory().unwrap();
        let s = step(c.start_flow("checkin".into(), None).unwrap());
        assert!(
            s.accessibility_label.starts_with(s.prompt.trim()),
            "{}",
            s.accessibility_label
        );
        assert!(
            s.accessibility_label.contains("from 0, Very low, to 10"),
            "{}",
            s.accessibility_label
        );
        assert_eq!(
            s.accessibility_hint,
            "Swipe up or down to change the number"
        );
        let s = step(
            c.answer_flow(s.flow_id, Answer::Scale { value: 5 })
                .unwrap(),
        );
        assert!(
            s.accessibility_label.contains("4000 characters"),
            "{}",
            s.accessibility_label
        );
        assert!(
            s.accessibility_label.ends_with("optional"),
            "{}",
            s.accessibility_label
        );
        assert!(!s.accessibility_hint.contains('{'));
    }

    use crate::WellbeingError;
}
