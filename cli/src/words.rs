//! Filling content templates: the one text helper every screen and command uses. It imports
//! nothing of the shell, so anything may use it.

/// `template` with `{key}` replaced by `value`.
pub fn fill(template: &str, key: &str, value: &str) -> String {
    template.replace(&format!("{{{key}}}"), value)
}

/// `template` with each `{key}` replaced by its value.
pub fn fill_all(template: &str, vars: &[(&str, &str)]) -> String {
    vars.iter()
        .fold(template.to_string(), |t, (k, v)| fill(&t, k, v))
}
