// swift-tools-version:6.1
import PackageDescription

// Targets and the direction of their dependencies follow ../shared/DESIGN.md ("Modules").
let package = Package(
    name: "CRMService",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "crmservice", targets: ["crmservice"]),
        .library(name: "MailMIME", targets: ["MailMIME"]),
        .library(name: "Calendar", targets: ["Calendar"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: ["YAML"]),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // bcrypt for console passwords (HummingbirdBcrypt only: its C bcrypt, none of swift-crypto is built).
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // The console's server-rendered pages: templates that escape every value.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // The console's CSV uploads (multipart/form-data, RFC 7578).
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        // Archives (§10): zlib's deflate and CRC-32 for the archive's chunks and its ZIP download.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .target(name: "CRMCore"),
        .target(name: "MailMIME"),
        .target(name: "Matching", dependencies: ["CRMCore", "MailMIME"]),
        .target(
            name: "Jobs",
            dependencies: [
                "CRMCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // libcurl from Debian's libcurl4-openssl-dev; the module's header adds typed wrappers for the variadic
        // curl_easy_setopt/curl_easy_getinfo, which Swift cannot call.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(
            name: "IMAPClient",
            dependencies: ["CRMCore", "CCurl", .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "Store", dependencies: ["CRMCore", "StorePostgres", .product(name: "GRDB", package: "GRDB.swift")]),
        // iCalendar (RFC 5545) over bytes; later CalDAV over libcurl and the two-way sync of §9.
        .target(name: "Calendar", dependencies: ["CRMCore"]),
        // CalDAV (RFC 4791, RFC 6578) over libcurl: PROPFIND, sync-collection, multiget, conditional PUT/DELETE.
        .target(name: "CalDAVClient", dependencies: ["CRMCore", "CCurl"]),
        // The two-way sync of §9 (one user at a time) against the CalendarSyncStore port and a CalDAV collection.
        .target(name: "CalendarSync", dependencies: ["CRMCore", "CalDAVClient"]),
        .target(
            name: "Capture",
            dependencies: [
                "CRMCore", "MailMIME", "Matching", "IMAPClient",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The admin HTTP server: /healthz, /metrics and the console (§8). It knows CRMCore only; CRMServiceApp
        // composes it. HummingbirdTLS (swift-nio-ssl) serves the console over TLS when configured.
        .target(
            name: "AdminHTTP",
            dependencies: [
                "CRMCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Archives (§10): the compressed chunk stream kept in the database and the ZIP written by `archive download`.
        .target(name: "Archive", dependencies: ["CRMCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(
            name: "CRMServiceApp",
            dependencies: [
                "CRMCore", "MailMIME", "Matching", "Jobs", "Store", "IMAPClient", "Capture", "AdminHTTP", "Digest", "Archive",
                "Calendar", "CalDAVClient", "CalendarSync",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The users' digest (§11): who gets which entries, the message built byte by byte, SMTP over libcurl.
        .target(
            name: "Digest",
            dependencies: ["CRMCore", "MailMIME", "CCurl", .product(name: "Logging", package: "swift-log")]
        ),
        .executableTarget(
            name: "crmservice",
            dependencies: ["CRMServiceApp", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        .executableTarget(name: "ParseBenchmark", dependencies: ["MailMIME"], path: "Benchmarks/ParseBenchmark"),
        .executableTarget(name: "CalendarBenchmark", dependencies: ["Calendar", "CRMCore"], path: "Benchmarks/CalendarBenchmark"),
        .executableTarget(
            name: "RankBenchmark", dependencies: ["CRMServiceApp", "Matching", "Store", "MailMIME", "CRMCore"],
            path: "Benchmarks/RankBenchmark"
        ),

        .testTarget(name: "CRMCoreTests", dependencies: ["CRMCore"]),
        .testTarget(name: "MailMIMETests", dependencies: ["MailMIME", "TestSupport"]),
        .testTarget(name: "MatchingTests", dependencies: ["Matching", "MailMIME", "CRMCore"]),
        .testTarget(name: "JobsTests", dependencies: ["Jobs", "TestSupport"]),
        .testTarget(
            name: "IMAPClientTests",
            dependencies: ["IMAPClient", "TestSupport", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(name: "StoreTests", dependencies: ["StoreTestSupport", "Store", "CRMCore"]),
        .testTarget(name: "CalendarTests", dependencies: ["Calendar", "CRMCore", "TestSupport"]),
        .testTarget(name: "CaptureTests", dependencies: ["StoreTestSupport", "Capture", "CRMServiceApp", "Store", "Matching", "MailMIME", "CRMCore"]),
        .testTarget(
            name: "PollingTests",
            dependencies: [
                "StoreTestSupport", "Capture", "CRMServiceApp", "Store", "IMAPClient", "CRMCore", "TestSupport", "AdminHTTP",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // The scripted IMAPS servers the tests start with python3: not sources of the target.
            exclude: [
                "Support/scripted-imap-server.py", "Support/hostile-imap-server.py", "Support/tls_test_server.py",
            ]
        ),
        .testTarget(name: "CRMServiceAppTests", dependencies: ["StoreTestSupport", "CRMServiceApp", "MailMIME", "TestSupport"]),
        .testTarget(name: "AdminHTTPTests", dependencies: ["StoreTestSupport", "AdminHTTP", "CRMCore", "Store", "TestSupport", "CRMServiceApp"]),
        .testTarget(
            name: "DigestTests",
            dependencies: ["StoreTestSupport", "Digest", "CRMServiceApp", "Store", "Capture", "Matching", "MailMIME", "CRMCore", "TestSupport"]
        ),
        .testTarget(name: "ArchiveTests", dependencies: ["StoreTestSupport", "Archive", "CRMServiceApp", "Store", "CRMCore", "TestSupport"]),
        // Helpers shared by test targets (the Dovecot harness, child processes, prerequisites, a plain HTTP client for
        // the admin server); never linked into the product.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // Opens a test's store on SQLite, or on PostgreSQL in the suite's PostgreSQL pass (CRM_TEST_POSTGRES_URL).
        .target(name: "StoreTestSupport", dependencies: ["Store", "StorePostgres"], path: "Tests/StoreTestSupport"),
        // PostgreSQL (issue 14): libpq from Debian's libpq-dev, synchronous like GRDB (docs/postgresql.md).
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(name: "StorePostgres", dependencies: ["CRMCore", "CLibPQ"]),
        .testTarget(name: "StorePostgresTests", dependencies: ["StorePostgres", "TestSupport"]),
        .testTarget(name: "CalDAVClientTests", dependencies: ["CalDAVClient", "CRMCore", "TestSupport"]),
        .testTarget(
            name: "CalendarSyncTests",
            dependencies: ["StoreTestSupport", "CalendarSync", "CalDAVClient", "CRMServiceApp", "Store", "CRMCore", "TestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
