//! Class attributes from a base class and the modifiers that apply.

/// The class names that are present (neither `None` nor empty), separated by spaces. What
/// Yew's `classes!` makes, without its set of strings and their hashing on every frame
/// (issue 6, page weight).
pub fn class_list(names: &[Option<&str>]) -> String {
    let mut list = String::new();
    for name in names.iter().flatten().filter(|name| !name.is_empty()) {
        if !list.is_empty() {
            list.push(' ');
        }
        list.push_str(name);
    }
    list
}

/// Terms from 1 on cycle through this many colours (`--term-1` to `--term-9` in the
/// stylesheet: the paper's figures, up to term 8, never repeat one); `--term-0`, the colour of
/// a server's fill, is term 0's alone, so no later term loses its ring by matching the fill.
const TERM_COLOURS: u64 = 9;

/// The class that gives `term`'s colour (`--term`) to a log entry or a server's ring, so a
/// reader can match a server with the entries of its term.
pub fn term_class(term: u64) -> String {
    let colour = if term == 0 { 0 } else { (term - 1) % TERM_COLOURS + 1 };
    format!("term-{colour}")
}

#[cfg(test)]
mod tests {
    use super::{class_list, term_class};

    #[test]
    fn terms_cycle_through_nine_colours_after_term_0() {
        let classes: Vec<String> = [0, 1, 8, 9, 10, 19].into_iter().map(term_class).collect();
        assert_eq!(classes, ["term-0", "term-1", "term-8", "term-9", "term-1", "term-1"]);
    }

    #[test]
    fn joins_the_names_present() {
        assert_eq!(class_list(&[Some("node"), None, Some(""), Some("node--down")]), "node node--down");
        assert_eq!(class_list(&[None]), "");
    }
}
