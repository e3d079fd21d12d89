// swift-tools-version:6.2
import PackageDescription

/// Language settings every Pallet target shares (the style guide's "from day one" set).
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Pallet",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "pallet", targets: ["Pallet"]),
        .library(name: "NuGetCore", targets: ["NuGetCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // jwt-kit 5.8 needs swift-crypto 4.1 or later; 3.x still resolves for everything else.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // /metrics: the swift-metrics API, exported in the Prometheus text format.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // Pure NuGet knowledge: ids, versions, ranges, frameworks, nuspec, nupkg. No network, no database.
        .target(
            name: "NuGetCore",
            dependencies: [
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        // Trusted publishing's token check: OIDC discovery and JWKS over AsyncHTTPClient, signatures with jwt-kit.
        .target(
            name: "OIDC",
            dependencies: [
                "Gallery",
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // Codable wire documents of the V3 protocol (service index, registration, search, catalog).
        .target(name: "NuGetProtocol", dependencies: ["NuGetCore"], swiftSettings: strictSettings),
        // The domain: publish pipeline, listing, search, downloads, rendering; declares the store protocols.
        .target(
            name: "Gallery",
            dependencies: [
                "NuGetCore", "NuGetProtocol",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings
        ),
        // MetadataStore over SQLKit; dialect differences (SQLite, PostgreSQL) stay inside.
        .target(
            name: "SQLStore",
            dependencies: [
                "Gallery", "NuGetCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings
        ),
        // BlobStore on a local folder.
        .target(
            name: "BlobFileSystem",
            dependencies: ["Gallery", .product(name: "NIOPosix", package: "swift-nio")],
            swiftSettings: strictSettings
        ),
        // BlobStore on any S3-compatible object store: SigV4 on swift-crypto, HTTP on AsyncHTTPClient.
        .target(
            name: "S3BlobStore",
            dependencies: [
                "Gallery",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings
        ),
        // What every HTTP surface shares: request context with the principal, API-key authentication,
        // NuGet error answers and reason phrases, blob and document responses, uploads, connection ends.
        .target(
            name: "HTTPPlumbing",
            dependencies: [
                "Gallery",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings
        ),
        // The NuGet V3 HTTP surface under /v3 (Hummingbird routes).
        .target(
            name: "HTTPV3",
            dependencies: [
                "Gallery", "NuGetCore", "NuGetProtocol", "HTTPPlumbing",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSettings
        ),
        // Everything under /api/v2: the V2 (OData/Atom) feed for older clients (nuget.exe 2.x, VS 2012/2013)
        // and push, unlist, relist.
        .target(
            name: "HTTPV2",
            dependencies: [
                "Gallery", "NuGetCore", "HTTPPlumbing",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        // Debian's cmark-gfm (libcmark-gfm-dev): GitHub-flavoured Markdown for package READMEs.
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // The public web gallery (home, search, package, profile, statistics): server-rendered HTML.
        .target(
            name: "WebGallery",
            dependencies: [
                "Gallery", "NuGetCore", "CCmarkGFM", "HTTPPlumbing",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSettings
        ),
        // Mailer over SMTP (STARTTLS / implicit TLS, AUTH) on SwiftNIO.
        .target(
            name: "Mail",
            dependencies: [
                "Gallery",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // Wires configuration, stores and routes into a runnable application (used by `pallet serve` and tests).
        .target(
            name: "PalletApp",
            dependencies: [
                "Gallery", "HTTPPlumbing", "HTTPV3", "HTTPV2", "WebGallery", "SQLStore", "BlobFileSystem", "S3BlobStore", "NuGetCore", "Mail", "OIDC",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SystemPackage", package: "swift-system"),
                // `pallet push`'s client (and the upstream fetches).
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                // Registration's gzip hives, read for upstream package hashes.
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "Pallet",
            dependencies: [
                "PalletApp", "Gallery", "NuGetCore", "WebGallery",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // In-memory twins of every store protocol and the `TestPackage` nupkg builder: domain tests without a server.
        .target(
            name: "GalleryTestSupport",
            dependencies: ["Gallery", "NuGetCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Tests/GalleryTestSupport",
            swiftSettings: strictSettings
        ),
        // Shared by the test targets: subprocess servers and the backend test servers run on (re-exports GalleryTestSupport).
        .target(
            name: "PalletTestSupport",
            dependencies: [
                "PalletApp", "SQLStore", "S3BlobStore", "GalleryTestSupport", "HTTPPlumbing",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                // The tests' own OpenID provider (trusted publishing, web sign-in).
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Tests/PalletTestSupport",
            swiftSettings: strictSettings
        ),
        // HTTPPlumbing without a server: EarlyAnswerHandler on an EmbeddedChannel (drain limit, timeout, clean ends).
        .testTarget(
            name: "HTTPPlumbingTests",
            dependencies: [
                "HTTPPlumbing",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "NuGetCoreTests", dependencies: ["NuGetCore", "GalleryTestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "HTTPV2Tests",
            dependencies: ["HTTPV2", "HTTPPlumbing", "Gallery", "NuGetCore", "PalletApp", "PalletTestSupport",
                           .product(name: "HummingbirdTesting", package: "hummingbird")],
            swiftSettings: strictSettings
        ),
        // SMTP through a real aiosmtpd (plain/STARTTLS/TLS, AUTH); skipped with a printed reason when aiosmtpd is missing.
        .testTarget(name: "MailTests", dependencies: ["Mail", "Gallery", "PalletTestSupport"], swiftSettings: strictSettings),
        // SigV4 against AWS's published examples; the S3 wire format (XML, multipart) without a server.
        // Against a real S3-compatible server (moto) when PALLET_TEST_S3_ENDPOINT is set: multipart, paging, presigning, failures.
        .testTarget(
            name: "S3BlobStoreTests",
            dependencies: [
                "S3BlobStore", "Gallery",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GalleryTests", dependencies: ["Gallery", "NuGetCore", "NuGetProtocol", "GalleryTestSupport"],
            swiftSettings: strictSettings
        ),
        // Every page rendered through the real router: escaping of hostile package content, one h1, labels.
        .testTarget(
            name: "WebGalleryTests",
            dependencies: [
                "WebGallery", "Gallery", "NuGetCore", "PalletApp", "PalletTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strictSettings
        ),
        // Store contract tests: the same checks for every MetadataStore and BlobStore implementation.
        .testTarget(
            name: "StoreTests",
            dependencies: [
                "Gallery", "SQLStore", "BlobFileSystem", "S3BlobStore", "PalletTestSupport", "GalleryTestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "PalletApp", "Gallery", "NuGetCore", "PalletTestSupport", "SQLStore", "S3BlobStore", "HTTPPlumbing",
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
