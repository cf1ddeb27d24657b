import BlueWatchCore
import BlueWatchIngest
import BlueWatchTesting
import Foundation
import Testing

/// Every file in ../shared/data is either read without error or skipped with a reason, and
/// every station it mentions is in the registry.
struct SharedDataIngestTests {
    static let files: [String] = (try? DatasetReader.files(under: TestPaths.sharedData)) ?? []

    @Test("the shared data folder is there and holds the expected kinds of files")
    func folderPresent() {
        #expect(Self.files.count > 150, "expected ../shared/data beside the checkout; found \(Self.files.count) files")
    }

    @Test("every known-format file reads; every other file is skipped with a reason")
    func everyFile() throws {
        let reader = try Checkout.reader()
        let registry = try Checkout.registry()
        var read = 0
        var unregistered: Set<String> = []
        var formats: Set<DataFormat> = []
        for path in Self.files {
            switch reader.disposition(of: path) {
            case .skip(let reason):
                #expect(!reason.isEmpty)
                #expect(!path.hasSuffix(".nc") && !path.hasSuffix(".rlrdata"), "\(path) skipped: \(reason)")
            case .read(let format):
                let dataset = try reader.read(path, as: format)
                read += 1
                formats.insert(format)
                #expect(!dataset.contentSummary.isEmpty && dataset.contentSummary != "nothing", "\(path) read nothing")
                for s in dataset.series {
                    let station = try registry.resolve(s.station)
                    if !station.isRegistered { unregistered.insert("\(s.station.provider):\(s.station.id) in \(path)") }
                    #expect(s.series.validCount > 0)
                }
            }
        }
        // 123 files of the first round; 76 PSMSL files (38 stations, monthly and annual), 13 UHSLC daily,
        // 8 monthly-maxima files, the global ETOPO1 grid and the USGS Eno River file of the second.
        #expect(read == 222)
        // The shared data holds no NCEI GeoJSON export and no MRC file (its licence forbids it);
        // those readers are tested on fixtures.
        #expect(formats == Set(DataFormat.allCases).subtracting([.nceiMicroplasticsGeoJSON, .mrcWaterLevelCSV]))
        #expect(unregistered.isEmpty, "stations missing from the registry: \(unregistered.sorted())")
    }

