/// The stopwords of `Resources/stopwords.txt`, as the FNV-1a hashes of their UTF-8 bytes.
enum Stopwords {
    static let hashes: Set<UInt64> = {
        var set: Set<UInt64> = []
        for line in String(decoding: PackageResources.stopwords_txt, as: UTF8.self).split(separator: "\n") {
            let word = line.trimmingPrefixAndSuffixSpaces
            guard !word.isEmpty, !word.hasPrefix("#") else { continue }
            set.insert(StorySignature.fnv1a(String(word)))
        }
        return set
    }()

    static func contains(_ hash: UInt64) -> Bool { hashes.contains(hash) }
}

extension Substring {
    fileprivate var trimmingPrefixAndSuffixSpaces: Substring {
        var text = self
        while text.first == " " || text.first == "\t" { text = text.dropFirst() }
        while text.last == " " || text.last == "\t" || text.last == "\r" { text = text.dropLast() }
        return text
    }
}
