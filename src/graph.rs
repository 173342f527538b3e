//! Relations seen from one item: its outgoing links and its backlinks,
//! grouped by how they read ("mandated by", "facilitates", ...).

use crate::data::relation::Strength;
use crate::data::{CATEGORIES, Dataset, ItemIdx, Relation};

/// One related item as the detail view lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Related<'a> {
    pub rel: Relation,
    /// True for a link the item holds; false for a backlink.
    pub outgoing: bool,
    pub target: ItemIdx,
    pub note: Option<&'a str>,
}

impl Related<'_> {
    /// The relation as it reads from the item being viewed.
    pub fn label(&self) -> &'static str {
        if self.outgoing {
            self.rel.forward()
        } else {
            self.rel.inverse()
        }
    }
}

/// Every related item, grouped: groups follow the relation vocabulary's
/// order, outgoing before incoming; inside a group, the data's order.
/// Symmetric relations merge both directions into one group.
pub fn related(data: &Dataset, idx: ItemIdx) -> Vec<Related<'_>> {
    let outgoing = data.links(idx).map(|(link, target)| Related {
        rel: link.rel,
        outgoing: true,
        target,
        note: link.note.as_deref(),
    });
    let backlinks = data.backlinks(idx);
    let incoming = backlinks.iter().map(|b| Related {
        rel: b.rel,
        outgoing: b.rel.is_symmetric(),
        target: b.from,
        note: data.backlink_note(b),
    });
    let mut all: Vec<Related<'_>> = outgoing.chain(incoming).collect();
    all.sort_by_key(|r| (r.rel, !r.outgoing));
    all
}

/// Related items in groups of one label: `(label, entries)`.
pub fn grouped<'a>(related: &[Related<'a>]) -> Vec<(&'static str, Vec<Related<'a>>)> {
    let mut groups: Vec<(&'static str, Vec<Related<'a>>)> = Vec::new();
    for entry in related {
        match groups.last_mut() {
            Some((label, entries)) if *label == entry.label() => entries.push(*entry),
            _ => groups.push((entry.label(), vec![*entry])),
        }
    }
    groups
}

/// One step of a path: from the previous item to `to`, read as `label`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub to: ItemIdx,
    /// How the relation reads in the direction walked ("mandated by").
    pub label: &'static str,
    pub rel: Relation,
    /// Whether the link is the previous item's own (it holds `rel` to
    /// `to`), not `to`'s walked backward; a symmetric relation reads
    /// forward both ways.
    pub forward: bool,
}

/// The shortest path from `from` to `to` along links in either direction,
/// each step labelled as it reads in the direction walked. `Some(vec![])`
/// when `from == to`; `None` when no path exists.
///
/// Bodies (ECOSOC, the Secretary-General, ITU...) link to almost everything,
/// so a path through one says little: reaching or leaving a body by any
/// relation but a mandate costs more than a step between documents. A body
/// reached and left by mandates (requested by one resolution, mandated by
/// another) is a link of the mandate chain and costs a step like any other,
/// unless both are requests with the body at the same end: two asks of one
/// office (the Tunis Agenda and A/RES/80/173 each request something of the
/// Secretary-General) say nothing of each other, and cost two steps more
/// ([`SIBLING_REQUESTS_COST`]). A request passed on (one asks the body,
/// which asks the next) stays a chain.
/// Of routes that cost the same, the one along stronger relations
/// ([`Strength`]) wins, then the one of fewer steps, then the one through
/// fewer bodies ([`RouteCost`]), then the first found: the same route every
/// time, for `wsis path` and the browser's path overlay alike.
pub fn shortest_path(data: &Dataset, from: ItemIdx, to: ItemIdx) -> Option<Vec<Step>> {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let is_hub = |node: ItemIdx| CATEGORIES[data.category_of(node)].is_hub;
    // What stepping from `at` (entered as `entered`) along `entry` adds.
    let cost_of = |at: ItemIdx, entered: Entered, entry: &Related<'_>| {
        let weak = entry.rel.strength() != Strength::Mandate;
        let leaves_hub = at != from && is_hub(at);
        let enters_hub = entry.target != to && is_hub(entry.target);
        let penalty = HUB_SIDE_COST * (u32::from(weak && leaves_hub) + u32::from(weak && enters_hub));
        let siblings = entered.asks_beside(entry);
        RouteCost {
            length: 1 + penalty + u32::from(siblings) * SIBLING_REQUESTS_COST,
            weakness: entry.rel.strength() as u32,
            steps: 1,
            bodies: u32::from(enters_hub),
        }
    };
    let entering = |entry: &Related<'_>| Entered::by(entry, is_hub(entry.target));
    let states = data.len() * Entered::WAYS;
    let mut best = vec![RouteCost::UNREACHED; states];
    // Per state, the state before it and which of that item's related
    // entries led here: the step is worked out again only for the path.
    let mut came_from: Vec<(usize, u32)> = vec![(usize::MAX, 0); states];
    let start = Entered::Otherwise.state(from);
    let mut queue = BinaryHeap::from([Reverse((RouteCost::NONE, start))]);
    best[start] = RouteCost::NONE;
    let mut reached = None;
    while let Some(Reverse((cost, state))) = queue.pop() {
        let (at, entered) = Entered::of_state(state);
        if at == to {
            reached = Some(state);
            break;
        }
        if cost > best[state] {
            continue;
        }
        for (nth, entry) in related(data, at).iter().enumerate() {
            let next = cost.plus(cost_of(at, entered, entry));
            let next_state = entering(entry).state(entry.target);
            if next < best[next_state] {
                best[next_state] = next;
                // An item's related entries are far fewer than u32::MAX.
                came_from[next_state] = (state, u32::try_from(nth).unwrap_or(u32::MAX));
                queue.push(Reverse((next, next_state)));
            }
        }
    }
    let mut steps = Vec::new();
    let mut state = reached?;
    while let Some(&(previous, nth)) = came_from.get(state).filter(|(previous, _)| *previous != usize::MAX) {
        let (at, _) = Entered::of_state(previous);
        let entry = related(data, at).into_iter().nth(nth as usize)?;
        steps.push(Step {
            to: entry.target,
            label: entry.label(),
            rel: entry.rel,
            forward: entry.outgoing,
        });
        state = previous;
    }
    steps.reverse();
    Some(steps)
}

