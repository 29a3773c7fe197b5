import Foundation

/// The stopwords of `Resources/stopwords.txt`, as the FNV-1a hashes of their UTF-8 bytes.
enum Stopwords {
    static let hashes = Set(
        DataFile.rows(PackageResources.stopwords_txt).map { fields in
            StorySignature.fnv1a(String(fields[0].trimmingCharacters(in: .whitespaces)))
        })

    static func contains(_ hash: UInt64) -> Bool { hashes.contains(hash) }
}
