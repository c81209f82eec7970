//! A candidate's tally of votes ("votes: 2, needs 3"; a pre-candidate's of pre-votes, thesis
//! §9.6, "pre-votes: 2, needs 3"), and where on the drawing it goes: the
//! first of a few places around the candidate that stays inside the drawing and clear of every
//! server's circle, name and state machine, of the client's box and of the tallies already
//! placed. During a split vote on a ring of seven or nine servers several candidates count at
//! once, side by side; a fixed place ran their tallies into each other and into their
//! neighbours' names.

use raft_sim::RoleKind;
use yew::prelude::*;

use super::node_glyph::{kv_line, NAME_BELOW};
use crate::geometry::{number, Anchor, Point, CLIENT_POSITION, NODE_RADIUS, VIEW_SIZE};
use crate::i18n::Lang;
use crate::view::NodeView;

/// The sizes, in the drawing's units, of what the drawing shows around its servers
/// (`playground.css`): its letters, and the client's box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Letters {
    tally: f64,
    name: f64,
    kv: f64,
    /// Half the client's box's width and height, and how far it is moved right and down.
    client: (f64, f64, f64, f64),
}

impl Letters {
    /// On a wide screen.
    pub const WIDE: Letters = Letters { tally: 12.0, name: 14.0, kv: 12.0, client: (27.0, 15.0, 0.0, 0.0) };
    /// On a narrow screen (`max-width: 40rem`), where the drawing is smaller and its words
    /// larger in its units; the client's box scaled by 1.3 and moved by (8, 4).
    pub const NARROW: Letters = Letters { tally: 17.0, name: 19.0, kv: 17.0, client: (36.0, 20.0, 8.0, 4.0) };
}

/// A crowded ring's state machine's letters, on any screen (`node__kv--crowded`).
const KV_FONT_SMALL: f64 = 12.0;

/// Room kept free around a circle: its election timer's arc.
const CIRCLE_MARGIN: f64 = 6.0;
/// How far a text's box reaches past its letters: the halo of the page's colour around them.
const HALO: f64 = 4.0;
/// The gap between a circle and a tally beside it.
const BESIDE_GAP: f64 = 9.0;

/// Where a tally is drawn: its anchor point and baseline, in the drawing's units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spot {
    /// The anchor's x.
    pub x: f64,
    /// The baseline's y.
    pub y: f64,
    /// How the text hangs from `x`.
    pub anchor: Anchor,
}

/// A box on the drawing: left, top, right, bottom.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Area(f64, f64, f64, f64);

impl Area {
    fn overlaps(self, other: Area) -> bool {
        self.0 < other.2 && other.0 < self.2 && self.1 < other.3 && other.1 < self.3
    }

    /// Whether a text's box keeps its letters inside the drawing (its halo may leave it).
    fn inside_drawing(self) -> bool {
        self.0 >= -HALO && self.1 >= -HALO && self.2 <= VIEW_SIZE + HALO && self.3 <= VIEW_SIZE + HALO
    }
}

/// What a tally keeps clear of: a text's box, or a server's circle.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Shape {
    Box(Area),
    /// Centre and radius.
    Disc(Point, f64),
}

impl Shape {
    /// Whether `area` overlaps it.
    fn hits(self, area: Area) -> bool {
        match self {
            Shape::Box(other) => area.overlaps(other),
            Shape::Disc(centre, radius) => {
                // The box's point nearest the centre (`max` then `min`: `f64::clamp` would bring
                // in the formatting of floats for its assertion, kilobytes of the page's weight).
                let nearest = |value: f64, low: f64, high: f64| value.max(low).min(high);
                let (dx, dy) =
                    (nearest(centre.x, area.0, area.2) - centre.x, nearest(centre.y, area.1, area.3) - centre.y);
                dx * dx + dy * dy < radius * radius
            }
        }
    }
}

