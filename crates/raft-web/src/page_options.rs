//! How the page was asked to show itself, from its URL's query: `?embed` for the compact frame
//! that documentation embeds, with `autoplay`, `log` and `origin`, and `lang` and `speed` for
//! either.
//!
//! The scenario itself travels in the fragment (see [`raft_sim::ShareLink`]); the query only
//! chooses the presentation, so one scenario link works both as a page and as an embed.

use crate::i18n::Lang;
use crate::state::{MAX_SPEED, MIN_SPEED};

/// Presentation options read from the query string.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageOptions {
    /// The compact embed: the cluster and a control strip only.
    pub embed: bool,
    /// Start playing at once instead of paused.
    pub autoplay: bool,
    /// Show the log table (in an embed; the full page always shows it).
    pub show_log: bool,
    /// The only origin whose messages are obeyed and to which events are posted. Without it,
    /// commands are taken from the parent frame whatever its origin, and events are posted to
    /// any origin (they hold nothing but the public scenario's events). An `origin=` that is
    /// not an origin is kept as the empty string, which no sender has and no message can be
    /// addressed to: a mistyped origin shuts the protocol rather than opening it to everyone.
    pub origin: Option<String>,
    /// The language the link asks for (`lang=en` or `lang=zh`), over the visitor's remembered
    /// choice and the browser's language, and not remembered itself. `None` for any other value.
    pub lang: Option<Lang>,
    /// A `lang=` value that names neither language, as written: the page follows the
    /// browser's language and tells the developer in the console.
    pub unknown_lang: Option<String>,
    /// The playback speed the page opens at (`speed=0.5`), from 0.01 to 100; the page's own
    /// (0.1×) without it.
    pub speed: Option<f64>,
    /// A `speed=` value that is not a speed from 0.01 to 100, as written: ignored, and told to
    /// the developer in the console.
    pub unknown_speed: Option<String>,
    /// Parameters the page does not read (a misspelt `embded`, say), as written: ignored, and
    /// told to the developer in the console.
    pub unknown_params: Vec<String>,
}

/// Every parameter of the page's query: its own options, and the lesson's (read by
/// `LessonLink`).
pub const KNOWN_PARAMS: [&str; 8] = ["embed", "autoplay", "log", "lang", "origin", "speed", "lesson", "step"];

/// Whether a flag's value means yes: a bare flag, `1`, `true`, `yes` or `on`.
fn truthy(value: &str) -> bool {
    matches!(value, "" | "1" | "true" | "yes" | "on")
}

