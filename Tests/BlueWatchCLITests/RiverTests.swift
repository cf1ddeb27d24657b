import BlueWatchCore
import BlueWatchTesting
import Foundation
import Testing

/// River gauges through the same pipeline as tide gauges (issue 15): the USGS Eno River file
/// and its NWS flood categories, against a reference computed with pandas from the same files
/// (scripts/reference/river_reference.py → Tests/Golden/river.json).
@Suite(.serialized)
struct RiverTests {
    let dir = TemporaryDirectory("bluewatch-river")

    struct Golden: Decodable {
        struct Year: Decodable {
            var days: Int
            var maximum_m: Double?
            var minimum_m: Double?
            var days_at_or_above: [String: Int]
            var wet_season_days_at_or_above: [String: Int]
            var drought_days: Int
            var drought_days_judged: Int
        }
        struct Event: Decodable { var start: String; var end: String; var first_level: String; var highest_level: String; var rises: Int }
        var years: [String: Year]
        var events: [Event]
        var expected_alerts: [String: Int]
    }

    func prepare() throws -> CommandRunner {
        let cli = CommandRunner(database: dir.file("river.sqlite"))
        let r = try cli.run(["ingest", "--quiet", TestPaths.data("river")])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("1 stored"))
        return cli
    }

    @Test("indicators per year equal the pandas reference: days, extremes, days at or above each NWS level, wet season, drought")
    func indicators() throws {
        let golden = try TestPaths.loadGolden("river.json", as: Golden.self)
        #expect(golden.years.count >= 25)
        let cli = try prepare()
        let r = try cli.run(["river", "eno-hillsborough", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let years = try #require(report["years"] as? [[String: Any]])
        #expect(years.count == golden.years.count)
        for y in years {
            let year = try #require(y["year"] as? Int)
            let g = try #require(golden.years[String(year)], "\(year) missing from the reference")
            #expect(y["days"] as? Int == g.days, "\(year) days")
            #expect(abs((y["maximum_m"] as? Double ?? .nan) - (g.maximum_m ?? .nan)) < 1e-9, "\(year) maximum")
            #expect(abs((y["minimum_m"] as? Double ?? .nan) - (g.minimum_m ?? .nan)) < 1e-9, "\(year) minimum")
            #expect(y["days_at_or_above"] as? [String: Int] == g.days_at_or_above, "\(year) days at or above")
            #expect(y["wet_season_days_at_or_above"] as? [String: Int] == g.wet_season_days_at_or_above, "\(year) wet season")
            #expect(y["drought_days"] as? Int == g.drought_days && y["drought_days_judged"] as? Int == g.drought_days_judged, "\(year) drought")
        }
        // PROVENANCE: the daily maximum reaches action stage on 9 days and flood stage on 7.
        let action = years.compactMap { ($0["days_at_or_above"] as? [String: Int])?["action"] }.reduce(0, +)
        let flood = years.compactMap { ($0["days_at_or_above"] as? [String: Int])?["flood"] }.reduce(0, +)
        #expect(action == 9 && flood == 7)
        let csv = try cli.run(["river", "eno-hillsborough", "--format", "csv", "--from", "2018", "--to", "2018"])
        #expect(csv.stdout.split(separator: "\n").count == 2 && csv.stdout.hasPrefix("year,days,maximum_m"))
        let sea = try cli.run(["river", "honolulu"])
        #expect(sea.status == 1 && sea.stderr.contains("not a river gauge"))
    }

    func rules(_ name: String) throws -> String {
        try dir.write("\(name).toml", """
            sender = "bluewatch@test.example"
            outbox = "\(dir.file("outbox-\(name)"))"
            [[rule]]
            id = "eno-flood"
            kind = "river"
            severity = "Severe"
            stations = ["eno-hillsborough"]
            """)
    }

    @Test("a daily replay of 2004–2019 raises exactly the real crossings of action and flood stage, once each, updates and cancels")
    func replayCrossings() throws {
        let golden = try TestPaths.loadGolden("river.json", as: Golden.self)
        #expect(golden.events.count == golden.expected_alerts["new"])
        let cli = try prepare()
        let r = try cli.run(["alerts", "replay", "--config", try rules("replay"), "--from", "2004-10-01", "--to", "2019-10-01", "--step", "24h"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let new = lines.filter { $0.contains(" NEW ") }, updates = lines.filter { $0.contains(" UPDATE ") }, closed = lines.filter { $0.contains(" CLOSED ") }
        #expect(new.count == golden.expected_alerts["new"] && updates.count == golden.expected_alerts["update"] && closed.count == golden.expected_alerts["closed"],
                "\(lines)")
        // A day's value is stamped at noon and seen by the run at the next midnight.
        func nextDay(_ day: String) -> String { UTCTime.isoDate(UTCTime.parse(day)! + 86_400) }
        #expect(new.map { String($0.prefix(10)) } == golden.events.map { nextDay($0.start) })
        #expect(closed.map { String($0.prefix(10)) } == golden.events.map { nextDay($0.end) })
        for (line, event) in zip(new, golden.events) { #expect(line.contains(RiverLevelKind(rawValue: event.first_level)!.label + " reached"), "\(line)") }
    }

    @Test("live runs through the November 2018 flood: CAP Alert at action stage, Update at flood stage, Cancel when it falls, valid CAP 1.2")
    func liveRuns() throws {
        let cli = try prepare()
        let config = try rules("live")
        var statuses: [Int32] = []
        for now in ["2018-11-12T00:00:00Z", "2018-11-13T00:00:00Z", "2018-11-14T00:00:00Z", "2018-11-15T00:00:00Z", "2018-11-16T00:00:00Z"] {
            statuses.append(try cli.run(["alerts", "run", "--config", config, "--now", now]).status)
        }
        #expect(statuses == [0, 3, 3, 3, 0])
        let outbox = dir.file("outbox-live")
        let xml = try FileManager.default.contentsOfDirectory(atPath: outbox).filter { $0.hasSuffix(".xml") }.sorted()
        let texts = try xml.map { try String(contentsOfFile: outbox + "/" + $0, encoding: .utf8) }
        #expect(texts.count == 3)
        #expect(texts.filter { $0.contains("<event>Flood</event>") && $0.contains("<category>Met</category>") }.count == 3)
        #expect(texts.contains { $0.contains("<msgType>Alert</msgType>") && $0.contains("action stage") })
        #expect(texts.contains { $0.contains("<msgType>Update</msgType>") && $0.contains("flood stage") && $0.contains("<references>") })
        #expect(texts.contains { $0.contains("<msgType>Cancel</msgType>") && $0.contains("back below its lowest level") })
        let problems = try CAPSchema.problems(in: xml.map { outbox + "/" + $0 })
        #expect(problems == nil, "\(problems ?? "")")
    }

    @Test("the Mekong River Commission CSV (hand-made fixture) reads as river stage of the registered Pakse gauge")
    func mrcFixture() throws {
        let cli = try prepare()
        let fixture = TestPaths.packageRoot + "/Tests/Fixtures/river/Water Level.ManualLA_013901_Pakse.csv"
        let info = try cli.run(["info", fixture, "--format", "json"])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("river_stage") && info.stdout.contains("pakse"))
        let ingest = try cli.run(["ingest", "--quiet", fixture])
        #expect(ingest.status == 0 && ingest.stdout.contains("1 stored"))
        let r = try cli.run(["river", "pakse", "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let year = try #require((report["years"] as? [[String: Any]])?.first)
        #expect(year["year"] as? Int == 1996 && year["days"] as? Int == 29 && year["maximum_m"] as? Double == 9.85)
    }
}
