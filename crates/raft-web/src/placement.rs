//! Where a floating menu goes: beside the thing that opened it, never covering it, and wholly
//! inside the viewport (or the embed's frame). Pure arithmetic, tested natively; the page feeds
//! it the browser's rectangles.

/// A rectangle in CSS pixels, viewport coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl Rect {
    fn right(self) -> f64 {
        self.x + self.width
    }

    fn bottom(self) -> f64 {
        self.y + self.height
    }

    fn center(self) -> (f64, f64) {
        (self.x + self.width / 2.0, self.y + self.height / 2.0)
    }
}

/// Space kept between the menu and its anchor, and between the menu and the viewport's edges.
pub const GAP: f64 = 8.0;

/// Clamps `start` so that `[start, start + length]` lies in `[low, high]`, keeping `low` when
/// it cannot fit.
fn clamp_span(start: f64, length: f64, low: f64, high: f64) -> f64 {
    start.min(high - length).max(low)
}

/// The top-left corner of a `width` × `height` menu placed beside `anchor` inside `viewport`:
/// to its right, else its left, else below, else above, whichever first fits whole without
/// covering the anchor; if none does, the side with the most room, clamped into the viewport.
/// Beside the anchor the menu is centred on it, or else aligned with its top or its bottom when
/// that keeps it off every rectangle of `others` (the other servers, the playback controls) and
/// centring does not. When every place that fits covers some of `others`, the menu takes the one
/// that covers the fewest of them, and of those the one that covers least of their area.
pub fn place_beside(anchor: Rect, (width, height): (f64, f64), viewport: Rect, others: &[Rect]) -> (f64, f64) {
    let (low_x, high_x) = (viewport.x + GAP, viewport.right() - GAP);
    let (low_y, high_y) = (viewport.y + GAP, viewport.bottom() - GAP);
    let (cx, cy) = anchor.center();
    let aligned = |top: f64| clamp_span(top, height, low_y, high_y);
    let beside_y = aligned(cy - height / 2.0);
    let stacked_x = clamp_span(cx - width / 2.0, width, low_x, high_x);
    let fits_tall = height <= high_y - low_y;
    let fits_wide = width <= high_x - low_x;
    let right = anchor.right() + GAP;
    let left = anchor.x - GAP - width;
    let below = anchor.bottom() + GAP;
    let above = anchor.y - GAP - height;
    let candidates = [
        (fits_tall && right + width <= high_x, (right, beside_y)),
        (fits_tall && left >= low_x, (left, beside_y)),
        (fits_wide && below + height <= high_y, (stacked_x, below)),
        (fits_wide && above >= low_y, (stacked_x, above)),
    ];
    let shifted = [aligned(anchor.y), aligned(anchor.bottom() - height)];
    let fitting: Vec<(f64, f64)> = candidates
        .iter()
        .filter(|(fits, _)| *fits)
        .flat_map(|&(_, corner)| {
            let (x, _) = corner;
            let beside = x == right || x == left;
            std::iter::once(corner).chain(shifted.iter().filter(move |_| beside).map(move |&y| (x, y)))
        })
        .collect();
    // How many of `others` a corner covers, then how much of them.
    let covered = |&(x, y): &(f64, f64)| -> (usize, f64) {
        let menu = Rect { x, y, width, height };
        let areas = others.iter().map(|other| overlap_area(menu, *other)).filter(|area| *area > 0.0);
        areas.fold((0, 0.0), |(count, total), area| (count + 1, total + area))
    };
    // The first that covers nothing, else the one that covers fewest, and least of them.
    let least = fitting.iter().fold(None, |best: Option<((f64, f64), (usize, f64))>, corner| {
        let cover = covered(corner);
        match best {
            Some((_, least)) if least.0 < cover.0 || (least.0 == cover.0 && least.1 <= cover.1) => best,
            _ => Some((*corner, cover)),
        }
    });
    if let Some((corner, _)) = least {
        return corner;
    }
    let room = [high_x - anchor.right(), anchor.x - low_x, high_y - anchor.bottom(), anchor.y - low_y];
    let best = (0..4).fold(0, |best, side| if room[side] > room[best] { side } else { best });
    let (x, y) = candidates[best].1;
    (clamp_span(x, width, low_x, high_x), clamp_span(y, height, low_y, high_y))
}

