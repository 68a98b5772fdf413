//! The TypeScript declarations of what crosses the WebAssembly boundary, written from the core's
//! own types: `src/contract.d.ts`. `src/wasm.rs` puts them into the package's `zorgvuldig.d.ts`
//! (with `Engine.analyze` taking a `Snapshot` and giving a `Verdict`), where the extension and
//! the demo import them in JSDoc and `tsc` (`make lint`) checks their JavaScript against them. The test below fails, and writes the file anew, when the committed
//! file differs from what the types give.

use ts_rs::{Config, TS};

use crate::rules::Rule;
use crate::{
    Action, Attachment, Confidence, ErrorCode, Field, Finding, Fix, FixKind, Level, Override, PolicyError, PolicyErrorCode, Snapshot,
    Verdict,
};

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/contract.d.ts");

/// The declarations, as `src/contract.d.ts` must hold them.
fn declarations() -> String {
    // Numbers cross as JavaScript numbers (JSON), also the 64-bit ones.
    let cfg = Config::new().with_large_int("number");
    let declarations = [
        declaration::<Snapshot>(&cfg),
        declaration::<Attachment>(&cfg),
        declaration::<Verdict>(&cfg),
        declaration::<Action>(&cfg),
        declaration::<Override>(&cfg),
        declaration::<Finding>(&cfg),
        declaration::<Rule>(&cfg),
        declaration::<Level>(&cfg),
        declaration::<Field>(&cfg),
        declaration::<Confidence>(&cfg),
        declaration::<Fix>(&cfg),
        declaration::<FixKind>(&cfg),
        declaration::<PolicyError>(&cfg),
        declaration::<PolicyErrorCode>(&cfg),
        declaration::<ErrorCode>(&cfg),
    ];
    let mut text = String::from(
        "// Written by `cargo test` (src/contract.rs) from the core's types: do not edit. The\n\
         // TypeScript shape of what crosses the WebAssembly boundary, in the package's zorgvuldig.d.ts.\n",
    );
    for declaration in declarations {
        text.push('\n');
        text.push_str(&declaration);
    }
    text
}

/// One exported declaration with the type's docs.
fn declaration<T: TS>(cfg: &Config) -> String {
    format!("{}export {}\n", T::docs().unwrap_or_default(), T::decl(cfg).trim_end())
}

#[test]
fn the_committed_declarations_are_those_the_types_give() {
    let expected = declarations();
    let committed = std::fs::read_to_string(PATH).unwrap_or_default();
    if committed != expected {
        let written = std::fs::write(PATH, &expected);
        panic!("src/contract.d.ts differed from the core's types; it was written anew ({written:?}): review and commit it");
    }
}