    @Test("registry, projects and regions refer to each other consistently")
    func registryConsistency() throws {
        let registry = try Checkout.registry()
        let projects = try Checkout.projects()
        let regions = try Checkout.regions()
        let projectIDs = Set(projects.projects.map { $0.id })
        for station in registry.stations {
            #expect(!station.projects.isEmpty || station.kind == .other, "\(station.id) serves no project")
            for p in station.projects { #expect(projectIDs.contains(p), "\(station.id) names unknown project \(p)") }
        }
        let regionIDs = Set(regions.regions.map { $0.id })
        for p in projects.projects { for r in p.regions { #expect(regionIDs.contains(r), "\(p.id) names unknown region \(r)") } }
        #expect(registry.station(provider: "uhslc", id: "57")?.id == "honolulu")
        #expect(registry.station(provider: "psmsl", id: "2356")?.id == "suva")
        #expect(registry.station(provider: "psmsl", id: "1327")?.id == "suva")
        #expect(throws: RegistryError.self) { try StationRegistry(stations: [registry.stations[0], registry.stations[0]]) }
    }
}

/// The same real values in two containers must read the same.
struct CrossContainerTests {
    let reader: DatasetReader
    init() throws { reader = try Checkout.reader() }

    func series(_ relative: String, station: String? = nil, variable: String = "sea_level") throws -> TimeSeries {
        let dataset = try reader.read(TestPaths.data(relative))
        let match = dataset.series.first { ($0.station.id == station || station == nil) && $0.descriptor.variable == variable }
        return try #require(match, "\(relative): no \(variable) for \(station ?? "any station")").series
    }

    @Test("PSMSL monthly text and the CF ragged NetCDF agree for the nine stations")
    func psmslMonthly() throws {
        for id in ["155", "513", "539", "540", "595", "145", "1674", "446", "1842"] {
            let text = try series("sealevel/psmsl/rlr_monthly/\(id).rlrdata")
            let nc = try series("sealevel/netcdf/psmsl_rlr_monthly_9stations_contiguous-ragged.nc", station: id)
            #expect(text.times == nc.times, "PSMSL \(id) times")
            #expect(zip(text.values, nc.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, "PSMSL \(id) values")
        }
    }

    @Test("Honolulu hourly: UTide's text file and the UHSLC-style NetCDF agree")
    func honolulu() throws {
        let text = try series("sealevel/hourly/HNL2010.asc")
        let nc = try series("sealevel/netcdf/honolulu_057_hourly_2010_uhslc-layout.nc")
        #expect(text.count == 8760 && text.times == nc.times && text.values == nc.values)
        #expect(text.values[0] == 1.237)
    }

    @Test("DART 21418: the raw NDBC text resolves repeated stamps as the NDBC-style NetCDF does")
    func dart() throws {
        let dataset = try reader.read(TestPaths.data("tsunami/dart_tohoku2011_raw/21418.txt"))
        #expect(dataset.notes.contains { $0.contains("176 repeated time stamps") })
        let text = dataset.series[0].series
        let nc = try series("tsunami/netcdf/dart_21418_tohoku2011_ndbc-layout.nc", variable: "water_column_height")
        #expect(text.count == 2776 && nc.count == 2776)
        #expect(text.times == nc.times)
        #expect(text.count - text.validCount == 3)
        // The NetCDF stores float32: compare within its resolution at ~5660 m.
        #expect(zip(text.values, nc.values).allSatisfy { abs($0 - $1) < 0.0005 || ($0.isNaN && $1.isNaN) })
    }

    @Test("DART 21413, newest first in the source, is stored oldest first")
    func newestFirst() throws {
        let dataset = try reader.read(TestPaths.data("tsunami/dart_tohoku2011_raw/21413.txt"))
        #expect(dataset.notes.contains { $0.contains("newest-first") })
        let s = dataset.series[0].series
        #expect(s.times.first == UTCTime.seconds(year: 2011, month: 3, day: 10, hour: 3, minute: 30))
        #expect(s.times.last == UTCTime.seconds(year: 2011, month: 3, day: 15))
    }

    @Test("Nuku'alofa 1-minute: the CSV and the regular-axis NetCDF hold the same heights")
    func nukualofa() throws {
        let csv = try series("tsunami/tidegauge_nukualofa/nukualofa_tohoku2011_detided.csv")
        let nc = try series("tsunami/netcdf/nukualofa_1min_tohoku2011_uhslc-layout.nc")
        #expect(csv.count == 13980 && nc.count == 14398 && nc.count - nc.validCount == 418)
        var matched = 0
        for (i, t) in csv.times.enumerated() {
            let j = nc.lowerBound(of: t)
            if j < nc.count, nc.times[j] == t { #expect(nc.values[j] == csv.values[i]); matched += 1 }
        }
        #expect(matched == 13980)
    }

    @Test("event-relative residuals are placed on the real time line from the catalogue's origin")
    func eventOrigins() throws {
        let notide = try series("tsunami/dart_tohoku2011_raw/21418_notide.txt", variable: "sea_level_residual")
        // LeVeque's first sample, 36 s after 05:46:24, is the raw 1-minute stamp 05:47:00.
        #expect(notide.times[0] == UTCTime.seconds(year: 2011, month: 3, day: 11, hour: 5, minute: 47))
        let ga = try series("tsunami/dart_tohoku2011_ptha_resid/21418.csv", variable: "sea_level_residual")
        #expect(abs(ga.times[0] - UTCTime.seconds(year: 2011, month: 3, day: 11, hour: 5, minute: 47)) < 0.001)
    }
}
