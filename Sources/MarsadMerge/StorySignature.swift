/// What an article's words say about which story it tells, in a few hundred bytes: a MinHash
/// signature (Broder 1997) of its word 3-shingles, for near-duplicates (the same wire text,
/// lightly edited), with the keys under which LSH finds their candidates (Leskovec,
/// Rajaraman & Ullman, Mining of Massive Datasets, ch. 3: `bands` bands of `rows` rows);
/// and the words of its lead (`LeadWords`), for rewrites of the same news.
///
/// Made from the search form of the title and text (`IndexForms.text`: folded, words
/// split), so spellings and diacritics do not count. Pure and deterministic: the same
/// words give the same signature on every host and every run.
public struct StorySignature: Sendable, Equatable {
    /// Hash functions per signature.
    public static let size = 64
    /// LSH over the shingle signature: `bands` x `rows` = `size`. Two texts whose shingle
    /// sets overlap by Jaccard J share a band with probability 1 - (1 - J^rows)^bands:
    /// 0.03 at J = 0.2, 0.64 at 0.5, 0.98 at 0.7.
    public static let bands = 16
    public static let rows = 4
    /// Shingles shorter texts have too few to tell stories apart: no signature below this.
    public static let minimumShingles = 12

    /// Minimum hash of the 3-shingles under each of the `size` functions.
    public var shingles: [UInt32]
    /// The stemmed content words of the lead, sorted hashes (`LeadWords`).
    public var lead: [UInt64]

    public init(shingles: [UInt32], lead: [UInt64]) {
        self.shingles = shingles
        self.lead = lead
    }

    /// The signature of a text in search form (words separated by spaces or new lines), or
    /// nil when it has fewer than `minimumShingles` shingles.
    public init?(searchForm: String) {
        var words: [UInt64] = []
        var text = searchForm
        text.withUTF8 { bytes in
            var start = 0
            for index in 0...bytes.count {
                let end = index == bytes.count || bytes[index] == 0x20 || bytes[index] == 0x0A
                guard end else { continue }
                if index > start {
                    words.append(Self.fnv1a(UnsafeBufferPointer(rebasing: bytes[start..<index])))
                }
                start = index + 1
            }
        }
        guard words.count >= Self.minimumShingles + 2 else { return nil }
        var shingleHashes: [UInt64] = []
        shingleHashes.reserveCapacity(words.count - 2)
        for index in 0..<(words.count - 2) {
            shingleHashes.append(Self.mix(words[index] &* 31 &+ words[index + 1] &* 0x9E37_79B9 ^ words[index + 2]))
        }
        self.shingles = Self.minima(of: shingleHashes)
        self.lead = LeadWords.of(searchForm: searchForm)
    }

    /// The estimated Jaccard similarity of the two texts' shingle sets: the fraction of
    /// hash functions whose minima agree.
    public func nearDuplicate(_ other: StorySignature) -> Double { Self.agreement(shingles, other.shingles) }

    /// The weighted Jaccard similarity of the two leads' words (`WordWeights`).
    public func leadSimilarity(_ other: StorySignature) -> Double { WordWeights.similarity(lead, other.lead) }

    /// How many of the lead's rarest words index the candidates of rewrites.
    public static let indexedWords = 16

    /// The lead's `count` rarest words among those rare enough to index (`WordWeights.isDistinctive`),
    /// rarest first (ties by hash: the same words on every run).
    public func rarestWords(_ count: Int) -> [UInt64] {
        let distinctive = lead.filter(WordWeights.isDistinctive)
        return Array(
            distinctive.sorted { a, b in
                let wa = WordWeights.weight(a)
                let wb = WordWeights.weight(b)
                return wa != wb ? wa > wb : a < b
            }.prefix(count))
    }

    /// One key per band: articles that share a band's key are candidates of one story.
    public var bandKeys: [Int64] {
        (0..<Self.bands).map { band in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325 &+ UInt64(band)
            for row in 0..<Self.rows { hash = Self.mix(hash ^ UInt64(shingles[band * Self.rows + row])) }
            return Int64(bitPattern: hash)
        }
    }

    /// The signature as stored, little-endian: the shingle minima (4 bytes each), then the
    /// lead's words (8 bytes each).
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4 * Self.size + 8 * lead.count)
        for value in shingles {
            for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
        }
        for value in lead {
            for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
        }
        return out
    }

    /// A signature read back from `bytes`; nil when they are not one.
    public init?(bytes: [UInt8]) {
        guard bytes.count >= 4 * Self.size, (bytes.count - 4 * Self.size) % 8 == 0 else { return nil }
        shingles = stride(from: 0, to: 4 * Self.size, by: 4).map { start in
            (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[start + $1]) << UInt32(8 * $1) }
        }
        lead = stride(from: 4 * Self.size, to: bytes.count, by: 8).map { start in
            (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[start + $1]) << UInt64(8 * $1) }
        }
    }

    // MARK: hashing

    static func agreement(_ a: [UInt32], _ b: [UInt32]) -> Double {
        guard a.count == b.count, !a.isEmpty else { return 0 }
        var same = 0
        for index in a.indices where a[index] == b[index] && a[index] != UInt32.max { same += 1 }
        return Double(same) / Double(a.count)
    }

    /// The minimum of each of the `size` hash functions over `hashes` (all UInt32.max for
    /// an empty set, which agrees with nothing).
    static func minima(of hashes: [UInt64]) -> [UInt32] {
        var minima = [UInt32](repeating: UInt32.max, count: size)
        for hash in hashes {
            for function in 0..<size {
                let value = UInt32(truncatingIfNeeded: (multipliers[function] &* hash &+ addends[function]) >> 32)
                if value < minima[function] { minima[function] = value }
            }
        }
        return minima
    }

    /// Odd multipliers and addends of the hash functions h(x) = (a x + b) >> 32 (mod 2^64),
    /// from SplitMix64: fixed, so signatures stored by one run compare with the next's.
    static let (multipliers, addends): ([UInt64], [UInt64]) = {
        var state: UInt64 = 0x6D61_7273_6164  // "marsad"
        var a: [UInt64] = []
        var b: [UInt64] = []
        for _ in 0..<size {
            a.append(splitMix(&state) | 1)
            b.append(splitMix(&state))
        }
        return (a, b)
    }()

    static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return mix(state)
    }

    /// SplitMix64's finaliser: every input bit reaches every output bit.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { fnv1a($0) }
    }
}
