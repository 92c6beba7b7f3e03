//! Prompts: which thinking styles a thought *might* show, and the words that suggested it.
//!
//! The rules are content data: each style in the content file lists `patterns` and
//! `exceptions`, written in a tiny pattern language so a second language needs no code:
//!
//! - words are separated by spaces and matched whole, ignoring case; `a|b` is a choice;
//!   `i_am` joins several words into one choice (`i'm|i_am`);
//! - `?a|b` is an optional word; `...` is a gap of 1 to 5 words in the same sentence;
//!   `ruin*` matches any word starting "ruin".
//!
//! Apostrophes: curly and straight quotes are the same, and contractions are split the way
//! they are said (`I'm` is `i` + `'m`, `it'll` is `it` + `'ll`), so a pattern `i'm` matches
//! "I'm", "I’m" and the common phone spelling "Im". `n't` words stay whole (`can't`).
//!
//! A match is dropped when it overlaps a match of one of the style's `exceptions`.
//! Practical "should"/"must" is not suggested: arrangements and errands ("I should be at the
//! station by six", "I must remember to buy milk"), reassurance and likelihood ("it should be
//! fine", "they must have forgotten", "he must be busy"). Shoulds about how a person ought
//! to be, feel or cope ("I should be able to cope", "I must not make mistakes") are.
//! A style's strength is the sum of its matches' weights (the number of required words in
//! the pattern), so longer, more specific phrases count for more. Nothing here is certain,
//! and the wording says so.

use super::*;

/// Only the start of a very long text is read: a thought is at most `LONG_TEXT` long, and
/// the limit keeps matching fast on anything a caller passes.
pub(super) const MAX_SUGGEST_CHARS: usize = 10_000;
/// Longest gap `...` can stand for, in words.
const MAX_GAP: usize = 5;
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

/// One compared word of the text, with the span of the whole written word it came from.
#[derive(Debug, Clone)]
struct Token {
    key: String,
    sentence: u32,
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

fn tokenise(text: &str) -> Tokens {
    let chars: Vec<char> = text.chars().take(MAX_SUGGEST_CHARS).collect();
    let mut utf16 = Vec::with_capacity(chars.len() + 1);
    let mut n = 0;
    for c in &chars {
        utf16.push(n);
        n += c.len_utf16();
    }
    utf16.push(n);
    let mut tokens = vec![];
    let mut sentence = 0u32;
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
                    if !key.is_empty() {
                        tokens.push(Token {
                            key,
                            sentence,
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

#[derive(Debug, Clone, PartialEq)]
enum Part {
    /// One of several choices, each a run of words.
    Words {
        choices: Vec<Vec<WordMatcher>>,
        optional: bool,
    },
    Gap,
}

/// A compiled pattern and its weight.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Pattern {
    parts: Vec<Part>,
    weight: u32,
}

/// Compiles one pattern; `None` when it is malformed (the content test checks every one).
pub(super) fn compile(src: &str) -> Option<Pattern> {
    let mut parts = vec![];
    for piece in src.split_whitespace() {
        if piece == "..." {
            if matches!(parts.last(), None | Some(Part::Gap)) {
                return None;
            }
            parts.push(Part::Gap);
            continue;
        }
        let (optional, body) = match piece.strip_prefix('?') {
            Some(b) => (true, b),
            None => (false, piece),
        };
        let mut choices = vec![];
        for choice in body.split('|') {
            let mut words = vec![];
            for w in choice.split('_') {
                let (w, prefix) = match w.strip_suffix('*') {
                    Some(w) => (w, true),
                    None => (w, false),
                };
                if w.is_empty() || w.contains('*') || w.contains('?') {
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
            choices.push(words);
        }
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
        Part::Gap => {
            for n in 1..=MAX_GAP {
                let j = i + n;
                match toks.get(j - 1) {
                    Some(t) if t.sentence == sentence => {}
                    _ => break,
                }
                if let Some(e) = match_at(rest, toks, j, sentence) {
                    return Some(e);
                }
            }
            None
        }
        Part::Words { choices, optional } => {
            for words in choices {
                if let Some(j) = match_words(words, toks, i, sentence) {
                    if let Some(e) = match_at(rest, toks, j, sentence) {
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

/// A span of the text, in chars.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Span {
    start: usize,
    end: usize,
    weight: u32,
}

fn find_all(p: &Pattern, t: &Tokens) -> Vec<Span> {
    let toks = &t.tokens;
    let mut out = vec![];
    let mut i = 0;
    while i < toks.len() {
        match match_at(&p.parts, toks, i, toks[i].sentence) {
            Some(e) if e > i => {
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

pub(super) fn compile_style(s: &StyleText) -> Option<StyleRules> {
    Some(StyleRules {
        patterns: s
            .patterns
            .iter()
            .map(|p| compile(p))
            .collect::<Option<_>>()?,
        exceptions: s
            .exceptions
            .iter()
            .map(|p| compile(p))
            .collect::<Option<_>>()?,
    })
}

/// The kept matches of one style, in text order, and their strength.
fn style_matches(r: &StyleRules, t: &Tokens) -> (Vec<Span>, u32) {
    let vetoes: Vec<Span> = r.exceptions.iter().flat_map(|p| find_all(p, t)).collect();
    let mut spans: Vec<Span> = r
        .patterns
        .iter()
        .flat_map(|p| find_all(p, t))
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
    let t = tokenise(thought);
    if t.tokens.is_empty() {
        return vec![];
    }
    let mut out: Vec<ThinkingStyleSuggestion> = vec![];
    for (style, r) in c.styles.iter().zip(rules) {
        let (spans, strength) = style_matches(r, &t);
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
}
