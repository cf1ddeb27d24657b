import BlueWatchCore
import Foundation
import Testing

struct UTCTimeTests {
    @Test("civil dates round-trip and agree with Foundation's Gregorian calendar")
    func civilDates() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for days in stride(from: -200_000, through: 200_000, by: 997) {
            let (y, m, d) = UTCTime.civil(days: days)
            #expect(UTCTime.days(year: y, month: m, day: d) == days)
            let date = Date(timeIntervalSince1970: Double(days) * 86_400)
            let c = calendar.dateComponents([.year, .month, .day], from: date)
            if y > 1600 { #expect(c.year == y && c.month == m && c.day == d) }
        }
    }

    // Expected seconds from Python: (datetime(...) - datetime(1970, 1, 1)).total_seconds()
    @Test("ISO text both ways", arguments: [
        ("2011-03-11T05:46:24Z", 1_299_822_384.0), ("1970-01-01", 0), ("2010-12-31 23:00:00", 1_293_836_400), ("1905-01-16T12:00:00.500Z", -2_049_883_199.5),
    ])
    func iso(text: String, seconds: Double) {
        #expect(UTCTime.parse(text) == seconds)
        #expect(UTCTime.parse(UTCTime.iso(seconds)) == seconds)
    }

    @Test("bad ISO text is refused")
    func badISO() {
        for text in ["2011-13-01", "yesterday", "2011-03-11T25:00", "2011/03/11"] { #expect(UTCTime.parse(text) == nil, "\(text)") }
    }

    @Test("impossible dates and years out of range are refused, never trapped on (issue 16)")
    func outOfRange() {
        for text in ["2011-02-29", "2012-02-30", "2011-04-31", "1900-02-29", "99999999999999999-01-01", "-99999999999999999-01-01",
                     "9223372036854775807-01-01", "12011-01-01", "2011-03-11T05:46:nan", "2011-03-11T05:46:inf"] {
            #expect(UTCTime.parse(text) == nil, "\(text)")
            #expect(UTCTime.bound(text, end: true) == nil, "\(text)")
        }
        for text in ["99999", "99999999999999999-01", "2011-00", "-0001"] { #expect(UTCTime.bound(text, end: false) == nil, "\(text)") }
        #expect(UTCTime.parse("2012-02-29") == UTCTime.seconds(year: 2012, month: 3, day: 1) - 86_400)
        #expect(UTCTime.bound("2000-02", end: true) == UTCTime.seconds(year: 2000, month: 3, day: 1) - 0.001)
        #expect(UTCTime.isValidDate(year: 2000, month: 2, day: 29) && !UTCTime.isValidDate(year: 2100, month: 2, day: 29))
        // Formatting any Double, however absurd, gives text rather than a trap.
        for t in [Double.nan, .infinity, -.infinity, 1e300, -1e300, Double.greatestFiniteMagnitude, 9.3e15] {
            _ = UTCTime.iso(t); _ = UTCTime.isoDate(t); _ = UTCTime.components(t); _ = UTCTime.decimalYear(t)
        }
        #expect(UTCTime.iso(1e300) == "Infinity" && UTCTime.iso(-.infinity) == "NaN")
        _ = UTCTime.days(year: .max, month: .min, day: .max)
        _ = UTCTime.middleOfMonth(year: .max, month: .max); _ = UTCTime.middleOfYear(.max); _ = UTCTime.middleOfYear(.min)
        _ = UTCTime.seconds(year: .min, month: 99, day: .min, hour: .max, minute: .max)
    }

    @Test("decimal years")
    func decimalYears() {
        #expect(UTCTime.decimalYear(UTCTime.seconds(year: 2000, month: 1, day: 1)) == 2000)
        #expect(abs(UTCTime.decimalYear(UTCTime.seconds(year: 2001, month: 7, day: 2, hour: 12)) - 2001.5) < 1e-9)
    }
}

struct TimeSeriesTests {
    @Test("validation names each problem")
    func validation() {
        #expect(throws: TimeSeriesProblem.empty) { try TimeSeries(times: [], values: []).validate() }
        #expect(throws: TimeSeriesProblem.allMissing(count: 2)) { try TimeSeries(times: [0, 1], values: [.nan, .nan]).validate() }
        #expect(throws: TimeSeriesProblem.duplicateTime(index: 1, time: 5)) { try TimeSeries(times: [5, 5], values: [1, 2]).validate() }
        #expect(throws: TimeSeriesProblem.unsorted(index: 2, previous: 9, time: 3)) { try TimeSeries(times: [1, 9, 3], values: [1, 2, 3]).validate() }
        #expect(throws: TimeSeriesProblem.nonFiniteTime(index: 0)) { try TimeSeries(times: [.nan], values: [1]).validate() }
        #expect(throws: Never.self) { try TimeSeries(times: [1, 2], values: [.nan, 2]).validate() }
    }

    @Test("slices by time, inclusive, by binary search")
    func slicing() {
        let s = TimeSeries(times: [0, 10, 20, 30], values: [1, 2, .nan, 4])
        #expect(s.slice(from: 10, to: 20).values.count == 2)
        #expect(s.slice(from: 11).times == [20, 30])
        #expect(s.slice(to: -1).isEmpty)
        #expect(s.flags == [.notEvaluated, .notEvaluated, .missing, .notEvaluated])
        #expect(s.validCount == 3)
    }
}

struct UnitTests {
    @Test("length units parse from provider spellings and convert exactly")
    func lengths() {
        #expect(LengthUnit(parsing: "millimeters") == .millimetre)
        #expect(LengthUnit(parsing: "Metres") == .metre)
        #expect(LengthUnit(parsing: "cm") == .centimetre)
        #expect(LengthUnit(parsing: "degrees_north") == nil)
        var v = [1237.0, .nan, -5]
        LengthUnit.millimetre.convertToMetres(&v)
        #expect(v[0] == 1.237 && v[1].isNaN && v[2] == -0.005)
    }

    @Test("microplastic units convert only where no extra information is needed")
    func plasticUnits() {
        #expect(PlasticUnit(parsing: "pieces/m3") == .piecesPerCubicMetre)
        #expect(PlasticUnit(parsing: "microplastic/kg sediment dry wt.") == .piecesPerKilogramDryWeight)
        #expect(PlasticUnit.piecesPerCubicMetre.factor(to: .piecesPerLitre) == 0.001)
        #expect(PlasticUnit.piecesPerCubicMetre.factor(to: .piecesPerSquareKilometre) == nil)
        #expect(PlasticUnit.piecesPerKilogramDryWeight.factor(to: .piecesPerCubicMetre) == nil)
    }

    @Test("sampling labels", arguments: [(60.0, "1 min"), (900, "15 min"), (3600, "hourly"), (86_400, "daily"), (2_629_800, "monthly"), (31_557_600, "annual"), (15, "15 s")])
    func sampling(seconds: Double, label: String) {
        #expect(Sampling.label(seconds: seconds) == label)
    }
}

struct GridTests {
    @Test("0–360 grids rotate to −180…180 with their values")
    func signedLongitudes() {
        let g = Grid(values: [0, 1, 2, 3, 10, 11, 12, 13], latitudes: [0, 1], longitudes: [0, 90, 180, 270])
        let s = g.withSignedLongitudes()
        #expect(s.longitudes == [-90, 0, 90, 180])
        #expect(s.values == [3, 0, 1, 2, 13, 10, 11, 12])
        #expect(s[x: 0, y: 1] == 13)
        #expect(s.withSignedLongitudes() == s)
    }
}

struct DuplicateRecordsTests {
    @Test("copies are recognised on common times within 1 mm; different records and shifted copies are not")
    func sameness() {
        let times = (0..<100).map { Double($0) * 3600 }
        let a = TimeSeries(times: times, values: times.map { 1 + sin($0 / 40_000) })
        let float32 = TimeSeries(times: times, values: a.values.map { Double(Float($0)) })
        #expect(DuplicateRecords.areSame(a, float32))
        let longer = TimeSeries(times: times + [360_000, 363_600], values: a.values + [.nan, 2])
        #expect(DuplicateRecords.areSame(a, longer))
        let shifted = TimeSeries(times: times, values: a.values.map { $0 + 0.01 })
        #expect(!DuplicateRecords.areSame(a, shifted))
        let other = TimeSeries(times: times.map { $0 + 1800 }, values: a.values)
        #expect(!DuplicateRecords.areSame(a, other))
        #expect(DuplicateRecords.groups([a, shifted, float32, other, longer]) == [[0, 2, 4]])
    }

    @Test("precedence: research quality > unspecified > fast delivery > derived, then most values, then first stored")
    func precedence() {
        typealias C = DuplicateRecords.Candidate
        let fd = C(id: 1, version: .init(version: "fast delivery (preliminary)", isDerived: false), validCount: 9000)
        let rq = C(id: 2, version: .init(version: "research quality", isDerived: false), validCount: 8000)
        let derived = C(id: 3, version: .init(version: nil, isDerived: true), validCount: 9999)
        #expect(DuplicateRecords.canonical([fd, rq, derived])?.id == 2)
        #expect(DuplicateRecords.canonical([fd, derived])?.id == 1)
        let plain = C(id: 4, version: .unspecified, validCount: 100), plainLater = C(id: 5, version: .unspecified, validCount: 100)
        #expect(DuplicateRecords.canonical([plainLater, plain])?.id == 4)
        #expect(DuplicateRecords.canonical([plain, C(id: 6, version: .unspecified, validCount: 101)])?.id == 6)
    }
}
