//! Thin: parse the command line, call the library, print diagnostics, exit.

mod cli;

use briefly::diagnostics::{paint, use_colour};
use briefly::{BuildOptions, Failure, site_root};
use clap::Parser;
use cli::{Cli, Command, DigestFormat, NewCommand};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

fn colour() -> bool {
    use_colour(
        std::io::stderr().is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
    )
}

fn report(failure: &Failure) {
    match failure {
        Failure::Input(diagnostics) if diagnostics.0.is_empty() => {}
        Failure::Input(diagnostics) => {
            let n = diagnostics.errors().count();
            let plural = if n == 1 { "" } else { "s" };
            let text = format!(
                "{diagnostics}\nerror: the build failed with {n} error{plural}; nothing was written\n"
            );
            eprint!("{}", paint(&text, colour()));
        }
        Failure::Environment(message) => {
            eprint!("{}", paint(&format!("error: {message}\n"), colour()))
        }
    }
}

/// On a terminal, says the build is still going once it has taken a second.
fn progress(done: Arc<AtomicBool>) -> Option<std::thread::JoinHandle<()>> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    Some(std::thread::spawn(move || {
        let started = Instant::now();
        let frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
        let mut shown = false;
        let mut frame = 0;
        while !done.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(100));
            if started.elapsed() >= Duration::from_secs(1) && !done.load(Ordering::Relaxed) {
                eprint!(
                    "\r{} building… {:.1} s",
                    frames[frame % frames.len()],
                    started.elapsed().as_secs_f64()
                );
                let _ = std::io::stderr().flush();
                shown = true;
                frame += 1;
            }
        }
        if shown {
            eprint!("\r\x1b[2K");
        }
    }))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = site_root(cli.root.as_deref());
    let result = match cli.command {
        Command::Build {
            output,
            base_url,
            drafts,
            future,
            verbose,
            force,
            no_cache,
        } => {
            let started = Instant::now();
            let options = BuildOptions {
                root,
                output,
                base_url,
                drafts,
                future,
                verbose,
                force,
                cache: !no_cache,
            };
            let done = Arc::new(AtomicBool::new(false));
            let spinner = if verbose {
                None
            } else {
                progress(done.clone())
            };
            let result = briefly::build(&options);
            done.store(true, Ordering::Relaxed);
            if let Some(handle) = spinner {
                let _ = handle.join();
            }
            result.map(|s| println!("{}", s.line(started.elapsed().as_millis())))
        }
        Command::Clean => match briefly::cache::clean(&root) {
            Ok(Some((dir, bytes))) => {
                println!("removed {} ({})", dir.display(), size(bytes));
                Ok(())
            }
            Ok(None) => {
                println!(
                    "nothing to remove: there is no {}",
                    root.join(briefly::cache::CACHE_DIR).display()
                );
                Ok(())
            }
            Err(e) => Err(Failure::Environment(format!(
                "cannot remove {}: {e}",
                root.join(briefly::cache::CACHE_DIR).display()
            ))),
        },
        Command::Check { drafts, strict } => {
            let options = BuildOptions {
                root,
                drafts,
                ..Default::default()
            };
            briefly::check(&options).and_then(|warnings| {
                for w in &warnings {
                    eprintln!("{}\n", paint(&w.to_string(), colour()));
                }
                let n = warnings.len();
                let plural = if n == 1 { "" } else { "s" };
                if strict && n > 0 {
                    eprint!(
                        "{}",
                        paint(
                            &format!("error: check failed: {n} warning{plural} with --strict\n"),
                            colour()
                        )
                    );
                    return Err(Failure::Input(Default::default()));
                }
                println!("check passed with {n} warning{plural}");
                Ok(())
            })
        }
        Command::Serve {
            port,
            bind,
            drafts,
            poll,
            open,
        } => briefly::serve::serve(briefly::serve::ServeOptions {
            root,
            port,
            bind,
            drafts,
            poll,
            open,
        }),
        Command::Digest {
            since,
            until,
            lang,
            format,
            output,
            base_url,
        } => {
            let digest_root = root.clone();
            let options = briefly::digest::DigestOptions {
                root,
                since,
                until,
                lang,
                format: match format {
                    DigestFormat::Html => briefly::digest::Format::Html,
                    DigestFormat::Text => briefly::digest::Format::Text,
                    DigestFormat::Markdown => briefly::digest::Format::Markdown,
                },
                base_url,
            };
            briefly::digest::digest(&options).and_then(|issue| match output {
                Some(path) => briefly::digest::write_issue(&digest_root, &path, &issue),
                None => match std::io::stdout().lock().write_all(issue.as_bytes()) {
                    Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(
                        Failure::Environment(format!("cannot write the digest: {e}")),
                    ),
                    _ => Ok(()),
                },
            })
        }
        Command::New { what } => match what {
            NewCommand::Briefing {
                title,
                lang,
                translate,
            } => match (translate, lang, title) {
                (Some(original), Some(lang), title) => {
                    briefly::scaffold::new_translation(&root, &original, &lang, title.as_deref())
                }
                (_, _, Some(title)) => briefly::scaffold::new_briefing(&root, &title),
                _ => Err(Failure::Environment(
                    "give the briefing a title: briefly new briefing \"TITLE\"".into(),
                )),
            }
            .map(|path| println!("created {}", path.display())),
            NewCommand::Company { name, id } => {
                let given = id.is_some();
                briefly::scaffold::new_company(&root, &name, id.as_deref()).map(|(path, id)| {
                        println!("created {}", path.display());
                        if !given {
                            println!(
                                "its ID `{id}` is its file name and URL (/companies/{id}/); for another, remove the file and run: briefly new company {} --id ID",
                                shell_word(&name)
                            );
                        }
                    })
            }
        },
        Command::Init { dir, lang } => {
            if cli.root.is_some() {
                Err(Failure::Environment(
                    "init makes a new site in the folder it is given: briefly init DIR (--root is for the other commands)".into(),
                ))
            } else {
                let lang = match lang {
                    cli::InitLang::Ko => briefly::scaffold::InitLanguage::Ko,
                    cli::InitLang::En => briefly::scaffold::InitLanguage::En,
                };
                briefly::scaffold::init(&dir, lang).map(|()| {
                    println!(
                        "created a new site in {0}; next: cd {0} && briefly serve",
                        dir.display()
                    );
                })
            }
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            report(&failure);
            ExitCode::from(failure.exit_code() as u8)
        }
    }
}

/// A size as people read it: `812 bytes`, `3.4 MB`.
fn size(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{:.1} kB", bytes as f64 / 1e3),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

/// `name` as one shell word: quoted when it has spaces or quotes.
fn shell_word(name: &str) -> String {
    if name
        .chars()
        .all(|c| c.is_alphanumeric() || "-_.".contains(c))
    {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "'\\''"))
    }
}
