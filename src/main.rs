//! `zorgvuldig`, the command-line tool: the same analysis as the browser extension, so an
//! administrator can try a policy on real messages before rolling it out.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use zorgvuldig::{eml, Action, Engine, Snapshot, Verdict};

#[derive(Parser)]
#[command(name = "zorgvuldig", version, about = "Check outgoing mail against an organisation's policy, as the browser extension does before Send.")]
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
        /// Snapshot `.json` files, `.eml` messages, or `-` for snapshots as JSON lines on stdin.
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
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| Unreadable(format!("{}:{}: policy is not valid JSON: {e}", path.display(), e.line())))?;
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
        written
            .map_err(|e| Unreadable(format!("cannot write verdict: {e}")))?
            .map_err(|e| Unreadable(format!("cannot write verdict: {e}")))
    };
    for file in files {
        if file == "-" {
            for (n, line) in std::io::stdin().lock().lines().enumerate() {
                let line = line.map_err(|e| Unreadable(format!("stdin:{}: cannot read: {e}", n + 1)))?;
                if line.trim().is_empty() {
                    continue;
                }
                let snapshot: Snapshot = serde_json::from_str(&line)
                    .map_err(|e| Unreadable(format!("stdin:{}: not a snapshot: {e}", n + 1)))?;
                emit(&format!("stdin:{}", n + 1), &engine.analyze(&snapshot))?;
            }
        } else {
            let snapshot = read_snapshot(Path::new(file))?;
            emit(file, &engine.analyze(&snapshot))?;
        }
    }
    Ok(if reached { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Reads a snapshot `.json` or an `.eml` message; other names are recognised by content.
fn read_snapshot(path: &Path) -> Result<Snapshot, Unreadable> {
    let name = path.display();
    let raw = std::fs::read(path).map_err(|e| Unreadable(format!("{name}: cannot read: {e}")))?;
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let looks_json = raw.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    let is_json = match extension.as_deref() {
        Some("json") => true,
        Some("eml") => false,
        _ => looks_json,
    };
    if is_json {
        serde_json::from_slice(&raw).map_err(|e| Unreadable(format!("{name}:{}: not a snapshot: {e}", e.line())))
    } else {
        eml::parse(&raw).map_err(|e| Unreadable(format!("{name}: {e}")))
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
    let engine = Engine::from_json_text(&text);
    let errors = engine.policy_errors();
    match format {
        Format::Json => {
            let report = serde_json::json!({ "valid": errors.is_empty(), "policyErrors": errors, "effectivePolicy": engine.policy() });
            println!("{report}");
        }
        Format::Text if errors.is_empty() => println!("{}: valid", path.display()),
        Format::Text => {
            println!("{}: {} problem(s); the rest of the policy applies", path.display(), errors.len());
            for error in errors {
                let at = if error.path.is_empty() { "(root)" } else { &error.path };
                println!("  {at}: {} [{}]", error.message, error.code);
            }
        }
    }
    Ok(if errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
