//! Decimal numbers as scaled integers: reading `0.05` as 50,000,000 billionths and writing it
//! back, without the general float parser and printer (whose tables weigh more in the page's
//! WebAssembly than the rest of the scenario format together).
//!
//! Probabilities are kept to nine decimal places: `0.05` reads as exactly the `f64` nearest to
//! 0.05, as before, and every probability written reads back to the very same `f64`.

/// Decimal places a probability keeps.
pub const PROBABILITY_DECIMALS: u32 = 9;

/// Reads a non-negative decimal (`5`, `0.25`, `2.5e-2`, JSON number syntax) as a whole number
/// of `10^-decimals` units, rounded half up. `None` for anything else or too large for `u64`.
pub fn parse_scaled(text: &str, decimals: u32) -> Option<u64> {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], text[at + 1..].parse::<i32>().ok()?),
        None => (text, 0),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((_, "")) => return None,
        Some(parts) => parts,
        None => (mantissa, ""),
    };
    if whole.is_empty() || !whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits: Vec<u8> = whole.bytes().chain(fraction.bytes()).map(|b| b - b'0').collect();
    // The value is digits × 10^(exponent − fraction length); in units, shifted by `decimals`.
    let shift = i64::from(exponent) - fraction.len() as i64 + i64::from(decimals);
    let kept = digits.len() as i64 + shift;
    if kept <= 0 {
        return Some(u64::from(kept == 0 && digits[0] >= 5));
    }
    if kept > digits.len() as i64 + 20 {
        return digits.iter().all(|&d| d == 0).then_some(0);
    }
    let kept = kept as usize;
    let mut value: u64 = 0;
    for i in 0..kept {
        value = value.checked_mul(10)?.checked_add(u64::from(digits.get(i).copied().unwrap_or(0)))?;
    }
    value.checked_add(u64::from(digits.get(kept).is_some_and(|&d| d >= 5)))
}

/// Writes `units` of `10^-decimals` as a decimal, trailing zeros dropped down to
/// `min_decimals` places: `format_scaled(50, 3, 1)` is `0.05`, `format_scaled(0, 9, 1)` is `0.0`.
pub fn format_scaled(units: u64, decimals: u32, min_decimals: u32) -> String {
    let decimals = decimals as usize;
    let digits = format!("{units:0>width$}", width = decimals + 1);
    let (whole, fraction) = digits.split_at(digits.len() - decimals);
    let mut fraction = fraction.trim_end_matches('0');
    let min = (min_decimals as usize).min(decimals);
    if fraction.len() < min {
        fraction = &digits[digits.len() - decimals..][..min];
    }
    if fraction.is_empty() {
        whole.to_owned()
    } else {
        format!("{whole}.{fraction}")
    }
}

/// A float rounded to `decimals` places, written as [`format_scaled`] does (with a `-` sign if
/// negative): for SVG coordinates and messages. Numbers too large for that are written whole
/// (up to about 1.8e19, beyond which they saturate); not a number is written `NaN`.
pub fn fixed(value: f64, decimals: u32, min_decimals: u32) -> String {
    if value.is_nan() {
        return "NaN".to_owned();
    }
    let scaled = (value.abs() * 10f64.powi(decimals as i32)).round();
    let sign = if value < 0.0 && scaled > 0.0 { "-" } else { "" };
    if scaled >= u64::MAX as f64 {
        return format!("{sign}{}", value.abs().round() as u64);
    }
    format!("{sign}{}", format_scaled(scaled as u64, decimals, min_decimals))
}

/// A probability read from its decimal text, kept to [`PROBABILITY_DECIMALS`] places.
pub fn parse_probability(text: &str) -> Option<f64> {
    parse_scaled(text, PROBABILITY_DECIMALS).map(probability_of_units)
}

fn probability_of_units(billionths: u64) -> f64 {
    billionths as f64 / 1e9
}

/// What a form's number field holds, in JSON number syntax: trimmed, `.5` as `0.5`, `5.` as `5`.
fn form_number(text: &str) -> String {
    let text = text.trim().trim_end_matches('.');
    match text.strip_prefix('-') {
        Some(rest) if rest.starts_with('.') => format!("-0{rest}"),
        _ if text.starts_with('.') => format!("0{text}"),
        _ => text.to_owned(),
    }
}