/// The area two rectangles share (0 when they do not overlap).
fn overlap_area(a: Rect, b: Rect) -> f64 {
    let width = a.right().min(b.right()) - a.x.max(b.x);
    let height = a.bottom().min(b.bottom()) - a.y.max(b.y);
    if width > 0.0 && height > 0.0 {
        width * height
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether two rectangles share any area.
    fn overlaps(a: Rect, b: Rect) -> bool {
        overlap_area(a, b) > 0.0
    }

    const DESKTOP: Rect = Rect { x: 0.0, y: 0.0, width: 1280.0, height: 800.0 };
    const PHONE: Rect = Rect { x: 0.0, y: 0.0, width: 360.0, height: 740.0 };

    fn node(x: f64, y: f64) -> Rect {
        Rect { x: x - 24.0, y: y - 24.0, width: 48.0, height: 48.0 }
    }

    fn inside(menu: Rect, viewport: Rect) -> bool {
        menu.x >= viewport.x
            && menu.y >= viewport.y
            && menu.right() <= viewport.right()
            && menu.bottom() <= viewport.bottom()
    }

    fn placed(anchor: Rect, size: (f64, f64), viewport: Rect) -> Rect {
        let (x, y) = place_beside(anchor, size, viewport, &[]);
        Rect { x, y, width: size.0, height: size.1 }
    }

    #[test]
    fn a_menu_opens_to_the_right_of_its_node_centred_on_it() {
        let menu = placed(node(300.0, 400.0), (200.0, 300.0), DESKTOP);
        assert_eq!((menu.x, menu.y), (332.0, 250.0));
    }

    #[test]
    fn near_the_right_edge_it_opens_to_the_left_and_near_the_bottom_it_moves_up() {
        let anchor = node(1200.0, 780.0);
        let menu = placed(anchor, (200.0, 300.0), DESKTOP);
        assert_eq!(menu.right(), anchor.x - GAP);
        assert!(inside(menu, DESKTOP) && !overlaps(menu, anchor));
    }

    #[test]
    fn on_a_phone_every_node_of_the_ring_gets_a_whole_menu_that_does_not_cover_it() {
        for (x, y) in [(180.0, 300.0), (320.0, 360.0), (40.0, 360.0), (290.0, 560.0), (70.0, 560.0)] {
            let anchor = node(x, y);
            let menu = placed(anchor, (240.0, 330.0), PHONE);
            assert!(inside(menu, PHONE), "{menu:?} for a node at ({x}, {y})");
            assert!(!overlaps(menu, anchor), "{menu:?} covers the node at ({x}, {y})");
        }
    }

    #[test]
    fn beside_its_node_a_menu_slides_up_or_down_to_keep_off_the_other_servers() {
        let anchor = node(300.0, 300.0);
        let below_right = node(480.0, 430.0);
        let menu = Rect { x: 332.0, y: 150.0, width: 300.0, height: 300.0 };
        assert_eq!(placed(anchor, (300.0, 300.0), DESKTOP), menu, "centred when nothing is in the way");
        let (x, y) = place_beside(anchor, (300.0, 300.0), DESKTOP, &[below_right]);
        let moved = Rect { x, y, width: 300.0, height: 300.0 };
        assert_eq!((x, moved.bottom()), (332.0, anchor.bottom()), "aligned with the node's bottom");
        assert!(!overlaps(moved, below_right));
        let everywhere = [node(480.0, 430.0), node(480.0, 170.0), node(300.0, 450.0)];
        let (x, y) = place_beside(anchor, (300.0, 300.0), DESKTOP, &everywhere);
        assert_eq!((x, y), (332.0, anchor.y), "aligned with the node's top, where it covers least");
    }

    /// The client's form at 1280 × 800: the Client box at the drawing's top left, S1 just right
    /// of it, S5 below, the playback controls above. No place is clear of all of them.
    #[test]
    fn when_no_place_is_clear_the_menu_covers_as_little_as_it_can() {
        let client = Rect { x: 27.0, y: 261.0, width: 74.0, height: 40.0 };
        let (s1, s5) = (
            Rect { x: 257.0, y: 275.0, width: 85.0, height: 85.0 },
            Rect { x: 68.0, y: 412.0, width: 85.0, height: 85.0 },
        );
        let size = (275.0, 250.0);
        assert_eq!(
            place_beside(client, size, DESKTOP, &[s1, s5]),
            (client.right() + GAP, client.bottom() - 250.0),
            "with the servers only, above the box's bottom: a strip of S1 is covered"
        );
        let controls =
            [(16.0, 104.0), (132.0, 75.0), (219.0, 76.0)].map(|(x, width)| Rect { x, y: 141.0, width, height: 36.0 });
        let mut obstacles = vec![s1, s5];
        obstacles.extend(controls);
        let (x, y) = place_beside(client, size, DESKTOP, &obstacles);
        assert_eq!((x, y), (GAP, client.bottom() + GAP), "below the box, over two servers, leaving Play and Step free");
        let menu = Rect { x, y, width: size.0, height: size.1 };
        assert!(controls.iter().all(|control| !overlaps(menu, *control)));
    }

    #[test]
    fn a_menu_taller_than_a_small_frame_stays_inside_it_as_far_as_it_can() {
        let frame = Rect { x: 0.0, y: 0.0, width: 320.0, height: 240.0 };
        let menu = placed(node(160.0, 120.0), (200.0, 300.0), frame);
        assert!(menu.x >= GAP && menu.right() <= 320.0 - GAP && menu.y == GAP);
    }
}