/// About how wide `text` is at `font` units, in the page's sans-serif letters (measured in
/// Chromium): a Chinese character an em; digits, letters and signs a little more than they
/// measure.
fn text_width(text: &str, font: f64) -> f64 {
    let em = |c: char| match c {
        '0'..='9' => 0.64,
        'a'..='z' => 0.58,
        'A'..='Z' => 0.7,
        ' ' | ',' | '.' | ':' | '/' | '-' => 0.34,
        '=' => 0.84,
        c if c >= '\u{2e80}' => 1.0,
        _ => 0.9,
    };
    text.chars().map(em).sum::<f64>() * font
}

/// The box `text` covers when drawn at `spot`.
fn text_area(text: &str, font: f64, spot: Spot) -> Area {
    let width = text_width(text, font);
    let left = match spot.anchor {
        Anchor::Start => spot.x,
        Anchor::Middle => spot.x - width / 2.0,
        Anchor::End => spot.x - width,
    };
    // The font's whole box, as the browser gives it, not only the letters' ink, and the halo
    // drawn around the letters.
    Area(left - HALO, spot.y - 0.92 * font - HALO, left + width + HALO, spot.y + 0.24 * font + HALO)
}

/// Whether `node` shows a tally: a running candidate or pre-candidate (a crashed one
/// campaigns no more).
fn counts_votes(node: &NodeView) -> bool {
    matches!(node.role, RoleKind::Candidate | RoleKind::PreCandidate) && node.up
}

/// The places tried for a tally around a server at `at`, best first: above it, below its name
/// and state machine, then beside it, towards the ring's centre before away from it. Above and
/// below, first from its outer edge inwards near the drawing's sides (centred, it would run
/// off), else centred; then from either edge; then from its middle.
fn places(at: Point, letters: &Letters) -> Vec<Spot> {
    let (x, anchor) = if at.x < VIEW_SIZE / 4.0 {
        (at.x - NODE_RADIUS, Anchor::Start)
    } else if at.x > VIEW_SIZE * 3.0 / 4.0 {
        (at.x + NODE_RADIUS, Anchor::End)
    } else {
        (at.x, Anchor::Middle)
    };
    let mut spots = Vec::with_capacity(ABOVE_AND_BELOW + 6);
    // From the server's middle, towards the ring's centre first, then away from it.
    let from_middle = if at.x < VIEW_SIZE / 2.0 { [Anchor::Start, Anchor::End] } else { [Anchor::End, Anchor::Start] };
    for y in [at.y - NODE_RADIUS - 12.0, at.y + NODE_RADIUS + 56.0] {
        spots.push(Spot { x, y, anchor });
        spots.push(Spot { x: at.x - NODE_RADIUS, y, anchor: Anchor::Start });
        spots.push(Spot { x: at.x + NODE_RADIUS, y, anchor: Anchor::End });
        spots.extend(from_middle.map(|anchor| Spot { x: at.x, y, anchor }));
    }
    let beside = NODE_RADIUS + BESIDE_GAP;
    let inward = if at.x < VIEW_SIZE / 2.0 { 1.0 } else { -1.0 };
    for side in [inward, -inward] {
        let (x, anchor) = if side > 0.0 { (at.x + beside, Anchor::Start) } else { (at.x - beside, Anchor::End) };
        for dy in [0.0, -NODE_RADIUS / 2.0, NODE_RADIUS / 2.0] {
            spots.push(Spot { x, y: at.y + dy + 0.3 * letters.tally, anchor });
        }
    }
    spots
}

