import BlueWatchTesting
import Foundation
import Testing

/// `bluewatch report` on real data: the three main projects render, every figure traces to a
/// cited dataset, and changing one input changes the report.
struct ReportCLITests {
    let dir = TemporaryDirectory()

    static let inputs = ["sealevel/psmsl/rlr_monthly/1327.rlrdata", "sealevel/psmsl/rlr_monthly/2356.rlrdata", "sealevel/psmsl/rlr_monthly/1805.rlrdata",
                         "tsunami/dart_tohoku2011_raw/21418.txt", "tsunami/tidegauge_nukualofa/nukualofa_tohoku2011_detided.csv",
                         "events/usgs_global_M6plus_1960-2019.csv", "microplastics/ncei_npsg_west_microplastics.csv", "sealevel/hourly/HNL2010.asc",
                         "sealevel/psmsl/rlr_monthly/155.rlrdata", "bathymetry/nw_pacific_4arcmin_dem.nc",
                         "sealevel/monthly_maxima/monthly_max_57.csv", "sealevel/uhslc_daily/fdd0056.csv"]

    func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    @Test("Reports for the SIDS sea-level, SCS tsunami and microplastics projects: traffic lights with their rules, charts, map, citations, footer; bilingual")
    func projects() throws {
        let cli = CommandRunner(database: dir.file("a.sqlite"))
        let ingest = try cli.run(["ingest", "--quiet"] + Self.inputs.map { TestPaths.data($0) })
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let out = dir.file("reports")
        let r = try cli.run(["report", "--project", "blue-21-sids-sealevel", "--project", "blue-06-scs-tsunami", "--project", "blue-23-apac-microplastics", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count == 3, "\(r.stdout)")

        let sids = try String(contentsOfFile: out + "/blue-21-sids-sealevel.html", encoding: .utf8)
        for needle in ["Sea level variation monitoring", "小岛屿国家", "Status / 状态", "id=\"indicators\"", "green below 3.3 mm/yr, red from 6.6 mm/yr",
                       "Suva", "Lautoka", "<svg class=\"chart\"", "class=\"trend-line", "class=\"trend-band", "class=\"legend\"", "class=\"tick-y\"", "id=\"map\"", "class=\"region\"",
                       "Sen's slope", "Mann-Kendall", "1327.rlrdata", "2356.rlrdata", "Permanent Service for Mean Sea Level", "Reproducibility",
                       "store fingerprint", "000_b82ddbbcd95d01a4.txt", "</html>"] {
            #expect(sids.contains(needle), "SIDS report lacks \(needle)")
        }
        #expect(!sids.contains("http://") && !sids.contains("https://") || !sids.contains("<link") && !sids.contains("<script src"), "the page loads nothing from the network")

        // Return levels where the data allow (issue 21): Pago Pago's daily record, said to be of daily values.
        for needle in ["class=\"returnlevels\"", "Pago Pago: return levels", "annual maxima of daily sea level", "100-year", "fdd0056.csv",
                       "generalised extreme-value distribution fitted by maximum likelihood"] {
            #expect(sids.contains(needle), "SIDS report lacks \(needle)")
        }
        // Flood days need an hourly record; the SIDS stations have daily and monthly means, and the report says so.
        #expect(sids.contains("No hourly record, so no tidal datums or flood days: ") && !sids.contains("class=\"flooddays\""), "SIDS flood-days gap")
        let tsunami = try String(contentsOfFile: out + "/blue-06-scs-tsunami.html", encoding: .utf8)
        // Honolulu's monthly maxima of hourly sea level: the 100-year level of `bluewatch extremes`.
        #expect(tsunami.contains("Honolulu: return levels") && tsunami.contains("annual maxima of hourly sea level") && tsunami.contains("100-year 2.21 m [2.16, 2.49]"), "Honolulu return levels")
        // Flood days where an hourly record allows (issue 21): Honolulu 2010, the count `bluewatch flooding` gives, and outlooks.
        let flooding = try cli.run(["flooding", "honolulu", "--noaa", "minor", "--format", "json"])
        let floodYear = try #require(((try JSONSerialization.jsonObject(with: Data(flooding.stdout.utf8)) as? [String: Any])?["years"] as? [[String: Any]])?.first)
        let floodCount = try #require(floodYear["floodDays"] as? Int)
        for needle in ["class=\"flooddays\"", "Honolulu: high-tide flood days", "NOAA's derived minor flood threshold", "2010: \(floodCount) days", "2050: ", "Sweet, Marra &amp; Dusek 2019"] {
            #expect(tsunami.contains(needle), "SCS tsunami report lacks \(needle)")
        }
        #expect(tsunami.contains("id=\"tsunami\"") && tsunami.contains("tsunami arrival") && tsunami.contains("21418.txt"), "tsunami findings and citation")
        // Honolulu's hourly 2010 record: the largest non-tidal residual is the Chile tsunami.
        #expect(tsunami.contains("Largest non-tidal residuals") && tsunami.contains("(2010-02-27T22:00:00Z)") && tsunami.contains("HNL2010.asc"), "residual extremes")
        // Travel times: isochrones of the strongest shallow quake in the project regions inside the stored grid.
        for needle in ["class=\"isochrone\"", "class=\"epicentre\"", "class=\"grid-extent\"", "id=\"arrivals\"", "nw_pacific_4arcmin_dem.nc", "usgs_global_M6plus_1960-2019.csv"] {
            #expect(tsunami.contains(needle), "SCS tsunami report lacks \(needle)")
        }
        let tj = try cli.run(["report", "--project", "blue-06-scs-tsunami", "--format", "json", "--out", out])
        #expect(tj.status == 0, "\(tj.stderr)")
        let travel = try #require(try json(out + "/blue-06-scs-tsunami.json")["travelTimes"] as? [String: Any])
        let event = try #require(travel["event"] as? [String: Any])
        let eventID = try #require(event["id"] as? String)
        #expect((event["magnitude"] as? Double ?? 0) >= 6.5 && (event["depthKm"] as? Double ?? 999) <= 100)
        let hours = try #require(travel["isochrones"] as? [[String: Any]]).compactMap { $0["hours"] as? Double }
        #expect(hours.count >= 5 && hours == hours.sorted() && hours.first == 1)
        // The arrivals are the forecast's own: `tsunami forecast` for the same event agrees.
        let arrivals = try #require(travel["arrivals"] as? [[String: Any]])
        let f = try cli.run(["tsunami", "forecast", "--event", eventID, "--format", "json"])
        #expect(f.status == 0, "\(f.stderr)")
        let points = try #require((try JSONSerialization.jsonObject(with: Data(f.stdout.utf8)) as? [String: Any])?["points"] as? [[String: Any]])
        let dart = try #require(arrivals.first { $0["station"] as? String == "dart-21418" })
        let forecastDart = try #require(points.first { $0["id"] as? String == "dart-21418" })
        let reported = try #require(dart["hours"] as? Double), forecast = try #require(forecastDart["travelSeconds"] as? Double)
        #expect(abs(reported - forecast / 3600) < 1e-9 && reported > 1)

        let plastics = try String(contentsOfFile: out + "/blue-23-apac-microplastics.html", encoding: .utf8)
        #expect(plastics.contains("id=\"plastics\"") && plastics.contains("Philippine Sea") && plastics.contains("ncei_npsg_west_microplastics.csv"))

        // JSON carries the numbers the page shows; every station's trend cites its files.
        let j = try cli.run(["report", "--project", "blue-21-sids-sealevel", "--format", "json", "--out", out])
        #expect(j.status == 0)
        let report = try json(out + "/blue-21-sids-sealevel.json")
        let stations = try #require(report["stations"] as? [[String: Any]])
        let suva = try #require(stations.first { $0["id"] as? String == "suva" })
        let trends = try #require(suva["trends"] as? [[String: Any]])
        let references = try #require(report["references"] as? [[String: Any]])
        let cited = Set(references.compactMap { $0["sha256"] as? String })
        for t in trends {
            for s in (t["sources"] as? [[String: Any]]) ?? [] { #expect(cited.contains(s["sha256"] as? String ?? ""), "trend source not cited") }
        }
        // Every record of a station is drawn: Suva-A and Suva-B, each with its values and trend.
        #expect(trends.count == 2 && trends.allSatisfy { (($0["chart"] as? [String: Any])?["years"] as? [Any])?.count ?? 0 > 100 })
        let suvaSection = try #require(sids.components(separatedBy: "id=\"station-suva\"").dropFirst().first?.components(separatedBy: "</section>").first)
        for record in ["psmsl:1327", "psmsl:2356"] {
            #expect(suvaSection.contains("class=\"series\" data-record=\"\(record)\"") && suvaSection.contains("data-record=\"\(record)\" x1="), "Suva chart lacks \(record)")
        }

        // --lang zh: no English word outside names, units and identifiers, on every page.
        let zhOut = dir.file("reports-zh")
        let zhRun = try cli.run(["report", "--project", "blue-21-sids-sealevel", "--project", "blue-06-scs-tsunami", "--project", "blue-23-apac-microplastics",
                                 "--lang", "zh", "--out", zhOut])
        #expect(zhRun.status == 0, "\(zhRun.stderr)")
        for project in ["blue-21-sids-sealevel", "blue-06-scs-tsunami", "blue-23-apac-microplastics"] {
            let names = try ChineseReportCheck.names(fromReportJSON: out + "/\(project).json", cli: cli, project: project, out: out)
            let page = try String(contentsOfFile: zhOut + "/\(project).html", encoding: .utf8)
            let english = ChineseReportCheck.englishWords(inHTML: page, names: names)
            #expect(english.isEmpty, "\(project) zh report has English words: \(english.sorted().prefix(40))")
            #expect(page.contains("<html lang=\"zh\">") && page.contains("方法说明"))
        }

        let zh = try cli.run(["report", "--project", "blue-21-sids-sealevel", "--lang", "zh", "--format", "md", "--out", out])
        #expect(zh.status == 0)
        let md = try String(contentsOfFile: out + "/blue-21-sids-sealevel.md", encoding: .utf8)
        #expect(md.contains("## 指标") && md.contains("与斐济、汤加、瓦努阿图"))

        let unknown = try cli.run(["report", "--project", "atlantis"])
        #expect(unknown.status == 64 && unknown.stderr.contains("unknown project 'atlantis'"), "an unknown name is a usage error (issue 22)")
        #expect(try cli.run(["report"]).status == 64)
    }

    @Test("Changing one input changes the report: a shortened Suva record gives another trend, another citation hash and another store fingerprint")
    func traceability() throws {
        let original = TestPaths.data("sealevel/psmsl/rlr_monthly/1327.rlrdata")
        let lines = try String(contentsOfFile: original, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let shortened = dir.file("1327.rlrdata")
        try lines.prefix(lines.count * 2 / 3).joined(separator: "\n").appending("\n").write(toFile: shortened, atomically: true, encoding: .utf8)
        var trends: [Double] = [], hashes: [Set<String>] = [], fingerprints: [String] = []
        for (name, file) in [("x", original), ("y", shortened)] {
            let cli = CommandRunner(database: dir.file("\(name).sqlite"))
            #expect(try cli.run(["ingest", "--quiet", file]).status == 0)
            let out = dir.file("out-\(name)")
            #expect(try cli.run(["report", "--project", "blue-21-sids-sealevel", "--format", "json", "--out", out]).status == 0)
            let report = try json(out + "/blue-21-sids-sealevel.json")
            let suva = try #require((report["stations"] as? [[String: Any]])?.first { $0["id"] as? String == "suva" })
            let trend = try #require(((suva["trends"] as? [[String: Any]])?.first?["trend"] as? [String: Any])?["ols"] as? [String: Any])
            trends.append(try #require(trend["estimate"] as? Double))
            hashes.append(Set(((report["references"] as? [[String: Any]]) ?? []).compactMap { $0["sha256"] as? String }))
            fingerprints.append(((report["footer"] as? [String: Any])?["storeFingerprint"] as? String) ?? "")
        }
        #expect(trends[0] != trends[1], "the trend did not change: \(trends)")
        #expect(hashes[0] != hashes[1] && fingerprints[0] != fingerprints[1])
    }
}

/// The HTML report in a real browser: headless Chromium renders it (charts, map and coastlines
/// drawn), prints it to PDF, and the PDF holds the station names and citations.
struct ReportBrowserTests {
    let dir = TemporaryDirectory()

    static var chromium: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("no two station labels overlap on any project's map, measured by Chromium's own layout (getBBox)")
    func labelsDoNotOverlap() throws {
        guard let chromium = Self.chromium else { Issue.record("Chromium missing: run scripts/bootstrap.sh --test"); return }
        let cli = CommandRunner(database: dir.file("labels.sqlite"))
        // Every PSMSL, UHSLC and river station: the crowded South China Sea and Bangladesh coasts.
        #expect(try cli.run(["ingest", "--quiet", TestPaths.data("sealevel/psmsl/rlr_annual"), TestPaths.data("river")]).status == 0)
        let out = dir.file("label-reports")
        #expect(try cli.run(["report", "--all", "--out", out]).status == 0)
        // The measuring script is added to copies of the pages: reports themselves stay script-free.
        let probe = """
            <script>
            const boxes = [...document.querySelectorAll('svg.map text.station-label')].map(t => t.getBBox());
            let overlaps = 0;
            for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
              const a = boxes[i], b = boxes[j];
              if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) overlaps++;
            }
            document.body.setAttribute('data-labels', boxes.length);
            document.body.setAttribute('data-overlaps', overlaps);
            </script>
            """
        var checked = 0, total = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: out).filter({ $0.hasSuffix(".html") }).sorted() {
            let html = try String(contentsOfFile: out + "/" + file, encoding: .utf8)
            guard html.contains("<svg class=\"map\"") else { continue }
            let probed = dir.file("probe-" + file)
            try html.replacingOccurrences(of: "</body>", with: probe + "</body>").write(toFile: probed, atomically: true, encoding: .utf8)
            let dom = try run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", URL(fileURLWithPath: probed).absoluteString]).stdout
            let labels = dom.firstMatch(of: /data-labels="(\d+)"/).map { Int($0.1)! } ?? -1
            let overlaps = dom.firstMatch(of: /data-overlaps="(\d+)"/).map { Int($0.1)! } ?? -1
            // A map without stations (a project with none) has no labels to check.
            #expect(labels >= 0 && overlaps == 0, "\(file): \(overlaps) overlapping pairs among \(labels) labels")
            checked += 1
            total += max(labels, 0)
        }
        #expect(checked >= 8 && total >= 60, "maps checked: \(checked), labels: \(total)")
    }

    @Test("Headless Chromium draws the charts and the map (DOM and screenshot), and the PDF has the pages, station names and citations")
    func renderAndPrint() throws {
        guard let chromium = Self.chromium, FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else {
            Issue.record("Chromium or poppler-utils missing: run scripts/bootstrap.sh --test"); return
        }
        let cli = CommandRunner(database: dir.file("b.sqlite"))
        #expect(try cli.run(["ingest", "--quiet"] + ReportCLITests.inputs.map { TestPaths.data($0) }).status == 0)
        let out = dir.file("reports")
        #expect(try cli.run(["report", "--project", "blue-21-sids-sealevel", "--out", out]).status == 0)
        let page = URL(fileURLWithPath: out + "/blue-21-sids-sealevel.html").absoluteString
        // The DOM after Chromium has parsed and laid out the page.
        let dom = try run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page])
        #expect(dom.status == 0)
        for element in ["<svg class=\"chart\"", "class=\"series\"", "class=\"trend-line", "<svg class=\"map\"", "class=\"station\"", "class=\"region\""] {
            #expect(dom.stdout.contains(element), "rendered DOM lacks \(element)")
        }
        if FileManager.default.fileExists(atPath: "/usr/share/gmt-gshhg/binned_GSHHS_l.nc") { #expect(dom.stdout.contains("class=\"coastline\"")) }
        // A screenshot of a blank page compresses to a few kB; charts, map and tables do not.
        let shot = dir.file("page.png")
        #expect(try run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=900,2400", "--screenshot=\(shot)", page]).status == 0)
        let png = try Data(contentsOf: URL(fileURLWithPath: shot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 100_000, "screenshot of \(png.count) bytes looks blank")

        let pdf = try cli.run(["report", "--project", "blue-21-sids-sealevel", "--format", "pdf", "--out", out])
        #expect(pdf.status == 0, "\(pdf.stderr)")
        let info = try run("/usr/bin/pdfinfo", [out + "/blue-21-sids-sealevel.pdf"])
        let pages = info.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
        #expect(pages >= 2, "\(pages) pages")
        #expect(info.stdout.contains("(A4)"), "\(info.stdout)")
        // No half-empty pages: on every page but the last, content reaches below 60 % of its height.
        let prefix = dir.file("page")
        #expect(try run("/usr/bin/pdftoppm", ["-r", "15", "-gray", out + "/blue-21-sids-sealevel.pdf", prefix]).status == 0)
        let images = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("page") && $0.hasSuffix(".pgm") }.sorted()
        #expect(images.count == pages)
        for image in images.dropLast() {
            let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir.file(image))))
            // Binary PGM: "P5\nW H\n255\n" then W×H bytes.
            var newlines = 0, start = 0
            for (k, b) in data.enumerated() where b == 10 { newlines += 1; if newlines == 3 { start = k + 1; break } }
            let header = String(decoding: data[0..<start], as: UTF8.self).split(whereSeparator: { $0.isWhitespace })
            let (w, h) = (Int(header[1])!, Int(header[2])!)
            let lastInk: Int = (0..<h).last { y in data[(start + y * w)..<(start + (y + 1) * w)].contains { $0 < 200 } } ?? 0
            let filled = Double(lastInk) / Double(h)
            #expect(filled > 0.6, "\(image): content ends at \(Int(100 * filled)) % of the page")
        }
        let text = try run("/usr/bin/pdftotext", [out + "/blue-21-sids-sealevel.pdf", "-"]).stdout
        for needle in ["Suva", "Lautoka", "1327.rlrdata", "Permanent Service for Mean Sea Level", "小岛屿", "Reproducibility"] {
            #expect(text.contains(needle), "the PDF text lacks \(needle)")
        }
    }

    @Test("the Lancang-Mekong report shows its river gauge with levels, stage chart and indicators; reports without data say what is missing and what would fill it")
    func riversAndGaps() throws {
        let cli = CommandRunner(database: dir.file("river.sqlite"))
        let ingest = try cli.run(["ingest", "--quiet", TestPaths.data("river")])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let out = dir.file("river-reports")
        let r = try cli.run(["report", "--project", "lmc-water-monitoring", "--project", "bri17-cambodia-station", "--out", out, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        func json(_ path: String) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        }
        let lmc = try json(out + "/lmc-water-monitoring.json")
        let rivers = try #require(lmc["rivers"] as? [[String: Any]])
        #expect(rivers.count == 1 && rivers[0]["id"] as? String == "eno-hillsborough")
        #expect((rivers[0]["levels"] as? [Any])?.count == 4 && ((rivers[0]["years"] as? [Any])?.count ?? 0) >= 25)
        let indicator = try #require((lmc["indicators"] as? [[String: Any]])?.first { $0["kind"] as? String == "flood_days" })
        #expect(indicator["value"] as? Double == 7 && indicator["colour"] as? String == "red")
        #expect(!(((indicator["rationale"] as? [String: String])?["en"]) ?? "").isEmpty && !(((indicator["rationale"] as? [String: String])?["zh"]) ?? "").isEmpty)
        #expect((lmc["dataGaps"] as? [[String: String]])?.contains { $0["en"]!.contains("Chiang Saen") && $0["zh"]!.contains("无水位数据") } == true)
        #expect((lmc["dataGaps"] as? [[String: String]])?.contains { $0["en"]!.hasPrefix("What would fill") && $0["zh"]!.contains("清盛") } == true)
        #expect(((lmc["references"] as? [[String: Any]]) ?? []).contains { ($0["file"] as? String) == "usgs_02085000_eno_hillsborough_daily.csv" })
        let cambodia = try json(out + "/bri17-cambodia-station.json")
        let gaps = try #require((cambodia["dataGaps"] as? [[String: String]])?.compactMap { $0["en"] })
        #expect(gaps.contains { $0.contains("No station") } && gaps.contains { $0.contains("not published") }, "\(gaps)")

        let html = try cli.run(["report", "--project", "lmc-water-monitoring", "--out", out])
        #expect(html.status == 0)
        let page = try String(contentsOfFile: out + "/lmc-water-monitoring.html", encoding: .utf8)
        for needle in ["id=\"river-eno-hillsborough\"", "class=\"chart river\"", "class=\"stage\"", "id=\"data-gaps\"", "class=\"small rationale\"", "洪水水位"] {
            #expect(page.contains(needle), "LMC report lacks \(needle)")
        }
        #expect(page.components(separatedBy: "class=\"level\"").count == 5, "one dashed line per level")

        // The ASEAN coastal-city network reports on its cities' coastal waters as regions.
        #expect(try cli.run(["report", "--project", "asean-plastics-network", "--format", "json", "--out", out]).status == 0)
        let cities = try #require(try json(out + "/asean-plastics-network.json")["regionOutlines"] as? [[String: Any]]).filter { ($0["id"] as? String)?.hasPrefix("city-") == true }
        #expect(cities.count == 16 && cities.allSatisfy { ($0["nameZH"] as? String)?.isEmpty == false })
        #expect(Set(cities.compactMap { $0["id"] as? String }).isSuperset(of: ["city-manila", "city-jakarta", "city-bangkok", "city-sihanoukville", "city-singapore", "city-yangon"]))

        for project in ["lmc-water-monitoring", "bri17-cambodia-station", "asean-plastics-network"] {
            #expect(try cli.run(["report", "--project", project, "--lang", "zh", "--out", out + "-zh"]).status == 0)
            let names = try ChineseReportCheck.names(fromReportJSON: out + "/\(project).json", cli: cli, project: project, out: out)
            let english = ChineseReportCheck.englishWords(inHTML: try String(contentsOfFile: out + "-zh/\(project).html", encoding: .utf8), names: names)
            #expect(english.isEmpty, "\(project) zh report has English words: \(english.sorted().prefix(40))")
        }
    }
}

