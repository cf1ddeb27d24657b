import BlueWatchTesting
import Foundation
import Testing

/// The `bluewatch` binary, run as a user runs it.
@Suite(.serialized)
struct CLITests {
    let dir = TemporaryDirectory("bluewatch-cli")
    var cli: CommandRunner { CommandRunner(database: dir.file("store.sqlite")) }

    @Test("a mistyped --db is refused by commands that only read (exit 2, nothing created); commands that write create the store (issue 22)",
          .enabled(if: TestStoreKind.current == .sqlite, "SQLite files; PostgresCentreTests checks a missing PostgreSQL database"))
    func missingStore() throws {
        let missing = dir.file("typo/bluewatch.sqlite")
        for command in [["stations"], ["series", "list"], ["alerts", "list"], ["status"], ["trend", "suva"], ["report", "--project", "blue-21-sids-sealevel"]] {
            let r = try CommandRunner(database: missing).run(command)
            #expect(r.status == 2 && r.stderr.contains("no store at"), "\(command): \(r.status) \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: missing), "\(command) created the store")
        }
        let created = dir.file("new.sqlite")
        let ingest = try CommandRunner(database: created).run(["ingest", "--quiet", TestPaths.data("sealevel/psmsl/rlr_monthly/1327.rlrdata")])
        #expect(ingest.status == 0 && FileManager.default.fileExists(atPath: created), "\(ingest.stderr)")
    }

    @Test("each command's --format takes only what it writes: the help lists those values and any other is refused with the list (issue 22)")
    func formatsPerCommand() throws {
        let cases: [([String], String)] = [
            (["series", "list"], "table, json, csv"), (["status"], "table, json"), (["alerts", "list"], "table, json"),
            (["info", "x"], "table, json"), (["stations"], "table, json, csv, geojson"), (["series", "export", "x"], "csv, json, netcdf"),
            (["report"], "html, md, json, pdf"), (["alerts", "run"], "table, jsonl"), (["tides", "constituents"], "table, csv"),
            (["trend", "grid", "x"], "table, json"), (["extremes", "x"], "table, json, csv"),
        ]
        for (command, values) in cases {
            let help = try cli.run(command + ["--help"], withDatabase: false)
            let flat = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(help.status == 0 && flat.contains("(values: \(values);"), "\(command): \(flat.suffix(300))")
        }
        for (command, wrong) in [(["series", "list"], "geojson"), (["status"], "csv"), (["alerts", "list"], "netcdf"), (["report", "--project", "x"], "txt")] {
            let r = try cli.run(command + ["--format", wrong])
            #expect(r.status == 64 && r.stderr.contains("Please provide one of"), "\(command) --format \(wrong): \(r.status) \(r.stderr)")
        }
    }

