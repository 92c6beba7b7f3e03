//! Prompts: which thinking styles a thought *might* show, and the words that suggested it.
//!
//! The rules are content data: each style in the content file lists `patterns` and
//! `exceptions`, written in a tiny pattern language so a second language needs no code:
//!
//! - words are separated by spaces and matched whole, ignoring case; `a|b` is a choice;
//!   `i_am` joins several words into one choice (`i'm|i_am`);
//! - `?a|b` is an optional word; `...` is a gap of 1 to 5 words and `..` of 0 to 5, always in
//!   the same sentence; `ruin*` matches any word starting "ruin";
//! - `@bad` is any entry of the word class `bad` (the content's `rules.classes`), so a family
//!   of word forms ("fail", "failed", "mess up", "go wrong") is written once.
//!
//! Apostrophes: curly and straight quotes are the same, and contractions are split the way
//! they are said (`I'm` is `i` + `'m`, `it'll` is `it` + `'ll`), so a pattern `i'm` matches
//! "I'm", "I’m" and the common phone spelling "Im". `n't` words stay whole (`can't`). Common
//! text-speak and misspellings ("shud", "coz", "every1", "gonna") are read as the words they
//! stand for (the content's `rules.spellings`), before any pattern sees them.
//!
//! Negation has a scope: a match is dropped when a negator ("not", "don't", "isn't", ...) comes
//! just before it in the same clause, with at most a few small words between ("it's *not* the
//! end of the world", "it doesn't have to be perfect", "I don't think they hate me"). A comma,
//! a sentence break or any other word ends the scope, so "If I don't get this job my life is
//! over" and "They didn't text back, they must hate me" still count.
//!
//! A match is also dropped when it overlaps a match of one of the style's `exceptions`.
//! Practical "should"/"must" is not suggested: arrangements and errands ("I should be at the
//! station by six", "I must remember to buy milk"), reassurance and likelihood ("it should be
//! fine", "they must have forgotten", "he must be busy"). Shoulds about how a person ought
//! to be, feel or cope ("I should be able to cope", "I must not make mistakes") are.
//! A style's strength is the sum of its matches' weights (the number of required words in
//! the pattern), so longer, more specific phrases count for more. Nothing here is certain,
//! and the wording says so.

use std::collections::{HashMap, HashSet};

use super::*;

/// Only the start of a very long text is read: a thought is at most `LONG_TEXT` long, and
/// the limit keeps matching fast on anything a caller passes.
pub(super) const MAX_SUGGEST_CHARS: usize = 10_000;
/// Longest gap `...` or `..` can stand for, in words.
const MAX_GAP: usize = 5;
/// How many small words may stand between a negator and what it negates.
const MAX_NEGATION_SKIP: usize = 3;
/// Suffixes split off a contraction, said as their own word.
const SUFFIXES: &[&str] = &["ll", "re", "ve", "d", "s", "m"];
/// Contractions often typed without the apostrophe, and the words they stand for. Only
/// spellings that are not also ordinary words ("ill", "well", "shell" are left alone).
const BARE: &[(&str, &[&str])] = &[
    ("im", &["i", "m"]),
    ("ive", &["i", "ve"]),
    ("youre", &["you", "re"]),
    ("theyre", &["they", "re"]),
    ("thats", &["that", "s"]),
    ("whats", &["what", "s"]),
    ("itll", &["it", "ll"]),
    ("theyll", &["they", "ll"]),
    ("youll", &["you", "ll"]),
];

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | '`' | '´' | '′')
}

fn is_sentence_break(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';' | '\n' | '\r' | '…' | '。' | '؟')
}

/// Inside a sentence, these end a clause (and so the reach of a negation).
fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | ':' | '(' | ')' | '–' | '—' | '"' | '“' | '”' | '،')
}

