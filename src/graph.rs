//! Relations seen from one item: its outgoing links and its backlinks,
//! grouped by how they read ("mandated by", "facilitates", ...).

use crate::data::{Dataset, ItemIdx, Relation};

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

/// Items within `depth` steps of `from`, following links in either
/// direction, in breadth-first order (`from` first).
pub fn neighbourhood(data: &Dataset, from: ItemIdx, depth: usize) -> Vec<ItemIdx> {
    let mut seen = vec![false; data.len()];
    let mut order = vec![from];
    seen[from] = true;
    let mut frontier = vec![from];
    for _ in 0..depth {
        let mut next = Vec::new();
        for &at in &frontier {
            let neighbours = data
                .links(at)
                .map(|(_, target)| target)
                .chain(data.backlinks(at).iter().map(|b| b.from));
            for n in neighbours {
                if !std::mem::replace(&mut seen[n], true) {
                    next.push(n);
                }
            }
        }
        if next.is_empty() {
            break;
        }
        order.extend_from_slice(&next);
        frontier = next;
    }
    order
}
