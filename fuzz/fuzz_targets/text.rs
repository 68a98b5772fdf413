#![no_main]
//! Fuzz target `text`: see `zorgvuldig_fuzz::text` for the input and what is checked.
libfuzzer_sys::fuzz_target!(|data: &[u8]| zorgvuldig_fuzz::text(data));