/// The keys one written word is compared by: lower case, apostrophes dropped, contractions
/// split. `'ll` (a pattern's bare suffix) is just `ll`.
fn word_keys(word: &str) -> Vec<String> {
    let lower: String = word
        .chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect();
    if let Some(pos) = lower.rfind('\'') {
        let (base, suffix) = (&lower[..pos], &lower[pos + 1..]);
        if SUFFIXES.contains(&suffix) {
            let base: String = base.chars().filter(|c| *c != '\'').collect();
            return if base.is_empty() {
                vec![suffix.to_string()]
            } else {
                vec![base, suffix.to_string()]
            };
        }
    }
    let bare: String = lower.chars().filter(|c| *c != '\'').collect();
    if let Some((_, keys)) = BARE.iter().find(|(b, _)| *b == bare) {
        return keys.iter().map(|k| k.to_string()).collect();
    }
    vec![bare]
}

/// The language's word lists the rules share: word classes, spellings, and the words of
/// negation. Compiled once from the content file.
#[derive(Debug, Default)]
pub(super) struct Lexicon {
    classes: HashMap<String, Vec<String>>,
    /// A written key and the keys it stands for ("shud" → "should").
    spellings: HashMap<String, Vec<String>>,
    negators: HashSet<String>,
    /// Small words a negation reaches across ("not *the* end", "doesn't *have to be*").
    negation_skips: HashSet<String>,
}

impl Lexicon {
    pub(super) fn new(r: &RulesText) -> Option<Lexicon> {
        let keys = |w: &str| -> Option<Vec<String>> {
            let k: Vec<String> = w.split_whitespace().flat_map(word_keys).collect();
            (!k.is_empty() && k.iter().all(|k| k.chars().all(char::is_alphanumeric))).then_some(k)
        };
        let one = |w: &String| -> Option<String> {
            let k = keys(w)?;
            (k.len() == 1).then(|| k[0].clone())
        };
        let mut spellings = HashMap::new();
        for (from, to) in &r.spellings {
            spellings.insert(one(from)?, keys(to)?);
        }
        Some(Lexicon {
            classes: r.classes.clone().into_iter().collect(),
            spellings,
            negators: r.negators.iter().map(one).collect::<Option<_>>()?,
            negation_skips: r.negation_skips.iter().map(one).collect::<Option<_>>()?,
        })
    }
}

/// One compared word of the text, with the span of the whole written word it came from.
#[derive(Debug, Clone)]
struct Token {
    key: String,
    sentence: u32,
    clause: u32,
    /// Char offsets of the written word.
    start: usize,
    end: usize,
}

/// The text's words, with the UTF-16 offset of every char boundary (for the shells).
struct Tokens {
    tokens: Vec<Token>,
    chars: Vec<char>,
    utf16: Vec<usize>,
}

fn tokenise(text: &str, lex: &Lexicon) -> Tokens {
    let chars: Vec<char> = text.chars().take(MAX_SUGGEST_CHARS).collect();
    let mut utf16 = Vec::with_capacity(chars.len() + 1);
    let mut n = 0;
    for c in &chars {
        utf16.push(n);
        n += c.len_utf16();
    }
    utf16.push(n);
    let mut tokens = vec![];
    let (mut sentence, mut clause) = (0u32, 0u32);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() || is_apostrophe(c) {
            let mut j = i;
            while j < chars.len() && (chars[j].is_alphanumeric() || is_apostrophe(chars[j])) {
                j += 1;
            }
            // Quotes around a word are not part of it.
            let (mut s, mut e) = (i, j);
            while s < e && is_apostrophe(chars[s]) {
                s += 1;
            }
            while e > s && is_apostrophe(chars[e - 1]) {
                e -= 1;
            }
            if s < e {
                let word: String = chars[s..e].iter().collect();
                for key in word_keys(&word) {
                    let keys = match lex.spellings.get(&key) {
                        Some(k) => k.clone(),
                        None => vec![key],
                    };
                    for key in keys.into_iter().filter(|k| !k.is_empty()) {
                        tokens.push(Token {
                            key,
                            sentence,
                            clause,
                            start: s,
                            end: e,
                        });
                    }
                }
            }
            i = j;
        } else {
            if is_sentence_break(c) {
                sentence = sentence.saturating_add(1);
                clause = clause.saturating_add(1);
            } else if is_clause_break(c) {
                clause = clause.saturating_add(1);
            }
            i += 1;
        }
    }
    Tokens {
        tokens,
        chars,
        utf16,
    }
}

