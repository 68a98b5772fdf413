#![no_main]
//! Fuzz target `pdf`: see `zorgvuldig_fuzz::pdf` for the input and what is checked.
libfuzzer_sys::fuzz_target!(|data: &[u8]| zorgvuldig_fuzz::pdf(data));
