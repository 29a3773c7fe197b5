import CLinux
import Crypto
@preconcurrency import Dispatch
import Foundation
import Logging
import MarsadExtract
import MarsadModel
import MarsadPipeline
import MarsadText
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Deriving: what a batch's bytes become, on every core, under the time budget ingest.max_derive_ms.
extension Ingestor {
    /// Builds the text rules' and the extractor's tables by deriving a small article.
    static func warmUp() {
        let sample = "عنوان\nقالت وزارة الداخلية السورية، السبت، إنها ألقت القبض على 3 عناصر من تنظيم داعش في ريف دمشق.\n"
        _ = try? Pipeline.derive(bytes: Array(sample.utf8), fileName: "warm-up.txt")
    }

    /// Lower-case hex of a digest (String(format:) per byte cost 3% of a burst).
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// What deriving a batch takes: each file's SHA-256, which files repeat the bytes of
    /// an earlier one in the batch, and the bytes and names of the others.
    struct Plan {
        var batch: [Claimed]
        var digests: [String]
        /// For each file, the first file of the batch with the same bytes (nil for a first).
        var sameAs: [Int?]
        var firsts: [Int]

        init(_ batch: [Claimed]) {
            self.batch = batch
            digests = batch.map { Ingestor.hex(SHA256.hash(data: $0.bytes)) }
            var first: [String: Int] = [:]
            sameAs = digests.enumerated().map { index, digest -> Int? in
                if let earlier = first[digest] { return earlier }
                first[digest] = index
                return nil
            }
            firsts = batch.indices.filter { [sameAs] in sameAs[$0] == nil }
        }

        /// Bytes, file name, time received and the outlet configured for the drop folder.
        func inputs(outlets: [String: String]) -> [([UInt8], String, String, String?)] {
            firsts.map {
                (
                    batch[$0].bytes, batch[$0].relative.lastComponent.description, Timestamps.string(batch[$0].received),
                    Ingestor.folderOutlet(of: batch[$0].relative, in: outlets)
                )
            }
        }

        /// The batch with what `inputs` derived to, in the same order.
        func prepared(_ results: [Result<ArticleRecord, DeriveFailure>]) -> Prepared {
            var derived = [Result<ArticleRecord, DeriveFailure>?](repeating: nil, count: batch.count)
            for (n, index) in firsts.enumerated() { derived[index] = results[n] }
            return Prepared(plan: self, derived: derived)
        }
    }

    /// A batch claimed, hashed and derived, waiting for its transaction.
    struct Prepared {
        var plan: Plan
        /// What each first file derives to (nil for a copy).
        var derived: [Result<ArticleRecord, DeriveFailure>?]
    }
    /// Stores claimed files at once, derived here (recovery's one file at a time).
    func ingest(_ batch: [Claimed]) {
        let plan = Plan(batch)
        guard let results = awaitDerivation(startDerivation(plan.inputs(outlets: config.folderOutlets))) else { return }
        commit(plan.prepared(results))
    }

    /// Why a file's derivation gave no article.
    struct DeriveFailure: Error {
        var code: FailureCode
        var message: String
    }

    /// A batch being derived on every core, off the ingest queue: pure work on bytes.
    struct Derivation {
        let group: DispatchGroup
        let results: PartialResults<Result<ArticleRecord, DeriveFailure>>
        let started: DispatchTime
    }

    /// What the configuration chooses about deriving (read at each batch: a reload applies).
    var pipelineOptions: PipelineOptions { PipelineOptions(fileNameDateOrder: config.fileNameDateOrder) }

    func startDerivation(_ inputs: [([UInt8], String, String, String?)]) -> Derivation {
        let options = pipelineOptions
        let results = PartialResults<Result<ArticleRecord, DeriveFailure>>(count: inputs.count)
        let group = DispatchGroup()
        let slow = faults.slowDeriveFile
        DispatchQueue.global(qos: .userInitiated).async(group: group) {
            DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
                let (bytes, name, receivedAt, outlet) = inputs[index]
                if let slow, name == slow { sleep(3600) }  // test fault: a runaway derivation
                results.set(
                    index,
                    Result { () throws(DeriveFailure) in
                        do throws(DecodeError) {
                            return try Pipeline.derive(
                                bytes: bytes, fileName: name, receivedAt: receivedAt, options: options,
                                context: DropContext(folderOutlet: outlet))
                        } catch {
                            throw DeriveFailure(code: FailureCode(error.code), message: error.message)
                        }
                    })
            }
        }
        return Derivation(group: group, results: results, started: .now())
    }

    /// Waits for a derivation, `ingest.max_derive_ms` at most: a file not derived by then
    /// fails as too-slow, and its work is abandoned (it runs on, unseen, until it ends).
    /// nil when marsadd began to stop meanwhile. The wait is bounded, so it feeds systemd's
    /// watchdog itself (every second): the budget, not the watchdog, ends a slow file.
    func awaitDerivation(_ derivation: Derivation) -> [Result<ArticleRecord, DeriveFailure>]? {
        let budget = config.maxDeriveMs
        let deadline = derivation.started + .milliseconds(budget)
        var lastPing = derivation.started
        while derivation.group.wait(timeout: min(deadline, .now() + .milliseconds(100))) == .timedOut {
            if stopping.load(ordering: .relaxed) { return nil }
            if DispatchTime.now() >= deadline { break }
            if DispatchTime.now() >= lastPing + .seconds(1) {
                lastPing = .now()
                notify("WATCHDOG=1")
            }
        }
        return derivation.results.values().map {
            $0
                ?? .failure(
                    DeriveFailure(code: .tooSlow, message: "deriving it took longer than \(budget) ms (ingest.max_derive_ms); it was abandoned"))
        }
    }
}
