import BlueWatchTesting
import Foundation
import NetCDF
import Testing

/// `bluewatch plastics …` on the real microplastics files, as a user runs it.
struct PlasticsCLITests {
    let dir = TemporaryDirectory()
    var cli: CommandRunner { CommandRunner(database: dir.file("store.sqlite")) }

    @Test("ingest the real files and a file with bad rows; summary, grid, hotspots and trend; outputs written; clear refusals")
    func plastics() throws {
        let ingest = try cli.run(["ingest", TestPaths.data("microplastics"), TestPaths.packageRoot + "/Tests/Fixtures/plastics/ncei_some_bad_rows.csv"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.contains("dropped 5 row(s)") && ingest.stdout.contains("latitude out of range"), "\(ingest.stdout)")

        let summary = try cli.run(["plastics", "summary", "--format", "json"])
        #expect(summary.status == 0, "\(summary.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as? [String: Any])
        let groups = try #require(report["groups"] as? [[String: Any]])
        // Each group is one unit: the NCEI pieces/m³ (and the fixture's pieces/L, converted) are
        // one group; the fixture's pieces/km² (manta net) and every per-kg or per-sample group
        // stay apart.
        let keys = groups.compactMap { $0["key"] as? String }
        #expect(keys.first == "surface_water.m3.neuston-net.mesh-unknown")
        #expect((groups.first?["samples"] as? Int) == 1852 + 2)
        #expect(keys.contains("surface_water.km2.manta-net.mesh-unknown"))
        #expect(keys.contains { $0.hasPrefix("sediment.kg-dw.") } && keys.contains { $0.hasPrefix("beach.kg-dw.") })
        let sources = try #require(report["sources"] as? [[String: Any]])
        #expect(sources.contains { ($0["dropped"] as? Int) == 5 })

        let out = dir.file("grid.nc"), map = dir.file("map.svg"), cells = dir.file("cells.geojson")
        let hot = try cli.run(["plastics", "hotspots", "--resolution", "1", "--out", out, "--map", map, "--geojson", cells, "--permutations", "199"])
        #expect(hot.status == 0, "\(hot.stderr)")
        #expect(hot.stdout.contains("hot spots") && hot.stdout.contains("Sources: NCEI marine microplastics"), "\(hot.stdout)")
        #expect(hot.stderr.contains("other group(s) not mixed in"))
        for file in [out, map, cells] { #expect(FileManager.default.fileExists(atPath: file), "\(file) not written") }
        let svg = try String(contentsOfFile: map, encoding: .utf8)
        #expect(svg.contains("class=\"cell\"") && svg.contains("hot spots"))
        let geo = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: cells))) as? [String: Any])
        #expect(((geo["features"] as? [Any])?.count ?? 0) > 100)

        let spots = try cli.run(["plastics", "hotspots", "--permutations", "99", "--format", "geojson"])
        let spotJSON = try #require(try JSONSerialization.jsonObject(with: Data(spots.stdout.utf8)) as? [String: Any])
        let spotFeatures = try #require(spotJSON["features"] as? [[String: Any]])
        #expect(!spotFeatures.isEmpty && spotFeatures.allSatisfy { (($0["properties"] as? [String: Any])?["spot"] as? String).map { $0 == "hot" || $0 == "cold" } ?? false })

        let grid = try cli.run(["plastics", "grid", "--group", "beach.kg-dw.beach-transect-quadrat-microplastics.ge500um", "--resolution", "0.1", "--format", "csv"])
        #expect(grid.status == 0, "\(grid.stderr)")
        #expect(grid.stdout.hasPrefix("cell,latitude,longitude") && grid.stdout.contains("pieces/kg dw"))

        let trend = try cli.run(["plastics", "trend"])
        #expect(trend.status == 0, "\(trend.stderr)")
        #expect(trend.stdout.contains("Polynesia") && trend.stdout.contains("Sen"), "\(trend.stdout)")

        let unknown = try cli.run(["plastics", "hotspots", "--group", "no.such.group"])
        #expect(unknown.status == 1 && unknown.stderr.contains("the selection holds"), "\(unknown.stderr)")
        let unplaced = try cli.run(["plastics", "hotspots", "--matrix", "sediment"])
        #expect(unplaced.status == 1 && unplaced.stderr.contains("no samples with coordinates"), "\(unplaced.stderr)")
        // NetCDF longitudes as CSV and GeoJSON give them (−180…180, issue 22); a grid across the
        // antimeridian runs east past 180 to stay monotonic and says so.
        let across = try NetCDFFile.open(out)
        let acrossLon = try #require(try across.root.variable(named: "lon")).read(Double.self)
        let acrossComment = try across.root.attribute("comment")?.text ?? ""
        #expect(acrossLon.max()! > 180 && acrossComment.contains("crosses the antimeridian"))
        let eastOnly = CommandRunner(database: dir.file("east.sqlite"))
        #expect(try eastOnly.run(["ingest", "--quiet", TestPaths.data("microplastics/ncei_npsg_east_microplastics.csv")]).status == 0)
        let eastNC = dir.file("east.nc")
        #expect(try eastOnly.run(["plastics", "grid", "--out", eastNC]).status == 0)
        let east = try NetCDFFile.open(eastNC)
        let eastLon = try #require(try east.root.variable(named: "lon")).read(Double.self)
        #expect(eastLon.allSatisfy { $0 >= -180 && $0 < 0 } && eastLon == eastLon.sorted(), "\(eastLon.prefix(3))…")
        let eastMax = try east.root.attribute("geospatial_lon_max")?.number ?? 0
        #expect(eastMax < 0)

        let badUnit = try cli.run(["plastics", "summary", "--unit", "furlongs"])
        #expect(badUnit.status == 64)
    }
}
