import BlueWatchTesting
import Foundation
import Testing

/// `bluewatch extremes`, `tides datums` and `tides highlow` as a user runs them: stored stations
/// and files, every format, the plot, and refusals that say what is missing.
struct ExtremesCLITests {
    let dir = TemporaryDirectory("bluewatch-extremes")

    @Test("extremes: GEV of a monthly-maxima file and of the stored station (same numbers), json/csv, SVG plot, moving location, GPD of the residual; refusals")
    func extremes() throws {
        let cli = CommandRunner(database: dir.file("store.sqlite"))
        let file = TestPaths.data("sealevel/monthly_maxima/monthly_max_57.csv")
        let ingest = try cli.run(["ingest", "--quiet", file, TestPaths.data("sealevel/hourly/HNL2010.asc")])
        try #require(ingest.status == 0, "\(ingest.stderr)")

        let plot = dir.file("gev.svg")
        let table = try cli.run(["extremes", file, "--bootstrap", "200", "--plot", plot], withDatabase: false)
        #expect(table.status == 0, "\(table.stderr)")
        for word in ["GEV of 31 annual maxima", "shape ξ = -0.1456", "2.2131", "2.1594–2.4876", "sha256"] { #expect(table.stdout.contains(word), "\(word): \(table.stdout)") }
        let svg = try String(contentsOfFile: plot, encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("return period (years)") && svg.contains("<circle"))

        let json = try cli.run(["extremes", "honolulu", "--bootstrap", "0", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let levels = try #require(reports.first?["returnLevels"] as? [[String: Any]])
        #expect(levels.count == 6 && abs((levels[5]["level"] as? Double ?? 0) - 2.2131) < 1e-4, "the stored station gives the file's numbers")
        #expect((reports.first?["variable"] as? String) == "sea_level_monthly_max")

        // --datum MHHW: the same levels above the station's MHHW (from its stored hourly record).
        let datums = try cli.run(["tides", "datums", "honolulu", "--format", "json"])
        let mhhw = try #require(((try JSONSerialization.jsonObject(with: Data(datums.stdout.utf8)) as? [String: Any])?["datums"] as? [String: Double])?["MHHW"])
        let above = try cli.run(["extremes", "honolulu", "--bootstrap", "0", "--datum", "MHHW", "--format", "json"])
        let aboveLevels = try #require((try JSONSerialization.jsonObject(with: Data(above.stdout.utf8)) as? [[String: Any]])?.first?["returnLevels"] as? [[String: Any]])
        #expect(abs((aboveLevels[5]["level"] as? Double ?? 0) - (2.2131 - mhhw)) < 1e-4, "\(above.stdout.prefix(400))")
        // series export --datum MHHW: every value moved down by MHHW, and the header says so.
        let plain = try cli.run(["series", "export", "honolulu", "--sampling", "hourly", "--from", "2010-03-01", "--to", "2010-03-02"])
        let shifted = try cli.run(["series", "export", "honolulu", "--sampling", "hourly", "--from", "2010-03-01", "--to", "2010-03-02", "--datum", "mhhw"])
        #expect(plain.status == 0 && shifted.status == 0, "\(plain.stderr) \(shifted.stderr)")
        func values(_ text: String) -> [Double] { text.split(separator: "\n").filter { $0.hasPrefix("2010-") }.compactMap { Double($0.split(separator: ",", omittingEmptySubsequences: false)[1]) } }
        let (v0, v1) = (values(plain.stdout), values(shifted.stdout))
        #expect(v0.count == 48 && v1.count == 48 && zip(v0, v1).allSatisfy { abs($0 - $1 - mhhw) < 1e-4 }, "\(shifted.stdout.prefix(600))")
        #expect(shifted.stdout.contains("datum: MHHW (") && shifted.stdout.contains("harmonic prediction over 1983–2001"), "\(shifted.stdout.prefix(600))")
        let residualDatum = try cli.run(["series", "export", "honolulu", "--variable", "sea_level_monthly_max", "--datum", "XYZ"])
        #expect(residualDatum.status == 64 && residualDatum.stderr.contains("--datum must be one of"), "\(residualDatum.stderr)")
        let noTide = try cli.run(["extremes", TestPaths.data("sealevel/monthly_maxima/monthly_max_60.csv"), "--datum", "MHHW"])
        #expect(noTide.status == 1 && noTide.stderr.contains("needs an hourly"), "\(noTide.stderr)")

        let csv = try cli.run(["extremes", "honolulu", "--bootstrap", "0", "--moving-location", "--year", "2030", "--return-periods", "10,100", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = csv.stdout.split(separator: "\n")
        #expect(rows.count == 3 && rows[0].hasPrefix("station,series,quantity,datum,distribution") && rows[1].contains(",gev,") && rows[1].contains(",2030.0000,"), "\(csv.stdout)")

        let gpd = try cli.run(["extremes", "honolulu", "--method", "gpd", "--residual", "--bootstrap", "0", "--return-periods", "2,5"])
        #expect(gpd.status == 0, "\(gpd.stderr)")
        #expect(gpd.stdout.contains("non-tidal residual") && gpd.stdout.contains("peaks over") && gpd.stderr.contains("extrapolate"), "\(gpd.stdout) \(gpd.stderr)")

        #expect(table.stdout.contains("Kolmogorov–Smirnov D = "), "goodness of fit shown")
        let aids = try cli.run(["extremes", "honolulu", "--method", "gpd", "--residual", "--threshold-aids", "--format", "csv"])
        #expect(aids.status == 0 && aids.stdout.hasPrefix("station,series,threshold_m,peaks,mean_excess_m") && aids.stdout.split(separator: "\n").count == 21, "\(aids.stdout) \(aids.stderr)")

        // Refusals: one year of hourly data has one annual maximum; a threshold above the data; bad options.
        let short = try cli.run(["extremes", "honolulu", "--variable", "sea_level"])
        #expect(short.status == 1 && short.stderr.contains("a fit needs at least 10"), "\(short.stderr)")
        let high = try cli.run(["extremes", "honolulu", "--variable", "sea_level", "--method", "gpd", "--threshold", "9"])
        #expect(high.status == 1 && high.stderr.contains("outside the data"), "\(high.stderr)")
        #expect(try cli.run(["extremes", "honolulu", "--return-periods", "0.5"]).status == 64)
        #expect(try cli.run(["extremes", "honolulu", "--threshold", "1"]).status == 64, "--threshold needs --method gpd")
        #expect(try cli.run(["extremes", "honolulu", "--year", "2030"]).status == 64, "--year needs --moving-location")
        #expect(try cli.run(["extremes", "nowhere"]).status == 64)
    }

    @Test("extremes --blocks monthly --seasonal: monthly maxima with a seasonal location give scipy's annual levels; --seasonal alone is refused")
    func seasonal() throws {
        let cli = CommandRunner(database: dir.file("seasonal.sqlite"))
        let file = TestPaths.data("sealevel/monthly_maxima/monthly_max_57.csv")
        let golden = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: TestPaths.golden("extremes.json")))) as? [String: Any])
        let seasonal = try #require((((golden["gev"] as? [String: Any])?["monthly_max_57.csv"] as? [String: Any])?["monthly_seasonal"] as? [String: Any])?["seasonal"] as? [String: Any])
        let expected = try #require(seasonal["return_levels"] as? [Double])
        let json = try cli.run(["extremes", file, "--blocks", "monthly", "--seasonal", "--bootstrap", "0", "--return-periods", "2,5,10,20,50,100", "--format", "json"], withDatabase: false)
        #expect(json.status == 0, "\(json.stderr)")
        let report = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])?.first)
        let fit = try #require(report["fit"] as? [String: Any])
        #expect(fit["blocksPerYear"] as? Int == 12 && (fit["seasonalCycle"] as? [Double])?.count == 2, "\(fit.keys)")
        let levels = try #require(report["returnLevels"] as? [[String: Any]])
        #expect(abs((levels[5]["level"] as? Double ?? 0) - expected[5]) < 1e-4 * expected[5], "100-yr \(levels[5]) vs scipy \(expected[5])")
        let table = try cli.run(["extremes", file, "--blocks", "monthly", "--seasonal", "--bootstrap", "0"], withDatabase: false)
        #expect(table.stdout.contains("monthly maxima") && table.stdout.contains("seasonal cycle of the location"), "\(table.stdout)")
        #expect(try cli.run(["extremes", file, "--seasonal"], withDatabase: false).status == 64, "--seasonal needs monthly blocks")
        #expect(try cli.run(["extremes", file, "--method", "gpd", "--blocks", "monthly"], withDatabase: false).status == 64)
    }

    @Test("tides datums and highlow: CO-OPS datums from the prediction over the epoch (said so), tables above MLLW, json and csv")
    func datums() throws {
        let cli = CommandRunner(database: dir.file("tides.sqlite"))
        let hnl = TestPaths.data("sealevel/hourly/HNL2010.asc")
        let json = try cli.run(["tides", "datums", hnl, "--epoch", "2010-2012", "--format", "json"], withDatabase: false)
        #expect(json.status == 0, "\(json.stderr)")
        let out = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let datums = try #require(out["datums"] as? [String: Double])
        #expect(Set(datums.keys) == ["HAT", "MHHW", "MHW", "DTL", "MTL", "MSL", "MLW", "MLLW", "LAT", "GT", "MN", "DHQ", "DLQ"])
        let gt = try #require(datums["GT"])
        #expect(gt > 0.55 && gt < 0.62, "Honolulu's great diurnal range is about 0.58 m (CO-OPS 1612340): \(gt)")
        #expect((out["method"] as? String)?.contains("harmonic prediction") == true)

        let table = try cli.run(["tides", "highlow", hnl, "--from", "2010-07-01", "--to", "2010-07-02", "--datum", "MLLW"], withDatabase: false)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("above MLLW") && table.stdout.contains("HH") && table.stdout.contains("LL"), "\(table.stdout)")
        let csv = try cli.run(["tides", "highlow", hnl, "--from", "2010-07-01", "--to", "2010-07-03", "--format", "csv"], withDatabase: false)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first == "time,height_m,type" && lines.count >= 8, "\(csv.stdout)")
        let observed = try cli.run(["tides", "highlow", hnl, "--from", "2010-02-27", "--to", "2010-03-01", "--observed"], withDatabase: false)
        #expect(observed.status == 0 && observed.stdout.contains("observed high and low waters") && observed.stdout.contains("HH"), "\(observed.stdout)\(observed.stderr)")
        let outside = try cli.run(["tides", "highlow", hnl, "--from", "2012-01-01", "--to", "2012-01-02", "--observed"], withDatabase: false)
        #expect(outside.status == 1 && outside.stderr.contains("has no observation between"), "\(outside.stderr)")
        #expect(try cli.run(["tides", "datums", hnl, "--epoch", "2010"], withDatabase: false).status == 64)
        #expect(try cli.run(["tides", "highlow", hnl, "--from", "2010-07-01", "--to", "2010-07-02", "--datum", "XYZ"], withDatabase: false).status == 64)
    }

    @Test("flooding: flood days per year above a threshold or NOAA's derived minor threshold; the outlook method, run on the record's own year, gives its observed count within 15 %")
    func flooding() throws {
        let cli = CommandRunner(database: dir.file("flood.sqlite"))
        let hnl = TestPaths.data("sealevel/hourly/HNL2010.asc")
        let json = try cli.run(["flooding", hnl, "--threshold", "0.25", "--outlook", "2010", "--trend", "0", "--format", "json"], withDatabase: false)
        #expect(json.status == 0, "\(json.stderr)")
        let out = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let year = try #require((out["years"] as? [[String: Any]])?.first)
        let observed = try #require(year["floodDays"] as? Int)
        #expect(year["year"] as? Int == 2010 && year["daysJudged"] as? Int == 365 && observed > 10, "\(year)")
        let expected = try #require((out["outlooks"] as? [[String: Any]])?.first?["expectedDays"] as? Double)
        #expect(abs(expected - Double(observed)) <= 0.15 * Double(observed), "hindcast \(expected) vs observed \(observed)")
        let noaa = try cli.run(["flooding", hnl, "--noaa", "minor"], withDatabase: false)
        #expect(noaa.status == 0 && noaa.stdout.contains("NOAA derived minor flood threshold") && noaa.stdout.contains("Sweet et al. 2018"), "\(noaa.stdout)")
        #expect(try cli.run(["flooding", hnl], withDatabase: false).status == 64, "a threshold is needed")
        #expect(try cli.run(["flooding", hnl, "--noaa", "minor", "--datum", "MLLW"], withDatabase: false).status == 64)
    }
}
