//! Where things are drawn inside the SVG's fixed `viewBox`. Pure arithmetic, tested natively.

/// Width and height of the square `viewBox`, in SVG user units.
pub const VIEW_SIZE: f64 = 400.0;
/// Radius of the ring the nodes sit on.
pub const RING_RADIUS: f64 = 140.0;
/// Radius of a node's circle.
pub const NODE_RADIUS: f64 = 30.0;
/// How far a message travels beside the straight line between two nodes, so that a request
/// and its reply on the same link do not overlap.
pub const LANE_OFFSET: f64 = 6.0;

/// Where the simulated client is drawn: beside the ring, top left.
pub const CLIENT_POSITION: Point = Point { x: 34.0, y: 34.0 };

/// How a text is anchored at its `x` (SVG's `text-anchor`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// Its start is at `x`.
    Start,
    /// Its middle is at `x`.
    Middle,
    /// Its end is at `x`.
    End,
}

/// A point in SVG user units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// Horizontal, growing rightwards.
    pub x: f64,
    /// Vertical, growing downwards.
    pub y: f64,
}

impl Point {
    /// This point as a percentage of the view, for placing HTML over the SVG.
    pub fn as_percent(self) -> (f64, f64) {
        (self.x / VIEW_SIZE * 100.0, self.y / VIEW_SIZE * 100.0)
    }
}

/// A coordinate for an SVG attribute: at most two decimals, none when whole (`12.5`, `400`).
pub fn number(value: f64) -> String {
    crate::number_text::rounded(value, 2)
}

/// A `transform` that moves to `point`.
pub fn translate(point: Point) -> String {
    format!("translate({} {})", number(point.x), number(point.y))
}

/// Cosine and sine of `angle`: the browser's own in WebAssembly (no second copy of the maths
/// library in the page), the standard library's natively.
fn cos_sin(angle: f64) -> (f64, f64) {
    #[cfg(target_arch = "wasm32")]
    return (js_sys::Math::cos(angle), js_sys::Math::sin(angle));
    #[cfg(not(target_arch = "wasm32"))]
    return (angle.cos(), angle.sin());
}

/// The direction from `from` to `to`, in degrees clockwise from pointing right (SVG's
/// `rotate`, with y growing downwards). The browser's `atan2` in WebAssembly, as above.
pub fn heading(from: Point, to: Point) -> f64 {
    let (dy, dx) = (to.y - from.y, to.x - from.x);
    #[cfg(target_arch = "wasm32")]
    let radians = js_sys::Math::atan2(dy, dx);
    #[cfg(not(target_arch = "wasm32"))]
    let radians = dy.atan2(dx);
    radians * 180.0 / std::f64::consts::PI
}

/// The corner of the view where a card covers neither `a` nor `b`, the two ends of a link:
/// the one whose quarter's centre is farthest from the nearer end (`bottom-right` when
/// several are as far). One of `top-left`, `top-right`, `bottom-left`, `bottom-right`.
pub fn corner_away_from(a: Point, b: Point) -> &'static str {
    let (near, far) = (VIEW_SIZE / 4.0, VIEW_SIZE * 3.0 / 4.0);
    let corners =
        [("bottom-right", far, far), ("bottom-left", near, far), ("top-right", far, near), ("top-left", near, near)];
    let clearance = |&(_, x, y): &(&str, f64, f64)| (a.x - x).hypot(a.y - y).min((b.x - x).hypot(b.y - y));
    let mut best = corners[0];
    for corner in corners {
        if clearance(&corner) > clearance(&best) {
            best = corner;
        }
    }
    best.0
}

/// Where node number `index` (0-based) of `count` sits: on a ring, the first at the top,
/// the others clockwise.
pub fn node_position(index: usize, count: usize) -> Point {
    let center = VIEW_SIZE / 2.0;
    if count <= 1 {
        return Point { x: center, y: center };
    }
    let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * index as f64 / count as f64;
    let (cos, sin) = cos_sin(angle);
    Point { x: center + RING_RADIUS * cos, y: center + RING_RADIUS * sin }
}

