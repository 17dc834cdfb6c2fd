//! Completion scripts and man pages, generated from the clap definition, and
//! the exit-code tables of `man httpc` and the README, generated from
//! `exit::Exit`. The same code writes `completions/`, `man/` and the
//! README's table and checks them in a test.

use std::io::{self, Write};

use clap::CommandFactory;
use clap_complete::Shell as CompleteShell;

use crate::cli::{Cli, Shell};

#[cfg(test)]
/// Every shell `httpc completions` knows, with its file name in `completions/`.
pub const SHELLS: &[(Shell, &str)] = &[
    (Shell::Bash, "httpc.bash"),
    (Shell::Zsh, "_httpc"),
    (Shell::Fish, "httpc.fish"),
    (Shell::Powershell, "_httpc.ps1"),
    (Shell::Elvish, "httpc.elv"),
];

pub fn completion(shell: Shell, out: &mut dyn Write) -> io::Result<()> {
    let shell = match shell {
        Shell::Bash => CompleteShell::Bash,
        Shell::Zsh => CompleteShell::Zsh,
        Shell::Fish => CompleteShell::Fish,
        Shell::Powershell => CompleteShell::PowerShell,
        Shell::Elvish => CompleteShell::Elvish,
    };
    clap_complete::generate(shell, &mut Cli::command(), "httpc", out);
    Ok(())
}

#[cfg(test)]
/// The man pages: `httpc.1` and one `httpc-SUB.1` per subcommand, as
/// (file name, contents).
pub fn man_pages() -> io::Result<Vec<(String, Vec<u8>)>> {
    let cmd = Cli::command();
    let mut pages = Vec::new();
    let mut top = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut top)?;
    pages.push(("httpc.1".to_string(), with_exit_status(top)));
    for sub in cmd.get_subcommands() {
        let name = format!("httpc-{}", sub.get_name());
        let sub = sub.clone().name(name.clone()).display_name(name.clone());
        let mut page = Vec::new();
        clap_mangen::Man::new(sub).render(&mut page)?;
        pages.push((format!("{name}.1"), page));
    }
    Ok(pages)
}

#[cfg(test)]
/// clap_mangen renders `after_help` (the exit codes) as a section called
/// EXTRA; the page gets a proper EXIT STATUS section from the same table
/// in its place.
fn with_exit_status(page: Vec<u8>) -> Vec<u8> {
    let page = String::from_utf8(page).expect("clap_mangen writes UTF-8");
    let Some(start) = page.find(".SH EXTRA\n") else {
        return page.into_bytes();
    };
    let end = page[start + 1..]
        .find("\n.SH ")
        .map_or(page.len(), |i| start + 1 + i + 1);
    let mut section = String::from(".SH \"EXIT STATUS\"\n");
    for (code, meaning) in crate::exit::table_rows() {
        section.push_str(&format!(".TP\n\\fB{code}\\fR\n{}\n", roff_text(meaning)));
    }
    format!("{}{section}{}", &page[..start], &page[end..]).into_bytes()
}

#[cfg(test)]
/// Plain text as roff: backslashes and dashes escaped, `code` in bold.
fn roff_text(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text
        .replace('\\', "\\e")
        .replace('-', "\\-")
        .split('`')
        .enumerate()
    {
        if i % 2 == 1 {
            out.push_str(&format!("\\fB{part}\\fR"));
        } else {
            out.push_str(part);
        }
    }
    out
}

#[cfg(test)]
/// The README with its exit-code table as `exit.rs` says.
fn readme_with_exit_codes(readme: &str) -> String {
    const START: &str = "<!-- exit codes: generated from src/exit.rs -->\n";
    const END: &str = "<!-- end of exit codes -->";
    let (Some(a), Some(b)) = (readme.find(START), readme.find(END)) else {
        return readme.to_string();
    };
    format!(
        "{}{START}{}{}",
        &readme[..a],
        crate::exit::markdown_table(),
        &readme[b..]
    )
}

#[cfg(test)]
/// Every generated file as (path relative to the repo, contents).
pub fn all_files() -> io::Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    for (shell, name) in SHELLS {
        let mut buf = Vec::new();
        completion(*shell, &mut buf)?;
        files.push((format!("completions/{name}"), buf));
    }
    for (name, page) in man_pages()? {
        files.push((format!("man/{name}"), page));
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md"))?;
    files.push((
        "README.md".to_string(),
        readme_with_exit_codes(&readme).into_bytes(),
    ));
    Ok(files)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The committed completions/, man/ and the README's exit-code table
    /// must equal what the clap definition and `exit::Exit` generate. `HTTPC_UPDATE_GENERATED=1 cargo test` rewrites them.
    #[test]
    fn generated_files_are_fresh() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let update = std::env::var_os("HTTPC_UPDATE_GENERATED").is_some_and(|v| v == "1");
        let mut stale = Vec::new();
        for (rel, want) in super::all_files().unwrap() {
            let path = root.join(&rel);
            let have = std::fs::read(&path).unwrap_or_default();
            if have != want {
                if update {
                    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                    std::fs::write(&path, &want).unwrap();
                } else {
                    stale.push(rel);
                }
            }
        }
        assert!(
            stale.is_empty(),
            "stale generated files: {stale:?}; run `HTTPC_UPDATE_GENERATED=1 cargo test generated` and commit"
        );
    }
}
