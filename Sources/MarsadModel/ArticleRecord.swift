// MarsadModel: the records every other module speaks of, each defined once. No
// dependencies: the pipeline produces them, the store persists them, the daemon maps them
// to wire types.

/// An article as the pipeline derives it from a file's bytes, and as the store keeps it:
/// everything computed from the bytes (ids, hashes and file names are the store's).
public struct ArticleRecord: Sendable, Equatable {
    public var encoding: String
    public var title: String?
    public var cleanText: String
    public var removedLines: [RemovedLine]
    public var index: IndexForms?
    public var edits: [TextEdit]
    public var metadata: ArticleMetadata
    public var findings: FindingsRecord?

    public init(
        encoding: String, title: String?, cleanText: String, removedLines: [RemovedLine], index: IndexForms?,
        edits: [TextEdit] = [], metadata: ArticleMetadata = ArticleMetadata(), findings: FindingsRecord? = nil
    ) {
        self.findings = findings
        self.metadata = metadata
        self.encoding = encoding
        self.title = title
        self.cleanText = cleanText
        self.removedLines = removedLines
        self.index = index
        self.edits = edits
    }
}

/// What the full-text index holds for an article: its title's and text's search-form words
/// in order, and their other forms (MarsadText's `Normalization.indexForms`).
public struct IndexForms: Sendable, Equatable {
    public var title: String
    public var titleVariants: String
    public var text: String
    public var textVariants: String

    public init(title: String, titleVariants: String, text: String, textVariants: String) {
        self.title = title
        self.titleVariants = titleVariants
        self.text = text
        self.textVariants = textVariants
    }
}

/// Who published an article and when, as read from its text.
public struct ArticleMetadata: Sendable, Equatable {
    public var outletAr: String?
    public var outletEn: String?
    /// "2025-10-26", "2025-10" or "2025".
    public var published: String?
    /// "day", "month" or "year".
    public var publishedPrecision: String?
    /// Where `published` comes from: "text" (a dateline, the page's metadata) or "filename"
    /// (a date in the file's name, when the text has none).
    public var publishedBasis: String?
    /// Every absolute date the text mentions, in order.
    public var dates: [String]

    public init(
        outletAr: String? = nil, outletEn: String? = nil, published: String? = nil, publishedPrecision: String? = nil,
        publishedBasis: String? = nil, dates: [String] = []
    ) {
        self.publishedBasis = publishedBasis
        self.outletAr = outletAr
        self.outletEn = outletEn
        self.published = published
        self.publishedPrecision = publishedPrecision
        self.dates = dates
    }
}

/// A line the cleaner removed and the rule that removed it.
public struct RemovedLine: Sendable, Equatable, Codable {
    public var line: String
    public var rule: String
    public init(line: String, rule: String) {
        self.line = line
        self.rule = rule
    }
}

/// One change the de-obfuscator made: the word as written and as restored. The same
/// record goes on the wire (`articles.get`).
public struct TextEdit: Sendable, Equatable, Codable {
    /// Offset of the word in the input, in Unicode scalars.
    public var offset: Int
    public var before: String
    public var after: String

    public init(offset: Int, before: String, after: String) {
        self.offset = offset
        self.before = before
        self.after = after
    }
}
