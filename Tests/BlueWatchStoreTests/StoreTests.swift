import BlueWatchCore
import BlueWatchIngest
import BlueWatchStore
import BlueWatchTesting
import Foundation
import GRDB
import Testing

struct ObservationCodecTests {
    @Test("real series round-trip bit for bit, compactly")
    func realSeries() throws {
        let reader = try Checkout.reader()
        for relative in ["sealevel/hourly/HNL2010.asc", "tsunami/dart_tohoku2011_raw/21401.txt", "sealevel/psmsl/rlr_monthly/145.rlrdata",
                         "moorings/oceansites_papa/DisDel_PAPA_2012PA006_D_DEEP-SEACAT-all.nc", "tsunami/dart_chile2010/32412_notide.txt"] {
            for parsed in try reader.read(TestPaths.data(relative)).series {
                let s = parsed.series
                let times = ObservationCodec.encodeTimes(s.times)
                let values = ObservationCodec.encodeValues(s.values)
                let flags = ObservationCodec.encodeFlags(s.flags)
                #expect(try ObservationCodec.decodeTimes(times) == s.times, "\(relative) times")
                let back = try ObservationCodec.decodeValues(values)
                #expect(back.count == s.count)
                #expect(zip(back, s.values).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }, "\(relative) values")
                #expect(try ObservationCodec.decodeFlags(flags) == s.flags)
            }
        }
        let hourly = try reader.read(TestPaths.data("sealevel/hourly/HNL2010.asc")).series[0].series
        let bytes = ObservationCodec.encodeTimes(hourly.times).count + ObservationCodec.encodeValues(hourly.values).count
        #expect(Double(bytes) / Double(hourly.count) < 2.0, "hourly mm data should take under 2 bytes per value, took \(Double(bytes) / Double(hourly.count))")
    }

    @Test("values that are not short decimals fall back to raw doubles, still exact")
    func fallback() throws {
        let values = [Double.pi, -1e-300, .nan, 1e300, 0.1 + 0.2, -0.0]
        let back = try ObservationCodec.decodeValues(ObservationCodec.encodeValues(values))
        #expect(zip(back, values).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) })
        #expect(throws: StoreError.self) { try ObservationCodec.decodeValues([9, 1]) }
    }
}

/// Every test that the two stores must pass alike runs on both (`TestStoreKind`).
struct StoreTests {
    func parsed(_ relative: String) throws -> ParsedDataset { try Checkout.reader().read(TestPaths.data(relative)) }

    @Test("a dataset ingested by a relative path is stored with its absolute path (issue 22: a server started elsewhere answered 404 for grids)", arguments: TestStoreKind.allCases)
    func absolutePaths(kind: TestStoreKind) throws {
        let store = try kind.make()
        let registry = try Checkout.registry()
        try store.syncRegistry(registry)
        let absolute = URL(fileURLWithPath: TestPaths.data("sealevel/psmsl/rlr_monthly/155.rlrdata")).standardizedFileURL.path
        let here = FileManager.default.currentDirectoryPath.split(separator: "/"), there = absolute.split(separator: "/")
        let common = zip(here, there).prefix { $0 == $1 }.count
        let relative = Array(repeating: "..", count: here.count - common).joined(separator: "/") + "/" + there.dropFirst(common).joined(separator: "/")
        #expect(!relative.hasPrefix("/") && FileManager.default.fileExists(atPath: relative), "\(relative)")
        guard case .stored = try store.ingest(try Checkout.reader().read(relative), registry: registry) else { Issue.record("not stored"); return }
        #expect(try store.datasets().map(\.path) == [absolute])
    }

    @Test("a stored series reads back exactly, whole and by time range", arguments: TestStoreKind.allCases)
    func roundTrip(kind: TestStoreKind) throws {
        let store = try kind.make()
        let registry = try Checkout.registry()
        try store.syncRegistry(registry)
        let dataset = try parsed("sealevel/psmsl/rlr_monthly/155.rlrdata")
        guard case .stored = try store.ingest(dataset, registry: registry) else { Issue.record("not stored"); return }
        let record = try #require(try store.seriesList(stationID: "honolulu").first)
        #expect(record.valueCount == 1392 && record.units == "m" && record.sourceUnits == "mm")
        let back = try store.readSeries(id: record.id!, from: nil, to: nil)
        #expect(back == dataset.series[0].series)
        let from = UTCTime.seconds(year: 2000, month: 1, day: 1), to = UTCTime.seconds(year: 2000, month: 12, day: 31)
        #expect(try store.readSeries(id: record.id!, from: from, to: to).count == 12)
        #expect(try store.stations(project: "blue-21-sids-sealevel", kind: nil).contains { $0.id == "suva" })
        #expect(try store.stations(project: "blue-21-sids-sealevel", kind: nil).allSatisfy { $0.projects.contains("blue-21-sids-sealevel") })
    }

