//! Every error code a host can act on, each spelled once: why part of a policy was not used
//! ([`PolicyErrorCode`], in each [`crate::PolicyError`]) and why a call into the core failed
//! ([`ErrorCode`], the `code` of the `Error` the WebAssembly boundary throws).

use crate::ids::stable_ids;

stable_ids! {
    /// Why a policy key, or an entry in one, was not used.
    pub enum PolicyErrorCode {
        /// The policy text is not JSON; the defaults apply.
        InvalidJson = "invalid-json",
        /// The policy is JSON but not an object; the defaults apply.
        NotAnObject = "not-an-object",
        UnknownKey = "unknown-key",
        UnknownRule = "unknown-rule",
        MissingKey = "missing-key",
        WrongType = "wrong-type",
        /// Not one of the values the key allows.
        InvalidValue = "invalid-value",
        Empty = "empty",
        InvalidDomain = "invalid-domain",
        InvalidSuccessor = "invalid-successor",
        InvalidAddress = "invalid-address",
        /// A `sha256:` entry that is not 64 hexadecimal characters.
        InvalidHash = "invalid-hash",
        InvalidPattern = "invalid-pattern",
        InvalidHost = "invalid-host",
        /// Two keys contradict each other; resolved towards safety.
        Conflict = "conflict",
    }
}

stable_ids! {
    /// Why a call into the core failed.
    pub enum ErrorCode {
        /// The value given to `analyze` is not a compose snapshot.
        InvalidSnapshot = "invalid-snapshot",
        /// The core could not write its answer (a bug, never expected).
        Internal = "internal",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_written_and_read_as_its_id() {
        for code in PolicyErrorCode::ALL {
            let json = serde_json::to_string(&code).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", code.id()));
            assert_eq!(serde_json::from_str::<PolicyErrorCode>(&json).ok(), Some(code));
        }
        for code in ErrorCode::ALL {
            assert_eq!(ErrorCode::from_id(code.id()), Some(code));
            assert_eq!(serde_json::to_string(&code).unwrap_or_default(), format!("\"{}\"", code.id()));
        }
    }
}