/// What a route costs, compared field by field in this order: each decides
/// only between routes equal in the ones before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct RouteCost {
    /// Steps, plus the extra costs of passing bodies.
    length: u32,
    /// The relations' [`Strength`]s added up: stronger routes first.
    weakness: u32,
    /// Of equally costly routes, the one of fewer steps reads simpler
    /// ("adopted by UNGA, adopts 68/302" rather than six mandates)…
    steps: u32,
    /// …and of those the one through fewer bodies: "responds to 70/125,
    /// requests CSTD, mandated by 2006/46", not "extends the mandate of
    /// IGF, convened by Secretary-General, requested by 2006/46".
    bodies: u32,
}

impl RouteCost {
    const NONE: RouteCost = RouteCost {
        length: 0,
        weakness: 0,
        steps: 0,
        bodies: 0,
    };
    const UNREACHED: RouteCost = RouteCost {
        length: u32::MAX,
        weakness: u32::MAX,
        steps: u32::MAX,
        bodies: u32::MAX,
    };

    fn plus(self, step: RouteCost) -> RouteCost {
        RouteCost {
            length: self.length.saturating_add(step.length),
            weakness: self.weakness.saturating_add(step.weakness),
            steps: self.steps.saturating_add(step.steps),
            bodies: self.bodies.saturating_add(step.bodies),
        }
    }
}

/// How a path entered an item, as far as leaving it costs: a body entered
/// by a request, and at which end of it the body stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entered {
    Otherwise,
    /// By a request the body received ("requests the Secretary-General").
    ByRequestOfIt,
    /// By a request the body made.
    ByRequestFromIt,
}

impl Entered {
    /// The ways there are, each a state of the search per item.
    const WAYS: usize = 3;
    const ALL: [Entered; Entered::WAYS] = [Entered::Otherwise, Entered::ByRequestOfIt, Entered::ByRequestFromIt];

    /// How stepping along `entry` enters its target, a body if `hub`.
    fn by(entry: &Related<'_>, hub: bool) -> Entered {
        match (hub && entry.rel == Relation::Requests, entry.outgoing) {
            (false, _) => Entered::Otherwise,
            // The item walked from holds "requests <body>".
            (true, true) => Entered::ByRequestOfIt,
            (true, false) => Entered::ByRequestFromIt,
        }
    }

    /// Whether leaving along `entry` is a second request with the body at
    /// the same end as the one it was entered by: two asks side by side.
    fn asks_beside(self, entry: &Related<'_>) -> bool {
        entry.rel == Relation::Requests
            && match self {
                Entered::Otherwise => false,
                // Leaving backward: the next item requests the body too.
                Entered::ByRequestOfIt => !entry.outgoing,
                // Leaving forward: the body requests the next item too.
                Entered::ByRequestFromIt => entry.outgoing,
            }
    }

