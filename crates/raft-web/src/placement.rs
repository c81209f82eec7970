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
/// that keeps it off every rectangle of `others` (the other servers) and centring does not.
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
    let clear = |&(x, y): &(f64, f64)| !others.iter().any(|other| overlaps(Rect { x, y, width, height }, *other));
    let shifted = [aligned(anchor.y), aligned(anchor.bottom() - height)];
    let clear_corner = candidates.iter().filter(|(fits, _)| *fits).find_map(|&(_, corner)| {
        let (x, _) = corner;
        let mut corners = vec![corner];
        if x == right || x == left {
            corners.extend(shifted.map(|y| (x, y)));
        }
        corners.into_iter().find(clear)
    });
    if let Some(corner) = clear_corner.or_else(|| candidates.iter().find(|(fits, _)| *fits).map(|c| c.1)) {
        return corner;
    }
    let room = [high_x - anchor.right(), anchor.x - low_x, high_y - anchor.bottom(), anchor.y - low_y];
    let best = (0..4).fold(0, |best, side| if room[side] > room[best] { side } else { best });
    let (x, y) = candidates[best].1;
    (clamp_span(x, width, low_x, high_x), clamp_span(y, height, low_y, high_y))
}

/// Whether two rectangles share any area.
pub fn overlaps(a: Rect, b: Rect) -> bool {
    a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!((x, y), (332.0, 150.0), "centred on the right when no place is clear");
    }

    #[test]
    fn a_menu_taller_than_a_small_frame_stays_inside_it_as_far_as_it_can() {
        let frame = Rect { x: 0.0, y: 0.0, width: 320.0, height: 240.0 };
        let menu = placed(node(160.0, 120.0), (200.0, 300.0), frame);
        assert!(menu.x >= GAP && menu.right() <= 320.0 - GAP && menu.y == GAP);
    }
}
