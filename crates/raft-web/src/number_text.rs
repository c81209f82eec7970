//! Numbers as the page writes and reads them: rounded, without trailing zeros (`12.5`, `400`,
//! `0.05`), and typed in form fields (`.5`, `5.`, `-1.5`).

/// `value` rounded (half away from zero) to `decimals` places, trailing zeros dropped:
/// `rounded(12.50, 2)` is `12.5`, `rounded(400.0, 2)` is `400`, and never `-0`. Integer
/// arithmetic, not the standard float formatter, whose tables the page need not carry.
pub fn rounded(value: f64, decimals: u32) -> String {
    let scale = 10u64.pow(decimals);
    let units = (value.abs() * scale as f64).round();
    if !(0.0..u64::MAX as f64).contains(&units) {
        return raft_sim::to_compact_json(&value); // huge or not a number
    }
    let sign = if value < 0.0 && units >= 1.0 { "-" } else { "" };
    format!("{sign}{}", scaled(units as u64, decimals))
}

/// `units` of `10^-decimals` as a decimal, trailing zeros dropped: `scaled(50, 1)` is `5`,
/// `scaled(1250, 3)` is `1.25`.
pub fn scaled(units: u64, decimals: u32) -> String {
    let scale = 10u64.pow(decimals);
    let (whole, fraction) = (units / scale, units % scale);
    if fraction == 0 {
        return whole.to_string();
    }
    let digits = format!("{fraction:0width$}", width = decimals as usize);
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

/// A count with its thousands grouped by commas, as both languages write large counts:
/// `grouped(1234567)` is `1,234,567`.
pub fn grouped(count: u64) -> String {
    let digits = count.to_string();
    let mut text = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            text.push(',');
        }
        text.push(digit);
    }
    text
}

/// A number typed in a form field (`-1.5`, `.5`, `5.`); `None` unless it is a number. Read
/// by serde_json's parser, which the page carries anyway.
pub fn parse_form_number(text: &str) -> Option<f64> {
    let text = text.trim().trim_end_matches('.');
    let text = match text.strip_prefix('-') {
        Some(rest) if rest.starts_with('.') => format!("-0{rest}"),
        _ if text.starts_with('.') => format!("0{text}"),
        _ => text.to_owned(),
    };
    serde_json::from_str::<f64>(&text).ok()
}

/// A percentage typed in a form field, as the very probability a scenario file would hold for
/// it (nine decimal places): `5` is `0.05`. `None` unless it is a number from 0 up.
pub fn parse_percent(text: &str) -> Option<f64> {
    parse_form_number(text).filter(|percent| !percent.is_sign_negative()).map(|percent| (percent * 1e7).round() / 1e9)
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
        assert_eq!(rounded(-1.25, 1), "-1.3");
        assert_eq!(rounded(f64::NAN, 1), "null");
        assert_eq!(scaled(50, 1), "5");
        assert_eq!(scaled(1250, 3), "1.25");
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(1234567), "1,234,567");
    }

    #[test]
    fn form_fields_read_like_people_type() {
        assert_eq!(parse_form_number(" .5 "), Some(0.5));
        assert_eq!(parse_form_number("5."), Some(5.0));
        assert_eq!(parse_form_number("-1.5"), Some(-1.5));
        assert_eq!(parse_form_number("inf"), None);
        assert_eq!(parse_form_number("-.5"), Some(-0.5));
        assert_eq!(parse_percent("5"), Some(0.05));
        assert_eq!(parse_percent("33.3333333333"), Some(0.333333333));
        assert_eq!(parse_percent("-5"), None);
        assert_eq!(parse_percent("-0"), None);
    }
}