/// What every tally must keep clear of: each server's circle, name and state machine, and the
/// client's box; with, for those, the index of their server, whose own tally's [`places`] are
/// drawn clear of them (its halo may touch the timer's arc or the state's halo).
fn obstacles(nodes: &[NodeView], letters: &Letters) -> Vec<(Option<usize>, Shape)> {
    let servers = nodes.len();
    let mut areas = Vec::with_capacity(3 * servers + 1);
    for (index, node) in nodes.iter().enumerate() {
        let Point { x, y } = node.position;
        let reach = NODE_RADIUS + CIRCLE_MARGIN;
        areas.push((Some(index), Shape::Disc(node.position, reach)));
        let name = format!("S{}", node.id);
        let name_spot = Spot { x, y: y + NODE_RADIUS + NAME_BELOW, anchor: Anchor::Middle };
        areas.push((Some(index), Shape::Box(text_area(&name, letters.name, name_spot))));
        let kv = kv_line(node, servers);
        let font = if kv.small { KV_FONT_SMALL } else { letters.kv };
        areas.push((Some(index), Shape::Box(text_area(&kv.text, font, Spot { x: kv.x, y: kv.y, anchor: kv.anchor }))));
    }
    let (half_width, half_height, dx, dy) = letters.client;
    let Point { x, y } = CLIENT_POSITION;
    let (x, y) = (x + dx, y + dy);
    areas.push((None, Shape::Box(Area(x - half_width, y - half_height, x + half_width, y + half_height))));
    areas
}

/// Each running candidate's tally, in `nodes`' order, with where it goes: the first of
/// [`places`] clear of everything else. Tried in turn until every tally finds a clear place:
/// in full ("votes: 2, needs 3"), then short ("2/3 votes"), above or below each candidate (a
/// lone candidate's in full beside it too); then the same beside them; then shortest ("2/3"),
/// anywhere, a tally that finds no clear place going to the first inside the drawing.
pub fn tally_spots(lang: Lang, nodes: &[NodeView], letters: impl FnOnce() -> Letters) -> Vec<(usize, String, Spot)> {
    if !nodes.iter().any(counts_votes) {
        return Vec::new();
    }
    let letters = letters();
    let obstacles = obstacles(nodes, &letters);
    let full = |node: &NodeView| worded(lang, node, false, false);
    let short = |node: &NodeView| worded(lang, node, true, false);
    let terse = |node: &NodeView| worded(lang, node, true, true);
    // A lone candidate's tally, beside it, can be no one else's: in full there first.
    let lone = nodes.iter().filter(|node| counts_votes(node)).count() == 1;
    let beside_first = if lone { usize::MAX } else { ABOVE_AND_BELOW };
    let tries: [(Wording, usize); 4] =
        [(&full, beside_first), (&short, ABOVE_AND_BELOW), (&full, usize::MAX), (&short, usize::MAX)];
    for (text, reach) in tries {
        let (tallies, all_clear) = place_all(nodes, &obstacles, &letters, text, reach);
        if all_clear {
            return tallies;
        }
    }
    place_all(nodes, &obstacles, &letters, &terse, usize::MAX).0
}

/// `node`'s tally in `lang`: in full, `short`, or `terse`; of votes in C_old and in C_new
/// while its configuration is joint.
fn worded(lang: Lang, node: &NodeView, short: bool, terse: bool) -> String {
    let pre = node.role == RoleKind::PreCandidate;
    match node.joint_votes {
        Some(sets) => lang.votes_joint(pre, sets, short, terse),
        None if short => lang.votes_short(pre, node.votes, node.votes_needed, terse),
        None => lang.votes(pre, node.votes, node.votes_needed),
    }
}

/// How a tally is worded for a server.
type Wording<'a> = &'a dyn Fn(&NodeView) -> String;

/// How many of [`places`] are above or below the server (the rest are beside it).
const ABOVE_AND_BELOW: usize = 10;

/// Every running candidate's tally worded by `text`, each at its first clear place of the
/// first `reach` [`places`] (else at the first inside the drawing), and whether every one
/// found a clear place.
fn place_all(
    nodes: &[NodeView],
    obstacles: &[(Option<usize>, Shape)],
    letters: &Letters,
    text: Wording,
    reach: usize,
) -> (Vec<(usize, String, Spot)>, bool) {
    let mut taken = obstacles.to_vec();
    let mut tallies = Vec::new();
    let mut all_clear = true;
    for (index, node) in nodes.iter().enumerate().filter(|(_, node)| counts_votes(node)) {
        let text = text(node);
        let options: Vec<(Spot, Area)> = places(node.position, letters)
            .into_iter()
            .take(reach)
            .map(|spot| (spot, text_area(&text, letters.tally, spot)))
            .collect();
        let inside = || options.iter().find(|(_, area)| area.inside_drawing()).unwrap_or(&options[0]);
        let clear = options.iter().find(|(_, area)| {
            area.inside_drawing() && !taken.iter().any(|&(owner, other)| owner != Some(index) && other.hits(*area))
        });
        all_clear &= clear.is_some();
        let &(spot, area) = clear.unwrap_or_else(inside);
        taken.push((None, Shape::Box(area)));
        tallies.push((index, text, spot));
    }
    (tallies, all_clear)
}

