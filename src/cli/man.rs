//! `wsis man`: the manual page in roff. The synopsis, options and commands
//! come from the clap definition and the browser's keys from the key table,
//! so the page cannot fall behind them; the rest (names, formats, files,
//! environment, exit status, examples) is written here.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;
use roff::{Roff, bold, italic, roman};

use super::{Cli, Outcome};
use crate::data::CATEGORIES;
use crate::keymap::{BINDINGS, keys_label};

pub(super) fn run(out: &mut impl Write) -> Outcome {
    out.write_all(page().as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The whole page, in plain ASCII roff.
pub fn page() -> String {
    let command = Cli::command().name("wsis");
    let man = clap_mangen::Man::new(command.clone()).title("WSIS").section("1");
    let mut head = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = man.render_title(&mut head);
    let _ = man.render_name_section(&mut head);
    let mut synopsis_section = Roff::new();
    synopsis(&mut synopsis_section, &command);
    head.extend_from_slice(synopsis_section.render().as_bytes());
    let _ = man.render_description_section(&mut head);
    let _ = man.render_options_section(&mut head);
    let mut page = String::from_utf8_lossy(&head).into_owned();
    let mut rest = Roff::new();
    commands(&mut rest, &command);
    prose(&mut rest, NAMES);
    categories(&mut rest);
    keys(&mut rest);
    prose(&mut rest, AFTER_KEYS);
    page.push_str(&rest.render());
    let mut version = Vec::new();
    let _ = man.render_version_section(&mut version);
    page.push_str(&String::from_utf8_lossy(&version));
    ascii(&page)
}

/// SYNOPSIS: every visible option of `wsis` with its value's name
/// (clap_mangen's leaves the names out: `[--data] [--at]`), "..." after
/// one that may repeat, then the command.
fn synopsis(roff: &mut Roff, command: &clap::Command) {
    let mut command = command.clone();
    // Built, the command holds the generated --help and --version too.
    command.build();
    let mut line = vec![bold("wsis")];
    for arg in command
        .get_arguments()
        .filter(|a| !a.is_positional() && !a.is_hide_set())
    {
        let flag = match (arg.get_short(), arg.get_long()) {
            (Some(short), Some(long)) => vec![bold(format!("-{short}")), roman("|"), bold(format!("--{long}"))],
            (Some(short), None) => vec![bold(format!("-{short}"))],
            (None, Some(long)) => vec![bold(format!("--{long}"))],
            (None, None) => continue,
        };
        line.push(roman(" ["));
        line.extend(flag);
        if arg.get_action().takes_values()
            && let Some(value) = arg.get_value_names().and_then(|names| names.first())
        {
            line.push(roman(" "));
            line.push(italic(value.to_string()));
        }
        line.push(roman("]"));
        if matches!(arg.get_action(), clap::ArgAction::Append) {
            line.push(roman("..."));
        }
    }
    line.push(roman(" ["));
    line.push(italic("COMMAND"));
    line.push(roman("]"));
    roff.control("SH", ["SYNOPSIS"]).text(line);
}

/// CATEGORIES: each category's id, abbreviation and its one name, the
/// name the browser, show and the exports give it.
fn categories(roff: &mut Roff) {
    roff.control("SH", ["CATEGORIES"]);
    roff.control("PP", []).text([roman(
        "Each item belongs to one category. --category takes its id, abbreviation or an alias in any case; everywhere else the category goes by its name:",
    )]);
    for category in CATEGORIES {
        roff.control("TP", [])
            .text([bold(category.id), roman(format!(" ({})", category.abbrev))]);
        roff.text([roman(category.name)]);
    }
}

/// COMMANDS: each subcommand's usage, what it does, and its own options.
fn commands(roff: &mut Roff, command: &clap::Command) {
    roff.control("SH", ["COMMANDS"]);
    for sub in command.get_subcommands() {
        let mut usage = vec![bold(format!("wsis {}", sub.get_name()))];
        for arg in sub.get_positionals() {
            let name = arg
                .get_value_names()
                .and_then(|v| v.first())
                .map_or("ARG".to_string(), |v| v.to_string());
            let many = matches!(arg.get_num_args(), Some(range) if range.max_values() > 1);
            usage.push(roman(" "));
            usage.push(italic(if many { format!("{name}...") } else { name }));
        }
        if sub.get_opts().next().is_some() {
            usage.push(roman(" [options]"));
        }
        roff.control("TP", []).text(usage);
        let about = sub
            .get_long_about()
            .or(sub.get_about())
            .map(|a| a.to_string())
            .unwrap_or_default();
        roff.text([roman(about)]);
        let options: Vec<&clap::Arg> = sub
            .get_opts()
            .filter(|a| !a.is_global_set() && !a.is_hide_set())
            .collect();
        if options.is_empty() {
            continue;
        }
        roff.control("RS", []);
        for arg in options {
            let long = arg.get_long().map(|l| format!("--{l}")).unwrap_or_default();
            let short = arg.get_short().map(|s| format!("-{s}, ")).unwrap_or_default();
            let value = match arg.get_action().takes_values() {
                true => arg
                    .get_value_names()
                    .and_then(|v| v.first())
                    .map(|v| format!(" {v}"))
                    .unwrap_or_default(),
                false => String::new(),
            };
            roff.control("TP", [])
                .text([bold(format!("{short}{long}")), italic(value)]);
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            roff.text([roman(help)]);
        }
        roff.control("RE", []);
    }
}

/// KEYS: every binding of the browser's key table, in its order, grouped by
/// the context it works in.
fn keys(roff: &mut Roff) {
    roff.control("SH", ["BROWSER KEYS"]);
    roff.text([roman(
        "With no command, wsis opens the browser. Press ? in it for this list. Keys by context:",
    )]);
    let mut context = "";
    for binding in BINDINGS {
        // Headed as help heads them, so the two read alike.
        let this = binding.context.title();
        if this != context {
            roff.control("SS", [this]);
            context = this;
        }
        roff.control("TP", []).text([bold(keys_label(binding))]);
        roff.text([roman(binding.description)]);
    }
}

/// A section title, then paragraphs; a paragraph starting with "  " is an
/// indented example or a tagged entry ("tag: text").
type Section = (&'static str, &'static [&'static str]);

fn prose(roff: &mut Roff, sections: &[Section]) {
    for (title, paragraphs) in sections {
        roff.control("SH", [*title]);
        for paragraph in *paragraphs {
            if let Some(example) = paragraph.strip_prefix("  ") {
                roff.control("IP", []).text([bold(example)]);
            } else if let Some((tag, text)) = paragraph.split_once(" :: ") {
                roff.control("TP", []).text([bold(tag)]);
                roff.text([roman(text)]);
            } else {
                roff.control("PP", []).text([roman(*paragraph)]);
            }
        }
    }
}

const NAMES: &[Section] = &[(
    "NAMING ITEMS",
    &[
        "Wherever a command takes an item (show, path, cite, open, export --from), any of its names will do:",
        "id :: the item's internal id, e.g. ga-70-125.",
        "symbol :: the official symbol in any case, spacing or kind of dash, e.g. a/res/70/125 or one half of a joint symbol.",
        "resolution number :: 70/125 or 2006/46, also after a qualifier: \"resolution 70/125\", \"ECOSOC 2006/46\", \"GA 70/125\".",
        "alias :: a name given in the data's aliases field: Action Line codes (C3, \"C7 e-health\", e-health) and acronyms (ITU, UNGIS, UNGA).",
        "dashed symbol :: when no id or other name answers, a symbol written with dashes for its slashes as in file names and URLs, e.g. A-RES-80-173, if exactly one symbol reads so.",
        "title :: when no name answers, a whole title or short title as shown, e.g. \"Global Digital Compact\"; failing that, the part of a short title before its colon, if it holds a number and no other short title starts so: \"TA para 105\" for \"TA para 105: ECOSOC & CSTD\".",
        "cut name :: last, an id or symbol as a table cut it to fit, pasted with its \u{2026}: cstd-enhanced-cooperatio\u{2026} or \u{2026}/GENEVA/DOC/4-E, if only one id or symbol reads so (each \u{2026} stands for one or more characters; several are listed).",
        "A name that several items answer to is refused with the list of candidates (status 1). A name of no item is refused too, never guessed, with the few items the browser's : would offer for it (\"did you mean\", each with its id, symbol and title; status 2). wsis --at with such a name opens the browser at : holding it, to pick from the same offer. Categories (--category) take their id, abbreviation or alias in any case: ga, GA, general-assembly.",
    ],
)];

const AFTER_KEYS: &[Section] = &[
    (
        "OUTPUT FORMATS",
        &[
            "list and search print an aligned table on a terminal (sized to COLUMNS or the terminal's width, long titles cut with an ellipsis, long symbols cut at their start so that their end stays: .../2006/46) and tab-separated lines in a pipe; --format table|tsv|json chooses, --json is --format json. search's table shows each hit's date beside its category when the date fits whole and the title keeps 16 columns.",
            "The tab-separated lines are stable for scripts: list prints id, symbol, date, title; search prints id, symbol, title and why it matched (field: text, the matching words in [brackets], fields separated by \" | \"). A missing symbol or date is written -, control characters are replaced, and there is no header.",
            "search ranks its hits best first; hits of equal score come newest first (by the first year they cover: the date's, else a GA resolution's session's), undated ones last, then in data order, as n and N step through them in the browser.",
            "On a terminal, search's table (without -n) shows the best hits that fit the screen and says on standard error how many there are (-n all prints every one). When no item holds every word of a query, the table shows the hits of the query with fewer words (those that only carry a question first, then the rarest), the words left out named on standard error; the status stays 1, and other output gets no hits but the shorter query named.",
            "JSON output escapes every control character, including C1 controls and bidirectional marks (as \\u009b and so on), so it is as safe on a terminal as the plain output.",
        ],
    ),
    (
        "CITATIONS",
        &[
            "cite --format text follows the UN's form: issuer, document type and number, title, date, symbol and link, e.g. General Assembly resolution 70/125, \"Title\", 16 December 2015, A/RES/70/125, available from https://undocs.org/... . bibtex, ris and csl-json import into reference managers such as Zotero; BibTeX months are the standard macros (month = dec), read by BibTeX's styles and biblatex alike. A meeting (an item with an end date: a summit, a session, a forum) is cited by its title and its dates, with no author: \"Commission on Science and Technology for Development, sixteenth session\", 3–7 June 2013; biblatex's date and CSL-JSON's issued give the range, RIS the first day. The browser's y copies the style set in the config file.",
        ],
    ),
    (
        "FILES",
        &[
            "$XDG_CONFIG_HOME/wsis-browser/config.ron :: The config file (RON), only ever read. It may hold (citation_style: Text), or Bibtex, Ris, CslJson: the style the browser's y copies.",
            "$XDG_CONFIG_HOME/wsis-browser/data/*.ron :: Your own data files, loaded in name order on top of the embedded data. Start one with wsis new, check it with wsis validate FILE. The browser opens without a file that has problems and names it in a banner; every other command stops with status 2.",
            "$XDG_DATA_HOME/wsis-browser/bookmarks.json :: The browser's bookmarks.",
            "$XDG_CACHE_HOME/wsis-browser/ :: The search index cache; safe to delete. --no-cache neither reads nor writes it.",
            "With an XDG variable unset or not an absolute path, ~/.config, ~/.local/share and ~/.cache are used. wsis keeps no other state.",
        ],
    ),
    (
        "ENVIRONMENT",
        &[
            "NO_COLOR :: When set and not empty, the browser uses no colour (bold, reverse and underline only).",
            "XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME, HOME :: Where the files above are.",
            "COLUMNS :: The width of list and search tables.",
            "TMUX :: When set, copying wraps the clipboard sequence for tmux.",
            "BROWSER :: The web browser wsis open and o start, as xdg-open, man and git read it: a command and its arguments (split at spaces, never run by a shell), or several separated by colons, tried in order until one ends with success. The link is one argument, in place of a %s argument or else after the last one. wsis open and the browser's o key wait for it (a terminal browser such as w3m works: o leaves the screen to it and comes back when it ends). Unset or empty, the system's program for web links is used.",
            "WSIS_OPEN_DRY_RUN :: When set, wsis open prints the link it would open instead of opening it.",
        ],
    ),
    (
        "EXIT STATUS",
        &[
            "0 :: Success, also when the reader of the output closes the pipe early (as head does).",
            "1 :: Nothing matches: no search result, a name that several items answer to, no path; or the work failed: no web browser opened the link.",
            "2 :: Bad input or bad data: an unknown option or category, a name of no item, a data file with problems (each named with file:line:col; run wsis validate FILE, or --no-user-data to leave your files out), no terminal for the browser, output that cannot be written.",
        ],
    ),
    (
        "EXAMPLES",
        &[
            "Browse:",
            "  wsis",
            "Find the ECOSOC resolutions on WSIS follow-up, then read one:",
            "  wsis search ecosoc follow-up",
            "  wsis show \"ECOSOC 2006/46\"",
            "Cite two resolutions in BibTeX:",
            "  wsis cite 70/125 2006/46 --format bibtex >> wsis.bib",
            "How the Tunis Agenda leads to a later resolution:",
            "  wsis path tunis-agenda-para-105 A/RES/80/173",
            "The ids of every Action Line, for a script:",
            "  wsis list --category action-line | cut -f1",
            "Check your own data file:",
            "  wsis validate ~/.config/wsis-browser/data/notes.ron",
            "Install bash completion:",
            "  wsis completions bash > ~/.local/share/bash-completion/completions/wsis",
        ],
    ),
];

/// Non-ASCII characters as groff's \[uXXXX] escapes, so the page renders
/// the same whether or not the formatter is told the input's encoding.
fn ascii(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    for c in page.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("\\[u{:04X}]", u32::from(c)));
        }
    }
    out
}
