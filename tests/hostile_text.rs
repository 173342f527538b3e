//! Control characters and escape sequences in data never reach the
//! terminal raw: they show as visible placeholders, on screen and in the
//! command line's plain output.

mod common;

use common::{key, press, type_text, wsis};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use wsis_browser::app::App;
use wsis_browser::data::{Dataset, SourceFile};
use wsis_browser::ui::view;

const FIXTURE: &str = "tests/fixtures/hostile-text.ron";

fn is_dangerous(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn hostile_dataset() -> Dataset {
    let mut files = SourceFile::embedded();
    files.push(SourceFile {
        name: FIXTURE.into(),
        text: std::fs::read_to_string(FIXTURE).unwrap(),
        embedded: false,
    });
    Dataset::from_files(&files).expect("the fixture is valid data")
}

fn assert_clean(terminal: &Terminal<TestBackend>, what: &str) {
    for cell in terminal.backend().buffer().content() {
        assert!(
            !cell.symbol().chars().any(is_dangerous),
            "{what}: raw control character {:?} on screen",
            cell.symbol()
        );
    }
}

#[test]
fn the_screen_shows_placeholders_not_control_characters() {
    let data = hostile_dataset();
    let mut app = App::new(&data);
    let mut terminal = Terminal::new(TestBackend::new(140, 50)).unwrap();
    press(&mut app, &[key(KeyCode::Char(':'))]);
    type_text(&mut app, "hostile-text");
    terminal.draw(|f| view(&app, f)).unwrap();
    assert_clean(&terminal, "jump prompt");
    press(&mut app, &[key(KeyCode::Enter)]);
    terminal.draw(|f| view(&app, f)).unwrap();
    assert_clean(&terminal, "detail");
    let screen = terminal.backend().to_string();
    assert!(screen.contains("␛[2J"), "the escape is visible as a placeholder");

    press(&mut app, &[key(KeyCode::Char('/'))]);
    type_text(&mut app, "hostile");
    terminal.draw(|f| view(&app, f)).unwrap();
    assert_clean(&terminal, "search");
    press(&mut app, &[key(KeyCode::Esc), key(KeyCode::Char('t'))]);
    terminal.draw(|f| view(&app, f)).unwrap();
    assert_clean(&terminal, "timeline");
}

#[test]
fn plain_command_output_shows_placeholders_not_control_characters() {
    for args in [
        vec!["show", "hostile-text"],
        vec!["list", "--category", "wsis20"],
        vec!["search", "hostile"],
    ] {
        let output = wsis(&[&["--data", FIXTURE][..], &args].concat());
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(
            !text.chars().any(is_dangerous),
            "{args:?} printed a raw control character"
        );
        assert!(text.contains("␛"), "{args:?} shows the placeholder");
    }
}

/// The text an OSC 52 sequence puts on the clipboard (standard base64).
fn clipboard_payload(sequence: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let encoded = sequence
        .strip_prefix("\x1b]52;c;")
        .and_then(|rest| rest.split('\x1b').next())
        .expect("an OSC 52 sequence");
    let (mut bits, mut count, mut bytes) = (0u32, 0, Vec::new());
    for c in encoded.bytes().filter(|&c| c != b'=') {
        let value = ALPHABET.iter().position(|&a| a == c).expect("base64");
        bits = (bits << 6) | u32::try_from(value).unwrap();
        count += 6;
        if count >= 8 {
            count -= 8;
            bytes.push(u8::try_from((bits >> count) & 0xff).unwrap());
        }
    }
    String::from_utf8(bytes).unwrap()
}

#[test]
fn copying_a_hostile_item_puts_no_control_character_on_the_clipboard() {
    use wsis_browser::app::Effect;
    let data = hostile_dataset();
    let mut app = App::new(&data);
    press(&mut app, &[key(KeyCode::Char(':'))]);
    type_text(&mut app, "hostile-text");
    press(
        &mut app,
        &[key(KeyCode::Enter), key(KeyCode::Char('y')), key(KeyCode::Char('Y'))],
    );
    let copied: Vec<String> = app
        .effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::Copy { text, multiline, .. } => Some(clipboard_payload(&wsis_browser::clipboard::osc52(
                text, false, *multiline,
            ))),
            _ => None,
        })
        .collect();
    assert_eq!(copied.len(), 2, "a citation and a link: {:?}", app.effects);
    for text in &copied {
        let dangerous = text.chars().any(|c| is_dangerous(c) || c == '\n' || c == '\t');
        assert!(!dangerous, "{text:?}");
    }
    assert!(
        copied[0].contains("Clear") && copied[0].contains("screen"),
        "{:?}",
        copied[0]
    );
    assert_eq!(copied[1], "https://example.org/hostile");
}

#[test]
fn a_status_line_quoting_hostile_text_is_drawn_clean() {
    let data = hostile_dataset();
    let mut app = App::new(&data);
    app.update(wsis_browser::app::Action::Status(
        "marked A/RES/\u{202e}521/07 \u{1b}[31mred\u{9b}".into(),
    ));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| view(&app, frame)).unwrap();
    assert_clean(&terminal, "a status line quoting hostile text");
}
