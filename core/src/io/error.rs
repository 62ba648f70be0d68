use crate::model::ModelError;

/// Errors of reading and writing documents.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum IoError {
    /// The text is not valid JSON or does not have the planix shape.
    #[error("malformed planix JSON at line {line}, column {column}: {message}")]
    Json {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// The document is JSON but not a planix document.
    #[error("not a planix document: \"format\" is {found:?}, expected \"planix\"")]
    WrongFormat {
        /// The format field found (empty when missing).
        found: String,
    },
    /// The document's version is newer than this build understands (or zero).
    #[error(
        "unsupported planix format version {found}; this build reads versions 1 to {supported}"
    )]
    UnsupportedVersion {
        /// The version found.
        found: u64,
        /// The newest version this build reads.
        supported: u32,
    },
    /// A line of a foreign format (PSPLIB `.sm`, ...) could not be read.
    #[error("malformed {format} file at line {line}: {message}")]
    Format {
        /// The format's name.
        format: &'static str,
        /// 1-based line (0 when the problem is not on one line).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The text is longer than [`MAX_DOCUMENT_BYTES`](crate::io::MAX_DOCUMENT_BYTES).
    #[error("the document is {bytes} bytes, past the limit of {limit}")]
    TooLarge {
        /// Its length.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// The text is not well-formed XML.
    #[error("malformed XML at line {line}, column {column}: {message}")]
    Xml {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// An MS Project XML (MSPDI) element planix cannot read.
    #[error("MSPDI <{element}>{}: {message}", uid.map(|u| format!(" UID {u}")).unwrap_or_default())]
    Mspdi {
        /// The element (`Task`, `Calendar`, `PredecessorLink`, …).
        element: String,
        /// Its UID (for a link, the successor's), when it has one.
        uid: Option<i64>,
        /// What is wrong.
        message: String,
    },
    /// The document is well formed but describes an invalid project.
    #[error("invalid project: {0}")]
    Invalid(#[source] ModelError),
}
