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
/// another) is a link of the mandate chain and costs a step like any other.
/// Of routes that cost the same, the one along stronger relations
/// ([`Strength`]) wins, and of those the first found: the same route every
/// time, for `wsis path` and the browser's path overlay alike.
pub fn shortest_path(data: &Dataset, from: ItemIdx, to: ItemIdx) -> Option<Vec<Step>> {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let is_hub = |node: ItemIdx| CATEGORIES[data.category_of(node)].is_hub;
    // What stepping from `at` along `entry` adds: (length, weakness).
    let cost_of = |at: ItemIdx, entry: &Related<'_>| {
        let weak = entry.rel.strength() != Strength::Mandate;
        let leaves_hub = at != from && is_hub(at);
        let enters_hub = entry.target != to && is_hub(entry.target);
        let penalty = HUB_SIDE_COST * (usize::from(weak && leaves_hub) + usize::from(weak && enters_hub));
        (1 + penalty, entry.rel.strength() as usize)
    };
    let mut best = vec![(usize::MAX, usize::MAX); data.len()];
    let mut came_from: Vec<Option<(ItemIdx, Step)>> = vec![None; data.len()];
    let mut queue = BinaryHeap::from([Reverse(((0, 0), from))]);
    best[from] = (0, 0);
    while let Some(Reverse((cost, at))) = queue.pop() {
        if at == to {
            break;
        }
        if cost > best[at] {
            continue;
        }
        for entry in related(data, at) {
            let (length, weakness) = cost_of(at, &entry);
            let next = (cost.0 + length, cost.1 + weakness);
            if next < best[entry.target] {
                best[entry.target] = next;
                came_from[entry.target] = Some((
                    at,
                    Step {
                        to: entry.target,
                        label: entry.label(),
                        rel: entry.rel,
                        forward: entry.outgoing,
                    },
                ));
                queue.push(Reverse((next, entry.target)));
            }
        }
    }
    if best[to].0 == usize::MAX {
        return None;
    }
    let mut steps = Vec::new();
    let mut at = to;
    while let Some((previous, step)) = came_from[at].take() {
        steps.push(step);
        at = previous;
    }
    steps.reverse();
    Some(steps)
}

/// The extra cost of reaching, or of leaving, a hub (a body) on a path by a
/// relation other than a mandate: passing through one that way costs as
/// much as four more steps.
const HUB_SIDE_COST: usize = 2;

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
