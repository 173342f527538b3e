//! The grammar of one `Item(...)` and its `Link(...)`s, field by field as
//! [`crate::data::model`] declares them. A field named twice, a field not
//! declared, a missing `id`, `category`, `title` (or `rel`, `to`) decline:
//! serde reports those.

use std::borrow::Cow;

use super::comma_separated;
use super::cursor::{Cursor, Sure};
use crate::data::model::{Item, Link};
use crate::data::relation::Relation;
use crate::data::text::{Shared, Text};

/// One item, from its optional name `Item` to its closing parenthesis.
pub fn item(cursor: &mut Cursor<'_>, lists: &mut Lists) -> Sure<Item> {
    let mut fields = ItemFields::default();
    struct_fields(cursor, "Item", |cursor, name| fields.read(cursor, name, lists))?;
    fields.finish()
}

/// Where the lists of items are gathered, kept from item to item: each
/// list is then boxed at its length, one allocation, where a vector of
/// its own would grow (a copy at each doubling) and then shrink to fit.
#[derive(Default)]
pub struct Lists {
    texts: Vec<Text>,
    shared: Vec<Shared>,
    links: Vec<Link>,
}

/// The fields read so far; each `Some` once read (a second time declines).
#[derive(Default)]
struct ItemFields {
    id: Option<Text>,
    category: Option<Shared>,
    symbol: Option<Option<Text>>,
    title: Option<Text>,
    short_title: Option<Option<Text>>,
    aliases: Option<Box<[Text]>>,
    date: Option<Option<Text>>,
    until: Option<Option<Text>>,
    paragraphs: Option<Option<Text>>,
    title_is_ours: Option<bool>,
    body: Option<Option<Shared>>,
    summary: Option<Text>,
    points: Option<Box<[Text]>>,
    url: Option<Option<Text>>,
    sources: Option<Box<[Text]>>,
    tags: Option<Box<[Shared]>>,
    links: Option<Box<[Link]>>,
    unconfirmed: Option<Box<[Text]>>,
}

impl ItemFields {
    /// Reads the value of the field `name` (its colon already read).
    fn read(&mut self, cursor: &mut Cursor<'_>, name: &str, lists: &mut Lists) -> Sure<()> {
        match name {
            "id" => once(&mut self.id, text(cursor)?),
            "category" => once(&mut self.category, shared(cursor)?),
            "symbol" => once(&mut self.symbol, option(cursor, text)?),
            "title" => once(&mut self.title, text(cursor)?),
            "short_title" => once(&mut self.short_title, option(cursor, text)?),
            "aliases" => once(&mut self.aliases, list(cursor, &mut lists.texts, text)?),
            "date" => once(&mut self.date, option(cursor, text)?),
            "until" => once(&mut self.until, option(cursor, text)?),
            "paragraphs" => once(&mut self.paragraphs, option(cursor, text)?),
            "title_is_ours" => once(&mut self.title_is_ours, boolean(cursor)?),
            "body" => once(&mut self.body, option(cursor, shared)?),
            "summary" => once(&mut self.summary, text(cursor)?),
            "points" => once(&mut self.points, list(cursor, &mut lists.texts, text)?),
            "url" => once(&mut self.url, option(cursor, text)?),
            "sources" => once(&mut self.sources, list(cursor, &mut lists.texts, text)?),
            "tags" => once(&mut self.tags, list(cursor, &mut lists.shared, shared)?),
            "links" => once(&mut self.links, list(cursor, &mut lists.links, link)?),
            "unconfirmed" => once(&mut self.unconfirmed, list(cursor, &mut lists.texts, text)?),
            _ => None,
        }
    }

    /// The item, with serde's defaults for the fields left out.
    fn finish(self) -> Sure<Item> {
        Some(Item {
            id: self.id?,
            category: self.category?,
            symbol: self.symbol.flatten(),
            title: self.title?,
            short_title: self.short_title.flatten(),
            aliases: self.aliases.unwrap_or_default(),
            date: self.date.flatten(),
            until: self.until.flatten(),
            paragraphs: self.paragraphs.flatten(),
            title_is_ours: self.title_is_ours.unwrap_or_default(),
            body: self.body.flatten(),
            summary: self.summary.unwrap_or_default(),
            points: self.points.unwrap_or_default(),
            url: self.url.flatten(),
            sources: self.sources.unwrap_or_default(),
            tags: self.tags.unwrap_or_default(),
            links: self.links.unwrap_or_default(),
            unconfirmed: self.unconfirmed.unwrap_or_default(),
        })
    }
}

