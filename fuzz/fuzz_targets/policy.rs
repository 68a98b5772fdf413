#![no_main]
//! Fuzz target `policy`: see `zorgvuldig_fuzz::policy` for the input and what is checked.
libfuzzer_sys::fuzz_target!(|data: &[u8]| zorgvuldig_fuzz::policy(data));
