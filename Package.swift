// swift-tools-version:6.0
// marsad: a Linux daemon that turns dropped Arabic news articles into a searchable store.
import PackageDescription

let package = Package(
    name: "marsad",
    platforms: [.macOS(.v15)],  // Linux is the target; this only keeps tooling on macOS quiet.
    products: [
        .executable(name: "marsadd", targets: ["marsadd"]),
        .executable(name: "marsadctl", targets: ["marsadctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // System libraries, linked from Debian's -dev packages.
        .systemLibrary(
            name: "CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CSystemd", pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]),

        // Linux calls Swift's Glibc module leaves out (renameat2, leases, SO_PEERCRED).
        .target(name: "CLinux"),

        // The records every module speaks of (article, findings, edits), each defined once:
        // no dependencies.
        .target(name: "MarsadModel"),
        // Pure text processing: no I/O.
        .target(name: "MarsadText", dependencies: ["MarsadModel"], resources: [.embedInCode("Resources/boilerplate.rules")]),
        // Pure extraction on top of the text pipeline: no I/O.
        .target(
            name: "MarsadExtract", dependencies: ["MarsadModel", "MarsadText"],
            resources: [
                .embedInCode("Resources/outlets.tsv"), .embedInCode("Resources/places.tsv"), .embedInCode("Resources/actors.tsv"),
                .embedInCode("Resources/media.tsv"), .embedInCode("Resources/incidents.rules"), .embedInCode("Resources/people.tsv"),
                .embedInCode("Resources/nationalities.tsv"), .embedInCode("Resources/first-names.tsv"),
                .embedInCode("Resources/actor-bodies.tsv"),
            ]),
        // Pure: which articles tell one story and which reports are one incident.
        .target(
            name: "MarsadMerge", dependencies: ["MarsadModel", "MarsadText"],
            resources: [
                .embedInCode("Resources/stopwords.txt"), .embedInCode("Resources/compatible-types.tsv"),
                .embedInCode("Resources/word-frequencies.tsv"),
            ]),
        // Bytes to ArticleRecord: the one pure pipeline, with the daemon's bounds.
        .target(name: "MarsadPipeline", dependencies: ["MarsadModel", "MarsadText", "MarsadExtract"]),
        // The only module that speaks SQL.
        .target(name: "MarsadStore", dependencies: ["CSQLite", "MarsadModel", "MarsadMerge"]),
        // Wire types of the control protocol, shared by daemon and clients.
        .target(name: "MarsadProtocol", dependencies: ["MarsadModel"]),
        // A blocking client of the control socket, for marsadctl and tests.
        .target(name: "MarsadClient", dependencies: ["MarsadModel", "MarsadProtocol"]),
        // The daemon's parts: config, watcher, ingestor, control server, systemd glue.
        .target(
            name: "MarsadDaemon",
            dependencies: [
                "MarsadModel", "MarsadText", "MarsadExtract", "MarsadPipeline", "MarsadStore", "MarsadProtocol", "CSystemd", "CLinux",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]),
        .executableTarget(
            name: "marsadd",
            dependencies: [
                "MarsadDaemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        .executableTarget(
            name: "marsadctl",
            dependencies: [
                // MarsadModel too: its records are the protocol's (a change of their layout must
                // rebuild this target).
                "MarsadModel", "MarsadProtocol", "MarsadClient", "MarsadText",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Fuzzing: the stages that read untrusted bytes, and a harness that runs them under
        // libFuzzer (scripts/fuzz) or replays saved inputs.
        .target(name: "MarsadFuzz", dependencies: ["MarsadModel", "MarsadText", "MarsadExtract", "MarsadPipeline", "MarsadProtocol", "MarsadStore"]),
        .executableTarget(name: "marsad-fuzz", dependencies: ["MarsadFuzz"]),
        // What the pipeline does to the bench corpus, and what it costs (scripts/text-corpus-report).
        .executableTarget(name: "marsad-corpus-report", dependencies: ["CSQLite", "MarsadModel", "MarsadText", "MarsadPipeline"]),
        // The incidents of a folder of articles, per 100 (scripts/false-alarms: on news that
        // reports none, each is a false alarm).
        .executableTarget(name: "marsad-incidents", dependencies: ["MarsadPipeline"]),

        .testTarget(name: "MarsadTextTests", dependencies: ["MarsadText"]),
        .testTarget(name: "MarsadExtractTests", dependencies: ["MarsadModel", "MarsadExtract", "MarsadPipeline"]),
        .testTarget(name: "MarsadMergeTests", dependencies: ["MarsadMerge", "MarsadModel", "MarsadText"]),
        .testTarget(name: "MarsadPipelineTests", dependencies: ["MarsadPipeline", "MarsadModel"]),
        .testTarget(name: "MarsadStoreTests", dependencies: ["MarsadStore", "MarsadModel"]),
        .testTarget(name: "MarsadProtocolTests", dependencies: ["MarsadModel", "MarsadProtocol"]),
        .testTarget(
            name: "MarsadDaemonTests",
            dependencies: ["MarsadDaemon", "MarsadStore", "MarsadProtocol", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "MarsadFuzzTests", dependencies: ["MarsadFuzz"]),
        // Runs the real binaries: depending on them makes `swift test` build them first.
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "MarsadClient", "MarsadModel", "MarsadProtocol", "MarsadStore", "MarsadText", "marsadd", "marsadctl",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
    ]
)
