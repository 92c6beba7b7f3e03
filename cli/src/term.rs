//! The conversation with the person at the keyboard: lines in, text out.
//!
//! Kept behind a small struct over any reader and writer so the interactive screens can be
//! tested with plain buffers as well as through a real pseudo-terminal.

use std::io::{self, BufRead, Write};

pub struct Term<'a> {
    input: Box<dyn BufRead + 'a>,
    pub out: Box<dyn Write + 'a>,
}

impl<'a> Term<'a> {
    pub fn new(input: impl BufRead + 'a, out: impl Write + 'a) -> Self {
        Term {
            input: Box::new(input),
            out: Box::new(out),
        }
    }

    /// The process's own stdin and stdout.
    pub fn stdio() -> Term<'static> {
        Term::new(io::stdin().lock(), io::stdout())
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
        writeln!(self.out, "{text}")
    }
}