/// Where a message is after `progress` (0 to 1) of its trip from `from` to `to`: along the
/// link from the sender's rim to the receiver's rim, in the lane on its right-hand side.
pub fn message_position(from: Point, to: Point, progress: f64) -> Point {
    let (dx, dy) = (to.x - from.x, to.y - from.y);
    let length = (dx * dx + dy * dy).sqrt();
    if length <= 2.0 * NODE_RADIUS {
        return from;
    }
    let (ux, uy) = (dx / length, dy / length);
    let travelled = NODE_RADIUS + (length - 2.0 * NODE_RADIUS) * progress.clamp(0.0, 1.0);
    // The right-hand normal of the direction of travel (y grows downwards).
    let (nx, ny) = (-uy, ux);
    Point { x: from.x + ux * travelled + nx * LANE_OFFSET, y: from.y + uy * travelled + ny * LANE_OFFSET }
}

/// Where the lane from `from` to `to` runs: the path of its messages, rim to rim.
pub fn lane_ends(from: Point, to: Point) -> (Point, Point) {
    (message_position(from, to, 0.0), message_position(from, to, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Point, b: Point) -> bool {
        (a.x - b.x).abs() < 1e-9 && (a.y - b.y).abs() < 1e-9
    }

    #[test]
    fn a_card_goes_to_a_corner_clear_of_both_ends_of_a_link() {
        let quarter = |corner: &str| {
            let (near, far) = (VIEW_SIZE / 4.0, VIEW_SIZE * 3.0 / 4.0);
            let x = if corner.ends_with("left") { near } else { far };
            Point { x, y: if corner.starts_with("top") { near } else { far } }
        };
        let clear = |a: Point, b: Point| {
            let c = quarter(corner_away_from(a, b));
            let gap = (a.x - c.x).hypot(a.y - c.y).min((b.x - c.x).hypot(b.y - c.y));
            assert!(gap > VIEW_SIZE / 4.0, "{a:?} to {b:?}: the card at {c:?} is {gap} from an end");
        };
        // Every link of every ring, the client's too (its write to a server at the lower right
        // crosses the middle; so do S4 to S8 of eight).
        for count in 1..=9 {
            let ring = |index| node_position(index, count);
            for from in 0..count {
                clear(CLIENT_POSITION, ring(from));
                for to in 0..count {
                    if from != to {
                        clear(ring(from), ring(to));
                    }
                }
            }
        }
        let ring = |index| node_position(index, 5);
        assert_eq!(corner_away_from(ring(0), ring(1)), "bottom-left", "S1 (top) to S2 (upper right)");
        assert_eq!(corner_away_from(CLIENT_POSITION, ring(4)), "bottom-right");
    }

    #[test]
    fn first_node_is_at_the_top_and_the_ring_goes_clockwise() {
        let top = node_position(0, 4);
        assert!(close(top, Point { x: 200.0, y: 60.0 }));
        assert!(close(node_position(1, 4), Point { x: 340.0, y: 200.0 }), "second node on the right");
    }

    #[test]
    fn nodes_stay_inside_the_view_for_every_cluster_size() {
        for count in 1..=9 {
            for index in 0..count {
                let p = node_position(index, count);
                assert!(p.x - NODE_RADIUS >= 0.0 && p.x + NODE_RADIUS <= VIEW_SIZE, "{index}/{count}");
                assert!(p.y - NODE_RADIUS >= 0.0 && p.y + NODE_RADIUS <= VIEW_SIZE, "{index}/{count}");
            }
        }
    }

    #[test]
    fn a_message_travels_from_rim_to_rim_on_its_own_side() {
        let (a, b) = (Point { x: 100.0, y: 200.0 }, Point { x: 300.0, y: 200.0 });
        assert!(close(message_position(a, b, 0.0), Point { x: 130.0, y: 206.0 }));
        assert!(close(message_position(a, b, 1.0), Point { x: 270.0, y: 206.0 }));
        assert!(close(message_position(b, a, 0.5), Point { x: 200.0, y: 194.0 }), "the reply uses the other lane");
    }

    #[test]
    fn progress_outside_zero_to_one_is_clamped() {
        let (a, b) = (Point { x: 100.0, y: 200.0 }, Point { x: 300.0, y: 200.0 });
        assert_eq!(message_position(a, b, 7.0), message_position(a, b, 1.0));
    }
}
