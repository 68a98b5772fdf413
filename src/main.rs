//! `zorgvuldig`, the command-line tool: the same analysis as the browser extension, so an
//! administrator can try a policy on real messages before rolling it out.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use zorgvuldig::{eml, Action, Engine, Snapshot, Verdict};

#[derive(Parser)]
#[command(
    name = "zorgvuldig",
    version,
    about = "Check outgoing mail against an organisation's policy, as the browser extension does before Send."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse messages and print one verdict per input, in order.
    Check {
        /// The policy as JSON (the object an administrator puts in managed storage). Without it,
        /// the defaults apply.
        #[arg(long, value_name = "POLICY.json")]
        policy: Option<PathBuf>,
        /// `json`: one verdict JSON per line; `text`: for people.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Exit 1 when any message reaches this action (as the policy would enforce it).
        #[arg(long, value_enum, value_name = "ACTION")]
        fail_on: Option<FailOn>,
        /// Snapshot `.json` files, `.eml` messages, `.jsonl` files of snapshots (one a line), or `-`
        /// for snapshots as JSON lines on stdin.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
    },
    /// Work with policy files.
    Policy {
        #[command(subcommand)]
        command: PolicyCommand,
    },
}

#[derive(Subcommand)]
enum PolicyCommand {
    /// Validate a policy: print its errors (exit 1 if there are any) or confirm it is valid.
    Check {
        #[arg(value_name = "POLICY.json")]
        policy: PathBuf,
        /// `text` for people; `json` prints the errors and the effective policy.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Json,
    Text,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Warn,
    Block,
}

/// Input that could not be read; the process exits 2 after saying which.
struct Unreadable(String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check { policy, format, fail_on, files } => check(policy.as_deref(), format, fail_on, &files),
        Command::Policy { command: PolicyCommand::Check { policy, format } } => policy_check(&policy, format),
    };
    match result {
        Ok(code) => code,
        Err(Unreadable(message)) => {
            eprintln!("zorgvuldig: {message}");
            ExitCode::from(2)
        }
    }
}

fn load_engine(path: Option<&Path>) -> Result<Engine, Unreadable> {
    let Some(path) = path else { return Ok(Engine::from_json(&serde_json::Value::Null)) };
    let text = std::fs::read_to_string(path).map_err(|e| Unreadable(format!("{}: cannot read policy: {e}", path.display())))?;
    let value: serde_json::Value = serde_json::from_str(strip_bom(&text))
        .map_err(|e| Unreadable(format!("{}:{}: policy is not valid JSON: {}", path.display(), position(&e), without_position(&e))))?;
    Ok(Engine::from_json(&value))
}