    fn state(self, item: ItemIdx) -> usize {
        item * Entered::WAYS + self as usize
    }

    fn of_state(state: usize) -> (ItemIdx, Entered) {
        (state / Entered::WAYS, Entered::ALL[state % Entered::WAYS])
    }
}

/// The extra cost of reaching, or of leaving, a hub (a body) on a path by a
/// relation other than a mandate: passing through one that way costs as
/// much as four more steps.
const HUB_SIDE_COST: u32 = 2;

/// The extra cost of passing a body between two requests with the body at
/// the same end: two steps more. One step more left `wsis path 2006/46
/// 80/173` reading "requests Secretary-General, requested by A/RES/80/173"
/// where the mandate chain through the CSTD and A/RES/70/125 is one step
/// longer (a new user's trial). Over every ordered pair of the embedded
/// items (59 780), with [`RouteCost`]'s ties, 402 routes keep such a pass
/// (1 106 at one step more); 2 245 routes change, 568 longer, 674
/// shorter, 650 steps fewer in all (4 December 2026).
const SIBLING_REQUESTS_COST: u32 = 2;

/// Every item within `depth` steps of `from`, along links in either direction.
pub fn neighbourhood(data: &Dataset, from: ItemIdx, depth: usize) -> Vec<ItemIdx> {
    let mut distance = vec![usize::MAX; data.len()];
    distance[from] = 0;
    let mut order = vec![from];
    let mut next = 0;
    while next < order.len() {
        let at = order[next];
        next += 1;
        if distance[at] == depth {
            continue;
        }
        for entry in related(data, at) {
            if distance[entry.target] == usize::MAX {
                distance[entry.target] = distance[at] + 1;
                order.push(entry.target);
            }
        }
    }
    order
}

