//! The log table drawn in SVG, for [`crate::export_svg`]: each cell of the page's table (an
//! entry, a compacted index, a header) becomes a rectangle with the colours, border and text it
//! has on the page, at the place it has there, so a slide shows the logs beside the ring as the
//! page does, in the page's theme.

use wasm_bindgen::JsCast;
use web_sys::{CssStyleDeclaration, Document, DomRect, Element};

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// The attributes of a cell kept on its rectangle, so a reader (or a test) can find an entry.
const KEPT: [&str; 5] = ["data-log-node", "data-index", "data-term", "data-committed", "data-compacted"];

/// The table `table` drawn as an SVG group in CSS pixels from its top left corner, with its
/// width and height; `None` if the page has no such table or the group cannot be made.
pub fn log_table_group(document: &Document, table: &Element) -> Option<(Element, f64, f64)> {
    // Measured unscrolled: scrolled sideways, the row names (sticky) would stand over entries.
    let scroller = table.closest(".logs").ok().flatten();
    let scrolled = scroller.as_ref().map_or(0, Element::scroll_left);
    if let Some(scroller) = &scroller {
        scroller.set_scroll_left(0);
    }
    let drawn = draw_table(document, table);
    if let Some(scroller) = &scroller {
        scroller.set_scroll_left(scrolled);
    }
    drawn
}

/// [`log_table_group`] of a table as it stands.
fn draw_table(document: &Document, table: &Element) -> Option<(Element, f64, f64)> {
    let window = gloo::utils::window();
    let origin = table.get_bounding_client_rect();
    let group = document.create_element_ns(Some(SVG_NS), "g").ok()?;
    group.set_attribute("class", "logs-export").ok()?;
    let cells = table.query_selector_all("th, td, .logs__term, .logs__command, .logs__marker").ok()?;
    for i in 0..cells.length() {
        let Some(cell) = cells.item(i).and_then(|cell| cell.dyn_into::<Element>().ok()) else { continue };
        let Ok(Some(style)) = window.get_computed_style(&cell) else { continue };
        let bounds = cell.get_bounding_client_rect();
        if bounds.width() == 0.0 || style.get_property_value("display").ok().as_deref() == Some("none") {
            continue;
        }
        // A crashed server's row is faded on its cells, which what is inside them inherits.
        let cell_style =
            cell.closest("td, th").ok().flatten().and_then(|cell| window.get_computed_style(&cell).ok().flatten());
        let opacity = value(cell_style.as_ref().unwrap_or(&style), "opacity");
        if let Some(rect) = box_of(document, &style, &bounds, &origin) {
            let _ = rect.set_attribute("opacity", &opacity);
            for name in KEPT {
                if let Some(value) = cell.get_attribute(name) {
                    let _ = rect.set_attribute(name, &value);
                }
            }
            let _ = group.append_child(&rect);
        }
        // A lesson's ring, or the mark of what the last step changed.
        if let Some(ring) = outline_of(document, &style, &bounds, &origin) {
            let _ = group.append_child(&ring);
        }
        // A cell's own words (a header, an empty cell's marker); an entry's are in its parts.
        if cell.child_element_count() == 0 {
            if let Some(text) = text_of(document, &cell, &style, &bounds, &origin) {
                let _ = text.set_attribute("opacity", &opacity);
                let _ = group.append_child(&text);
            }
        }
    }
    Some((group, origin.width(), origin.height()))
}

/// `style`'s value of `property`, or "" if it has none.
fn value(style: &CssStyleDeclaration, property: &str) -> String {
    style.get_property_value(property).unwrap_or_default()
}

/// A length in CSS pixels, in whole pixels ("2px", "1.5px" → 1): the page's own reader, as
/// Rust's float parser would add some 15 KB to the page (BENCHMARKS.md, session 40).
fn pixels(length: &str) -> i32 {
    length.trim_end_matches("px").split('.').next().and_then(|whole| whole.parse().ok()).unwrap_or(0)
}

/// Whether a computed colour paints nothing.
fn transparent(colour: &str) -> bool {
    colour.is_empty() || colour == "transparent" || colour.ends_with(", 0)")
}

