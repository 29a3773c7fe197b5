#if canImport(Glibc)
    import Glibc
#endif

/// Claim folders (processing/<claim>/), reused: an emptied one is renamed aside and renamed
/// to the next claim's name, instead of a rmdir and a mkdir per file (ext4 looks for a free
/// inode that was not freed recently at each mkdir: a quarter of a millisecond in a burst,
/// measured with perf). A spare holds nothing, and recovery removes the empty folders it
/// finds, spares included.
final class ClaimFolders {
    private let processing: BytePath
    private var spares: [BytePath] = []
    private var made = 0
    static let maxSpares = Ingestor.batchFiles

    init(processing: BytePath) { self.processing = processing }

    /// Makes the folder `path`: a spare renamed, else a new one.
    func make(_ path: BytePath) throws(SystemError) {
        while let spare = spares.popLast() {
            do throws(SystemError) {
                try FS.renameNoReplace(spare, path)
                return
            } catch {
                try? FS.removeEmptyTree(spare)  // gone or not empty: forget it, take the next
            }
        }
        try FS.makeDirectories(path)
    }

    /// Takes back a claim folder that is empty now; removed instead when enough are spare.
    func retire(_ path: BytePath) {
        if spares.count < Self.maxSpares {
            made += 1
            let spare = processing.appending(".spare-\(getpid())-\(made)")
            if (try? FS.renameNoReplace(path, spare)) != nil {
                spares.append(spare)
                return
            }
        }
        try? FS.removeEmptyTree(path)
    }
}
