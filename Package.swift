// swift-tools-version:6.1
import PackageDescription

// Layers, top-down (see Docs/ARCHITECTURE.md):
//   CNetCDF, CProj          system libraries through pkg-config, one-line shim headers
//   NetCDF, Geodesy         safe wrappers; depend only on their C module
//   BlueWatchCore           pure Swift domain types and numerics; no I/O
//   BlueWatchIngest         provider formats -> Core types; station registry
//   BlueWatchStore          role protocols; SQLite through GRDB and PostgreSQL through postgres-nio
//   BlueWatchExport         series and stations as CSV, JSON, GeoJSON and CF NetCDF
//   BlueWatchAnalysis       analyses over the store and files: trends, tides, tsunami, plastics, reports
//   BlueWatchWorkflows      use cases written once for every front end (ingest, alerts, delivery)
//   BlueWatchService        the HTTP service (Hummingbird 2, swift-prometheus), built by a library function
//   bluewatch               the command-line tool (thin)
let package = Package(
    name: "BlueWatch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "bluewatch", targets: ["bluewatch"]),
        .library(name: "NetCDF", targets: ["NetCDF"]),
        .library(name: "Geodesy", targets: ["Geodesy"]),
        .library(name: "BlueWatchCore", targets: ["BlueWatchCore"]),
        .library(name: "BlueWatchIngest", targets: ["BlueWatchIngest"]),
        .library(name: "BlueWatchStore", targets: ["BlueWatchStore"]),
        .library(name: "BlueWatchExport", targets: ["BlueWatchExport"]),
        .library(name: "BlueWatchAnalysis", targets: ["BlueWatchAnalysis"]),
        .library(name: "BlueWatchWorkflows", targets: ["BlueWatchWorkflows"]),
        .library(name: "BlueWatchService", targets: ["BlueWatchService"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(name: "CNetCDF", pkgConfig: "netcdf", providers: [.apt(["libnetcdf-dev"])]),
        .systemLibrary(name: "CProj", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),

        .target(name: "NetCDF", dependencies: ["CNetCDF"]),
        .target(name: "Geodesy", dependencies: ["CProj"]),
        .target(name: "BlueWatchCore", dependencies: [.product(name: "HeapModule", package: "swift-collections")]),
        .target(
            name: "BlueWatchIngest",
            dependencies: [
                "BlueWatchCore", "NetCDF", "Geodesy",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .target(
            name: "BlueWatchStore",
            dependencies: ["BlueWatchCore", "BlueWatchIngest", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio"),
                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "NIOConcurrencyHelpers", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
                           .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "BlueWatchExport", dependencies: ["BlueWatchCore", "BlueWatchIngest", "BlueWatchStore", "NetCDF"]),
        .target(
            name: "BlueWatchAnalysis",
            dependencies: ["BlueWatchCore", "BlueWatchIngest", "BlueWatchStore", "NetCDF", "Geodesy", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(name: "BlueWatchWorkflows", dependencies: ["BlueWatchCore", "BlueWatchIngest", "BlueWatchStore", "BlueWatchAnalysis", "NetCDF", "Geodesy"]),
        .target(
            name: "BlueWatchService",
            dependencies: ["BlueWatchCore", "BlueWatchIngest", "BlueWatchStore", "BlueWatchExport", "BlueWatchAnalysis", "BlueWatchWorkflows", "Geodesy",
                           .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "Prometheus", package: "swift-prometheus"), .product(name: "Logging", package: "swift-log")]
        ),
        .executableTarget(
            name: "bluewatch",
            dependencies: [
                "BlueWatchCore", "BlueWatchIngest", "BlueWatchStore", "BlueWatchExport", "BlueWatchAnalysis", "BlueWatchWorkflows", "BlueWatchService", "NetCDF", "Geodesy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "bluewatch-bench",
            dependencies: ["BlueWatchCore", "BlueWatchIngest", "BlueWatchStore", "BlueWatchAnalysis", "NetCDF"],
            path: "bench/Sources/bluewatch-bench"
        ),
        .target(
            name: "BlueWatchTesting",
            dependencies: ["BlueWatchCore", "BlueWatchIngest", "BlueWatchStore", "NetCDF"]
        ),

        .testTarget(name: "BlueWatchExportTests", dependencies: ["BlueWatchExport", "BlueWatchTesting"]),
        .testTarget(name: "BlueWatchAnalysisTests", dependencies: ["BlueWatchAnalysis", "BlueWatchTesting"]),
        .testTarget(name: "NetCDFTests", dependencies: ["NetCDF", "BlueWatchTesting"]),
        .testTarget(name: "GeodesyTests", dependencies: ["Geodesy", "BlueWatchTesting"]),
        .testTarget(name: "BlueWatchCoreTests", dependencies: ["BlueWatchCore", "BlueWatchIngest", "BlueWatchTesting"]),
        .testTarget(name: "BlueWatchIngestTests", dependencies: ["BlueWatchIngest", "BlueWatchTesting", "Geodesy"]),
        .testTarget(
            name: "BlueWatchStoreTests",
            dependencies: ["BlueWatchStore", "BlueWatchTesting", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "BlueWatchWorkflowsTests",
            dependencies: ["BlueWatchWorkflows", "BlueWatchAnalysis", "BlueWatchStore", "BlueWatchIngest", "BlueWatchCore", "BlueWatchTesting",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "BlueWatchCLITests", dependencies: ["BlueWatchTesting", "bluewatch", "NetCDF"]),
        .testTarget(
            name: "BlueWatchServiceTests",
            dependencies: ["BlueWatchService", "BlueWatchAnalysis", "BlueWatchStore", "BlueWatchIngest", "BlueWatchCore", "NetCDF", "BlueWatchTesting", .product(name: "HummingbirdTesting", package: "hummingbird")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
