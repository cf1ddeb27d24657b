import BlueWatchTesting
import NetCDF
import Testing

/// CF time decoding in every calendar against cftime (scripts/reference/cftime_reference.py).
struct CFCalendarTests {
    struct Golden: Decodable {
        struct Case: Decodable { var units: String; var calendar: String; var value: Double; var iso: String }
        var cases: [Case]
    }

    @Test("dates match cftime in every CF calendar")
    func matchesCftime() throws {
        let golden: Golden = try TestPaths.loadGolden("cf_calendars.json")
        #expect(golden.cases.count > 900)
        var failures: [String] = []
        for c in golden.cases {
            let calendar = try #require(CFCalendar(attribute: c.calendar))
            let units = try CFTimeUnits(units: c.units, calendar: calendar)
            let got = units.date(c.value).description
            if got != c.iso { failures.append("\(c.value) \(c.units) [\(c.calendar)]: \(got) vs \(c.iso)") }
        }
        #expect(failures.isEmpty, "\(failures.count) mismatches, first: \(failures.prefix(5))")
        let calendars = Set(golden.cases.map { $0.calendar })
        #expect(calendars.count == 9)
    }

    @Test("calendar aliases and unknown calendars")
    func aliases() {
        #expect(CFCalendar(attribute: nil) == .standard)
        #expect(CFCalendar(attribute: "gregorian") == .standard)
        #expect(CFCalendar(attribute: "365_day") == .noLeap)
        #expect(CFCalendar(attribute: "366_day") == .allLeap)
        #expect(CFCalendar(attribute: " 360_day ") == .day360)
        #expect(CFCalendar(attribute: "lunar") == nil)
    }

    @Test("the 1582 switch of the standard calendar")
    func gregorianSwitch() throws {
        let units = try CFTimeUnits(units: "days since 1582-10-04", calendar: .standard)
        #expect(units.date(1).description == "1582-10-15T00:00:00.000")
        #expect(!CFCalendar.standard.isValid(year: 1582, month: 10, day: 10))
        #expect(CFCalendar.prolepticGregorian.isValid(year: 1582, month: 10, day: 10))
    }

    @Test("units strings: zones, units and refusals")
    func unitsParsing() throws {
        let utc = try CFTimeUnits(units: "seconds since 1970-01-01T00:00:00Z")
        #expect(utc.unixSeconds(86_400) == 86_400)
        let plusTen = try CFTimeUnits(units: "hours since 1970-01-01 10:00:00 +10:00")
        #expect(plusTen.unixSeconds(0) == 0)
        let oneDigit = try CFTimeUnits(units: "days since 1950-1-1 0:0:0")
        #expect(oneDigit.unixSeconds(0) == -631_152_000)
        #expect(throws: CFTimeUnits.ParseError.notATimeUnit("meters")) { try CFTimeUnits(units: "meters") }
        #expect(throws: CFTimeUnits.ParseError.unknownUnit("fortnights")) { try CFTimeUnits(units: "fortnights since 2000-01-01") }
        #expect(throws: CFTimeUnits.ParseError.self) { try CFTimeUnits(units: "days since yesterday") }
        #expect(throws: CFTimeUnits.ParseError.self) { try CFTimeUnits(units: "days since 2001-02-30", calendar: .standard) }
    }

    @Test("360-day dates with no real counterpart are refused, real ones are placed")
    func nonRealDates() throws {
        let units = try CFTimeUnits(units: "days since 2001-01-01", calendar: .day360)
        #expect(units.date(59).description == "2001-02-30T00:00:00.000")
        #expect(units.unixSeconds(59) == nil)
        #expect(units.unixSeconds(60) != nil)
        let noLeap = try CFTimeUnits(units: "days since 2000-02-28", calendar: .noLeap)
        #expect(noLeap.date(1).description == "2000-03-01T00:00:00.000")
    }
}
