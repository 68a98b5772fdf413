#![no_main]
//! Fuzz target `eml`: see `zorgvuldig_fuzz::eml` for the input and what is checked.
libfuzzer_sys::fuzz_target!(|data: &[u8]| zorgvuldig_fuzz::eml(data));
