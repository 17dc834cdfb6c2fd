//! Every escape sequence httpc writes: the SGR colours (`paint` and the
//! [`Paint`] table, also behind the JSON formatter's token colours) and the
//! few line controls of the screens that redraw in place (`health --watch`,
//! the `--wait` line, the progress bar of the tests). Whether to colour is a
//! value, [`Colors`], decided by the output policy and passed down; there is
//! no global switch. The palette and the SGR sequences are `colored`'s;
//! whether to use them is never `colored`'s call (its override is set on,
//! and it is asked to paint only when the policy said `Colors::On`).

use std::fmt;
use std::sync::Once;

use colored::{ColoredString, Colorize};

/// Whether a stream is coloured, as the output policy decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Colors {
    /// Plain text.
    #[default]
    Off,
    /// SGR escape sequences around painted text.
    On,
}

impl Colors {
    pub fn is_on(self) -> bool {
        self == Colors::On
    }
}

/// The eight-colour palette (foreground).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Weight {
    Normal,
    Bold,
    Dim,
}

/// How text is painted: a colour, bold or dim, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paint {
    color: Option<Color>,
    weight: Weight,
}

impl Paint {
    /// No paint: the text as it is, colours on or off.
    pub const PLAIN: Paint = Paint {
        color: None,
        weight: Weight::Normal,
    };
    pub const BOLD: Paint = Paint {
        color: None,
        weight: Weight::Bold,
    };
    pub const DIM: Paint = Paint {
        color: None,
        weight: Weight::Dim,
    };

    pub const fn fg(color: Color) -> Paint {
        Paint {
            color: Some(color),
            weight: Weight::Normal,
        }
    }

    pub const fn bold(self) -> Paint {
        Paint {
            weight: Weight::Bold,
            ..self
        }
    }

    /// The sequence that starts this paint, as `colored` writes it: the
    /// weight first, then the colour (`ESC[1;32m`).
    pub fn sgr(self) -> String {
        self.sequences().0
    }

    /// `text` painted by `colored`.
    fn style(self, text: &str) -> ColoredString {
        let text = match self.color {
            None => text.normal(),
            Some(color) => text.color(match color {
                Color::Red => colored::Color::Red,
                Color::Green => colored::Color::Green,
                Color::Yellow => colored::Color::Yellow,
                Color::Blue => colored::Color::Blue,
                Color::Magenta => colored::Color::Magenta,
                Color::Cyan => colored::Color::Cyan,
            }),
        };
        match self.weight {
            Weight::Normal => text,
            Weight::Bold => text.bold(),
            Weight::Dim => text.dimmed(),
        }
    }

    /// The sequences `colored` puts around a painted piece: the start (up
    /// to the `m` that ends it) and the reset.
    fn sequences(self) -> (String, String) {
        let mut whole = painted_by_colored(self, "");
        match whole.find('m') {
            Some(end) => {
                let reset = whole.split_off(end + 1);
                (whole, reset)
            }
            None => (String::new(), whole),
        }
    }
}

/// What ends every painted piece (`ESC[0m`), as `colored` writes it.
pub fn reset() -> String {
    Paint::BOLD.sequences().1
}

/// `colored` decides nothing: its override is set once, on the first paint
/// (which the output policy asked for), so it never looks at the
/// environment or the terminal itself.
fn painted_by_colored(paint: Paint, text: &str) -> String {
    static OVERRIDE: Once = Once::new();
    OVERRIDE.call_once(|| colored::control::set_override(true));
    paint.style(text).to_string()
}

/// `text` in `paint` when colours are on, else as it is.
pub fn paint<T: fmt::Display>(text: T, paint: Paint, colors: Colors) -> Painted<T> {
    Painted {
        text,
        paint: colors.is_on().then_some(paint),
    }
}

/// Text with its paint, written on display.
#[derive(Debug, Clone, Copy)]
pub struct Painted<T> {
    text: T,
    paint: Option<Paint>,
}

impl<T: fmt::Display> fmt::Display for Painted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.paint {
            Some(paint) => f.write_str(&painted_by_colored(paint, &self.text.to_string())),
            None => write!(f, "{}", self.text),
        }
    }
}

/// Back to the start of the line and erase it.
pub const CLEAR_LINE: &str = "\r\x1b[2K";
/// Erase from the cursor to the end of the screen.
pub const CLEAR_BELOW: &str = "\x1b[J";
/// Autowrap off: a long line stays one row (cut at the edge) that `\r`
/// can rewrite.
pub const AUTOWRAP_OFF: &str = "\x1b[?7l";
/// Autowrap back on.
pub const AUTOWRAP_ON: &str = "\x1b[?7h";

/// Which way [`cursor`] moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Right,
    Left,
}

/// Moves the cursor `n` cells; a move of 0 is no sequence at all (a
/// terminal reads `ESC[0A` as a move of 1).
pub fn cursor(n: usize, direction: Direction) -> String {
    let letter = match direction {
        Direction::Up => 'A',
        Direction::Down => 'B',
        Direction::Right => 'C',
        Direction::Left => 'D',
    };
    match n {
        0 => String::new(),
        n => format!("\x1b[{n}{letter}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn painted_text_is_wrapped_in_its_sequence_and_a_reset() {
        let green_bold = Paint::fg(Color::Green).bold();
        assert_eq!(
            paint("UP", green_bold, Colors::On).to_string(),
            "\x1b[1;32mUP\x1b[0m"
        );
        assert_eq!(
            paint("x", Paint::DIM, Colors::On).to_string(),
            "\x1b[2mx\x1b[0m"
        );
        assert_eq!(
            paint(404, Paint::fg(Color::Red), Colors::On).to_string(),
            "\x1b[31m404\x1b[0m"
        );
    }

    #[test]
    fn the_sequences_are_the_weight_then_the_colour() {
        assert_eq!(Paint::fg(Color::Blue).bold().sgr(), "\x1b[1;34m");
        assert_eq!(Paint::fg(Color::Magenta).sgr(), "\x1b[35m");
        assert_eq!(Paint::BOLD.sgr(), "\x1b[1m");
        assert_eq!(reset(), "\x1b[0m");
    }

    #[test]
    fn colours_off_is_the_text_alone() {
        let text = paint("UP", Paint::fg(Color::Green).bold(), Colors::Off);
        assert_eq!(text.to_string(), "UP");
    }

    #[test]
    fn a_cursor_move_of_zero_writes_nothing() {
        assert_eq!(cursor(0, Direction::Up), "");
        assert_eq!(cursor(3, Direction::Up), "\x1b[3A");
        assert_eq!(cursor(2, Direction::Left), "\x1b[2D");
    }
}
