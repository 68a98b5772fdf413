//! Enums whose values are stable kebab-case ids that hosts, policies and tests refer to (rules,
//! error codes). [`stable_ids!`] declares one from a single table, so each id is spelled once:
//! the enum, `ALL` in the table's order, `id()`, `from_id()`, serde reading and writing ids, and
//! (in tests) the TypeScript union of the ids.

/// Declares `pub enum $name` from a table of `Variant = "id",` lines (see the module docs).
macro_rules! stable_ids {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$doc:meta])* $variant:ident = $id:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$doc])* $variant,)*
        }

        impl $name {
            /// Every value, in the order of the table.
            pub const ALL: [$name; [$($id),*].len()] = [$($name::$variant),*];

            /// The stable id.
            pub fn id(self) -> &'static str {
                match self {
                    $($name::$variant => $id,)*
                }
            }

            /// Looks a value up by its stable id.
            pub fn from_id(id: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|value| value.id() == id)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.id())
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, id: &&str) -> bool {
                self.id() == *id
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.id())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let id = String::deserialize(deserializer)?;
                $name::from_id(&id).ok_or_else(|| serde::de::Error::unknown_variant(&id, &[]))
            }
        }

        /// For the TypeScript declarations (`src/contract.rs`): the union of the ids.
        #[cfg(test)]
        impl ts_rs::TS for $name {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;

            fn name(_: &ts_rs::Config) -> String {
                stringify!($name).to_string()
            }

            fn inline(_: &ts_rs::Config) -> String {
                [$(concat!("\"", $id, "\"")),*].join(" | ")
            }

            fn decl(cfg: &ts_rs::Config) -> String {
                format!("type {} = {};", Self::name(cfg), Self::inline(cfg))
            }
        }
    };
}

pub(crate) use stable_ids;
