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

#[cfg(test)]
mod tests {
    use super::class_list;

    #[test]
    fn joins_the_names_present() {
        assert_eq!(class_list(&[Some("node"), None, Some(""), Some("node--down")]), "node node--down");
        assert_eq!(class_list(&[None]), "");
    }
}
