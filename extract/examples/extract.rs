//! Prints what the extractors read from files, as JSON lines: `cargo run -p zorgvuldig-extract
//! --example extract -- FILE...` (for a maintainer looking at a file that reads wrongly).

fn main() {
    for path in std::env::args().skip(1) {
        let extracted = match std::fs::read(&path) {
            Ok(bytes) => zorgvuldig_extract::extract(&path, &bytes),
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        match serde_json::to_string(&extracted) {
            Ok(json) => println!("{path}: {json}"),
            Err(e) => eprintln!("{path}: {e}"),
        }
    }
}