/// A number typed in a form field (`-1.5`, `.5`, `5.`), to `decimals` places.
pub fn parse_form_number(text: &str, decimals: u32) -> Option<f64> {
    let text = form_number(text);
    let (sign, digits) = text.strip_prefix('-').map_or((1.0, text.as_str()), |digits| (-1.0, digits));
    parse_scaled(digits, decimals).map(|units| sign * units as f64 / 10f64.powi(decimals as i32))
}

/// A percentage typed in a form field, as the very probability a scenario file would hold for
/// it: `5` is [`parse_probability`]`("0.05")`.
pub fn parse_percent(text: &str) -> Option<f64> {
    parse_scaled(&form_number(text), PROBABILITY_DECIMALS - 2).map(probability_of_units)
}

/// `Err` with what is wrong unless `p` is a probability, 0 to 1: the one check of every loss
/// setting (options, scenario actions, actions at run time).
pub fn check_probability(p: f64) -> Result<(), String> {
    if (0.0..=1.0).contains(&p) {
        Ok(())
    } else {
        Err(format!("a probability from 0 to 1, not {}", format_probability(p)))
    }
}

/// A probability written so that [`parse_probability`] gives it back: `0.05`, `1`.
pub fn format_probability(probability: f64) -> String {
    fixed(probability, PROBABILITY_DECIMALS, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_read_as_scaled_integers() {
        let cases = [
            ("0", Some(0)),
            ("5", Some(5_000)),
            ("0.05", Some(50)),
            ("0.0005", Some(1)),
            ("0.0004", Some(0)),
            ("2.5e-2", Some(25)),
            ("25E-3", Some(25)),
            ("1e2", Some(100_000)),
            ("0e999999", Some(0)),
            ("1e999999", None),
            ("18446744073709551.615", Some(u64::MAX)),
            ("18446744073709551.616", None),
            ("-1", None),
            ("1.", None),
            (".5", None),
            ("x", None),
            ("", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_scaled(text, 3), expected, "{text:?}");
        }
    }

    #[test]
    fn scaled_integers_are_written_as_decimals() {
        assert_eq!(format_scaled(50, 3, 0), "0.05");
        assert_eq!(format_scaled(0, 9, 1), "0.0");
        assert_eq!(format_scaled(1_000_000_000, 9, 1), "1.0");
        assert_eq!(format_scaled(1_500, 2, 0), "15");
        assert_eq!(format_scaled(7, 0, 1), "7");
        assert_eq!(fixed(-12.345, 2, 0), "-12.35");
        assert_eq!(fixed(-0.001, 2, 0), "0");
        assert_eq!(fixed(3.0, 2, 0), "3");
        assert_eq!(fixed(-2.5e12, 9, 0), "-2500000000000");
        assert_eq!(fixed(f64::INFINITY, 2, 0), u64::MAX.to_string());
        assert_eq!(fixed(-1e30, 2, 0), format!("-{}", u64::MAX));
        assert_eq!(fixed(f64::NAN, 2, 0), "NaN");
    }

    #[test]
    fn form_fields_are_read_as_people_type_them() {
        assert_eq!(parse_form_number("-1.5", 2), Some(-1.5));
        assert_eq!(parse_form_number(" .5 ", 2), Some(0.5));
        assert_eq!(parse_form_number("-.25", 2), Some(-0.25));
        assert_eq!(parse_form_number("5.", 2), Some(5.0));
        assert_eq!(parse_form_number("x", 2), None);
        assert_eq!(parse_percent("33.3"), parse_probability("0.333"));
        assert_eq!(parse_percent(".5"), parse_probability("0.005"));
        assert_eq!(parse_percent("-1"), None);
    }

    #[test]
    fn probabilities_round_trip_and_nine_places_read_as_the_nearest_float() {
        for text in ["0", "0.05", "0.1", "0.333333333", "0.999999999", "1"] {
            let p = parse_probability(text).unwrap();
            assert_eq!(p, text.parse::<f64>().unwrap(), "{text}");
            assert_eq!(format_probability(p), text);
        }
        let mut seed = 7u64;
        for _ in 0..10_000 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let p = parse_probability(&format_scaled(seed % 1_000_000_001, 9, 0)).unwrap();
            assert_eq!(parse_probability(&format_probability(p)), Some(p));
        }
    }
}