impl PageOptions {
    /// Reads `location.search` (with or without its `?`). Unknown parameters are ignored (and
    /// kept in `unknown_params`).
    pub fn from_query(query: &str) -> PageOptions {
        let mut options = PageOptions::default();
        for pair in query.trim_start_matches('?').split('&').filter(|pair| !pair.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "embed" => options.embed = truthy(value),
                "autoplay" => options.autoplay = truthy(value),
                "log" => options.show_log = truthy(value),
                "lang" => {
                    options.lang = Lang::from_link(value);
                    options.unknown_lang = options.lang.is_none().then(|| value.chars().take(40).collect());
                }
                "speed" => match speed_of(value) {
                    Some(speed) => options.speed = Some(speed),
                    None => options.unknown_speed = Some(value.chars().take(40).collect()),
                },
                "origin" => {
                    let origin = percent_decode(value).as_deref().and_then(normalize_origin);
                    options.origin = Some(origin.unwrap_or_default());
                }
                // A lesson's (read by `LessonLink`), and what sites add to links they pass on.
                known if KNOWN_PARAMS.contains(&known) || known.starts_with("utm_") || known.ends_with("clid") => {}
                unknown => options.unknown_params.push(unknown.chars().take(40).collect()),
            }
        }
        options
    }

    /// The query that asks for these options, with its `?` (empty for the full page).
    pub fn to_query(&self) -> String {
        let flags = [(self.embed, "embed"), (self.autoplay, "autoplay=1"), (self.show_log, "log=1")];
        let mut parts: Vec<String> = flags.iter().filter(|(on, _)| *on).map(|(_, text)| (*text).to_owned()).collect();
        if let Some(origin) = &self.origin {
            parts.push(format!("origin={}", percent_encode(origin)));
        }
        if let Some(lang) = self.lang {
            parts.push(format!("lang={}", lang.code()));
        }
        if let Some(speed) = self.speed {
            parts.push(format!("speed={}", crate::components::speed_number(speed)));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// The speed `text` writes, if it is a decimal number (`0.5`, `2`, `.25`) from 0.01 to 100.
/// Read by hand, digit by digit: Rust's float parser would add several kilobytes to the page
/// for this one field.
fn speed_of(text: &str) -> Option<f64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    if whole.len() + fraction.len() == 0 || whole.len() > 3 || fraction.len() > 6 || !digits(whole) || !digits(fraction)
    {
        return None;
    }
    let number = format!("{whole}{fraction}").bytes().fold(0u64, |n, byte| n * 10 + u64::from(byte - b'0'));
    let speed = number as f64 / 10f64.powi(fraction.len() as i32);
    (MIN_SPEED..=MAX_SPEED).contains(&speed).then_some(speed)
}

/// The origin in `text` as browsers write `MessageEvent.origin`: `scheme://host[:port]`, lower
/// case, without a path, a trailing `/` or the scheme's default port. `None` if it has no
/// scheme.
pub fn normalize_origin(text: &str) -> Option<String> {
    let (scheme, rest) = text.trim().split_once(':')?;
    let rest = rest.strip_prefix("//")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default().to_ascii_lowercase();
    let scheme = scheme.to_ascii_lowercase();
    let port = host.bytes().rposition(|b| b == b':').map(|colon| (&host[..colon], &host[colon + 1..]));
    let host = match (scheme.as_str(), port) {
        ("https", Some((name, "443"))) | ("http", Some((name, "80"))) => name.to_owned(),
        _ => host,
    };
    (!scheme.is_empty() && !host.is_empty()).then(|| format!("{scheme}://{host}"))
}

/// `%XX` escapes decoded; a malformed escape is kept as it is. `None` if the escapes decode to
/// something other than UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// Escapes what cannot stand in a query value.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b':' | b'/' => {
                char::from(byte).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_full_page_has_no_options() {
        assert_eq!(PageOptions::from_query(""), PageOptions::default());
        assert_eq!(PageOptions::default().to_query(), "");
    }

    #[test]
    fn embed_options_are_read_and_written() {
        let options =
            PageOptions::from_query("?embed&autoplay=1&log=true&origin=https%3A%2F%2Fdocs.example.org&x=y&lang=zh");
        assert_eq!(
            options,
            PageOptions {
                embed: true,
                autoplay: true,
                show_log: true,
                origin: Some("https://docs.example.org".into()),
                lang: Some(Lang::Zh),
                unknown_lang: None,
                speed: None,
                unknown_speed: None,
                unknown_params: vec!["x".into()],
            }
        );
        // A misspelt parameter is kept, to be told; a lesson's are the page's own.
        assert_eq!(PageOptions::from_query("?embded&lesson=election&step=2").unknown_params, ["embded"]);
        assert!(PageOptions::from_query("?utm_source=docs&fbclid=1").unknown_params.is_empty());
        let every = KNOWN_PARAMS.map(|param| format!("{param}=1")).join("&");
        assert!(PageOptions::from_query(&every).unknown_params.is_empty(), "{every}");
        // A language the page does not speak is kept, to be told; `cn` is taken for 中文.
        let french = PageOptions::from_query("?lang=fr");
        assert_eq!((french.lang, french.unknown_lang.as_deref()), (None, Some("fr")));
        assert_eq!(PageOptions::from_query("?lang=cn").lang, Some(Lang::Zh));
        assert_eq!(PageOptions::from_query("?lang=zh-CN").unknown_lang, None);
        assert_eq!(options.to_query(), "?embed&autoplay=1&log=1&origin=https://docs.example.org&lang=zh");
        assert_eq!(
            PageOptions::from_query(&options.to_query()),
            PageOptions { unknown_params: vec![], ..options.clone() }
        );
        assert!(!PageOptions::from_query("embed=0&autoplay=no").embed);
        for not_an_origin in ["origin=%zz%4", "origin=docs.example.org", "origin=", "origin=https%3A%2F%2Fa.example%FF"]
        {
            assert_eq!(PageOptions::from_query(not_an_origin).origin.as_deref(), Some(""), "{not_an_origin}");
        }
    }

    #[test]
    fn a_link_asks_for_a_speed_from_0_01_to_100() {
        for (query, speed) in [
            ("speed=0.5", Some(0.5)),
            ("embed&speed=100", Some(100.0)),
            ("speed=0.01", Some(0.01)),
            ("speed=.25", Some(0.25)),
        ] {
            assert_eq!(PageOptions::from_query(query).speed, speed, "{query}");
        }
        for not_a_speed in ["0", "101", "fast", "", "NaN", "inf", "-1", "1e9", ".", "1.2.3", "0.001", "+1", "1000"] {
            let options = PageOptions::from_query(&format!("speed={not_a_speed}"));
            assert_eq!((options.speed, options.unknown_speed.as_deref()), (None, Some(not_a_speed)), "{not_a_speed}");
        }
        let embed = PageOptions { embed: true, speed: Some(0.3981), ..PageOptions::default() };
        assert_eq!(embed.to_query(), "?embed&speed=0.4");
        assert_eq!(PageOptions::from_query(&embed.to_query()).speed, Some(0.4));
    }

    #[test]
    fn a_link_asks_for_a_language_by_its_code() {
        for (query, lang) in [
            ("lang=zh", Some(Lang::Zh)),
            ("lang=zh-CN", Some(Lang::Zh)),
            ("lang=ZH", Some(Lang::Zh)),
            ("embed&lang=en", Some(Lang::En)),
            ("lang=en-GB", Some(Lang::En)),
            ("lang=fr", None),
            ("lang=", None),
            ("lang=english", None),
            ("lang=zhx", None),
        ] {
            assert_eq!(PageOptions::from_query(query).lang, lang, "{query}");
        }
        let full_page = PageOptions { lang: Some(Lang::En), ..PageOptions::default() };
        assert_eq!(full_page.to_query(), "?lang=en");
    }

    #[test]
    fn origins_are_written_as_browsers_write_them() {
        for (given, origin) in [
            ("https://docs.example.org", "https://docs.example.org"),
            ("https://docs.example.org/", "https://docs.example.org"),
            ("HTTPS://Docs.Example.org/guide/raft.html", "https://docs.example.org"),
            ("https://docs.example.org:443", "https://docs.example.org"),
            ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
        ] {
            assert_eq!(normalize_origin(given).as_deref(), Some(origin), "{given}");
        }
        assert_eq!(normalize_origin("docs.example.org"), None);
        assert_eq!(normalize_origin("https://"), None);
    }
}