/// The check behind "the zh report contains no English words outside names, units and
/// identifiers": text outside `<code>`, `<style>` and elements marked `translate="no"`, with
/// paths, record ids and numbers taken out, may hold only Chinese, acronyms (no lower-case
/// letter), units, the names of methods' authors, and the names the report's JSON lists
/// (stations, countries, rivers, regions, earthquake places).
enum ChineseReportCheck {
    static let units: Set<String> = ["mm", "yr", "km", "m", "h", "min", "s", "p", "M"]
    static let properNames: Set<String> = ["Sen", "Mann-Kendall", "Hamed-Rao", "Mofjeld", "Sethian", "Blaser", "Getis-Ord", "Getis", "Ord", "Gi",
                                       "Benjamini-Hochberg", "Benjamini", "Hochberg", "Rayleigh", "UTide", "Wessel", "Smith", "BlueWatch", "ioos", "qc", "CO-OPS", "NetCDF",
                                       "Coles", "SciPy", "pyextremes", "GEV"]

    static func names(fromReportJSON path: String, cli: CommandRunner, project: String, out: String) throws -> Set<String> {
        if !FileManager.default.fileExists(atPath: path) {
            _ = try cli.run(["report", "--project", project, "--format", "json", "--out", out])
        }
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        var names = Set<String>()
        func words(_ s: String) { for w in s.split(whereSeparator: { !($0.isLetter || $0 == "'" || $0 == "-") }) { names.insert(String(w)) } }
        func walk(_ v: Any, key: String?) {
            if let d = v as? [String: Any] { for (k, x) in d { walk(x, key: k) } }
            else if let a = v as? [Any] { for x in a { walk(x, key: key) } }
            else if let s = v as? String, let key, ["name", "country", "river", "place", "regionName", "stationName", "event", "id", "station"].contains(key) { words(s) }
        }
        walk(object, key: nil)
        return names
    }

    static func englishWords(inHTML html: String, names: Set<String>) -> Set<String> {
        var text = html
        for pattern in ["(?s)<style>.*?</style>", "(?s)<head>.*?</head>", "(?s)<code>.*?</code>", "(?s)<(\\w+)[^>]*translate=\"no\"[^>]*>.*?</\\1>", "<[^>]+>",
                        "[\\w.-]*[/][\\w./-]+", "\\w+\\.(toml|md|csv|nc|txt)\\b", "\\b[a-z]+:[\\w-]+", "\\b[a-z]+(-[a-z]+)*-\\d[\\w-]*", "\\d[\\d.]*e[-+]?\\d+"] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: [.regularExpression, .caseInsensitive])
        }
        for (entity, character) in [("&amp;", "&"), ("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        var english = Set<String>()
        for token in text.split(whereSeparator: { !(($0.isASCII && $0.isLetter) || $0 == "'" || $0 == "-") }) {
            let w = token.trimmingCharacters(in: CharacterSet(charactersIn: "'-"))
            guard w.count > 1 else { continue }   // symbols: g in √(g·h)
            if !w.contains(where: \.isLowercase) || units.contains(w) || properNames.contains(w) || names.contains(w) { continue }
            english.insert(w)
        }
        return english
    }
}
