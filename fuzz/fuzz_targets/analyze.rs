#![no_main]
//! Fuzz target `analyze`: see `zorgvuldig_fuzz::analyze` for the input and what is checked.
libfuzzer_sys::fuzz_target!(|data: &[u8]| zorgvuldig_fuzz::analyze(data));
