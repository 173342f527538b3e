//! The link graph of the selection, as Graphviz dot or Mermaid. Only links
//! whose two ends are both selected are drawn.

use std::io::{self, Write};

use crate::data::{CATEGORIES, Dataset, ItemIdx};
use crate::text::sanitize;

/// Each drawn edge: (from, to, label), in selection and link order.
fn edges(data: &Dataset, selection: &[ItemIdx]) -> Vec<(ItemIdx, ItemIdx, &'static str)> {
    let mut included = vec![false; data.len()];
    for &idx in selection {
        included[idx] = true;
    }
    selection
        .iter()
        .flat_map(|&from| {
            data.links(from)
                .filter(|(_, to)| included[*to])
                .map(move |(link, to)| (from, to, link.rel.forward()))
        })
        .collect()
}

/// Symbol (or id) and short label: the node's two lines.
fn node_lines(data: &Dataset, idx: ItemIdx) -> (String, String) {
    let item = data.item(idx);
    (sanitize(item.handle()), sanitize(item.label()))
}

pub fn dot(data: &Dataset, selection: &[ItemIdx], out: &mut impl Write) -> io::Result<()> {
    let q = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    writeln!(out, "digraph wsis {{")?;
    writeln!(out, "  rankdir=LR;")?;
    writeln!(out, "  node [shape=box];")?;
    for (cat, category) in CATEGORIES.iter().enumerate() {
        let nodes: Vec<ItemIdx> = selection
            .iter()
            .copied()
            .filter(|&i| data.category_of(i) == cat)
            .collect();
        if nodes.is_empty() {
            continue;
        }
        writeln!(out, "  subgraph \"cluster_{}\" {{", category.id)?;
        writeln!(out, "    label=\"{}\";", q(category.name))?;
        for idx in nodes {
            let (handle, label) = node_lines(data, idx);
            writeln!(
                out,
                "    \"{}\" [label=\"{}\\n{}\"];",
                q(&data.item(idx).id),
                q(&handle),
                q(&label)
            )?;
        }
        writeln!(out, "  }}")?;
    }
    for (from, to, label) in edges(data, selection) {
        writeln!(
            out,
            "  \"{}\" -> \"{}\" [label=\"{label}\"];",
            q(&data.item(from).id),
            q(&data.item(to).id)
        )?;
    }
    writeln!(out, "}}")
}

pub fn mermaid(data: &Dataset, selection: &[ItemIdx], out: &mut impl Write) -> io::Result<()> {
    // Entity codes keep quotes and brackets in labels from ending them, and
    // HTML, entities and Markdown strings (backticks) from starting; '#'
    // goes first since the codes themselves start with it.
    let q = |s: &str| {
        s.replace('#', "#35;")
            .replace('"', "#quot;")
            .replace('<', "#lt;")
            .replace('>', "#gt;")
            .replace('&', "#amp;")
            .replace('`', "#96;")
    };
    // Item ids may hold '.' or '+', which Mermaid node names cannot.
    let name = |idx: ItemIdx| format!("n{idx}");
    writeln!(out, "flowchart LR")?;
    for &idx in selection {
        let (handle, label) = node_lines(data, idx);
        writeln!(out, "  {}[\"{}<br/>{}\"]", name(idx), q(&handle), q(&label))?;
    }
    for (from, to, label) in edges(data, selection) {
        writeln!(out, "  {} -->|{label}| {}", name(from), name(to))?;
    }
    Ok(())
}