/// A candidate's tally drawn at its spot, over the messages, with a halo of the page's colour,
/// so that a vote arriving does not hide it.
pub fn tally_glyph(node: &NodeView, text: String, spot: Spot) -> Html {
    let class = match spot.anchor {
        Anchor::Start => "node__votes node__votes--start",
        Anchor::Middle => "node__votes",
        Anchor::End => "node__votes node__votes--end",
    };
    html! {
        <text key={node.id} {class} x={number(spot.x)} y={number(spot.y)} data-votes-node={node.id.to_string()}>
            { text }
        </text>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::node_position;
    use crate::view::Standing;

    fn ring(servers: usize, kv: &[&str]) -> Vec<NodeView> {
        (0..servers)
            .map(|index| NodeView {
                id: index as u32 + 1,
                role: RoleKind::Candidate,
                term: 1,
                up: true,
                isolated: false,
                votes: 1,
                votes_needed: Some(servers / 2 + 1),
                election_timer_left: Some(0.5),
                position: node_position(index, servers),
                kv: kv.iter().map(|pair| (*pair).to_owned()).collect(),
                kv_len: kv.len(),
                standing: Standing::Voter,
                joint_votes: None,
                clock_percent: 100,
            })
            .collect()
    }

    #[test]
    fn every_candidate_of_a_split_vote_finds_a_clear_place_on_rings_of_three_to_nine() {
        for (lang, letters) in
            [Lang::En, Lang::Zh].into_iter().flat_map(|lang| [(lang, Letters::WIDE), (lang, Letters::NARROW)])
        {
            for servers in 3..=9 {
                for (kv, role) in [
                    (&[][..], RoleKind::Candidate),
                    (&["x=3"][..], RoleKind::PreCandidate),
                    (&["x=12345678", "y=2", "z=3", "w=4"][..], RoleKind::Candidate),
                ] {
                    let mut nodes = ring(servers, kv);
                    nodes.iter_mut().for_each(|node| node.role = role);
                    let obstacles = obstacles(&nodes, &letters);
                    let spots = tally_spots(lang, &nodes, || letters);
                    assert_eq!(spots.len(), servers);
                    let areas: Vec<Area> =
                        spots.iter().map(|(_, text, spot)| text_area(text, letters.tally, *spot)).collect();
                    for (i, &area) in areas.iter().enumerate() {
                        let case = format!(
                            "{lang:?}, {letters:?}, {servers} servers, state {kv:?}: S{}'s tally at {area:?}",
                            i + 1
                        );
                        assert!(area.inside_drawing(), "{case} leaves the drawing");
                        let owner = Some(spots[i].0);
                        for (_, other) in obstacles.iter().filter(|(of, _)| *of != owner) {
                            assert!(!other.hits(area), "{case} covers {other:?}");
                        }
                        for other in areas.iter().take(i) {
                            assert!(!area.overlaps(*other), "{case} covers {other:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_lone_candidate_at_the_top_counts_above_itself() {
        let mut nodes = ring(5, &[]);
        for node in &mut nodes[1..] {
            node.role = RoleKind::Follower;
        }
        let spots = tally_spots(Lang::En, &nodes, || Letters::NARROW);
        assert_eq!(spots.len(), 1);
        let (_, text, spot) = &spots[0];
        assert_eq!(text, "votes: 1, needs 3");
        assert_eq!(spot.anchor, Anchor::Middle);
        assert!(spot.y < nodes[0].position.y - NODE_RADIUS);
    }

    #[test]
    fn a_pre_candidate_counts_pre_votes() {
        let mut nodes = ring(3, &[]);
        nodes[0].role = RoleKind::PreCandidate;
        nodes[1].role = RoleKind::Follower;
        nodes[2].role = RoleKind::Follower;
        let spots = tally_spots(Lang::En, &nodes, || Letters::NARROW);
        assert_eq!(spots.iter().map(|(_, text, _)| text.as_str()).collect::<Vec<_>>(), ["pre-votes: 1, needs 2"]);
        assert_eq!(tally_spots(Lang::Zh, &nodes, || Letters::NARROW)[0].1, "预投票：1（需 2 票）");
    }

    #[test]
    fn two_tallies_rather_go_short_above_or_below_their_candidates_than_in_full_beside_them() {
        let mut nodes = ring(5, &[]);
        for node in &mut nodes {
            node.role = if [2, 5].contains(&node.id) { RoleKind::PreCandidate } else { RoleKind::Follower };
        }
        let spots = tally_spots(Lang::En, &nodes, || Letters::NARROW);
        assert_eq!(spots.len(), 2);
        for (index, text, spot) in &spots {
            assert_eq!(text, "1/3 pre-votes");
            let at = nodes[*index].position;
            assert!(spot.y < at.y - NODE_RADIUS || spot.y > at.y + NODE_RADIUS, "S{}: {spot:?}", index + 1);
        }
    }

    #[test]
    fn any_two_candidates_on_a_ring_of_five_count_in_full() {
        for (a, b) in [(1, 2), (1, 3), (2, 3), (2, 5), (3, 4), (4, 5)] {
            let mut nodes = ring(5, &["x=3"]);
            for node in &mut nodes {
                node.role = if [a, b].contains(&node.id) { RoleKind::Candidate } else { RoleKind::Follower };
            }
            for (_, text, _) in tally_spots(Lang::En, &nodes, || Letters::NARROW) {
                assert_eq!(text, "votes: 1, needs 3", "S{a} and S{b}");
            }
        }
    }

    #[test]
    fn a_candidate_under_a_joint_configuration_counts_each_majority_apart() {
        let mut nodes = ring(3, &[]);
        nodes[1].role = RoleKind::Follower;
        nodes[2].role = RoleKind::Follower;
        nodes[0].joint_votes = Some([(1, 2), (0, 2)]);
        assert_eq!(tally_spots(Lang::En, &nodes, || Letters::NARROW)[0].1, "votes: old 1/2, new 0/2");
        assert_eq!(tally_spots(Lang::Zh, &nodes, || Letters::NARROW)[0].1, "得票：旧 1/2，新 0/2");
        assert_eq!(Lang::En.votes_joint(true, [(1, 2), (0, 2)], true, false), "old 1/2, new 0/2");
        assert_eq!(Lang::En.votes_joint(false, [(1, 2), (0, 2)], true, true), "1/2·0/2");
    }

    #[test]
    fn a_lone_candidate_anywhere_on_any_ring_of_a_wide_screen_counts_in_full() {
        for lang in [Lang::En, Lang::Zh] {
            for servers in 3..=9 {
                for lone in 0..servers {
                    let mut nodes = ring(servers, &["x=3"]);
                    for (index, node) in nodes.iter_mut().enumerate() {
                        node.role = if index == lone { RoleKind::Candidate } else { RoleKind::Follower };
                    }
                    let spots = tally_spots(lang, &nodes, || Letters::WIDE);
                    let full = lang.votes(false, 1, Some(servers / 2 + 1));
                    assert_eq!(spots[0].1, full, "S{} of {servers}", lone + 1);
                }
            }
        }
    }

    #[test]
    fn a_crashed_candidate_or_a_follower_shows_no_tally() {
        let mut nodes = ring(3, &[]);
        nodes[0].up = false;
        nodes[1].role = RoleKind::Follower;
        let spots = tally_spots(Lang::En, &nodes, || Letters::NARROW);
        assert_eq!(spots.iter().map(|(index, ..)| *index).collect::<Vec<_>>(), vec![2]);
    }
}
