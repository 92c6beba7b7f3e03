//! The conversation with the person at the keyboard: lines in, text out.
//!
//! Kept behind a small struct over any reader and writer so the interactive screens can be
//! tested with plain buffers as well as through a real pseudo-terminal.

use std::io::{self, BufRead, Write};

pub struct Term<'a> {
    input: Box<dyn BufRead + 'a>,
    pub out: Box<dyn Write + 'a>,
    /// The width `say` fits text to (`crate::wrap`); `None` writes lines as they come.
    width: Option<usize>,
}

impl<'a> Term<'a> {
    pub fn new(input: impl BufRead + 'a, out: impl Write + 'a) -> Self {
        Term {
            input: Box::new(input),
            out: Box::new(out),
            width: None,
        }
    }

    /// The process's own stdin and stdout, fitted to the terminal's width when stdout is one.
    pub fn stdio() -> Term<'static> {
        let mut t = Term::new(io::stdin().lock(), io::stdout());
        t.width = crate::wrap::stdout_width();
        t
    }

    /// Shows `prompt` and reads one line without its line ending; `None` at end of input
    /// (Ctrl-D, or a closed pipe), which every screen treats as "leave".
    pub fn ask(&mut self, prompt: &str) -> io::Result<Option<String>> {
        write!(self.out, "{prompt}")?;
        self.out.flush()?;
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            writeln!(self.out)?;
            return Ok(None);
        }
        while line.ends_with('\n') || line.ends_with('\r') {
            line.pop();
        }
        Ok(Some(line))
    }

    pub fn say(&mut self, text: &str) -> io::Result<()> {
        match self.width {
            Some(w) => writeln!(self.out, "{}", crate::wrap::fit(text, w)),
            None => writeln!(self.out, "{text}"),
        }
    }
}