/// Dated items in chronological order (undated ones are left out); equal
/// dates keep category order, then data order.
pub fn timeline(data: &Dataset) -> Vec<ItemIdx> {
    let mut dated: Vec<ItemIdx> = (0..data.len()).filter(|&i| data.date(i).is_some()).collect();
    dated.sort_by_key(|&i| (data.date(i), data.category_of(i), i));
    dated
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::SourceFile;

    fn dataset(text: &str) -> Dataset {
        let file = SourceFile {
            name: "t.ron".into(),
            text: text.into(),
            embedded: false,
        };
        Dataset::from_files(&[file]).expect("valid test data")
    }

    fn route(data: &Dataset, from: &str, to: &str) -> Vec<(Relation, String)> {
        let (from, to) = (data.by_id(from).unwrap(), data.by_id(to).unwrap());
        let steps = shortest_path(data, from, to).expect("a path");
        steps.iter().map(|s| (s.rel, data.item(s.to).id.to_string())).collect()
    }

    /// Two routes of two steps: one through a resolution that merely recalls
    /// both ends, one through the body both ends direct. The mandate chain
    /// wins, whichever the data lists first.
    #[test]
    fn of_equally_short_routes_the_mandate_chain_wins() {
        let data = dataset(
            r#"[
            Item(id: "later", category: "ga", title: "Later", links: [
                Link(rel: Recalls, to: "recaller"), Link(rel: Requests, to: "commission")]),
            Item(id: "recaller", category: "ecosoc", title: "Recaller", links: [Link(rel: Recalls, to: "earlier")]),
            Item(id: "earlier", category: "ecosoc", title: "Earlier", links: [Link(rel: Mandates, to: "commission")]),
            Item(id: "commission", category: "body", title: "Commission"),
            Item(id: "related", category: "sg-report", title: "Related", links: [
                Link(rel: RelatedTo, to: "later"), Link(rel: Responds, to: "earlier")]),
        ]"#,
        );
        let expected = vec![
            (Relation::Requests, "commission".to_string()),
            (Relation::Mandates, "earlier".to_string()),
        ];
        assert_eq!(route(&data, "later", "earlier"), expected);
        assert_eq!(route(&data, "earlier", "later").len(), 2);
        assert_eq!(route(&data, "earlier", "later")[0].1, "commission");
    }

    /// Two asks of one office side by side ("requests the Secretary-General,
    /// requested by") cost two steps more than a route of two documents'
    /// links; a request passed on (the body asked asks the next) does not.
    #[test]
    fn two_requests_of_one_body_are_no_chain_but_a_request_passed_on_is() {
        let data = dataset(
            r#"[
            Item(id: "ask", category: "ga", title: "Ask", links: [
                Link(rel: Requests, to: "office"), Link(rel: Recalls, to: "middle")]),
            Item(id: "middle", category: "ga", title: "Middle", links: [Link(rel: Recalls, to: "also")]),
            Item(id: "also", category: "ga", title: "Also", links: [Link(rel: Requests, to: "office")]),
            Item(id: "office", category: "body", title: "Office", links: [
                Link(rel: Requests, to: "next"), Link(rel: Requests, to: "other")]),
            Item(id: "next", category: "ecosoc", title: "Next", links: [
                Link(rel: Recalls, to: "middle2"), Link(rel: Recalls, to: "middle3")]),
            Item(id: "middle2", category: "ga", title: "Middle 2", links: [Link(rel: Recalls, to: "ask")]),
            Item(id: "middle3", category: "ga", title: "Middle 3", links: [Link(rel: Recalls, to: "other")]),
            Item(id: "other", category: "ecosoc", title: "Other"),
        ]"#,
        );
        // Two asks made by one body side by side are no chain either.
        assert_eq!(route(&data, "next", "other")[0].1, "middle3");
        assert_eq!(route(&data, "ask", "also")[0].1, "middle");
        assert_eq!(route(&data, "also", "ask")[0].1, "middle");
        let passed_on = vec![
            (Relation::Requests, "office".to_string()),
            (Relation::Requests, "next".to_string()),
        ];
        assert_eq!(route(&data, "ask", "next"), passed_on);
    }

    /// Of routes equal in cost and strength, the one of fewer steps: two
    /// adoptions by one assembly read simpler than a chain of six.
    #[test]
    fn of_equally_costly_routes_the_one_of_fewer_steps_wins() {
        let data = dataset(
            r#"[
            Item(id: "a", category: "ga", title: "A", links: [
                Link(rel: Responds, to: "m1"), Link(rel: AdoptedBy, to: "assembly")]),
            Item(id: "m1", category: "ga", title: "M1", links: [Link(rel: Responds, to: "m2")]),
            Item(id: "m2", category: "ga", title: "M2", links: [Link(rel: Responds, to: "m3")]),
            Item(id: "m3", category: "ga", title: "M3", links: [Link(rel: Responds, to: "m4")]),
            Item(id: "m4", category: "ga", title: "M4", links: [Link(rel: Responds, to: "m5")]),
            Item(id: "m5", category: "ga", title: "M5", links: [Link(rel: Recalls, to: "c")]),
            Item(id: "c", category: "ga", title: "C", links: [Link(rel: AdoptedBy, to: "assembly")]),
            Item(id: "assembly", category: "body", title: "Assembly"),
        ]"#,
        );
        // Both cost 6 and weigh 2: adoptions (process) twice, or one mention.
        for (from, to) in [("a", "c"), ("c", "a")] {
            let route = route(&data, from, to);
            assert_eq!(route.len(), 2, "{from} → {to}: {route:?}");
            assert_eq!(route[0].1, "assembly", "{from} → {to}");
        }
    }

    /// Of routes equal in cost, strength and steps, the one through fewer
    /// bodies: two documents answering each other say more than two acts
    /// on one commission.
    #[test]
    fn of_equally_long_routes_the_one_through_fewer_bodies_wins() {
        let data = dataset(
            r#"[
            Item(id: "start", category: "ga", title: "Start", links: [
                Link(rel: Requests, to: "commission"), Link(rel: Responds, to: "doc")]),
            Item(id: "commission", category: "body", title: "Commission"),
            Item(id: "doc", category: "ga", title: "Doc", links: [Link(rel: Responds, to: "end")]),
            Item(id: "end", category: "ecosoc", title: "End", links: [Link(rel: Mandates, to: "commission")]),
        ]"#,
        );
        // The commission comes first in the data, so is reached first.
        assert_eq!(route(&data, "start", "end")[0].1, "doc");
        assert_eq!(route(&data, "end", "start")[0].1, "doc");
    }

    /// A body reached by a weak relation still costs more than documents.
    #[test]
    fn a_body_reached_by_a_mention_is_avoided() {
        let data = dataset(
            r#"[
            Item(id: "a", category: "ga", title: "A", links: [
                Link(rel: AdoptedBy, to: "assembly"), Link(rel: Recalls, to: "b")]),
            Item(id: "b", category: "ga", title: "B", links: [Link(rel: Recalls, to: "c")]),
            Item(id: "c", category: "ga", title: "C", links: [Link(rel: AdoptedBy, to: "assembly")]),
            Item(id: "assembly", category: "body", title: "Assembly"),
        ]"#,
        );
        assert_eq!(route(&data, "a", "c").len(), 2);
        assert_eq!(route(&data, "a", "c")[0].1, "b");
    }
}
