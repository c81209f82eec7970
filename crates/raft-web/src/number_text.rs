//! Numbers as the page writes and reads them: rounded, without trailing zeros (`12.5`, `400`,
//! `0.05`), and typed in form fields (`.5`, `5.`, `-1.5`).

/// `value` rounded to `decimals` places, trailing zeros dropped: `rounded(12.50, 2)` is
/// `12.5`, `rounded(400.0, 2)` is `400`, and never `-0`.
pub fn rounded(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.') } else { &text };
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

/// `units` of `10^-decimals` as a decimal: `scaled(50, 1)` is `5`, `scaled(1250, 3)` is `1.25`.
pub fn scaled(units: u64, decimals: u32) -> String {
    rounded(units as f64 / 10f64.powi(decimals as i32), decimals as usize)
}

/// A number typed in a form field (`-1.5`, `.5`, `5.`); `None` unless it is a finite number.
pub fn parse_form_number(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|value| value.is_finite())
}

/// A percentage typed in a form field, as the very probability a scenario file would hold for
/// it (nine decimal places): `5` is `0.05`. `None` unless it is a number from 0 up.
pub fn parse_percent(text: &str) -> Option<f64> {
    parse_form_number(text).filter(|&percent| percent >= 0.0).map(|percent| (percent * 1e7).round() / 1e9)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_rounded_without_trailing_zeros() {
        assert_eq!(rounded(12.5, 2), "12.5");
        assert_eq!(rounded(400.0, 2), "400");
        assert_eq!(rounded(0.049999, 2), "0.05");
        assert_eq!(rounded(-0.001, 2), "0");
        assert_eq!(rounded(-1.25, 1), "-1.2");
        assert_eq!(scaled(50, 1), "5");
        assert_eq!(scaled(1250, 3), "1.25");
    }

    #[test]
    fn form_fields_read_like_people_type() {
        assert_eq!(parse_form_number(" .5 "), Some(0.5));
        assert_eq!(parse_form_number("5."), Some(5.0));
        assert_eq!(parse_form_number("-1.5"), Some(-1.5));
        assert_eq!(parse_form_number("inf"), None);
        assert_eq!(parse_percent("5"), Some(0.05));
        assert_eq!(parse_percent("33.3333333333"), Some(0.333333333));
        assert_eq!(parse_percent("-5"), None);
    }
}
