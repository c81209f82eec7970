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

/// Term colours cycle through this many (`--term-0` to `--term-7` in the stylesheet).
const TERM_COLOURS: u64 = 8;

/// The class that gives `term`'s colour (`--term`) to a log entry or a server's ring, so a
/// reader can match a server with the entries of its term.
pub fn term_class(term: u64) -> String {
    format!("term-{}", term % TERM_COLOURS)
}

#[cfg(test)]
mod tests {
    use super::{class_list, term_class};

    #[test]
    fn terms_cycle_through_eight_colours() {
        assert_eq!((term_class(0), term_class(9)), ("term-0".to_owned(), "term-1".to_owned()));
    }

    #[test]
    fn joins_the_names_present() {
        assert_eq!(class_list(&[Some("node"), None, Some(""), Some("node--down")]), "node node--down");
        assert_eq!(class_list(&[None]), "");
    }
}
