//! A list that is one Tab stop (a roving Tab stop): the keys that move the focus inside it.

/// Where ↓, ↑, Home and End move the focus from item `current` of a list whose last item is
/// `last`; `None` for any other key.
pub fn roving_target(key: &str, current: usize, last: usize) -> Option<usize> {
    match key {
        "ArrowDown" => Some((current + 1).min(last)),
        "ArrowUp" => Some(current.saturating_sub(1)),
        "Home" => Some(0),
        "End" => Some(last),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::roving_target;

    #[test]
    fn arrows_stop_at_the_ends_and_home_and_end_jump_to_them() {
        assert_eq!(roving_target("ArrowDown", 2, 2), Some(2));
        assert_eq!(roving_target("ArrowUp", 0, 2), Some(0));
        assert_eq!(roving_target("ArrowDown", 0, 2), Some(1));
        assert_eq!(roving_target("End", 0, 5), Some(5));
        assert_eq!(roving_target("Home", 4, 5), Some(0));
        assert_eq!(roving_target("Enter", 1, 5), None);
    }
}