    @Test("no example in any --help wraps mid-command at 80 columns (issue 22)")
    func examplesDoNotWrap() throws {
        let dump = try cli.run(["--experimental-dump-help"], withDatabase: false)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var paths: [[String]] = []
        func walk(_ command: [String: Any], _ path: [String]) {
            paths.append(path)
            for sub in command["subcommands"] as? [[String: Any]] ?? [] { walk(sub, path + [sub["commandName"] as? String ?? ""]) }
        }
        walk(try #require(root["command"] as? [String: Any]), [])
        var examples = 0
        for path in paths {
            let help = try cli.run(path + ["--help"], withDatabase: false)
            let lines = help.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "Examples:" }) else { continue }
            for line in lines[(start + 1)...] {
                if line.trimmingCharacters(in: .whitespaces).isEmpty { break }
                examples += 1
                #expect(line.hasPrefix("  bluewatch ") || line.hasPrefix("  curl ") || line.hasPrefix("    "), "bluewatch \(path.joined(separator: " ")): an example wraps: '\(line)'")
                #expect(line.count <= 80, "bluewatch \(path.joined(separator: " ")): '\(line)' is wider than 80 columns")
            }
        }
        #expect(examples > 50, "\(examples) example lines found")
    }

    @Test("--help teaches the commands and exit codes")
    func help() throws {
        let r = try cli.run(["--help"], withDatabase: false)
        #expect(r.status == 0)
        for word in ["ingest", "stations", "series", "info", "status", "Exit status"] { #expect(r.stdout.contains(word), "\(word)") }
        let ingest = try cli.run(["ingest", "--help"], withDatabase: false)
        #expect(ingest.stdout.contains("SHA-256"))
    }

    @Test("ingest ../shared/data succeeds on everything, then again as a no-op")
    func ingestSharedData() throws {
        let first = try cli.run(["ingest", TestPaths.sharedData, "--quiet"])
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("ingest: 222 stored, 0 already present"))
        #expect(first.stdout.contains("0 failed"))
        let again = try cli.run(["ingest", TestPaths.sharedData, "--quiet"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("ingest: 0 stored, 222 already present"))

        let stations = try cli.run(["stations", "--project", "blue-21-sids-sealevel", "--format", "csv"])
        #expect(stations.status == 0)
        #expect(stations.stdout.contains("suva,Suva,Fiji"))
        let geojson = try cli.run(["stations", "--kind", "dart_buoy", "--format", "geojson"])
        let object = try JSONSerialization.jsonObject(with: Data(geojson.stdout.utf8)) as? [String: Any]
        #expect((object?["features"] as? [Any])?.count == 6)

        let list = try cli.run(["series", "list", "dart-21418"])
        #expect(list.stdout.contains("water_column_height"))

        let ambiguous = try cli.run(["series", "export", "honolulu"])
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr.contains("choose one with --series ID or --sampling"))

        let csv = try cli.run(["series", "export", "suva", "--sampling", "monthly", "--from", "1998-01", "--to", "1998-03", "--series", seriesID(list: try cli.run(["series", "list", "suva", "--format", "csv"]).stdout, sampling: "monthly", file: "2356.rlrdata")])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout.split(separator: "\n").filter { $0.hasPrefix("1998-") }.count == 3)

        let nc = dir.file("suva.nc")
        let export = try cli.run(["series", "export", "nukualofa", "--variable", "sea_level_residual", "--series",
                                  seriesID(list: try cli.run(["series", "list", "nukualofa", "--format", "csv"]).stdout, sampling: "1 min", file: "nukualofa_1min_tohoku2011_uhslc-layout.nc", variable: "sea_level_residual"),
                                  "--format", "netcdf", "--output", nc])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(FileManager.default.fileExists(atPath: nc))

        let status = try cli.run(["status", "--format", "json"])
        let summary = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        #expect(summary?["datasets"] as? Int == 222)

        // One record per observation (issue 15): DART 21418 arrives as NDBC text and in two
        // NetCDF layouts; the copies are kept (with their datasets) but every command uses one.
        let dart = try cli.run(["series", "list", "dart-21418", "--format", "csv"]).stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let heights = dart.filter { $0.count > 12 && $0[2] == "water_column_height" }
        #expect(heights.count == 3 && heights.filter { $0[10] == "canonical" }.count == 1 && heights.filter { $0[10].hasPrefix("copy of ") }.count == 2, "\(heights)")
        let detect = try cli.run(["tsunami", "detect", "dart-21418"])
        #expect(detect.status == 0 && detect.stdout.components(separatedBy: "DART 21418 (dart-21418)").count == 2, "\(detect.stdout)")
        let monthly = try cli.run(["series", "export", "honolulu", "--sampling", "monthly"])
        #expect(monthly.status == 0 && monthly.stdout.split(separator: "\n").filter { $0.hasPrefix("20") || $0.hasPrefix("19") }.count == 1392, "\(monthly.stderr)")
        let copy: String = try #require(heights.first { $0[10].hasPrefix("copy of ") }.map { $0[0] })
        let named = try cli.run(["series", "export", "dart-21418", "--variable", "water_column_height", "--series", copy, "--format", "json"])
        #expect(named.status == 0, "an alternate can still be named: \(named.stderr)")
    }

    @Test("qc and tides on stored records and on files")
    func qcAndTides() throws {
        let files = ["sealevel/hourly/HNL2010.asc", "tsunami/tidegauge_nukualofa/nukualofa_tohoku2011_detided.csv",
                     "tsunami/netcdf/dart_21418_tohoku2011_ndbc-layout.nc"].map { TestPaths.data($0) }
        let ingest = try cli.run(["ingest", "--quiet"] + files)
        #expect(ingest.status == 0, "\(ingest.stderr)")

        let qc = try cli.run(["qc", "honolulu"])
        #expect(qc.status == 0, "\(qc.stderr)")
        for word in ["kind gauge-hourly", "station override", "climatology", "aggregate", "2010-02-27T23:00:00Z"] { #expect(qc.stdout.contains(word), "\(word)") }
        let dart = try cli.run(["qc", "dart-21418", "--format", "json"])
        let reports = try JSONSerialization.jsonObject(with: Data(dart.stdout.utf8)) as? [[String: Any]]
        let counts = (reports?.first?["counts"] as? [String: [String: Int]])?["aggregate"]
        #expect((counts?["4"] ?? 0) > 0 && (counts?["3"] ?? 0) > 0)
        let rows = try cli.run(["qc", "nukualofa", "--flags", "--from", "2011-03-11T06:00:00Z", "--to", "2011-03-11T06:09:00Z"])
        #expect(rows.stdout.split(separator: "\n").first == "station,series,time,value,time_gap,gross_range,spike,rate_of_change,flat_line,aggregate")
        #expect(rows.stdout.split(separator: "\n").count == 11)
        // Two records with different tests (1-minute and monthly): still one table, one header,
        // the union of the tests as columns, so pandas reads it (issue 22).
        #expect(try cli.run(["ingest", "--quiet", TestPaths.data("sealevel/psmsl/rlr_monthly/1842.rlrdata")]).status == 0)
        let table = try cli.run(["qc", "nukualofa", "--flags", "--format", "csv"]).stdout.split(separator: "\n")
        let width = table.first.map { $0.split(separator: ",", omittingEmptySubsequences: false).count } ?? 0
        #expect(table.filter { $0.hasPrefix("station,") }.count == 1 && width == 10)
        #expect(Set(table.map { $0.split(separator: ",", omittingEmptySubsequences: false).count }) == [width])
        #expect(table.contains { $0.hasPrefix("nukualofa,psmsl:1842,") } && table.contains { $0.hasPrefix("nukualofa,bluewatch:nukualofa,") })
        let recompute = try cli.run(["qc", "honolulu", "--recompute"])
        #expect(recompute.status == 0 && recompute.stderr.contains("flags changed in 0 series"))

        let analyse = try cli.run(["tides", "analyse", "honolulu"])
        #expect(analyse.status == 0, "\(analyse.stderr)")
        for word in ["M2", "K1", "SNR", "left out: 2 suspect", "source: ", "m/yr fitted with it"] { #expect(analyse.stdout.contains(word), "\(word)") }
        let json = try cli.run(["tides", "analyse", TestPaths.data("sealevel/hourly/HNL2010.asc"), "--constituents", "M2,S2,K1,O1", "--format", "json"])
        let fits = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        let constituents = (fits?.first?["fit"] as? [String: Any])?["constituents"] as? [[String: Any]]
        #expect(constituents?.count == 4)
        let predict = try cli.run(["tides", "predict", "nukualofa", "--from", "2011-03-11T18:00:00Z", "--to", "2011-03-11T20:00:00Z", "--residual"])
        #expect(predict.status == 0, "\(predict.stderr)")
        let lines = predict.stdout.split(separator: "\n")
        #expect(lines.first == "time,observed_m,predicted_m,residual_m" && lines.count > 100)
        let regular = try cli.run(["tides", "predict", "honolulu", "--from", "2030-01-01", "--to", "2030-01-02", "--step", "1h"])
        #expect(regular.stdout.split(separator: "\n").count == 1 + 48)  // two whole days, hourly
        // Twenty years after the 2010 record the fitted one-year trend is not extrapolated unless
        // asked (issue 22: it predicted 4.5 m against a 1.42 m mean), and the command says so.
        let values = regular.stdout.split(separator: "\n").dropFirst().compactMap { $0.split(separator: ",").last.flatMap { Double($0) } }
        #expect(values.count == 48 && values.allSatisfy { (0.5...2.5).contains($0) }, "\(values.prefix(4))")
        #expect(regular.stderr.contains("held at its value at the record's end"))
        let extended = try cli.run(["tides", "predict", "honolulu", "--from", "2030-01-01", "--to", "2030-01-02", "--step", "1h", "--trend"])
        #expect(extended.stderr.contains("extended there, as --trend asks"))
        let far = extended.stdout.split(separator: "\n").dropFirst().compactMap { $0.split(separator: ",").last.flatMap { Double($0) } }
        #expect(zip(far, values).allSatisfy { $0 - $1 > 1 }, "the fitted trend (about 0.2 m/yr) over 20 years adds metres")

        let unknown = try cli.run(["tides", "analyse", "honolulu", "--constituents", "M2,ZZ7"])
        #expect(unknown.status == 64 && unknown.stderr.contains("unknown constituent 'ZZ7'"))
        let short = try cli.run(["tides", "analyse", "honolulu", "--from", "2010-03-01T00:00:00Z", "--to", "2010-03-01T12:00:00Z"])
        #expect(short.status == 1 && short.stdout.contains("needs at least a day"))
    }

    @Test("tsunami detect and forecast, with the reasons for refusals")
    func tsunami() throws {
        let files = ["tsunami/dart_tohoku2011_raw/21418.txt", "events/usgs_global_M6plus_1960-2019.csv", "bathymetry/nw_pacific_4arcmin_dem.nc",
                     "tsunami/tidegauge_hawaii_tohoku2011/hilo_1617760_2011-03-11_to_2011-03-13.csv"].map { TestPaths.data($0) }
        let ingest = try cli.run(["ingest", "--quiet"] + files)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let detect = try cli.run(["tsunami", "detect", "dart-21418", "hilo"])
        #expect(detect.status == 0, "\(detect.stderr)")
        for word in ["seismic", "tsunami arrival: 2011-03-11T06:15:00Z", "2011 Great Tohoku Earthquake", "scanned"] { #expect(detect.stdout.contains(word), "\(word)") }
        let file = try cli.run(["tsunami", "detect", TestPaths.data("tsunami/dart_tohoku2011_raw/21413.txt"), "--format", "json"])
        let reports = try JSONSerialization.jsonObject(with: Data(file.stdout.utf8)) as? [[String: Any]]
        #expect((reports?.first?["tsunamiArrival"] as? String)?.hasPrefix("2011-03-11T07:00") == true)
        // Every time in the JSON is an ISO 8601 string, none seconds since 1970 (issue 22).
        let triggers = try #require(reports?.first?["dartTriggers"] as? [[String: Any]])
        #expect(!triggers.isEmpty && triggers.allSatisfy { t in ["time", "peakTime", "lastTime"].allSatisfy { (t[$0] as? String)?.hasPrefix("2011-03-") == true } })

        let nc = dir.file("tt.nc"), svg = dir.file("tt.svg")
        let forecast = try cli.run(["tsunami", "forecast", "--event", "official20110311054624120_30", "--out", nc, "--map", svg])
        #expect(forecast.status == 0, "\(forecast.stderr)")
        for word in ["DART 21418", "Wake Island", "estimate (Abe 1981)", "Source region"] { #expect(forecast.stdout.contains(word), "\(word)") }
        #expect(FileManager.default.fileExists(atPath: nc) && FileManager.default.fileExists(atPath: svg))
        let manual = try cli.run(["tsunami", "forecast", "--lat", "38.3", "--lon", "142.4", "--mag", "8", "--time", "2011-03-11T05:46:24Z", "--format", "json"])
        #expect(manual.status == 0, "\(manual.stderr)")

        let inland = try cli.run(["tsunami", "forecast", "--lat", "36.2", "--lon", "138.25", "--mag", "7", "--time", "2020-01-01T00:00:00Z"])
        #expect(inland.status == 1 && inland.stderr.contains("on land"))
        let outside = try cli.run(["tsunami", "forecast", "--lat=-36.1", "--lon=-72.9", "--mag", "8.8", "--time", "2010-02-27T06:34:11Z",
                                   "--grid", TestPaths.data("bathymetry/nw_pacific_4arcmin_dem.nc")])
        #expect(outside.status == 1 && outside.stderr.contains("outside the bathymetry grid"))
        let fill = dir.file("21499.txt")
        try "#YY  MM DD hh mm ss T   HEIGHT\n#yr  mo dy hr mn  s -        m\n2011 03 11 00 00 00 1 9999.000\n2011 03 11 00 15 00 1 9999.000\n".write(toFile: fill, atomically: true, encoding: .utf8)
        let empty = try cli.run(["tsunami", "detect", fill])
        #expect(empty.status == 1 && empty.stderr.contains("missing"), "\(empty.stderr)")
        let usage = try cli.run(["tsunami", "forecast", "--lat", "10"])
        #expect(usage.status == 64)
    }

    @Test("a folder of malformed files: each fails with its reason, exit 1, nothing stored")
    func malformedFolder() throws {
        let r = try cli.run(["ingest", TestPaths.packageRoot + "/Tests/Malformed"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("ingest: 0 stored, 0 already present, 2 skipped, 64 failed"))
        #expect(r.stdout.contains("failed   \(TestPaths.packageRoot)/Tests/Malformed/unsorted_times.nc  variable 'sea_level': times are not in order"))
        #expect(r.stderr.contains("64 file(s) failed; nothing of them was stored"))
        let status = try cli.run(["status", "--format", "json"])
        let summary = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        #expect(summary?["datasets"] as? Int == 0)
    }

    @Test("info describes a file without storing it; usage errors exit 64")
    func infoAndUsage() throws {
        let info = try cli.run(["info", TestPaths.data("tsunami/dart_tohoku2011_raw/21413.txt")])
        #expect(info.status == 0)
        #expect(info.stdout.contains("NDBC DART water-column height"))
        #expect(info.stdout.contains("dart-21413 (ndbc:21413)"))
        #expect(info.stdout.contains("newest-first"))
        let json = try cli.run(["info", TestPaths.data("sealevel/netcdf/psmsl_rlr_monthly_9stations_contiguous-ragged.nc"), "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["series"] as? [Any])?.count == 9)
        let bad = try cli.run(["info", TestPaths.malformed("unknown_calendar.nc")])
        #expect(bad.status == 1 && bad.stderr.contains("unknown calendar 'lunar'"))
        let usage = try cli.run(["series", "export", "suva", "--format", "netcdf"])
        #expect(usage.status == 64 && usage.stderr.contains("needs --out FILE"))
        let notADate = try cli.run(["series", "export", "suva", "--from", "last tuesday"])
        #expect(notADate.status == 64)
    }

    @Test("trend: stations from the store, files without storing, grids to NetCDF, and clear refusals")
    func trend() throws {
        let ingest = try cli.run(["ingest", TestPaths.data("sealevel/psmsl/rlr_monthly/1327.rlrdata"), TestPaths.data("sealevel/psmsl/rlr_monthly/155.rlrdata"), "-q"])
        #expect(ingest.status == 0)
        let table = try cli.run(["trend", "suva", "honolulu", "--split", "1993"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("psmsl:1327") && table.stdout.contains("not meaningful") && table.stdout.contains("step of"))
        #expect(table.stdout.contains("OLS mm/yr [95% CI]") && table.stdout.contains("split before / after"))
        let json = try cli.run(["trend", TestPaths.data("sealevel/psmsl/rlr_monthly/1842.rlrdata"), "--format", "json"])
        let reports = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(reports?.first?["station"] as? String == "nukualofa")
        let csv = try cli.run(["trend", "--all", "--format", "csv"])
        #expect(csv.stdout.split(separator: "\n").count == 3, "header plus the two stored records")
        let out = dir.file("grid.nc")
        let grid = try cli.run(["trend", "grid", TestPaths.data("sealevel/altimetry/dt_med_allsat_phy_l4_2005T2.nc"), "--var", "adt", "--out", out, "--model", "linear"])
        #expect(grid.status == 0, "\(grid.stderr)")
        #expect(grid.stdout.contains("cells fitted") && grid.stdout.contains("warning: the file spans 0.25 years"))
        #expect(FileManager.default.fileExists(atPath: out))
        // --bbox in OGC's order, west,south,east,north, as the service's bbox= (issue 22).
        let boxed = dir.file("boxed.nc")
        let box = try cli.run(["trend", "grid", TestPaths.data("sealevel/altimetry/dt_med_allsat_phy_l4_2005T2.nc"), "--var", "adt", "--out", boxed, "--model", "linear", "--bbox", "10,35,20,40"])
        #expect(box.status == 0, "\(box.stderr)")
        let ncdump = Process(), pipe = Pipe()
        ncdump.executableURL = URL(fileURLWithPath: "/usr/bin/ncdump")
        ncdump.arguments = ["-v", "lat,lon", boxed]
        ncdump.standardOutput = pipe
        try ncdump.run()
        let dump = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ncdump.waitUntilExit()
        let data = dump.components(separatedBy: "data:").last ?? ""
        func values(_ name: String) -> [Double] {
            let part = data.components(separatedBy: "\(name) =").dropFirst().first?.components(separatedBy: ";").first ?? ""
            return part.split(whereSeparator: { $0 == "," || $0.isWhitespace }).compactMap { Double($0) }
        }
        let (lat, lon) = (values("lat"), values("lon"))
        #expect(!lat.isEmpty && lat.allSatisfy { $0 >= 35 && $0 <= 40 } && !lon.isEmpty && lon.allSatisfy { $0 >= 10 && $0 <= 20 },
                "latitudes \(lat.min() ?? .nan)…\(lat.max() ?? .nan), longitudes \(lon.min() ?? .nan)…\(lon.max() ?? .nan)")
        #expect(try cli.run(["trend", "grid", "x.nc", "--var", "adt", "--bbox", "10,40,20,35"]).status == 64, "south above north is refused")
        let unknown = try cli.run(["trend", "atlantis"])
        #expect(unknown.status == 64 && unknown.stderr.contains("neither a file nor a station id"), "an unknown name is a usage error (issue 22)")
        let noTime = try cli.run(["trend", "grid", TestPaths.data("sealevel/altimetry/nrt_global_allsat_phy_l4_20190223_20190226.nc"), "--var", "adt"])
        #expect(noTime.status == 1 && noTime.stderr.contains("a trend needs at least 3"))
        let usage = try cli.run(["trend"])
        #expect(usage.status == 64)
    }

    /// The id of a series in `series list --format csv` output.
    func seriesID(list: String, sampling: String, file: String, variable: String = "sea_level") -> String {
        for line in list.split(separator: "\n") {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if f.count > 12, f[2] == variable, f[4] == sampling, f[12] == file { return f[0] }
        }
        return "0"
    }
}

/// Files that crash libnetcdf/HDF5 are read in a child process first (issue 16): the command
/// reports the file and goes on with the others.
struct CrashingInputTests {
    let dir = TemporaryDirectory("bluewatch-crashing")
    /// Hanging mutants are cut off after this long (the default is 60 s).
    static let shortChecks = ["BLUEWATCH_READ_TIMEOUT": "4"]

    @Test("every crash regression is refused with its reason; a folder holding one still ingests the rest")
    func crashRegressions() throws {
        let mutants = try Mutant.all()
        #expect(!mutants.isEmpty)
        let folder = dir.file("drop")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let cli = CommandRunner(database: dir.file("store.sqlite"))
        for mutant in mutants {
            let path = try mutant.write(into: folder)
            for command in [["info", path], ["ingest", path]] {
                let r = try cli.run(command, environment: Self.shortChecks)
                #expect(r.status == 1, "\(command): \(r.status) \(r.stderr)")
                for fragment in mutant.expect { #expect((r.stdout + r.stderr).contains(fragment), "\(command): '\(r.stdout)\(r.stderr)' lacks '\(fragment)'") }
            }
        }
        let good = folder + "/155.rlrdata"
        try FileManager.default.copyItem(atPath: TestPaths.data("sealevel/psmsl/rlr_monthly/155.rlrdata"), toPath: good)
        let r = try cli.run(["ingest", folder], environment: Self.shortChecks)
        #expect(r.status == 1)
        #expect(r.stdout.contains("1 stored") && r.stdout.contains("\(mutants.count) failed"), "\(r.stdout)")
    }

    @Test("an alerts drop folder holding every malformed and crashing file: the run reports each, stores none, and alerting goes on")
    func dropFolder() throws {
        let drop = dir.file("incoming")
        try FileManager.default.createDirectory(atPath: drop, withIntermediateDirectories: true)
        let malformed = TestPaths.packageRoot + "/Tests/Malformed"
        let names = try FileManager.default.contentsOfDirectory(atPath: malformed).filter { !$0.hasSuffix(".json") }
        for name in names { try FileManager.default.copyItem(atPath: malformed + "/" + name, toPath: drop + "/" + name) }
        for m in try Mutant.all() { _ = try m.write(into: drop) }
        let cli = CommandRunner(database: dir.file("alerts.sqlite"))
        let config = try dir.write("rules.toml", """
            sender = "bluewatch@test.example"
            outbox = "\(dir.file("outbox"))"
            drop_folders = ["\(drop)"]
            [[rule]]
            id = "tsunami-watch"
            kind = "tsunami"
            stations = ["dart-21418"]
            """)
        let r = try cli.run(["alerts", "run", "--config", config, "--now", "2011-03-11T07:00:00Z"], environment: Self.shortChecks)
        #expect(r.status == 0, "\(r.status): \(r.stderr.suffix(500))")
        let reported = r.stderr.split(separator: "\n").filter { $0.contains("drop folder") }
        #expect(reported.count >= names.count, "\(reported.count) of \(names.count + 5) bad files reported")
        let status = try cli.run(["status", "--format", "json"])
        let summary = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        #expect(summary?["datasets"] as? Int == 0)
        // A good file dropped next is stored by the next run: a bad file never blocks the folder.
        try FileManager.default.copyItem(atPath: TestPaths.data("tsunami/dart_tohoku2011_raw/21418.txt"), toPath: drop + "/21418.txt")
        let next = try cli.run(["alerts", "run", "--config", config, "--now", "2011-03-11T07:00:00Z"], environment: Self.shortChecks)
        #expect(next.status == 3, "the Tohoku wave at DART 21418 raises an alert: \(next.stdout)\(next.stderr.suffix(300))")
    }
}