/// The rectangle a cell shows (its background and border), if it shows one.
fn box_of(document: &Document, style: &CssStyleDeclaration, bounds: &DomRect, origin: &DomRect) -> Option<Element> {
    let fill = value(style, "background-color");
    let border = pixels(&value(style, "border-top-width"));
    let border_style = value(style, "border-top-style");
    let stroked = border > 0 && border_style != "none";
    if transparent(&fill) && !stroked {
        return None;
    }
    // A border is drawn inside the box, a stroke on its edge: half a border in.
    let inset = if stroked { f64::from(border) / 2.0 } else { 0.0 };
    let rect = rect_around(document, bounds, origin, -inset)?;
    rect.set_attribute("rx", value(style, "border-top-left-radius").trim_end_matches("px")).ok()?;
    rect.set_attribute("fill", if transparent(&fill) { "none" } else { &fill }).ok()?;
    if stroked {
        rect.set_attribute("stroke", &value(style, "border-top-color")).ok()?;
        rect.set_attribute("stroke-width", &border.to_string()).ok()?;
        if border_style == "dashed" {
            rect.set_attribute("stroke-dasharray", "4 3").ok()?;
        }
    }
    Some(rect)
}

/// A rectangle over `bounds` (measured from `origin`), grown by `out` on every side.
fn rect_around(document: &Document, bounds: &DomRect, origin: &DomRect, out: f64) -> Option<Element> {
    let rect = document.create_element_ns(Some(SVG_NS), "rect").ok()?;
    let place = [
        ("x", bounds.left() - origin.left() - out),
        ("y", bounds.top() - origin.top() - out),
        ("width", bounds.width() + 2.0 * out),
        ("height", bounds.height() + 2.0 * out),
    ];
    for (name, number) in place {
        rect.set_attribute(name, &crate::geometry::number(number)).ok()?;
    }
    Some(rect)
}

/// The outline a cell shows around it, if any: a rectangle with no fill, `outline-offset`
/// outside the cell's edge.
fn outline_of(document: &Document, style: &CssStyleDeclaration, bounds: &DomRect, origin: &DomRect) -> Option<Element> {
    let width = pixels(&value(style, "outline-width"));
    let line = value(style, "outline-style");
    if width == 0 || line == "none" {
        return None;
    }
    let out = f64::from(pixels(&value(style, "outline-offset"))) + f64::from(width) / 2.0;
    let rect = rect_around(document, bounds, origin, out)?;
    rect.set_attribute("fill", "none").ok()?;
    rect.set_attribute("stroke", &value(style, "outline-color")).ok()?;
    rect.set_attribute("stroke-width", &width.to_string()).ok()?;
    match line.as_str() {
        "dotted" => rect.set_attribute("stroke-dasharray", "2 2").ok()?,
        "dashed" => rect.set_attribute("stroke-dasharray", "4 3").ok()?,
        _ => {}
    }
    Some(rect)
}

/// A cell's words, centred where the page shows them, in its colour and letters.
fn text_of(
    document: &Document,
    cell: &Element,
    style: &CssStyleDeclaration,
    bounds: &DomRect,
    origin: &DomRect,
) -> Option<Element> {
    let words = cell.text_content().unwrap_or_default();
    if words.trim().is_empty() {
        return None;
    }
    let text = document.create_element_ns(Some(SVG_NS), "text").ok()?;
    let centre = [
        ("x", bounds.left() - origin.left() + bounds.width() / 2.0),
        ("y", bounds.top() - origin.top() + bounds.height() / 2.0),
    ];
    for (name, number) in centre {
        text.set_attribute(name, &crate::geometry::number(number)).ok()?;
    }
    for (name, property) in [
        ("fill", "color"),
        ("font-size", "font-size"),
        ("font-weight", "font-weight"),
        ("font-style", "font-style"),
        ("font-family", "font-family"),
    ] {
        text.set_attribute(name, &value(style, property)).ok()?;
    }
    text.set_attribute("text-anchor", "middle").ok()?;
    text.set_attribute("dominant-baseline", "central").ok()?;
    text.set_text_content(Some(words.trim()));
    Some(text)
}
