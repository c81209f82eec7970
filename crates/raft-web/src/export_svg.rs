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

/// The standalone SVG text of `svg`, on the page's background colour.
pub fn standalone_svg(svg: &Element) -> Option<String> {
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
    let view_box = viewbox(svg);
    if let Some([_, _, width, height]) = &view_box {
        copy.set_attribute("width", width).ok()?;
        copy.set_attribute("height", height).ok()?;
    }
    let body = gloo::utils::body();
    let background = window
        .get_computed_style(&body)
        .ok()
        .flatten()
        .and_then(|style| style.get_property_value("background-color").ok())
        .unwrap_or_else(|| "white".to_owned());
    let document = gloo::utils::document();
    let rect = document.create_element_ns(Some(SVG_NS), "rect").ok()?;
    if let Some([x, y, width, height]) = view_box {
        for (name, value) in [("x", x), ("y", y), ("width", width), ("height", height)] {
            rect.set_attribute(name, &value).ok()?;
        }
    }
    rect.set_attribute("fill", &background).ok()?;
    copy.insert_before(&rect, copy.first_child().as_ref()).ok()?;
    let text = web_sys::XmlSerializer::new().ok()?.serialize_to_string(&copy).ok()?;
    Some(format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{text}\n"))
}

/// The four numbers of the `viewBox`.
fn viewbox(svg: &Element) -> Option<[String; 4]> {
    let text = svg.get_attribute("viewBox")?;
    let numbers: Vec<String> = text.split(' ').filter(|n| !n.is_empty()).map(str::to_owned).collect();
    numbers.try_into().ok()
}

/// Downloads the page's cluster drawing as `raft-cluster.svg` (nothing if there is none).
pub fn download_cluster_svg() {
    let svg = gloo::utils::document().query_selector("svg.cluster").ok().flatten();
    if let Some(text) = svg.and_then(|svg| standalone_svg(&svg)) {
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
