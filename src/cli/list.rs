//! `wsis list`: an aligned table on a terminal; in a pipe one line per item,
//! `id TAB symbol TAB date TAB title` (`-` for a missing symbol or date),
//! a format scripts may rely on; or JSON. Each category's items come in the
//! order the browser first lists them (by date; bodies as the data has them).
//!
//! Unchanged inputs are listed from the rows stored with the dataset
//! ([`crate::data::list_rows`]), read in place; otherwise from the loaded
//! dataset. Both print the same bytes: they share everything but where the
//! rows come from.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use serde::{Serialize, Serializer};

use super::output::{ListFormat, stderr_width, terminal_width};
use super::{Failure, Outcome, category_arg, table, write_json};
use crate::data::gaps::known_gaps;
use crate::data::list_rows::{ListRow, ListRows};
use crate::data::sort::in_default_order;
use crate::data::{CATEGORIES, Dataset, ItemIdx};
use crate::text::sanitize;

#[derive(Serialize)]
struct ListEntry<'a> {
    id: &'a str,
    category: &'a str,
    symbol: Option<&'a str>,
    title: &'a str,
    date: Option<&'a str>,
}

/// The table's columns: how to name the item, when, and what it is.
const COLUMNS: [table::Column; 3] = [table::SYMBOL_COLUMN, table::plain("DATE"), table::plain("TITLE")];

/// Printed for a missing symbol or date.
const MISSING: &str = "-";

pub(super) fn run(data: &Dataset, category: Option<&str>, format: ListFormat, out: &mut impl Write) -> Outcome {
    let category = category.map(category_arg).transpose()?;
    let items: Vec<ItemIdx> = match category {
        Some(category) => in_default_order(data, category),
        None => (0..CATEGORIES.len()).flat_map(|c| in_default_order(data, c)).collect(),
    };
    let code = write_rows(|| items.iter().map(|&i| row_of(data, i)), format, out)?;
    // The list is buffered: written out first, so the gaps come after it.
    out.flush()?;
    say_known_gaps(category);
    Ok(code)
}

/// As [`run`], from the rows stored with the dataset.
pub(super) fn run_stored(rows: &ListRows, category: Option<&str>, format: ListFormat, out: &mut impl Write) -> Outcome {
    let category = category.map(category_arg).transpose()?;
    let code = write_rows(|| rows.rows(category), format, out)?;
    out.flush()?;
    say_known_gaps(category);
    Ok(code)
}

/// After the list of one category, what its embedded data is known to
/// lack (`data::gaps`), on standard error and only to a person reading a
/// terminal: a script's output stays the items alone.
fn say_known_gaps(category: Option<usize>) {
    let gaps = category.and_then(|category| known_gaps(CATEGORIES[category].id));
    if let Some(gaps) = gaps.filter(|_| std::io::stderr().is_terminal()) {
        // Wrapped at words: a terminal would break "2021–2025" anywhere.
        let said = super::wrap::wrap(&format!("wsis: {gaps}"), stderr_width());
        super::to_stderr(format_args!("{said}\n"));
    }
}

/// Item `idx` of `data` as a stored row shows it.
fn row_of(data: &Dataset, idx: ItemIdx) -> ListRow<'_> {
    let item = data.item(idx);
    ListRow {
        id: &item.id,
        category: data.category_of(idx),
        symbol: item.symbol.as_deref(),
        date: item.date.as_deref(),
        title: &item.title,
        label: item.label(),
    }
}

/// Prints `rows` (made afresh each time they are read, as the table and
/// a check for none read them twice).
fn write_rows<'a, I>(rows: impl Fn() -> I, format: ListFormat, out: &mut impl Write) -> Outcome
where
    I: Iterator<Item = ListRow<'a>>,
{
    if rows().next().is_none() {
        return Err(Failure::NothingMatches("no items".into()));
    }
    match format {
        ListFormat::Json => write_json(out, &Entries(&rows))?,
        ListFormat::Tsv => {
            for row in rows() {
                let fields = [
                    row.id,
                    row.symbol.unwrap_or(MISSING),
                    row.date.unwrap_or(MISSING),
                    row.title,
                ];
                writeln!(out, "{}", fields.map(sanitize).join("\t"))?;
            }
        }
        ListFormat::Table => {
            // The date as written: at the precision the source gives.
            let cells = || rows().map(|row| [row.handle(), row.date.unwrap_or(MISSING), row.label]);
            table::write_each(out, &COLUMNS, cells, terminal_width())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The rows as a JSON array, written as they are read.
struct Entries<'f, F>(&'f F);

impl<'a, F, I> Serialize for Entries<'_, F>
where
    F: Fn() -> I,
    I: Iterator<Item = ListRow<'a>>,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)().map(|row| ListEntry {
            id: row.id,
            category: CATEGORIES[row.category].id,
            symbol: row.symbol,
            title: row.title,
            date: row.date,
        }))
    }
}
