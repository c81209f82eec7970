//! Export the cluster drawing as a standalone SVG file for slides and docs: a copy of the page's
//! `<svg>` whose look no longer depends on the stylesheet, because every style that matters is
//! written onto each element as an SVG presentation attribute (which, unlike `style`
//! attributes, a Content-Security-Policy never blocks).

use std::cell::RefCell;

use gloo::file::{Blob, ObjectUrl};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlAnchorElement};

/// The computed properties copied onto each element; all are SVG presentation attributes.
const PROPERTIES: [&str; 17] = [
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "stroke-opacity",
    "stroke-linejoin",
    "stroke-linecap",
    // The names' and tallies' outline is drawn under their letters, not over them.
    "paint-order",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
    "text-anchor",
    "dominant-baseline",
    "visibility",
    "display",
];

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// Copies `original`'s computed style onto `copy` as presentation attributes.
fn inline_style(window: &web_sys::Window, original: &Element, copy: &Element) {
    let Ok(Some(style)) = window.get_computed_style(original) else { return };
    for property in PROPERTIES {
        if let Ok(value) = style.get_property_value(property) {
            if !value.is_empty() {
                let _ = copy.set_attribute(property, &value);
            }
        }
    }
}

/// The standalone SVG text of `svg`, on the page's background colour, with the log table
/// `logs` drawn to its right (at the size it has beside the drawing on the page) if given.
pub fn standalone_svg(svg: &Element, logs: Option<&Element>) -> Option<String> {
    let window = gloo::utils::window();
    let copy: Element = svg.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    inline_style(&window, svg, &copy);
    let (originals, copies) = (svg.query_selector_all("*").ok()?, copy.query_selector_all("*").ok()?);
    for i in 0..originals.length().min(copies.length()) {
        let (Some(original), Some(target)) = (originals.item(i), copies.item(i)) else { continue };
        if let (Ok(original), Ok(target)) = (original.dyn_into::<Element>(), target.dyn_into::<Element>()) {
            inline_style(&window, &original, &target);
        }
    }
    copy.set_attribute("xmlns", SVG_NS).ok()?;
    let document = gloo::utils::document();
    let [x, y, mut width, mut height] = viewbox(svg)?;
    if let Some((table, table_width, table_height)) =
        logs.and_then(|logs| crate::export_logs::log_table_group(&document, logs))
    {
        // As many of the drawing's units per CSS pixel as the page shows it at (the view box
        // fits its box whole, so the larger of the two ratios).
        let shown = svg.get_bounding_client_rect();
        let ratio = |units: f64, pixels: f64| if pixels > 0.0 { units / pixels } else { 0.0 };
        let scale = ratio(width, shown.width()).max(ratio(height, shown.height()));
        let scale = if scale > 0.0 { scale } else { 1.0 };
        let gap = width / 20.0;
        let number = crate::geometry::number;
        let place =
            format!("translate({} {}) scale({})", number(x + width + gap), number(y + gap), number_scale(scale));
        table.set_attribute("transform", &place).ok()?;
        copy.append_child(&table).ok()?;
        width += gap + table_width * scale + gap;
        height = height.max(gap + table_height * scale + gap);
        copy.set_attribute("viewBox", &format!("{} {} {} {}", number(x), number(y), number(width), number(height)))
            .ok()?;
    }
    let view_box = [x, y, width, height].map(crate::geometry::number);
    copy.set_attribute("width", &view_box[2]).ok()?;
    copy.set_attribute("height", &view_box[3]).ok()?;
    let body = gloo::utils::body();
    let background = window
        .get_computed_style(&body)
        .ok()
        .flatten()
        .and_then(|style| style.get_property_value("background-color").ok())
        .unwrap_or_else(|| "white".to_owned());
    let rect = document.create_element_ns(Some(SVG_NS), "rect").ok()?;
    for (name, value) in ["x", "y", "width", "height"].into_iter().zip(view_box) {
        rect.set_attribute(name, &value).ok()?;
    }
    rect.set_attribute("fill", &background).ok()?;
    copy.insert_before(&rect, copy.first_child().as_ref()).ok()?;
    let text = web_sys::XmlSerializer::new().ok()?.serialize_to_string(&copy).ok()?;
    Some(format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{text}\n"))
}

/// A scale to four decimals: enough for a table some hundreds of pixels wide.
fn number_scale(scale: f64) -> String {
    crate::number_text::rounded(scale, 4)
}

/// The four numbers of the `viewBox` (whole numbers: the drawing's is `0 0 400 400`).
fn viewbox(svg: &Element) -> Option<[f64; 4]> {
    let text = svg.get_attribute("viewBox")?;
    let numbers: Vec<f64> = text
        .split(' ')
        .filter(|n| !n.is_empty())
        .map(|n| n.parse::<i32>().ok().map(f64::from))
        .collect::<Option<_>>()?;
    numbers.try_into().ok()
}

/// Downloads the page's cluster drawing as `raft-cluster.svg` (nothing if there is none), with
/// the log table beside it if `with_logs` and the page shows one.
pub fn download_cluster_svg(with_logs: bool) {
    let document = gloo::utils::document();
    let svg = document.query_selector("svg.cluster").ok().flatten();
    let logs = document.query_selector(".logs__table").ok().flatten().filter(|_| with_logs);
    if let Some(text) = svg.and_then(|svg| standalone_svg(&svg, logs.as_ref())) {
        download(&text, "image/svg+xml", "raft-cluster.svg");
    }
}

thread_local! {
    /// The object URL of the last download, which must live until the download has started.
    static LAST_DOWNLOAD: RefCell<Option<ObjectUrl>> = const { RefCell::new(None) };
}

/// Makes the browser download `text` (of MIME type `mime`) as `file_name`.
pub fn download(text: &str, mime: &str, file_name: &str) {
    let url = ObjectUrl::from(Blob::new_with_options(text, Some(mime)));
    let document = gloo::utils::document();
    if let Some(anchor) = document.create_element("a").ok().and_then(|a| a.dyn_into::<HtmlAnchorElement>().ok()) {
        anchor.set_href(&url);
        anchor.set_download(file_name);
        anchor.click();
    }
    LAST_DOWNLOAD.with(|last| *last.borrow_mut() = Some(url));
}