#[derive(Debug, Clone, PartialEq)]
enum WordMatcher {
    Exact(String),
    Prefix(String),
}

impl WordMatcher {
    fn matches(&self, key: &str) -> bool {
        match self {
            WordMatcher::Exact(w) => w == key,
            WordMatcher::Prefix(p) => key.starts_with(p.as_str()),
        }
    }
}

/// The choices of one pattern word. One-word choices are looked up in a set, so a large
/// word class costs no more than a single word.
#[derive(Debug, Clone, Default, PartialEq)]
struct Choices {
    single: HashSet<String>,
    prefixes: Vec<String>,
    /// Choices of two or more words, longest first.
    runs: Vec<Vec<WordMatcher>>,
}

impl Choices {
    fn add(&mut self, words: Vec<WordMatcher>) {
        match words.as_slice() {
            [WordMatcher::Exact(w)] => {
                self.single.insert(w.clone());
            }
            [WordMatcher::Prefix(p)] => self.prefixes.push(p.clone()),
            _ => self.runs.push(words),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Part {
    /// One of several choices, each a run of words.
    Words { choices: Choices, optional: bool },
    /// Between `min` and `MAX_GAP` words.
    Gap { min: usize },
}

/// A compiled pattern and its weight.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Pattern {
    parts: Vec<Part>,
    weight: u32,
}

/// The words of one choice (`i_am`, `ruin*`); `None` when malformed.
fn choice_words(choice: &str) -> Option<Vec<WordMatcher>> {
    let mut words = vec![];
    for w in choice.split('_') {
        let (w, prefix) = match w.strip_suffix('*') {
            Some(w) => (w, true),
            None => (w, false),
        };
        if w.is_empty() || w.contains('*') || w.contains('?') || w.contains('@') {
            return None;
        }
        let keys = word_keys(w);
        let n = keys.len();
        for (k, key) in keys.into_iter().enumerate() {
            if key.is_empty() || !key.chars().all(char::is_alphanumeric) {
                return None;
            }
            words.push(if prefix && k + 1 == n {
                WordMatcher::Prefix(key)
            } else {
                WordMatcher::Exact(key)
            });
        }
    }
    Some(words)
}

/// Compiles one pattern; `None` when it is malformed or names an unknown word class (the
/// content test checks every one).
pub(super) fn compile(src: &str, lex: &Lexicon) -> Option<Pattern> {
    let mut parts = vec![];
    for piece in src.split_whitespace() {
        if piece == "..." || piece == ".." {
            if matches!(parts.last(), None | Some(Part::Gap { .. })) {
                return None;
            }
            parts.push(Part::Gap {
                min: if piece == "..." { 1 } else { 0 },
            });
            continue;
        }
        let (optional, body) = match piece.strip_prefix('?') {
            Some(b) => (true, b),
            None => (false, piece),
        };
        let mut choices = Choices::default();
        for choice in body.split('|') {
            match choice.strip_prefix('@') {
                Some(class) => {
                    let entries = lex.classes.get(class)?;
                    if entries.is_empty() {
                        return None;
                    }
                    for e in entries {
                        choices.add(choice_words(e)?);
                    }
                }
                None => choices.add(choice_words(choice)?),
            }
        }
        choices.runs.sort_by_key(|r| std::cmp::Reverse(r.len()));
        parts.push(Part::Words { choices, optional });
    }
    // A pattern starts and ends on a required word, so every match has a clear span.
    let required = |p: Option<&Part>| {
        matches!(
            p,
            Some(Part::Words {
                optional: false,
                ..
            })
        )
    };
    if !required(parts.first()) || !required(parts.last()) {
        return None;
    }
    let weight = parts
        .iter()
        .filter(|p| {
            matches!(
                p,
                Part::Words {
                    optional: false,
                    ..
                }
            )
        })
        .count() as u32;
    Some(Pattern { parts, weight })
}

fn match_words(words: &[WordMatcher], toks: &[Token], i: usize, sentence: u32) -> Option<usize> {
    let mut j = i;
    for w in words {
        let t = toks.get(j)?;
        if t.sentence != sentence || !w.matches(&t.key) {
            return None;
        }
        j += 1;
    }
    Some(j)
}

/// The end (exclusive token index) of a match of `parts` starting at token `i`. Bounded
/// backtracking: gaps are at most `MAX_GAP` words and patterns are a few parts long.
fn match_at(parts: &[Part], toks: &[Token], i: usize, sentence: u32) -> Option<usize> {
    let Some((first, rest)) = parts.split_first() else {
        return Some(i);
    };
    match first {
        Part::Gap { min } => {
            for n in *min..=MAX_GAP {
                let j = i + n;
                if n > 0 {
                    match toks.get(j - 1) {
                        Some(t) if t.sentence == sentence => {}
                        _ => break,
                    }
                }
                if let Some(e) = match_at(rest, toks, j, sentence) {
                    return Some(e);
                }
            }
            None
        }
        Part::Words { choices, optional } => {
            // No allocation here: this runs for every pattern at every word.
            for words in &choices.runs {
                if let Some(j) = match_words(words, toks, i, sentence) {
                    if let Some(e) = match_at(rest, toks, j, sentence) {
                        return Some(e);
                    }
                }
            }
            if let Some(t) = toks.get(i) {
                if t.sentence == sentence
                    && (choices.single.contains(&t.key)
                        || choices
                            .prefixes
                            .iter()
                            .any(|p| t.key.starts_with(p.as_str())))
                {
                    if let Some(e) = match_at(rest, toks, i + 1, sentence) {
                        return Some(e);
                    }
                }
            }
            if *optional {
                return match_at(rest, toks, i, sentence);
            }
            None
        }
    }
}

/// Whether the match starting at token `i` is negated: a negator just before it in the same
/// clause, with at most `MAX_NEGATION_SKIP` small words between.
fn negated(toks: &[Token], i: usize, lex: &Lexicon) -> bool {
    let Some(first) = toks.get(i) else {
        return false;
    };
    let mut skipped = 0;
    for t in toks[..i].iter().rev() {
        // Keys of the same written word as the match ("I'm") are part of it.
        if t.start == first.start {
            continue;
        }
        if t.clause != first.clause {
            return false;
        }
        if lex.negators.contains(&t.key) {
            return true;
        }
        if !lex.negation_skips.contains(&t.key) || skipped == MAX_NEGATION_SKIP {
            return false;
        }
        skipped += 1;
    }
    false
}

/// A span of the text, in chars.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Span {
    start: usize,
    end: usize,
    weight: u32,
}

/// Every match of `p`, left to right, none overlapping; negated ones are skipped when
/// `negation` is on (exceptions are read as written, without it).
fn find_all(p: &Pattern, t: &Tokens, lex: &Lexicon, negation: bool) -> Vec<Span> {
    let toks = &t.tokens;
    let mut out = vec![];
    let mut i = 0;
    while i < toks.len() {
        match match_at(&p.parts, toks, i, toks[i].sentence) {
            Some(e) if e > i && !(negation && negated(toks, i, lex)) => {
                let (start, end) = (toks[i].start, toks[e - 1].end);
                // Two keys from one written word ("I'm") share a span: never split a word.
                out.push(Span {
                    start,
                    end,
                    weight: p.weight,
                });
                i = e;
            }
            _ => i += 1,
        }
    }
    out
}

/// A style's compiled rules.
#[derive(Debug)]
pub(super) struct StyleRules {
    pub(super) patterns: Vec<Pattern>,
    pub(super) exceptions: Vec<Pattern>,
}

/// Every style's rules, in catalogue order, and the word lists they share.
#[derive(Debug)]
pub(super) struct Rules {
    pub(super) lexicon: Lexicon,
    pub(super) styles: Vec<StyleRules>,
}

pub(super) fn compile_style(s: &StyleText, lex: &Lexicon) -> Option<StyleRules> {
    Some(StyleRules {
        patterns: s
            .patterns
            .iter()
            .map(|p| compile(p, lex))
            .collect::<Option<_>>()?,
        exceptions: s
            .exceptions
            .iter()
            .map(|p| compile(p, lex))
            .collect::<Option<_>>()?,
    })
}

pub(super) fn compile_rules(c: &Content) -> Option<Rules> {
    let lexicon = Lexicon::new(&c.rules)?;
    let styles = c
        .styles
        .iter()
        .map(|s| compile_style(s, &lexicon))
        .collect::<Option<_>>()?;
    Some(Rules { lexicon, styles })
}

/// The kept matches of one style, in text order, and their strength.
fn style_matches(r: &StyleRules, t: &Tokens, lex: &Lexicon) -> (Vec<Span>, u32) {
    let vetoes: Vec<Span> = r
        .exceptions
        .iter()
        .flat_map(|p| find_all(p, t, lex, false))
        .collect();
    let mut spans: Vec<Span> = r
        .patterns
        .iter()
        .flat_map(|p| find_all(p, t, lex, true))
        .filter(|m| !vetoes.iter().any(|v| v.start < m.end && m.start < v.end))
        .collect();
    // Longest first at each start, then drop any match inside one already kept.
    spans.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<Span> = vec![];
    for s in spans {
        if !kept.iter().any(|k| k.start <= s.start && s.end <= k.end) {
            kept.push(s);
        }
    }
    let strength = kept.iter().map(|s| s.weight).sum();
    (kept, strength)
}

/// Suggestions for `thought`, strongest first; empty when nothing stands out or the content
/// cannot be read.
pub(super) fn suggest(thought: &str) -> Vec<ThinkingStyleSuggestion> {
    let (Ok(c), Ok(rules)) = (content(), rules()) else {
        return vec![];
    };
    let lex = &rules.lexicon;
    let t = tokenise(thought, lex);
    if t.tokens.is_empty() {
        return vec![];
    }
    let mut out: Vec<ThinkingStyleSuggestion> = vec![];
    for (style, r) in c.styles.iter().zip(&rules.styles) {
        let (spans, strength) = style_matches(r, &t, lex);
        if spans.is_empty() {
            continue;
        }
        let matches: Vec<ThinkingStyleMatch> = spans
            .iter()
            .map(|s| ThinkingStyleMatch {
                text: t.chars[s.start..s.end].iter().collect(),
                start: s.start as u32,
                end: s.end as u32,
                start_utf16: t.utf16[s.start] as u32,
                end_utf16: t.utf16[s.end] as u32,
            })
            .collect();
        let words: Vec<&str> = matches.iter().map(|m| m.text.as_str()).collect();
        let wording = c
            .suggestion
            .wording
            .replace("{style}", &style.in_sentence)
            .replace("{words}", &words.join(&c.suggestion.words_joiner))
            .replace(
                "{question}",
                style.questions.first().map(String::as_str).unwrap_or(""),
            );
        out.push(ThinkingStyleSuggestion {
            style_id: style.id.clone(),
            style_name: style.name.clone(),
            strength,
            matches,
            wording,
            balancing_questions: style.questions.clone(),
        });
    }
    // Stable: equal strengths keep the catalogue's order.
    out.sort_by_key(|s| std::cmp::Reverse(s.strength));
    out
}

#[cfg(test)]
mod unit {
    use super::*;

