// bluewatch-bench: the Swift side of the side-by-side benchmarks in bench/*.sh.
//
//   bluewatch-bench netcdf-read DATA_DIR [--repeat N]   decode every numeric variable of every .nc file
//   bluewatch-bench store-50y [--repeat N]               50-year hourly series: blocks vs one row per value
//   bluewatch-bench grid-read FILE VAR [--repeat N]      read and decode one grid variable (the floor for grid trends)
//   bluewatch-bench mk FILE [--repeat N]                 Mann-Kendall, Hamed-Rao and Sen on one value per line
//   bluewatch-bench tides FILE LAT [--repeat N]          harmonic analysis (auto constituents, OLS, trend, linear CI)
//   bluewatch-bench qc FILE STATION [--repeat N]         the QARTOD tests of stations/qc.toml for that station
//   bluewatch-bench fmm GRID.nc [--repeat N]             travel times from the Tohoku epicentre cell (scikit-fmm's setup)
//   bluewatch-bench detect DATA_DIR [--repeat N]         DART and gauge detectors over every record in DATA_DIR/tsunami
//   bluewatch-bench alerts DATA_DIR                      one incremental alert run: 100 stations, a day of new 1-minute data each
//   bluewatch-bench plastics FILE.csv RES BAND_KM [--repeat N]  harmonise, grid and Gi* (999 permutations, FDR) the samples of an NCEI CSV
//   bluewatch-bench extremes SERIES.json SAMPLES [--repeat N]  GEV fit + SAMPLES-resample bootstrap of each series of annual maxima
//   bluewatch-bench highlow FILE LAT YEARS [--repeat N]   high/low waters of the FILE's tide fit predicted over YEARS years
//
// Prints one JSON object per run on standard output.
import BlueWatchAnalysis
import BlueWatchCore
import BlueWatchIngest
import BlueWatchStore
import Foundation
import GRDB
import NetCDF

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func emit(_ object: [String: Any]) {
    let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

let arguments = Array(CommandLine.arguments.dropFirst())
let repeats = arguments.firstIndex(of: "--repeat").flatMap { Int(arguments[$0 + 1]) } ?? 5

switch arguments.first {
case "netcdf-read":
    let root = arguments.count > 1 && !arguments[1].hasPrefix("--") ? arguments[1] : "../shared/data"
    let files = try DatasetReader.files(under: root).filter { $0.hasSuffix(".nc") }
    var best = Double.infinity
    var values = 0
    if arguments.contains("--verbose") {
        for path in files {
            let file = try NetCDFFile.open(path)
            let n = try file.root.variables().filter(\.type.isNumeric).reduce(0) { $0 + (try CFVariable($1).decode().count) }
            FileHandle.standardError.write(Data("\(URL(fileURLWithPath: path).lastPathComponent) \(n)\n".utf8))
        }
    }
    for _ in 0..<repeats {
        values = 0
        let t = try seconds {
            for path in files {
                let file = try NetCDFFile.open(path)
                for v in try file.root.variables() where v.type.isNumeric {
                    let decoded = try CFVariable(v).decode()
                    values += decoded.count
                    if CFTimeAxis.isTimeCoordinate(v), v.dimensions.count == 1 { _ = try CFTimeAxis(v) }
                }
            }
        }
        best = min(best, t)
    }
    emit(["bench": "netcdf-read", "tool": "bluewatch", "files": files.count, "values": values, "seconds": best, "repeats": repeats])

case "store-50y":
    let catalog = try SourceCatalog(contentsOf: "stations/sources.toml")
    let registry = try StationRegistry(contentsOf: "stations/registry.toml")
    var dataset = try DatasetReader(catalog: catalog).read("../shared/data/sealevel/hourly/HNL2010.asc")
    let year = dataset.series[0].series
    var times: [Double] = [], values: [Double] = []
    for k in 0..<50 {
        let shift = Double(k - 40) * 365 * 86_400
        times += year.times.map { $0 + shift }
        values += year.values
    }
    dataset.series[0].series = TimeSeries(times: times, values: values)
    let dir = NSTemporaryDirectory() + "/bluewatch-bench-\(UUID().uuidString.prefix(6))"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var bestWrite = Double.infinity, bestRead = Double.infinity, size = 0
    for run in 0..<repeats {
        let path = dir + "/blocks\(run).sqlite"
        let store = try SQLiteStore(path: path)
        try store.syncRegistry(registry)
        bestWrite = min(bestWrite, try seconds { _ = try store.ingest(dataset, registry: registry) })
        let id = try store.seriesList(stationID: "honolulu").first!.id!
        bestRead = min(bestRead, try seconds { _ = try store.readSeries(id: id, from: nil, to: nil) })
        let pool = try DatabaseQueue(path: path)
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE); VACUUM") }
        size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
    // The naive layout for comparison: one row per value, with an index on (series, time).
    var rowWrite = Double.infinity, rowRead = Double.infinity, rowSize = 0
    for run in 0..<repeats {
        let path = dir + "/rows\(run).sqlite"
        let db = try DatabasePool(path: path)
        try db.write { try $0.execute(sql: "CREATE TABLE obs (seriesId INTEGER, time REAL, value REAL, flag INTEGER, PRIMARY KEY (seriesId, time)) WITHOUT ROWID") }
        rowWrite = min(rowWrite, try seconds {
            try db.write { db in
                let statement = try db.makeStatement(sql: "INSERT INTO obs VALUES (1, ?, ?, 2)")
                for i in 0..<times.count { try statement.execute(arguments: [times[i], values[i]]) }
            }
        })
        rowRead = min(rowRead, try seconds {
            _ = try db.read { db in
                var t: [Double] = [], v: [Double] = []
                t.reserveCapacity(times.count); v.reserveCapacity(times.count)
                let rows = try Row.fetchCursor(db, sql: "SELECT time, value FROM obs WHERE seriesId = 1 ORDER BY time")
                while let row = try rows.next() { t.append(row[0]); v.append(row[1]) }
                return t.count
            }
        })
        try db.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE); VACUUM") }
        rowSize = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
    emit(["bench": "store-50y", "values": times.count, "repeats": repeats,
          "blocks": ["write_s": bestWrite, "read_s": bestRead, "bytes": size],
          "rows": ["write_s": rowWrite, "read_s": rowRead, "bytes": rowSize]])

case "grid-read":
    let path = arguments[1], name = arguments[2]
    var best = Double.infinity, cells = 0
    for _ in 0..<repeats {
        best = min(best, try seconds {
            let grid = try CFGrid.grids(in: try NetCDFFile.open(path)).first { $0.name == name }!
            cells = try grid.band(rows: 0..<grid.ny).count
        })
    }
    emit(["bench": "grid-read", "tool": "bluewatch", "values": cells, "seconds": best, "repeats": repeats])

case "mk":
    let text = try String(contentsOfFile: arguments[1], encoding: .utf8)
    let values = text.split(whereSeparator: { $0.isNewline }).compactMap { Double($0) }
    var best = Double.infinity
    var result: [String: Any] = [:]
    for _ in 0..<repeats {
        best = min(best, seconds {
            let mk = MannKendall.original(values)!
            let hr = MannKendall.hamedRao(values)!
            let sen = SenSlope.median(times: values.indices.map(Double.init), values: values)!
            result = ["s": mk.s, "p": mk.p, "hr_p": hr.p, "sen": sen]
        })
    }
    result["bench"] = "mann-kendall"; result["tool"] = "bluewatch"; result["n"] = values.count; result["seconds"] = best
    emit(result)

case "tides":
    let series = try DatasetReader(catalog: SourceCatalog(entries: [])).read(arguments[1]).series[0].series
    var mm = series
    for i in mm.values.indices { mm.values[i] *= 1000 }
    var best = Double.infinity
    var fit: TideFit?
    for _ in 0..<repeats { best = min(best, try seconds { fit = try TideFit.analyse(mm, latitude: Double(arguments[2])!) }) }
    let m2 = fit!.constituent("M2")!
    emit(["bench": "tides", "tool": "bluewatch", "n": series.count, "constituents": fit!.constituents.count, "seconds": best,
          "m2_amplitude": m2.amplitude, "m2_phase": m2.phase, "m2_amplitude_ci": m2.amplitudeInterval])

case "qc":
    let parsed = try DatasetReader(catalog: SourceCatalog(entries: [])).read(arguments[1]).series[0]
    let home = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    let catalog = try QCCatalog(contentsOf: home + "/stations/qc.toml")
    let kind = QCCatalog.kind(of: parsed.descriptor)!
    let (configuration, _) = catalog.configuration(kind: kind, station: arguments[2])!
    var best = Double.infinity
    var result: QCResult?
    for _ in 0..<repeats { best = min(best, seconds { result = QualityControl.run(parsed.series, configuration: configuration) }) }
    emit(["bench": "qc", "tool": "bluewatch", "n": parsed.series.count, "seconds": best,
          "aggregate": Dictionary(uniqueKeysWithValues: QCFlag.allCases.map { f in (String(f.rawValue), result!.aggregate.filter { $0 == f }.count) })])

case "fmm":
    let file = try NetCDFFile.open(arguments[1])
    let grid = try CFGrid.grids(in: file).first { $0.name == "elevation" }!
    let z = try grid.slice()
    let speed = z.map { $0 < 0 ? (9.81 * Double(-$0)).squareRoot() : 0 }
    let j0 = grid.latitudes.indices.min { abs(grid.latitudes[$0] - 38.297) < abs(grid.latitudes[$1] - 38.297) }!
    let i0 = grid.longitudes.indices.min { abs(grid.longitudes[$0] - 142.373) < abs(grid.longitudes[$1] - 142.373) }!
    var best = Double.infinity
    var field: TravelTimeField?
    for _ in 0..<repeats {
        best = min(best, try seconds {
            field = try TravelTimeField(ny: grid.ny, nx: grid.nx, speed: speed, dx: [Double](repeating: 5800, count: grid.ny),
                                        dy: [Double](repeating: 7413, count: grid.ny), source: [j0 * grid.nx + i0])
        })
    }
    let reached = field!.times.filter { !$0.isNaN }.count
    emit(["bench": "fmm", "tool": "bluewatch", "cells": grid.nx * grid.ny, "reached": reached, "seconds": best,
          "t21418": field![j0, grid.longitudes.indices.min { abs(grid.longitudes[$0] - 148.76) < abs(grid.longitudes[$1] - 148.76) }!]])

case "detect":
    let reader = DatasetReader(catalog: try SourceCatalog(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path + "/stations/sources.toml"))
    var records: [(Bool, TimeSeries)] = []
    for path in try DatasetReader.files(under: arguments[1] + "/tsunami") {
        guard case .read = reader.disposition(of: path), let dataset = try? reader.read(path) else { continue }
        for p in dataset.series where p.descriptor.variable == "water_column_height" || (p.descriptor.samplingSeconds ?? .infinity) <= 360 {
            records.append((p.descriptor.variable == "water_column_height" || p.station.provider == "ndbc", p.series))
        }
    }
    let samples = records.reduce(0) { $0 + $1.1.count }
    var best = Double.infinity, found = 0
    for _ in 0..<repeats {
        best = min(best, seconds {
            found = 0
            for (isDART, s) in records {
                found += isDART ? DartDetector().triggers(s).count : GaugeDetector().detect(s).count
            }
        })
    }
    emit(["bench": "detect", "tool": "bluewatch", "records": records.count, "samples": samples, "seconds": best,
          "samples_per_second": Double(samples) / best, "triggers": found])

case "alerts":
    // 100 gauges, each with the real Nuku'alofa 1-minute record (Tohoku 2011) as its data:
    // two days of history, a first run to set the watermarks, then a new day for every station
    // and the timed incremental run (evaluate + commit), tsunami and residual rules on all.
    let home = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    let reader = DatasetReader(catalog: try SourceCatalog(contentsOf: home + "/stations/sources.toml"))
    let real = try reader.read(arguments[1] + "/tsunami/tidegauge_nukualofa/nukualofa_tohoku2011_detided.csv").series.first { $0.descriptor.variable == "sea_level" }!.series
    let scratch = NSTemporaryDirectory() + "/bluewatch-alert-bench-\(UUID().uuidString.prefix(6))"
    try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let stations = (0..<100).map { k in
        Station(id: "bench-\(k)", name: "Bench \(k)", country: "nowhere", kind: .tideGauge, latitude: -21.1 + Double(k) * 0.01, longitude: -175.2,
                identifiers: ["bench:\(k)"])
    }
    let registry = try StationRegistry(stations: stations)
    let store = try SQLiteStore(path: scratch + "/bench.sqlite")
    try store.syncRegistry(registry)
    let split1 = real.lowerBound(of: UTCTime.parse("2011-03-11T00:00:00Z")!), split2 = real.lowerBound(of: UTCTime.parse("2011-03-12T00:00:00Z")!)
    func ingest(_ range: Range<Int>, _ tag: String) throws {
        for (k, _) in stations.enumerated() {
            let file = scratch + "/\(tag)-\(k).txt"
            try "\(tag) \(k)".write(toFile: file, atomically: true, encoding: .utf8)
            let piece = TimeSeries(times: Array(real.times[range]), values: Array(real.values[range]), flags: Array(real.flags[range]))
            var d = ParsedDataset(source: try SourceFile(path: file), format: .gaugeCSV, title: "bench \(tag) \(k)")
            d.series = [ParsedSeries(station: StationReference(provider: "bench", id: "\(k)"), descriptor: SeriesDescriptor(variable: "sea_level", units: "m", sourceUnits: "m", samplingSeconds: 60), series: piece)]
            _ = try store.ingest(d, registry: registry)
        }
    }
    try ingest(0..<split1, "history")
    let rules = scratch + "/rules.toml"
    try "sender = \"bench\"\n[[rule]]\nid = \"tsunami\"\nkind = \"tsunami\"\n[[rule]]\nid = \"residual\"\nkind = \"residual\"\nthreshold = 0.3\n".write(toFile: rules, atomically: true, encoding: .utf8)
    let configuration = try AlertConfiguration(contentsOf: rules, registry: registry, projects: try ProjectRegistry(contentsOf: home + "/stations/projects.toml"))
    let engine = AlertEngine(configuration: configuration, registry: registry)
    let first = try engine.evaluate(store: store, now: real.times[split1 - 1])
    try store.commitAlertRun(first.changes, watermarks: first.watermarks)
    try ingest(split1..<split2, "day")
    var outcome: AlertEngine.Outcome?
    let elapsed = try seconds {
        outcome = try engine.evaluate(store: store, now: real.times[split2 - 1])
        try store.commitAlertRun(outcome!.changes, watermarks: outcome!.watermarks)
    }
    emit(["bench": "alerts", "tool": "bluewatch", "stations": stations.count, "new_values": stations.count * (split2 - split1),
          "evaluations": outcome!.evaluated, "changes": outcome!.changes.count, "seconds": elapsed])

case "plastics":
    let reader = DatasetReader(catalog: SourceCatalog(entries: []))
    let samples = try reader.read(arguments[1]).samples
    var options = PlasticGridAnalysis.Options()
    options.resolution = Double(arguments[2])!
    options.bandKm = Double(arguments[3])!
    options.hotSpots = true
    var best = Double.infinity, stages = (harmonise: 0.0, grid: 0.0)
    var analysis: PlasticGridAnalysis?
    for _ in 0..<repeats {
        var harmonised: PlasticHarmoniser.Result?
        let h = seconds { harmonised = PlasticHarmoniser().harmonise(samples) }
        let (group, values) = harmonised!.groups.max { $0.value.count < $1.value.count }!
        var gridOnly = options
        gridOnly.hotSpots = false
        let g = try seconds { _ = try PlasticGridAnalysis(group: group, values: values, options: gridOnly) }
        let total = try h + seconds { analysis = try PlasticGridAnalysis(group: group, values: values, options: options) }
        if total < best { (best, stages) = (total, (h, g)) }
    }
    let a = analysis!
    emit(["bench": "plastics", "tool": "bluewatch", "samples": a.values.count, "cells": a.cells.cells.count, "seconds": best,
          "harmonise_seconds": stages.harmonise, "grid_seconds": stages.grid,
          "significant": a.giStar!.hotSpots + a.giStar!.coldSpots, "area_m2": a.cells.area.reduce(0, +)])

case "extremes":
    // SERIES.json: [{"name": …, "maxima": [...], "years": [...]}]
    struct Series: Decodable { let name: String; let maxima: [Double]; let years: [Double] }
    let list = try JSONDecoder().decode([Series].self, from: Data(contentsOf: URL(fileURLWithPath: arguments[1])))
    let samples = Int(arguments[2])!
    let periods: [Double] = [2, 5, 10, 20, 50, 100]
    var best = Double.infinity
    var levels: [Double] = [], uppers: [Double] = []
    for _ in 0..<repeats {
        best = min(best, try seconds {
            levels = []; uppers = []
            for series in list {
                let fit = try ExtremeValueFit.gev(maxima: series.maxima, years: series.years)
                let boot = try fit.bootstrap(periods: periods, samples: samples)
                levels.append(try fit.returnLevel(period: 100))
                uppers.append(boot.interval(5).upper ?? .nan)
            }
        })
    }
    emit(["bench": "extremes", "tool": "bluewatch", "series": list.count, "samples": samples, "seconds": best,
          "level100": levels, "upper100": uppers, "names": list.map(\.name)])

case "highlow":
    let catalog = try SourceCatalog(contentsOf: FileManager.default.currentDirectoryPath + "/stations/sources.toml")
    let series = try DatasetReader(catalog: catalog).read(arguments[1]).series[0].series
    let fit = try TideFit.analyse(series, latitude: Double(arguments[2])!)
    let years = Int(arguments[3])!
    let start = UTCTime.seconds(year: 1983, month: 1, day: 1), end = UTCTime.seconds(year: 1983 + years, month: 1, day: 1)
    var best = Double.infinity
    var count = 0
    for _ in 0..<repeats { best = min(best, seconds { count = fit.highLowWaters(from: start, to: end).events.count }) }
    emit(["bench": "highlow", "tool": "bluewatch", "years": years, "events": count, "seconds": best])

default:
    FileHandle.standardError.write(Data("usage: bluewatch-bench netcdf-read [DATA_DIR] | store-50y | grid-read FILE VAR | mk FILE | tides FILE LAT | qc FILE STATION | fmm GRID | detect DATA_DIR  [--repeat N]\n".utf8))
    exit(64)
}