/// Stores a field's value; `None` if it was already given.
fn once<T>(slot: &mut Option<T>, value: T) -> Sure<()> {
    match slot {
        Some(_) => None,
        None => {
            *slot = Some(value);
            Some(())
        }
    }
}

fn link(cursor: &mut Cursor<'_>) -> Sure<Link> {
    let (mut rel, mut to, mut note) = (None, None, None);
    struct_fields(cursor, "Link", |cursor, name| match name {
        "rel" => once(&mut rel, relation(cursor)?),
        "to" => once(&mut to, text(cursor)?),
        "note" => once(&mut note, option(cursor, text)?),
        _ => None,
    })?;
    Some(Link {
        rel: rel?,
        to: to?,
        note: note.flatten(),
    })
}

/// A relation's bare variant name.
fn relation(cursor: &mut Cursor<'_>) -> Sure<Relation> {
    let name = cursor.identifier()?;
    Relation::ALL.iter().copied().find(|relation| relation.name() == name)
}

/// `true` or `false`.
fn boolean(cursor: &mut Cursor<'_>) -> Sure<bool> {
    match cursor.identifier()? {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// `Name(field: value, ...)` or `(field: value, ...)`: each field's name
/// and colon are read here, its value by `field`.
fn struct_fields(
    cursor: &mut Cursor<'_>,
    struct_name: &str,
    mut field: impl FnMut(&mut Cursor<'_>, &str) -> Sure<()>,
) -> Sure<()> {
    if cursor.peek() != Some(b'(') {
        (cursor.identifier()? == struct_name).then_some(())?;
        cursor.skip_ws()?;
    }
    cursor.expect(b'(')?;
    comma_separated(cursor, b')', |cursor| {
        let name = cursor.identifier()?;
        cursor.skip_ws()?;
        cursor.expect(b':')?;
        cursor.skip_ws()?;
        field(cursor, name)
    })
}

/// An optional value as IMPLICIT_SOME reads it: `None`, `Some(value)`,
/// or the value bare. (ron also reads `Some value`: that declines.)
fn option<T>(cursor: &mut Cursor<'_>, value: impl FnOnce(&mut Cursor<'_>) -> Sure<T>) -> Sure<Option<T>> {
    if cursor.peek() == Some(b'"') {
        return value(cursor).map(Some);
    }
    match cursor.identifier()? {
        "None" => Some(None),
        "Some" => {
            cursor.skip_ws()?;
            cursor.expect(b'(')?;
            cursor.skip_ws()?;
            let inner = value(cursor)?;
            cursor.skip_ws()?;
            cursor.eat(b',');
            cursor.skip_ws()?;
            cursor.expect(b')')?;
            Some(Some(inner))
        }
        _ => None,
    }
}

/// `[value, ...]`, a trailing comma allowed, gathered in `gathered`
/// (left empty) and boxed at its length.
fn list<T>(
    cursor: &mut Cursor<'_>,
    gathered: &mut Vec<T>,
    mut value: impl FnMut(&mut Cursor<'_>) -> Sure<T>,
) -> Sure<Box<[T]>> {
    cursor.expect(b'[')?;
    // What a list that declined left behind.
    gathered.clear();
    comma_separated(cursor, b']', |cursor| {
        gathered.push(value(cursor)?);
        Some(())
    })?;
    // Drained at a known length: one allocation of exactly that size.
    Some(gathered.drain(..).collect())
}

/// A string of one item, as serde builds it: borrowed text copied once,
/// an unescaped string kept (shrunk to fit).
fn text(cursor: &mut Cursor<'_>) -> Sure<Text> {
    Some(match cursor.string()? {
        Cow::Borrowed(text) => Text::from(text),
        Cow::Owned(text) => Text::from(text),
    })
}

/// A string many items share, through the same per-thread table serde's
/// path uses, in the same order.
fn shared(cursor: &mut Cursor<'_>) -> Sure<Shared> {
    Some(Shared::new(&cursor.string()?))
}