    fn lex() -> Lexicon {
        let mut l = Lexicon::default();
        l.classes
            .insert("bad".into(), vec!["fail*".into(), "go_wrong".into()]);
        l.spellings.insert("shud".into(), vec!["should".into()]);
        l.spellings
            .insert("gonna".into(), vec!["going".into(), "to".into()]);
        l.negators.insert("not".into());
        l.negators.insert("dont".into());
        for w in ["the", "to", "be"] {
            l.negation_skips.insert(w.into());
        }
        l
    }

    fn tokenise(s: &str) -> Tokens {
        super::tokenise(s, &lex())
    }

    fn compile(s: &str) -> Option<Pattern> {
        super::compile(s, &lex())
    }

    fn find_all(p: &Pattern, t: &Tokens) -> Vec<Span> {
        super::find_all(p, t, &lex(), true)
    }

    fn keys(s: &str) -> Vec<String> {
        tokenise(s).tokens.into_iter().map(|t| t.key).collect()
    }

    #[test]
    fn contractions_split_the_same_with_any_apostrophe() {
        assert_eq!(keys("I'm"), ["i", "m"]);
        assert_eq!(keys("I’m"), ["i", "m"]);
        assert_eq!(keys("Im"), ["i", "m"]);
        assert_eq!(keys("IT'LL"), ["it", "ll"]);
        assert_eq!(keys("can't won’t"), ["cant", "wont"]);
        assert_eq!(keys("'quoted'"), ["quoted"]);
        assert_eq!(keys("ill well"), ["ill", "well"]);
    }