fn check(policy: Option<&Path>, format: Format, fail_on: Option<FailOn>, files: &[String]) -> Result<ExitCode, Unreadable> {
    let engine = load_engine(policy)?;
    for error in engine.policy_errors() {
        eprintln!("zorgvuldig: policy {}: {} [{}]", if error.path.is_empty() { "(root)" } else { &error.path }, error.message, error.code);
    }
    let threshold = fail_on.map(|f| match f {
        FailOn::Warn => Action::Warn,
        FailOn::Block => Action::Block,
    });
    let mut reached = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut emit = |name: &str, verdict: &Verdict| -> Result<(), Unreadable> {
        reached |= threshold.is_some_and(|t| verdict.intended_action >= t);
        let written = match format {
            Format::Json => serde_json::to_string(verdict).map(|line| writeln!(out, "{line}")),
            Format::Text => Ok(write!(out, "{}", render_text(name, verdict))),
        };
        written.map_err(|e| Unreadable(format!("cannot write verdict: {e}")))?.map_err(|e| Unreadable(format!("cannot write verdict: {e}")))
    };
    for file in files {
        if file == "-" {
            each_line("stdin", std::io::stdin().lock(), &mut |name, snapshot| emit(name, &engine.analyze(&snapshot)))?;
        } else if is_json_lines(Path::new(file)) {
            let reader = std::fs::File::open(file).map_err(|e| Unreadable(format!("{file}: cannot read: {e}")))?;
            each_line(file, std::io::BufReader::new(reader), &mut |name, snapshot| emit(name, &engine.analyze(&snapshot)))?;
        } else {
            let snapshot = read_snapshot(Path::new(file))?;
            emit(file, &engine.analyze(&snapshot))?;
        }
    }
    Ok(if reached { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Whether a file holds snapshots as JSON lines (`.jsonl`, `.ndjson`), like stdin with `-`.
fn is_json_lines(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}

/// Reads snapshots as JSON lines (blank lines skipped) and hands each to `analyse` with its
/// name, `source:line`; the first line that is not a snapshot stops with that name.
fn each_line(
    source: &str,
    reader: impl BufRead,
    analyse: &mut dyn FnMut(&str, Snapshot) -> Result<(), Unreadable>,
) -> Result<(), Unreadable> {
    for (n, line) in reader.lines().enumerate() {
        let name = format!("{source}:{}", n + 1);
        let line = line.map_err(|e| Unreadable(format!("{name}: cannot read: {e}")))?;
        let line = if n == 0 { strip_bom(&line) } else { &line };
        if line.trim().is_empty() {
            continue;
        }
        let snapshot = Snapshot::from_json(line)
            .map_err(|e| Unreadable(format!("{name}:{}: not a snapshot: {}", e.column(), without_position(&e))))?;
        analyse(&name, snapshot)?;
    }
    Ok(())
}

/// Where a JSON error is, as `line:column` (the compiler convention editors jump to).
fn position(e: &serde_json::Error) -> String {
    format!("{}:{}", e.line(), e.column())
}

/// A JSON error's sentence without serde's own " at line L column C" (the position is given
/// in front, `file:line:column`).
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix).map(str::to_string).unwrap_or(text)
}

/// Text without the byte-order mark some Windows editors put in front of UTF-8.
fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Reads a snapshot `.json` or an `.eml` message; other names are recognised by content.
fn read_snapshot(path: &Path) -> Result<Snapshot, Unreadable> {
    let name = path.display();
    let raw = std::fs::read(path).map_err(|e| Unreadable(format!("{name}: cannot read: {e}")))?;
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let raw = raw.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&raw);
    let looks_json = raw.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    let is_json = match extension.as_deref() {
        Some("json") => true,
        Some("eml") => false,
        _ => looks_json,
    };
    if is_json {
        serde_json::from_slice(raw).map_err(|e| Unreadable(format!("{name}:{}: not a snapshot: {}", position(&e), without_position(&e))))
    } else {
        eml::parse(raw).map_err(|e| Unreadable(format!("{name}: {e}")))
    }
}

fn render_text(name: &str, verdict: &Verdict) -> String {
    let action = |a: Action| match a {
        Action::Allow => "ALLOW",
        Action::Warn => "WARN",
        Action::Block => "BLOCK",
    };
    let mut text = format!("{name}: {} — {}", action(verdict.action), verdict.summary);
    if verdict.action != verdict.intended_action {
        text.push_str(&format!(" (report-only; enforced it would be {})", action(verdict.intended_action)));
    }
    text.push('\n');
    for finding in &verdict.findings {
        let level = serde_json::to_value(finding.severity).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        text.push_str(&format!("  {level:<5} {:<20} {}\n", finding.rule.id(), finding.message));
        if let Some(fix) = &finding.fix {
            text.push_str(&format!("  {:<26} → {}\n", "", fix.label));
        }
    }
    text
}

fn policy_check(path: &Path, format: Format) -> Result<ExitCode, Unreadable> {
    let text = std::fs::read_to_string(path).map_err(|e| Unreadable(format!("{}: cannot read policy: {e}", path.display())))?;
    let engine = Engine::from_json_text(strip_bom(&text));
    let errors = engine.policy_errors();
    match format {
        Format::Json => {
            let report = serde_json::json!({ "valid": errors.is_empty(), "policyErrors": errors, "effectivePolicy": engine.policy() });
            println!("{report}");
        }
        Format::Text if errors.is_empty() => println!("{}: valid", path.display()),
        Format::Text => {
            let applies = if errors.iter().any(|e| e.code == "invalid-json") {
                "nothing of it applies, the defaults do"
            } else {
                "the rest of the policy applies"
            };
            println!("{}: {} problem(s); {applies}", path.display(), errors.len());
            for error in errors {
                let at = if error.path.is_empty() { "(root)" } else { &error.path };
                println!("  {at}: {} [{}]", error.message, error.code);
            }
        }
    }
    Ok(if errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
