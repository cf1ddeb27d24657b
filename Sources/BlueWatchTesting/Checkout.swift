import BlueWatchIngest

/// The checkout's own registry files, loaded once for tests.
public enum Checkout {
    public static func registry() throws -> StationRegistry {
        try StationRegistry(contentsOf: TestPaths.packageRoot + "/stations/registry.toml")
    }

    public static func catalog() throws -> SourceCatalog {
        try SourceCatalog(contentsOf: TestPaths.packageRoot + "/stations/sources.toml")
    }

    public static func projects() throws -> ProjectRegistry {
        try ProjectRegistry(contentsOf: TestPaths.packageRoot + "/stations/projects.toml")
    }

    public static func regions() throws -> RegionCatalog {
        try RegionCatalog(contentsOf: TestPaths.packageRoot + "/grids/regions.geojson")
    }

    public static func qc() throws -> QCCatalog {
        try QCCatalog(contentsOf: TestPaths.packageRoot + "/stations/qc.toml")
    }

    public static func reader() throws -> DatasetReader { DatasetReader(catalog: try catalog()) }
}
