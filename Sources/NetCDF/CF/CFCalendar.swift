/// The CF calendars (CF-1.8 §4.4.1). Day arithmetic for each is exact integer arithmetic on a
/// day count; years use astronomical numbering (year 0 exists, as in cftime with
/// `has_year_zero`; CF files almost never reach it).
public enum CFCalendar: String, Sendable, CaseIterable {
    /// Mixed Julian/Gregorian: Julian up to 1582-10-04, Gregorian from 1582-10-15 (also "gregorian").
    case standard
    case prolepticGregorian = "proleptic_gregorian"
    case julian
    /// Every year has 365 days (also "365_day").
    case noLeap = "noleap"
    /// Every year has 366 days (also "366_day").
    case allLeap = "all_leap"
    /// Twelve months of 30 days.
    case day360 = "360_day"

    /// Parses a `calendar` attribute; a missing attribute means `standard` (CF default).
    /// Returns nil for a calendar name CF does not define.
    public init?(attribute: String?) {
        guard let raw = attribute?.trimmingSpaces().lowercased(), !raw.isEmpty else {
            self = .standard
            return
        }
        switch raw {
        case "standard", "gregorian": self = .standard
        case "proleptic_gregorian": self = .prolepticGregorian
        case "julian": self = .julian
        case "noleap", "365_day", "no_leap": self = .noLeap
        case "all_leap", "366_day": self = .allLeap
        case "360_day": self = .day360
        default: return nil
        }
    }

    /// True when the calendar's dates are real days (they map one-to-one onto UTC).
    public var isReal: Bool {
        switch self {
        case .standard, .prolepticGregorian, .julian: true
        case .noLeap, .allLeap, .day360: false
        }
    }

    /// Days in `month` of `year` in this calendar.
    public func daysInMonth(year: Int, month: Int) -> Int {
        switch self {
        case .day360: return 30
        case .noLeap: return CFCalendar.commonMonths[month - 1]
        case .allLeap: return month == 2 ? 29 : CFCalendar.commonMonths[month - 1]
        case .prolepticGregorian: return month == 2 && CFCalendar.isGregorianLeap(year) ? 29 : CFCalendar.commonMonths[month - 1]
        case .julian: return month == 2 && year % 4 == 0 ? 29 : CFCalendar.commonMonths[month - 1]
        case .standard:
            let leap = year > 1582 ? CFCalendar.isGregorianLeap(year) : year % 4 == 0
            return month == 2 && leap ? 29 : CFCalendar.commonMonths[month - 1]
        }
    }

    /// True when `year-month-day` exists in this calendar.
    public func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month) else { return false }
        if self == .standard, year == 1582, month == 10, (5...14).contains(day) { return false }
        return true
    }

    /// A day count for a valid date: the Julian Day Number for the real calendars, a plain
    /// count of days since year 0 for the others.
    public func dayNumber(year: Int, month: Int, day: Int) -> Int {
        switch self {
        case .prolepticGregorian: return CFCalendar.gregorianJDN(year, month, day)
        case .julian: return CFCalendar.julianJDN(year, month, day)
        case .standard:
            let gregorianStart = (year, month, day) >= (1582, 10, 15)
            return gregorianStart ? CFCalendar.gregorianJDN(year, month, day) : CFCalendar.julianJDN(year, month, day)
        case .noLeap: return 365 * year + CFCalendar.cumulativeDays(month, leap: false) + day - 1
        case .allLeap: return 366 * year + CFCalendar.cumulativeDays(month, leap: true) + day - 1
        case .day360: return 360 * year + 30 * (month - 1) + day - 1
        }
    }

    /// The date of a day count (inverse of ``dayNumber(year:month:day:)``).
    public func date(dayNumber n: Int) -> (year: Int, month: Int, day: Int) {
        switch self {
        case .prolepticGregorian: return CFCalendar.gregorianDate(jdn: n)
        case .julian: return CFCalendar.julianDate(jdn: n)
        case .standard: return n >= 2_299_161 ? CFCalendar.gregorianDate(jdn: n) : CFCalendar.julianDate(jdn: n)
        case .noLeap, .allLeap:
            let length = self == .noLeap ? 365 : 366
            let year = floorDiv(n, length)
            var rest = n - year * length
            var month = 1
            while rest >= daysInMonth(year: year, month: month) { rest -= daysInMonth(year: year, month: month); month += 1 }
            return (year, month, rest + 1)
        case .day360:
            let year = floorDiv(n, 360)
            let rest = n - year * 360
            return (year, rest / 30 + 1, rest % 30 + 1)
        }
    }

    /// Julian Day Number of 1970-01-01 (the Unix epoch).
    public static let unixEpochJDN = 2_440_588

    static let commonMonths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

    static func isGregorianLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func cumulativeDays(_ month: Int, leap: Bool) -> Int {
        var total = 0
        for m in 1..<month { total += m == 2 ? (leap ? 29 : 28) : commonMonths[m - 1] }
        return total
    }

    // Fliegel–Van Flandern style conversions with floor division, valid for all years.
    static func gregorianJDN(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let a = floorDiv(14 - m, 12), yy = y + 4800 - a, mm = m + 12 * a - 3
        return d + floorDiv(153 * mm + 2, 5) + 365 * yy + floorDiv(yy, 4) - floorDiv(yy, 100) + floorDiv(yy, 400) - 32045
    }

    static func julianJDN(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let a = floorDiv(14 - m, 12), yy = y + 4800 - a, mm = m + 12 * a - 3
        return d + floorDiv(153 * mm + 2, 5) + 365 * yy + floorDiv(yy, 4) - 32083
    }

    static func gregorianDate(jdn: Int) -> (Int, Int, Int) {
        let a = jdn + 32044
        let b = floorDiv(4 * a + 3, 146_097)
        let c = a - floorDiv(146_097 * b, 4)
        let d = floorDiv(4 * c + 3, 1461)
        let e = c - floorDiv(1461 * d, 4)
        let m = floorDiv(5 * e + 2, 153)
        return (100 * b + d - 4800 + floorDiv(m, 10), m + 3 - 12 * floorDiv(m, 10), e - floorDiv(153 * m + 2, 5) + 1)
    }

    static func julianDate(jdn: Int) -> (Int, Int, Int) {
        let c = jdn + 32082
        let d = floorDiv(4 * c + 3, 1461)
        let e = c - floorDiv(1461 * d, 4)
        let m = floorDiv(5 * e + 2, 153)
        return (d - 4800 + floorDiv(m, 10), m + 3 - 12 * floorDiv(m, 10), e - floorDiv(153 * m + 2, 5) + 1)
    }
}

@inline(__always) func floorDiv(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