    #[test]
    fn malformed_patterns_are_refused() {
        for bad in [
            "",
            "...",
            "... x",
            "x ...",
            "?x",
            "x ?y",
            "a ... ... b",
            "a||b",
            "a*b",
            "a .. ... b",
            ".. a",
            "@nosuchclass",
            "a|@nosuchclass b",
        ] {
            assert!(compile(bad).is_none(), "{bad}");
        }
        assert_eq!(compile("i'm ?a|an failure").unwrap().weight, 2);
    }

    #[test]
    fn gaps_stay_inside_a_sentence_and_offsets_count_chars_and_utf16() {
        let p = compile("i_feel ... so i'm").unwrap();
        let t = tokenise("I feel tired. So I'm off to bed");
        assert!(find_all(&p, &t).is_empty());
        let t = tokenise("😀 I feel awful so I’m useless");
        let m = find_all(&p, &t);
        assert_eq!(m.len(), 1);
        let text: String = t.chars[m[0].start..m[0].end].iter().collect();
        assert_eq!(text, "I feel awful so I’m");
        assert_eq!(m[0].start, 2);
        assert_eq!(t.utf16[m[0].start], 3);
    }

    #[test]
    fn prefix_words() {
        let p = compile("ruin*").unwrap();
        assert_eq!(find_all(&p, &tokenise("it ruined everything")).len(), 1);
        assert!(find_all(&p, &tokenise("a bruin")).is_empty());
    }

