// swift-tools-version:6.1
import PackageDescription

// The libFuzzer harnesses of the MIME parser and the iCalendar reader, kept out of the main package so that ordinary builds never need
// libFuzzer's runtime. Build and run it with `make fuzz` (see scripts/fuzz).
let package = Package(
    name: "CRMServiceFuzz",
    dependencies: [.package(name: "CRMService", path: "..")],
    targets: [
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "MIMEFuzz",
            dependencies: ["CFuzzerDriver", .product(name: "MailMIME", package: "CRMService")]
        ),
        .executableTarget(
            name: "CalendarFuzz",
            dependencies: ["CFuzzerDriver", .product(name: "Calendar", package: "CRMService")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
