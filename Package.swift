// swift-tools-version: 6.2
import PackageDescription

/// The layout mirrors the architecture: pure modules (`FieldPlanCore`, `FieldPlanRouting`,
/// `FieldPlanZoning`, `FieldPlanPlanning`, `FieldPlanReports`, `FieldPlanRendering`) do no
/// I/O; `FieldPlanApp` holds each use case once; `FieldPlanStore`, `FieldPlanInterchange` and
/// `FieldPlanServer` and `FieldPlanCLI` are thin edges that depend on them, never the other way round.
let package = Package(
    name: "FieldPlan",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "fieldplan", targets: ["fieldplan"]),
        .library(name: "FieldPlanCore", targets: ["FieldPlanCore"]),
        .library(name: "FieldPlanRouting", targets: ["FieldPlanRouting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        // Already required by Hummingbird; named for NIOPosix's thread pool.
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        // The PostgreSQL store (SPEC §13): the wire protocol, `PostgresClient`'s pool and COPY.
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        // Pure core: domain types, money, geography, the travel model, priorities.
        .target(name: "FieldPlanCore"),
        // Pure vehicle-routing engine (VRPTW with prizes, breaks, multi-depot) and the
        // parsers of the standard benchmark formats.
        .target(name: "FieldPlanRouting"),
        // Pure balanced, compact, stable territory design.
        .target(name: "FieldPlanZoning"),
        // The system zlib (zlib1g-dev), for OSM PBF blocks.
        .systemLibrary(name: "CZlib"),
        // Pure road travel (SPEC §11): the OSM PBF reader, the road graph of a profile, snapping,
        // and the many-to-many searches behind `TravelMatrixSource`. The file is read at the edge.
        .target(name: "FieldPlanRoads", dependencies: ["FieldPlanCore", "CZlib"]),
        // Edge: the client of an OSRM server (`travel osrm`): `/table` in blocks, with timeouts
        // and retries, behind `TravelMatrixSource`; `/route` for drawing. Foundation's URLSession.
        .target(name: "FieldPlanOSRM", dependencies: ["FieldPlanCore"]),
        // Pure daily planning: candidates, priorities, the routing problem, the plan and its checker.
        .target(name: "FieldPlanPlanning", dependencies: ["FieldPlanCore", "FieldPlanRouting"]),
        // Pure KPI reports (SPEC §7): a report is a function of the period's facts.
        .target(name: "FieldPlanReports", dependencies: ["FieldPlanCore"]),
        // Pure drawing, the one place that draws: the toolkit (escaping, SVG, palettes, print
        // CSS, text tables) and what is drawn with it: route sheets (HTML with an SVG map, text,
        // CSV), the zone map, and the reports for people (text, HTML with SVG charts).
        .target(name: "FieldPlanRendering", dependencies: ["FieldPlanCore", "FieldPlanReports", "FieldPlanZoning"]),
        // Edge: NDJSON / CSV reading and writing with line-numbered validation.
        .target(name: "FieldPlanInterchange", dependencies: ["FieldPlanCore", "FieldPlanPlanning", "FieldPlanReports"]),
        // Edge: the SQLite store through GRDB.
        .target(name: "FieldPlanStore", dependencies: [
            "FieldPlanCore", "FieldPlanInterchange", "FieldPlanPlanning", "FieldPlanReports",
            .product(name: "GRDB", package: "GRDB.swift"),
            // The SQLite C API itself, for binding import rows without boxing them.
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // Edge: the PostgreSQL store (SPEC §13) behind the same `AgencyStore` interface as the
        // SQLite one; the only module that imports PostgresNIO.
        .target(name: "FieldPlanPostgres", dependencies: [
            "FieldPlanCore", "FieldPlanStore", "FieldPlanInterchange", "FieldPlanPlanning", "FieldPlanReports",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The application layer: each use case once, for the command line and the HTTP service.
        .target(name: "FieldPlanApp", dependencies: [
            "FieldPlanCore", "FieldPlanReports", "FieldPlanStore", "FieldPlanPlanning", "FieldPlanRouting", "FieldPlanZoning",
            "FieldPlanInterchange", "FieldPlanRendering", "FieldPlanRoads", "FieldPlanOSRM",
        ]),
        // Edge: the HTTP service (SPEC §8) on Hummingbird: routes, token auth, request logs.
        .target(name: "FieldPlanServer", dependencies: [
            "FieldPlanCore", "FieldPlanApp", "FieldPlanStore", "FieldPlanPostgres", "FieldPlanInterchange", "FieldPlanRendering", "FieldPlanReports",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ], exclude: ["Web"]),  // the web app's sources; compiled in as WebAssets.swift (scripts/embed-web)
        // Edge: the command line.
        .target(name: "FieldPlanCLI", dependencies: [
            "FieldPlanCore", "FieldPlanRouting", "FieldPlanZoning", "FieldPlanPlanning", "FieldPlanInterchange", "FieldPlanStore",
            "FieldPlanPostgres", "FieldPlanReports", "FieldPlanRendering", "FieldPlanApp", "FieldPlanServer", "FieldPlanRoads",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "fieldplan", dependencies: ["FieldPlanCLI"]),
        // Not part of the product: Hummingbird's "hello" route, the ceiling `scripts/bench-serve` compares with.
        .executableTarget(name: "fieldplan-hello", dependencies: [.product(name: "Hummingbird", package: "hummingbird")]),

        .testTarget(name: "FieldPlanCoreTests", dependencies: ["FieldPlanCore"]),
        .testTarget(name: "FieldPlanRoutingTests", dependencies: ["FieldPlanRouting"]),
        .testTarget(name: "FieldPlanZoningTests", dependencies: ["FieldPlanZoning"]),
        .testTarget(name: "FieldPlanRoadsTests", dependencies: ["FieldPlanRoads", "FieldPlanCore"]),
        .testTarget(name: "FieldPlanOSRMTests", dependencies: ["FieldPlanOSRM", "FieldPlanCore"]),
        .testTarget(name: "FieldPlanPlanningTests", dependencies: ["FieldPlanPlanning", "FieldPlanRouting", "FieldPlanCore"]),
        .testTarget(name: "FieldPlanReportsTests", dependencies: ["FieldPlanReports", "FieldPlanCore"]),
        .testTarget(name: "FieldPlanRenderingTests", dependencies: [
            "FieldPlanCore", "FieldPlanZoning", "FieldPlanReports", "FieldPlanRendering", "FieldPlanInterchange",
        ], exclude: ["Golden"]),
        .testTarget(name: "FieldPlanInterchangeTests", dependencies: ["FieldPlanInterchange", "FieldPlanCore"]),
        .testTarget(name: "FieldPlanStoreTests", dependencies: ["FieldPlanStore", "FieldPlanInterchange", "FieldPlanCore"]),
        .testTarget(name: "FieldPlanAppTests", dependencies: [
            "FieldPlanApp", "FieldPlanStore", "FieldPlanInterchange", "FieldPlanPlanning", "FieldPlanRendering", "FieldPlanCore",
            "FieldPlanZoning",
        ]),
        // The store contract on both engines, and the PostgreSQL store's own tests (a server
        // from scripts/pg-dev through FIELDPLAN_TEST_POSTGRES_URL).
        .testTarget(name: "FieldPlanPostgresTests", dependencies: [
            "FieldPlanPostgres", "FieldPlanStore", "FieldPlanCore", "FieldPlanInterchange", "FieldPlanServer", "fieldplan",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "FieldPlanCLITests", dependencies: ["FieldPlanCLI", "fieldplan"]),
        .testTarget(name: "FieldPlanServerTests", dependencies: [
            "FieldPlanServer", "FieldPlanApp", "FieldPlanRendering", "FieldPlanStore", "FieldPlanCore", "FieldPlanInterchange", "FieldPlanPlanning", "FieldPlanRouting",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
    ]
)
