//! Thin: parse the command line, call the library, print diagnostics, exit.

mod cli;

use briefly::{BuildOptions, Failure, site_root};
use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;
use std::time::Instant;

fn report(failure: &Failure) {
    match failure {
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
        Command::Check { drafts } => {
            let options = BuildOptions {
                root,
                drafts,
                ..Default::default()
            };
            briefly::check(&options).map(|warnings| {
                for w in &warnings {
                    eprintln!("{w}\n");
                }
                println!(
                    "check passed with {} warning{}",
                    warnings.len(),
                    if warnings.len() == 1 { "" } else { "s" }
                );
            })
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
