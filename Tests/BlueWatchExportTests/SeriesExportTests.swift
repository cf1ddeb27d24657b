import BlueWatchCore
import BlueWatchExport
import BlueWatchIngest
import BlueWatchStore
import BlueWatchTesting
import Foundation
import NetCDF
import Testing

/// Exports of stored series: CSV, JSON, and CF-1.8 / ACDD-1.3 NetCDF checked by the IOOS
/// compliance-checker (installed into .venv by scripts/bootstrap.sh --test).
struct SeriesExportTests {
    /// Ingests one shared file into a memory store and returns its first series as an export.
    func export(_ relative: String, variable: String = "sea_level") throws -> SeriesExport {
        let store = try TestStoreKind.current.make()
        let registry = try Checkout.registry()
        try store.syncRegistry(registry)
        _ = try store.ingest(try Checkout.reader().read(TestPaths.data(relative)), registry: registry)
        let record = try #require(try store.seriesList(stationID: nil).first { $0.variable == variable })
        let station = try #require(try store.station(id: record.stationId))
        let dataset = try #require(try store.datasets().first)
        return SeriesExport(station: station, record: record, dataset: dataset, series: try store.readSeries(id: record.id!, from: nil, to: nil))
    }

    @Test("CSV carries provenance, metres and flags")
    func csv() throws {
        let e = try export("sealevel/psmsl/rlr_monthly/1842.rlrdata")
        let lines = SeriesExporter.csv(e).split(separator: "\n")
        #expect(lines[0].contains("nukualofa"))
        #expect(lines.contains { $0.hasPrefix("# citation:") && $0.contains("Holgate") })
        #expect(lines.contains("time,sea_level_m,qc_flag"))
        #expect(lines.contains { $0.hasPrefix("1993-02-15T00:00:00Z,") })
        #expect(lines.count == 6 + e.series.count)
        #expect(lines.contains { $0.hasSuffix(",,9") }, "missing months are empty with flag 9")
    }

    @Test("JSON parses and uses null for missing values")
    func json() throws {
        let e = try export("sealevel/psmsl/rlr_monthly/1842.rlrdata")
        let object = try JSONSerialization.jsonObject(with: try SeriesExporter.json(e)) as? [String: Any]
        let values = try #require(object?["values"] as? [Any])
        #expect(values.count == e.series.count)
        #expect(values.contains { $0 is NSNull })
        #expect((object?["dataset"] as? [String: Any])?["sha256"] as? String == e.dataset.sha256)
    }

    @Test("NetCDF export reads back through BlueWatch's own CF reader")
    func netcdfRoundTrip() throws {
        let e = try export("tsunami/netcdf/nukualofa_1min_tohoku2011_uhslc-layout.nc")
        let dir = TemporaryDirectory()
        let path = dir.file("out.nc")
        try SeriesExporter.netcdf(e, to: path, command: "test", software: "test")
        let collection = try CFTimeSeriesCollection.read(try NetCDFFile.open(path))
        #expect(collection.stations.count == 1 && collection.stations[0].id == "nukualofa")
        let v = try #require(collection.stations[0].variables.first { $0.name == "sea_level" })
        #expect(v.times == e.series.times)
        #expect(zip(v.values, e.series.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("partial") }.isEmpty)
    }

    @Test("exported NetCDF passes the IOOS compliance-checker for CF-1.8 and ACDD-1.3 with no high-priority failure",
          arguments: ["sealevel/netcdf/honolulu_057_hourly_2010_uhslc-layout.nc", "sealevel/psmsl/rlr_monthly/145.rlrdata", "tsunami/dart_tohoku2011_raw/21418.txt"])
    func complianceChecker(relative: String) throws {
        guard ComplianceChecker.isInstalled else {
            Issue.record("compliance-checker is not installed: run scripts/bootstrap.sh --test")
            return
        }
        let variable = relative.contains("21418") ? "water_column_height" : "sea_level"
        let e = try export(relative, variable: variable)
        let dir = TemporaryDirectory()
        let nc = dir.file("export.nc")
        try SeriesExporter.netcdf(e, to: nc, command: "bluewatch series export (test)", software: "test")
        let report = try #require(try ComplianceChecker.check(nc))
        for (suite, failed) in report.highPriorityFailures { #expect(failed.isEmpty, "\(suite) high-priority failures: \(failed)") }
        let cf = try #require(report.points["cf:1.8"])
        #expect(cf.scored == cf.possible, "CF-1.8: every check passes")
    }
}

struct StationListingTests {
    @Test("GeoJSON is a FeatureCollection with −180…180 longitudes")
    func geojson() throws {
        let registry = try Checkout.registry()
        let rows = registry.stations.map { StationListing.Row(station: $0, seriesCount: 0) }
        let object = try JSONSerialization.jsonObject(with: try StationListing.geojson(rows)) as? [String: Any]
        #expect(object?["type"] as? String == "FeatureCollection")
        let features = try #require(object?["features"] as? [[String: Any]])
        #expect(features.count == registry.stations.count)
        for f in features {
            let c = try #require((f["geometry"] as? [String: Any])?["coordinates"] as? [Double])
            #expect((-180...180).contains(c[0]) && (-90...90).contains(c[1]))
        }
        #expect(StationListing.csv(rows).split(separator: "\n").count == rows.count + 1)
    }
}
