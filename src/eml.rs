//! Reading `.eml` messages (RFC 5322 with MIME) into snapshots, for the command-line tool.