    @Test("the same content twice, even under another name, is stored once", arguments: TestStoreKind.allCases)
    func idempotent(kind: TestStoreKind) throws {
        let dir = TemporaryDirectory()
        let store = try kind.make(in: dir)
        let registry = try Checkout.registry()
        try store.syncRegistry(registry)
        let original = TestPaths.data("events/usgs_philippines_M6plus_1961-2019.csv")
        let copy = dir.file("renamed.csv")
        try FileManager.default.copyItem(atPath: original, toPath: copy)
        let reader = try Checkout.reader()
        let first = try store.ingest(try reader.read(original), registry: registry)
        let second = try store.ingest(try reader.read(copy, as: .usgsCatalog), registry: registry)
        guard case .stored(let id) = first, case .alreadyStored(let again, let path) = second else { Issue.record("\(first) \(second)"); return }
        #expect(id == again && path == original)
        #expect(try store.summary().earthquakes == 305)
        #expect(try store.datasets().count == 1)
    }

    @Test("a file that fails part-way leaves nothing in the store", arguments: TestStoreKind.allCases)
    func atomic(kind: TestStoreKind) throws {
        let store = try kind.make()
        let registry = try Checkout.registry()
        try store.syncRegistry(registry)
        var dataset = try parsed("tsunami/netcdf/dart_3buoys_tohoku2011_contiguous-ragged.nc")
        dataset.series[2].station = StationReference(provider: "bluewatch", id: "no-such-station")
        #expect(throws: RegistryError.self) { try store.ingest(dataset, registry: registry) }
        let summary = try store.summary()
        #expect(summary.datasets == 0 && summary.series == 0 && summary.observations == 0)
    }

    @Test("file stores use WAL and the named migrations")
    func walAndMigrations() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("wal.sqlite")
        _ = try SQLiteStore(path: path)
        let queue = try DatabaseQueue(path: path)
        let mode = try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let applied = try queue.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied == ["v1-foundation", "v2-quality-control", "v3-alerts", "v4-plastics-and-delivery", "v5-api-tokens", "v6-alert-source", "v7-canonical-series"])
    }

    @Test("a 50-year hourly record (real 2010 Honolulu year, tiled) stores compactly and reads back")
    func fiftyYears() throws {
        let year = try parsed("sealevel/hourly/HNL2010.asc").series[0].series
        var times: [Double] = [], values: [Double] = []
        for k in 0..<50 {
            let shift = Double(k) * 365 * 86_400
            times += year.times.map { $0 - 40 * 365 * 86_400 + shift }
            values += year.values
        }
        let series = TimeSeries(times: times, values: values)
        let dir = TemporaryDirectory()
        let store = try SQLiteStore(path: dir.file("fifty.sqlite"))
        let registry = try Checkout.registry()
        try store.syncRegistry(registry)
        var dataset = try parsed("sealevel/hourly/HNL2010.asc")
        dataset.series[0].series = series
        _ = try store.ingest(dataset, registry: registry)
        let id = try #require(try store.seriesList(stationID: "honolulu").first?.id)
        #expect(try store.readSeries(id: id, from: nil, to: nil) == series)
        let blobBytes = try DatabaseQueue(path: dir.file("fifty.sqlite")).read {
            try Int.fetchOne($0, sql: "SELECT SUM(length(times) + length(\"values\") + length(flags)) FROM observationBlock")!
        }
        #expect(Double(blobBytes) / Double(series.count) < 2.0)
    }

    @Test("QC flags and their summary are stored at ingest and can be replaced", arguments: TestStoreKind.allCases)
    func qualityControl(kind: TestStoreKind) throws {
        let store = try kind.make()
        let registry = try Checkout.registry()
        try store.syncRegistry(registry)
        var dataset = try parsed("sealevel/hourly/HNL2010.asc")
        try Checkout.qc().apply(to: &dataset, registry: registry)
        let flagged = dataset.series[0].series.flags.filter { $0 == .suspect }.count
        #expect(flagged > 0)
        _ = try store.ingest(dataset, registry: registry)
        let id = try #require(try store.seriesList(stationID: "honolulu").first?.id)
        let summary = try #require(try store.qualityControl(seriesID: id))
        #expect(summary.kind == "gauge-hourly")
        #expect(summary.aggregate["3"] == flagged)
        #expect(try store.readSeries(id: id).flags == dataset.series[0].series.flags)
        var flags = [QCFlag](repeating: .pass, count: 8760)
        flags[10] = .fail
        var changed = summary
        changed.aggregate = ["1": 8759, "4": 1]
        try store.replaceFlags(seriesID: id, flags: flags, summary: changed)
        #expect(try store.readSeries(id: id).flags == flags)
        #expect(try store.qualityControl(seriesID: id) == changed)
        #expect(throws: StoreError.self) { try store.replaceFlags(seriesID: id, flags: [.pass], summary: changed) }
    }
}