    #[test]
    fn word_classes_and_the_short_gap() {
        let p = compile("i .. @bad").unwrap();
        assert_eq!(p.weight, 2);
        assert_eq!(find_all(&p, &tokenise("I failed")).len(), 1);
        assert_eq!(find_all(&p, &tokenise("I will go wrong")).len(), 1);
        assert_eq!(find_all(&p, &tokenise("I will go")).len(), 0);
    }

    #[test]
    fn spellings_are_read_as_the_words_they_stand_for() {
        assert_eq!(keys("i shud"), ["i", "should"]);
        let t = tokenise("im gonna");
        assert_eq!(
            t.tokens.iter().map(|t| t.key.as_str()).collect::<Vec<_>>(),
            ["i", "m", "going", "to"]
        );
        // Both words of "gonna" keep the written word's span.
        assert_eq!((t.tokens[3].start, t.tokens[3].end), (3, 8));
    }

    #[test]
    fn negation_reaches_across_small_words_inside_its_clause_only() {
        let p = compile("end of the world").unwrap();
        assert_eq!(
            find_all(&p, &tokenise("it's the end of the world")).len(),
            1
        );
        assert!(find_all(&p, &tokenise("it's not the end of the world")).is_empty());
        let p = compile("perfect").unwrap();
        assert!(find_all(&p, &tokenise("it does not have to be perfect")).len() == 1);
        assert!(find_all(&p, &tokenise("it dont to be perfect")).is_empty());
        // A comma, or any other word, ends the scope.
        let p = compile("they hate me").unwrap();
        assert_eq!(
            find_all(&p, &tokenise("I'm not sure, they hate me")).len(),
            1
        );
        assert_eq!(find_all(&p, &tokenise("not today they hate me")).len(), 1);
        assert!(find_all(&p, &tokenise("not to they hate me")).is_empty());
        // Exceptions are read as written.
        let t = tokenise("not perfect");
        assert_eq!(
            super::find_all(&compile("perfect").unwrap(), &t, &lex(), false).len(),
            1
        );
    }
}
