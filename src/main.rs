//! Thin: parse the command line, call the library, print diagnostics, exit.

mod cli;

use briefly::{BuildOptions, Failure, site_root};
use clap::Parser;
use cli::{Cli, Command, NewCommand};
use std::process::ExitCode;
use std::time::Instant;

fn report(failure: &Failure) {
    match failure {
        Failure::Input(diagnostics) if diagnostics.0.is_empty() => {}
        Failure::Input(diagnostics) => {
            eprint!("{diagnostics}");
            let n = diagnostics.errors().count();
            eprintln!(
                "\nerror: the build failed with {n} error{}; nothing was written",
                if n == 1 { "" } else { "s" }
            );
        }
        Failure::Environment(message) => eprintln!("error: {message}"),
    }
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
        } => {
            let started = Instant::now();
            let options = BuildOptions {
                root,
                output,
                base_url,
                drafts,
                future,
            };
            briefly::build(&options).map(|s| {
                println!(
                    "built {} briefings, {} companies, {} deals ({} files) into {} in {} ms",
                    s.briefings,
                    s.companies,
                    s.deals,
                    s.files,
                    s.output.display(),
                    started.elapsed().as_millis()
                );
            })
        }
        Command::Check { drafts, strict } => {
            let options = BuildOptions {
                root,
                drafts,
                ..Default::default()
            };
            briefly::check(&options).and_then(|warnings| {
                for w in &warnings {
                    eprintln!("{w}\n");
                }
                let n = warnings.len();
                let plural = if n == 1 { "" } else { "s" };
                if strict && n > 0 {
                    eprintln!("error: check failed: {n} warning{plural} with --strict");
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
        Command::New { what } => {
            let made = match what {
                NewCommand::Briefing { title } => briefly::scaffold::new_briefing(&root, &title),
                NewCommand::Company { name } => briefly::scaffold::new_company(&root, &name),
            };
            made.map(|path| println!("created {}", path.display()))
        }
        Command::Init { dir } => briefly::scaffold::init(&dir).map(|()| {
            println!(
                "created a new site in {0}; build it with: briefly --root {0} build",
                dir.display()
            );
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            report(&failure);
            ExitCode::from(failure.exit_code() as u8)
        }
    }
}
