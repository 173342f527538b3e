//! Relations seen from one item: its outgoing links and its backlinks,
//! grouped by how they read ("mandated by", "facilitates", ...).

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
    let incoming = data.backlinks(idx).iter().map(|b| Related {
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
}

/// The shortest path from `from` to `to` along links in either direction,
/// each step labelled as it reads in the direction walked. `Some(vec![])`
/// when `from == to`; `None` when no path exists.
///
/// Bodies (ECOSOC, the Secretary-General, ITU...) link to almost everything,
/// so a path through one says little: passing through a body costs more
/// than passing through a document, and the mandate chain wins.
pub fn shortest_path(data: &Dataset, from: ItemIdx, to: ItemIdx) -> Option<Vec<Step>> {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let cost_of = |node: ItemIdx| {
        if node != to && CATEGORIES[data.category_of(node)].is_hub {
            1 + HUB_COST
        } else {
            1
        }
    };
    let mut best = vec![usize::MAX; data.len()];
    let mut came_from: Vec<Option<(ItemIdx, Step)>> = vec![None; data.len()];
    let mut queue = BinaryHeap::from([Reverse((0, from))]);
    best[from] = 0;
    while let Some(Reverse((cost, at))) = queue.pop() {
        if at == to {
            break;
        }
        if cost > best[at] {
            continue;
        }
        for entry in related(data, at) {
            let next = cost + cost_of(entry.target);
            if next < best[entry.target] {
                best[entry.target] = next;
                came_from[entry.target] = Some((
                    at,
                    Step {
                        to: entry.target,
                        label: entry.label(),
                        rel: entry.rel,
                    },
                ));
                queue.push(Reverse((next, entry.target)));
            }
        }
    }
    if best[to] == usize::MAX {
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

/// The extra cost of passing through a hub (a body) on a path.
const HUB_COST: usize = 4;

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
