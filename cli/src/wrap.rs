//! Fitting the screens to the terminal's width.
//!
//! The core's wording comes in long lines; a terminal breaks them at its edge and carries on in
//! column 0, so a contact's "For: …" line or a numbered step runs back under the headings and
//! the screen becomes hard to scan (in a conversation, across a desk, it is read at a glance).
//! Here each line too wide for the terminal is broken between words and continued under its own
//! text: under its indentation, and for a numbered or bulleted line under the text after the
//! marker. Only a real terminal is wrapped; text sent to a pipe or a file stays exactly as the
//! core wrote it, so scripts and tests read whole lines.

use std::io::IsTerminal;

/// Narrower than this and wrapping would make things worse (or the size is unknown: a pseudo
/// terminal that was never given a size reports 0).
const NARROWEST: usize = 40;
/// Wider than this, lines are still broken here: long lines are hard to read.
const WIDEST: usize = 100;

/// The width to wrap stdout's text to, or `None` when stdout is not a terminal of known size.
pub fn stdout_width() -> Option<usize> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let (terminal_size::Width(w), _) = terminal_size::terminal_size()?;
    usable(w as usize)
}

fn usable(width: usize) -> Option<usize> {
    (width >= NARROWEST).then_some(width.min(WIDEST))
}

/// `text` with every line wider than `width` broken between words and continued under its own
/// text. Lines that fit, empty lines and the line endings are kept as they are.
pub fn fit(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if textwrap::core::display_width(line) <= width {
            out.push_str(line);
            continue;
        }
        let hang = " ".repeat(hanging_indent(line));
        let options = textwrap::Options::new(width)
            .subsequent_indent(&hang)
            // A word longer than the line (a web address) is left whole: cut, it could not be
            // copied or read out.
            .break_words(false);
        out.push_str(&textwrap::fill(line, options));
    }
    out
}

/// Where a line's continuation starts: under its first word, after any list marker
/// ("1. ", "a. ", "- ", "• ") so that the marker stands out on its own.
fn hanging_indent(line: &str) -> usize {
    let lead = line.len() - line.trim_start().len();
    let rest = &line[lead..];
    let marker = list_marker(rest).unwrap_or(0);
    textwrap::core::display_width(&line[..lead + marker])
}

/// The byte length of a list marker and its space at the start of `s`, if it has one.
fn list_marker(s: &str) -> Option<usize> {
    for bullet in ["- ", "• ", "* "] {
        if s.starts_with(bullet) {
            return Some(bullet.len());
        }
    }
    let label: String = s
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let numbered = !label.is_empty()
        && label.len() <= 3
        && (label.chars().all(|c| c.is_ascii_digit()) || label.len() == 1);
    let after = &s[label.len()..];
    (numbered && (after.starts_with(". ") || after.starts_with(") "))).then_some(label.len() + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widest_line(s: &str) -> usize {
        s.lines()
            .map(textwrap::core::display_width)
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn a_line_that_fits_is_left_exactly_as_it_was() {
        let text = "Help now\n════════\n\n  Samaritans (24 hours a day)\n";
        assert_eq!(fit(text, 40), text);
    }

    #[test]
    fn a_long_indented_line_continues_under_its_own_indentation() {
        let line =
            "    For: Anyone in England in a mental health crisis, or worried about someone.";
        let got = fit(line, 40);
        assert!(got.lines().count() > 1, "{got}");
        assert!(widest_line(&got) <= 40, "{got}");
        for continuation in got.lines().skip(1) {
            assert!(continuation.starts_with("    ") && !continuation.starts_with("     "));
        }
        // No word lost or changed.
        let words = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(words(&got), words(line));
    }

    #[test]
    fn a_numbered_line_continues_under_its_text_not_under_its_number() {
        let line = "  1. Find a position where you feel steady: sitting, standing or lying.";
        let got = fit(line, 40);
        let lines: Vec<&str> = got.lines().collect();
        assert!(lines[0].starts_with("  1. Find"));
        assert!(lines.len() > 1);
        for l in &lines[1..] {
            assert!(l.starts_with("     ") && !l.starts_with("      "), "{l:?}");
        }
        let lettered = fit(
            "   a. Time for your PHQ-9, which you have not taken yet at all",
            40,
        );
        assert!(lettered.lines().nth(1).unwrap().starts_with("      "));
    }

    #[test]
    fn a_word_longer_than_the_line_is_kept_whole() {
        let address = "https://www.example.org/a/very/long/address/that/cannot/be/broken";
        let got = fit(&format!("  See {address} for more"), 40);
        assert!(got.contains(address), "{got}");
    }

    #[test]
    fn wide_characters_are_measured_by_their_width_on_screen() {
        // "═" is one column wide though three bytes long: a rule of 40 fits in 40.
        let rule = "═".repeat(40);
        assert_eq!(fit(&rule, 40), rule);
    }

    #[test]
    fn only_sensible_widths_are_used() {
        assert_eq!(usable(0), None);
        assert_eq!(usable(39), None);
        assert_eq!(usable(80), Some(80));
        assert_eq!(usable(250), Some(WIDEST));
    }

    #[test]
    fn empty_lines_and_the_final_newline_are_kept() {
        let text = "one\n\ntwo words here that are long enough to wrap somewhere\n";
        let got = fit(text, 40);
        assert!(got.starts_with("one\n\n"));
        assert!(got.ends_with('\n'));
    }
}
