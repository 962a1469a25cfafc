// swift-tools-version:6.1
import PackageDescription

// Targets and the direction of their dependencies follow ../shared/DESIGN.md ("Modules").
let package = Package(
    name: "CRMService",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "crmservice", targets: ["crmservice"]),
        .library(name: "MailMIME", targets: ["MailMIME"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .target(name: "CRMCore"),
        .target(name: "MailMIME"),
        .target(name: "Matching", dependencies: ["CRMCore", "MailMIME"]),
        .target(name: "Jobs", dependencies: ["CRMCore"]),
        .target(name: "Store", dependencies: ["CRMCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "Capture", dependencies: ["CRMCore", "MailMIME", "Matching"]),
        .target(name: "CRMServiceApp", dependencies: ["CRMCore", "MailMIME", "Matching", "Jobs", "Store", "Capture"]),
        .executableTarget(
            name: "crmservice",
            dependencies: ["CRMServiceApp", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        .executableTarget(name: "ParseBenchmark", dependencies: ["MailMIME"], path: "Benchmarks/ParseBenchmark"),

        .testTarget(name: "CRMCoreTests", dependencies: ["CRMCore"]),
        .testTarget(name: "MailMIMETests", dependencies: ["MailMIME"]),
        .testTarget(name: "MatchingTests", dependencies: ["Matching", "MailMIME", "CRMCore"]),
        .testTarget(name: "JobsTests", dependencies: ["Jobs"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "CRMCore"]),
        .testTarget(name: "CaptureTests", dependencies: ["Capture", "CRMServiceApp", "Store", "Matching", "MailMIME", "CRMCore"]),
        .testTarget(name: "CRMServiceAppTests", dependencies: ["CRMServiceApp", "MailMIME"]),
    ],
    swiftLanguageModes: [.v6]
)
