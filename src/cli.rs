//! The command line of section 9.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "briefly",
    version,
    about = "A static-site generator for AI-industry briefings"
)]
pub struct Cli {
    /// The site folder (holding site.toml); defaults to the current folder.
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into its output folder.
    Build {
        /// Write here instead of site.toml's output_dir.
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Override base_url, for preview deploys.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Include drafts.
        #[arg(long)]
        drafts: bool,
        /// Include briefings dated in the future.
        #[arg(long)]
        future: bool,
        /// Print time and memory per stage and the pages of each kind.
        #[arg(long, short)]
        verbose: bool,
        /// Replace the output folder even if briefly did not make it (it is
        /// not empty and has no `.briefly-output` marker). Never lifts the
        /// refusal to build into the site's own sources.
        #[arg(long)]
        force: bool,
        /// Neither read nor write the build cache (`.briefly-cache/`): build
        /// everything from scratch, and leave no cache behind.
        #[arg(long)]
        no_cache: bool,
    },
    /// Remove the build cache (`.briefly-cache/` in the site folder).
    Clean,
    /// Validate everything a build would, and write nothing.
    Check {
        /// Include drafts.
        #[arg(long)]
        drafts: bool,
        /// Treat warnings as errors (for CI).
        #[arg(long)]
        strict: bool,
    },
    /// Serve the site with live reload, rebuilding on every change.
    Serve {
        #[arg(long, default_value_t = 1111)]
        port: u16,
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Include drafts.
        #[arg(long)]
        drafts: bool,
        /// Poll for changes instead of waiting for file-system events.
        #[arg(long)]
        poll: bool,
        /// Open the site in a browser.
        #[arg(long)]
        open: bool,
    },
    /// Write an email-ready issue of the briefings of a period (default: the
    /// seven days up to the newest briefing) to stdout or --output.
    Digest {
        /// The first day, YYYY-MM-DD (default: six days before --until).
        #[arg(long, value_name = "DATE", value_parser = day)]
        since: Option<jiff::civil::Date>,
        /// The last day, YYYY-MM-DD (default: the newest briefing's day).
        #[arg(long, value_name = "DATE", value_parser = day)]
        until: Option<jiff::civil::Date>,
        /// The language (default: the site's default language).
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        #[arg(long, value_enum, default_value_t = DigestFormat::Html)]
        format: DigestFormat,
        /// Write the issue to FILE instead of stdout.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Override base_url (the links are absolute).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Start a new briefing or company from a skeleton.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Create a new site in DIR that builds at once.
    Init {
        dir: PathBuf,
        /// The site's language: its UI, time zone and sample briefing.
        #[arg(long, value_enum, default_value = "en")]
        lang: InitLang,
    },
}

#[derive(Subcommand, Debug)]
pub enum NewCommand {
    /// content/briefings/DATE-SLUG.md, dated today, as a draft; with
    /// `--translate PATH --lang LANG`, the translation PATH.LANG.md of a briefing.
    Briefing {
        title: Option<String>,
        /// The language of the translation.
        #[arg(long, requires = "translate")]
        lang: Option<String>,
        /// The briefing to translate.
        #[arg(long, requires = "lang", value_name = "PATH")]
        translate: Option<PathBuf>,
    },
    /// content/companies/ID.md.
    Company {
        name: String,
        /// The company's ID: its file name and URL (`--id meta`); without
        /// it, the slug of the name.
        #[arg(long)]
        id: Option<String>,
    },
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum InitLang {
    Ko,
    En,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum DigestFormat {
    Html,
    Text,
    Markdown,
}

/// A day as `--since`/`--until` take it: `YYYY-MM-DD` and nothing else.
fn day(text: &str) -> Result<jiff::civil::Date, String> {
    let shape = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape {
        return Err("write the day as YYYY-MM-DD (2025-06-10)".into());
    }
    text.parse()
        .map_err(|_| "there is no such day (write YYYY-MM-DD, as 2025-06-10)".to_string())
}
