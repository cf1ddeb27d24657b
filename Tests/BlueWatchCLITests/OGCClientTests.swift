import BlueWatchTesting
import Foundation
import Testing

/// Clients nobody here wrote, against a live `bluewatch serve`: OWSLib's OGC API – Features
/// and EDR classes and erddapy's tabledap walk the stations and read Honolulu's sea level,
/// which must equal the raw file's values (Tests/Fixtures/clients/*.py); the access log.
struct OGCClientTests {
    let dir = TemporaryDirectory("bluewatch-ogc")

    @Test("OWSLib: conformance, collections, stations with bbox across 180° and paging, EDR position and location queries equal to the raw file")
    func owslib() throws {
        let python = TestPaths.packageRoot + "/.venv/bin/python"
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: python)
        probe.arguments = ["-c", "import owslib"]
        probe.standardError = FileHandle.nullDevice
        try probe.run()
        probe.waitUntilExit()
        try #require(probe.terminationStatus == 0, "OWSLib missing: run scripts/bootstrap.sh --test")

        let cli = CommandRunner(database: dir.file("store.sqlite"))
        let files = ["sealevel/psmsl/rlr_monthly/1327.rlrdata", "sealevel/hourly/HNL2010.asc", "tsunami/dart_tohoku2011_raw/21418.txt"]
        let ingest = try cli.run(["ingest", "--quiet"] + files.map(TestPaths.data))
        try #require(ingest.status == 0, "\(ingest.stderr)")
        let server = try LiveServer(database: cli.database)
        defer { server.stop() }
        let (status, printed) = try Self.python(["owslib_client.py", server.base + "/", TestPaths.data("sealevel/hourly/HNL2010.asc")])
        #expect(status == 0 && printed.contains("owslib: all checks passed"), "\(printed)")
    }

    /// Runs a client script of Tests/Fixtures/clients with the checkout's Python: its exit
    /// status and everything it printed.
    static func python(_ arguments: [String]) throws -> (Int32, String) {
        let client = Process()
        client.executableURL = URL(fileURLWithPath: TestPaths.packageRoot + "/.venv/bin/python")
        client.arguments = [TestPaths.packageRoot + "/Tests/Fixtures/clients/" + arguments[0]] + arguments.dropFirst()
        let out = Pipe()
        client.standardOutput = out
        client.standardError = out
        try client.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        client.waitUntilExit()
        return (client.terminationStatus, printed)
    }

    @Test("erddapy: search, allDatasets, info attributes, tabledap .csvp and .csv into pandas equal to the raw file, distinct()")
    func erddapy() throws {
        let cli = CommandRunner(database: dir.file("erddap.sqlite"))
        let files = ["sealevel/psmsl/rlr_monthly/1327.rlrdata", "sealevel/hourly/HNL2010.asc", "tsunami/dart_tohoku2011_raw/21418.txt"]
        let ingest = try cli.run(["ingest", "--quiet"] + files.map(TestPaths.data))
        try #require(ingest.status == 0, "\(ingest.stderr)")
        let server = try LiveServer(database: cli.database)
        defer { server.stop() }
        let (status, printed) = try Self.python(["erddapy_client.py", server.base + "/erddap", TestPaths.data("sealevel/hourly/HNL2010.asc")])
        #expect(status == 0 && printed.contains("erddapy: all checks passed"), "\(printed)")
    }

    @Test("the access log: one JSON line per request with method, target, status, bytes and duration")
    func accessLog() throws {
        let cli = CommandRunner(database: dir.file("log.sqlite"))
        #expect(try cli.run(["ingest", "--quiet", TestPaths.data("sealevel/psmsl/rlr_monthly/1327.rlrdata")]).status == 0)
        let log = dir.file("access.jsonl")
        let server = try LiveServer(database: cli.database, arguments: ["--access-log", "json"], stderr: log)
        for path in ["/stations/suva", "/no/such/route", "/collections/stations/items?limit=2"] { _ = LiveServer.status(server.base + path) }
        server.stop()
        let entries = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let requests = entries.filter { ($0["target"] as? String)?.hasPrefix("/health") == false }
        #expect(requests.map { $0["target"] as? String } == ["/stations/suva", "/no/such/route", "/collections/stations/items?limit=2"], "\(entries)")
        #expect(requests.map { $0["status"] as? Int } == [200, 404, 200])
        #expect(requests.allSatisfy { $0["method"] as? String == "GET" && $0["duration_ms"] is Double && $0["bytes"] is Int })
    }

    @Test("netCDF-C over OPeNDAP: ncdump -h opens a stored series by URL; netCDF4-python reads series and grid slices lazily, equal to the original files")
    func opendap() throws {
        let cli = CommandRunner(database: dir.file("dap.sqlite"))
        let grid = TestPaths.data("sealevel/altimetry/dt_med_allsat_phy_l4_2005T2.nc")
        #expect(try cli.run(["ingest", "--quiet", TestPaths.data("sealevel/hourly/HNL2010.asc"), grid]).status == 0)
        let server = try LiveServer(database: cli.database)
        defer { server.stop() }
        let station = try #require(LiveServer.fetch(server.base + "/stations/honolulu"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(station.body.utf8)) as? [String: Any])
        let id = try #require((json["series"] as? [[String: Any]])?.first?["id"] as? Int)
        let url = server.base + "/opendap/series/\(id)"

        let ncdump = Process()
        ncdump.executableURL = URL(fileURLWithPath: "/usr/bin/ncdump")
        ncdump.arguments = ["-h", url]
        let out = Pipe()
        ncdump.standardOutput = out
        ncdump.standardError = out
        try ncdump.run()
        let header = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ncdump.waitUntilExit()
        #expect(ncdump.terminationStatus == 0 && header.contains("time = 8760 ;") && header.contains("double sea_level(time) ;")
                && header.contains("sea_level:units = \"m\" ;") && header.contains(":featureType = \"timeSeries\" ;"), "\(header)")

        let grids = try #require(LiveServer.fetch(server.base + "/grids"))
        let gridID = try #require((try JSONSerialization.jsonObject(with: Data(grids.body.utf8)) as? [[String: Any]])?.first?["id"] as? Int)
        let (status, printed) = try Self.python(["netcdf4_opendap_client.py", url, TestPaths.data("sealevel/hourly/HNL2010.asc"),
                                                 server.base + "/opendap/grids/\(gridID)", grid, "adt"])
        #expect(status == 0 && printed.contains("netcdf4 over opendap: all checks passed"), "\(printed)")
        let bad = try #require(LiveServer.fetch(url + ".dods?sea_level[0:1:99999]"))
        #expect(bad.status == 400 && bad.body.hasPrefix("Error {") && bad.body.contains("outside sea_level's time[0:8759]"), "\(bad.body)")
    }
}
