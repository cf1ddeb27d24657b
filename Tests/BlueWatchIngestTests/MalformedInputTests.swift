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
        #expect(Self.expected.count == 12)
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
