//! What a table of hits shows of an item besides its title: its short
//! title and its date as written, read from the texts the index keeps to
//! explain hits, so a table needs neither the data nor another cache.

use super::{Field, SearchIndex};
use crate::data::ItemIdx;

impl SearchIndex {
    /// The short title of item `idx`, if it has one: the index keeps it
    /// on the line after the title (see `index_part::write_field`).
    pub fn short_title(&self, idx: ItemIdx) -> Option<&str> {
        let titles = self.field_text(idx, Field::Title);
        let short = titles.strip_prefix(self.title(idx))?.strip_prefix('\n')?;
        Some(short).filter(|s| !s.trim().is_empty())
    }

    /// The date of item `idx` as the data writes it ("2015-12-16",
    /// "2015-12", "2015"), if it has one. The index keeps "DATE to UNTIL",
    /// or for an undated resolution its session ("68th session,
    /// 2013–2014"), which is no date.
    pub fn date_as_written(&self, idx: ItemIdx) -> Option<&str> {
        let text = self.field_text(idx, Field::Date);
        let date = text.split(' ').next()?;
        let written =
            date.starts_with(|c: char| c.is_ascii_digit()) && date.chars().all(|c| c.is_ascii_digit() || c == '-');
        written.then_some(date)
    }
}

#[cfg(test)]
mod tests {
    use crate::data::Dataset;
    use crate::search::SearchIndex;

    fn index_of(items: &str) -> (Dataset, SearchIndex) {
        let file = crate::data::SourceFile {
            name: "shown.ron".into(),
            text: format!("[{items}]"),
            embedded: false,
        };
        let data = Dataset::from_files(&[file]).expect("valid test data");
        let index = SearchIndex::new(&data);
        (data, index)
    }

    #[test]
    fn short_titles_and_dates_are_read_back_as_written() {
        let (data, index) = index_of(
            r#"Item(id: "a", category: "ga", title: "A long title", short_title: "Short", date: "2015-12", until: "2016"),
               Item(id: "b", category: "ga", symbol: "A/RES/68/198", title: "Undated resolution"),
               Item(id: "c", category: "ga", title: "Plain", date: "2005")"#,
        );
        let by_id = |id: &str| (0..data.len()).find(|&i| index.id(i) == id).unwrap();
        assert_eq!(index.short_title(by_id("a")), Some("Short"));
        assert_eq!(index.date_as_written(by_id("a")), Some("2015-12"));
        assert_eq!(index.short_title(by_id("b")), None);
        // The session's years the index keeps to match a year are no date.
        assert_eq!(index.date_as_written(by_id("b")), None);
        assert_eq!(index.date_as_written(by_id("c")), Some("2005"));
    }
}
