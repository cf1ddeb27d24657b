import BlueWatchCore
import BlueWatchIngest
import BlueWatchTesting
import Foundation
import Testing

/// Each malformed input (Tests/Malformed, made by scripts/make_malformed_inputs.py) fails
/// with an error naming the file, the variable or line, and the reason.
struct MalformedInputTests {
    static let expected: [String: [String]] = (try? JSONDecoder().decode([String: [String]].self,
        from: Data(contentsOf: URL(fileURLWithPath: TestPaths.malformed("EXPECTED.json"))))) ?? [:]

    @Test("the malformed folder is complete")
    func folder() {
        #expect(Self.expected.count >= 60, "issue 16 asks for at least 60 malformed inputs")
    }

    @Test("each malformed file gets a precise error", arguments: expected.keys.sorted())
    func malformed(name: String) throws {
        let path = TestPaths.malformed(name)
        let reader = try Checkout.reader()
        do {
            _ = try reader.read(path)
            Issue.record("\(name) was read without error")
        } catch {
            #expect(error.path == path)
            for fragment in Self.expected[name] ?? [] {
                #expect(error.description.contains(fragment), "\(name): '\(error.description)' lacks '\(fragment)'")
            }
        }
    }
}

struct CSVTableTests {
    @Test("quotes, doubled quotes, embedded commas and newlines, CRLF, BOM and empty rows")
    func parsing() throws {
        let text = "\u{FEFF}a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n,,\r\n2,\"multi\nline\",3\r\n,,,\r\n"
        let t = try CSVTable(text: text, path: "t.csv")
        #expect(t.header == ["a", "b", "c"])
        #expect(t.rows.count == 2)
        #expect(t.rows[0].fields == ["1", "x, y", "say \"hi\""])
        #expect(t.rows[1].fields == ["2", "multi\nline", "3"])
        #expect(t.rows[1].line == 4)
        #expect(throws: IngestError.self) { try t.column("d") }
        #expect(throws: IngestError.self) { try CSVTable(text: "a,b\n\"open", path: "u.csv") }
    }

    @Test("source catalogue patterns match path suffixes with * inside one component")
    func catalogue() throws {
        let catalog = try Checkout.catalog()
        #expect(catalog.entry(for: "/x/shared/data/tsunami/dart_tohoku2011_raw/21418_notide.txt")?.stationFromName == "ndbc")
        #expect(catalog.entry(for: "/x/tsunami/dart_tohoku2011_raw/21418.txt") == nil)
        #expect(catalog.entry(for: "/x/bathymetry/a.tif")?.isSkip == true)
    }
}

/// Sample tables with some bad rows: each bad row is dropped with its reason, the rest reads.
struct SampleRowRejectionTests {
    static func fixture(_ name: String) -> String { TestPaths.packageRoot + "/Tests/Fixtures/plastics/" + name }

    @Test("NCEI CSV: missing coordinates, latitude out of range, unknown unit, negative concentration and a bad date are dropped row by row")
    func csvRows() throws {
        let dataset = try Checkout.reader().read(Self.fixture("ncei_some_bad_rows.csv"))
        #expect(dataset.samples.map(\.sourceID) == ["1", "6", "8"])
        let reasons = Dictionary(uniqueKeysWithValues: dataset.rejected.map { ($0.location, $0.reason) })
        #expect(reasons["line 3"] == "missing coordinates")
        #expect(reasons["line 4"] == "latitude out of range (95.0)")
        #expect(reasons["line 5, column 'Unit'"] == "unknown concentration unit 'pieces/furlong'")
        #expect(reasons["line 6"] == "negative concentration (-0.5)")
        #expect(reasons["line 8, column 'Date'"]?.contains("is not M/D/YYYY") == true)
        #expect(dataset.rejected.count == 5)
        #expect(dataset.contentSummary.contains("5 rows dropped"))
    }

    @Test("NCEI GeoJSON: positions from the geometry, epoch-millisecond or text dates; bad features dropped with their reasons")
    func geoJSONFeatures() throws {
        let reader = try Checkout.reader()
        let path = Self.fixture("ncei_some_bad_features.geojson")
        guard case .read(.nceiMicroplasticsGeoJSON) = reader.disposition(of: path) else { Issue.record("not recognised as NCEI GeoJSON"); return }
        let dataset = try reader.read(path)
        #expect(dataset.samples.count == 3)
        let first = try #require(dataset.samples.first)
        #expect(first.latitude == 12.5 && first.longitude == 114.2 && first.place == "South China Sea")
        #expect(first.time == UTCTime.seconds(year: 2018, month: 6, day: 8, hour: 12))
        #expect(dataset.samples[1].concentration == 1.4 && dataset.samples[1].time == first.time)
        #expect(dataset.samples[2].longitude == -159.5, "longitudes east of 180 are stored in −180…180")
        #expect(dataset.rejected.map(\.reason).sorted() == ["missing coordinates", "negative concentration (-3.0)", "unknown concentration unit 'mg/m3'"])
    }
}

/// Only regular files are read (issue 16): a FIFO would block `open(2)` until a writer came, a
/// character device never ends. Both are refused at once, naming the file and what it is.
struct SpecialFileTests {
    @Test("a FIFO and /dev/zero are refused without blocking; a folder ingest reports them and goes on")
    func specialFiles() throws {
        let dir = TemporaryDirectory("bluewatch-special")
        let fifo = dir.file("21418.txt")
        #expect(mkfifo(fifo, 0o644) == 0)
        let reader = try Checkout.reader()
        // Deciding what the file is must not open it (that alone would block).
        #expect(reader.disposition(of: fifo) != .read(.netcdf))
        for (path, what) in [(fifo, "FIFO"), ("/dev/zero", "character device")] {
            do {
                _ = try reader.read(path, as: .ndbcDART)
                Issue.record("\(path) was read")
            } catch {
                #expect(error.path == path && error.description.contains(what), "\(error.description)")
            }
        }
        #expect(throws: IngestError.self) { try SourceFile(path: fifo) }
    }
}

/// Values a provider may legitimately write with a fill position are kept, without the
/// position, and the reading says so (issue 16).
struct FillPositionTests {
    @Test("a station at (-999, -999) keeps its data, loses the position, and the notes say why")
    func fillPosition() throws {
        let dataset = try Checkout.reader().read(TestPaths.packageRoot + "/Tests/Fixtures/netcdf/station_fill_position.nc")
        #expect(dataset.notes.contains { $0.contains("position -999.0, -999.0 is not a latitude/longitude; kept without a position") }, "\(dataset.notes)")
        let station = try #require(dataset.series.first?.station)
        #expect(station.latitude == nil && station.longitude == nil)
        #expect(dataset.series.first?.series.validCount == 3)
    }
}
