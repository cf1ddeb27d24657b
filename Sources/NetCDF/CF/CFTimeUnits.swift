/// A parsed CF time `units` string, "UNIT since REFERENCE", with its calendar, able to turn
/// stored numbers into dates and into UTC seconds since 1970 (CF-1.8 §4.4).
public struct CFTimeUnits: Sendable, Equatable {
    /// Length of one unit in seconds.
    public let secondsPerUnit: Double
    /// The unit as written ("days", "hours", …).
    public let unitName: String
    /// The reference date, in the file's calendar and its own time zone.
    public let reference: CFDate
    /// The zone offset of the reference time, in seconds east of UTC.
    public let zoneOffset: Double
    public let calendar: CFCalendar

    /// Reasons a units string is refused.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case notATimeUnit(String)
        case unknownUnit(String)
        case badReferenceDate(String)

        public var description: String {
            switch self {
            case .notATimeUnit(let s): "'\(s)' is not a CF time unit of the form 'UNIT since DATE'"
            case .unknownUnit(let s): "unknown time unit '\(s)' (expected seconds, minutes, hours, days, weeks, months or years)"
            case .badReferenceDate(let s): "cannot read the reference date '\(s)'"
            }
        }
    }

    /// Parses `units` (e.g. "days since 1800-01-01 00:00:00", "seconds since 1970-01-01T00:00:00Z",
    /// "hours since 1950-1-1 0:0:0 +10:00").
    public init(units: String, calendar: CFCalendar = .standard) throws(ParseError) {
        let lower = units.lowercased()
        guard let sinceRange = lower.range(of: " since ") else { throw .notATimeUnit(units) }
        let unit = lower[..<sinceRange.lowerBound].trimmingSpaces()
        let rest = String(units[sinceRange.upperBound...]).trimmingSpaces()
        let day = 86_400.0
        switch unit {
        case "s", "sec", "secs", "second", "seconds": secondsPerUnit = 1
        case "ms", "msec", "msecs", "millisecond", "milliseconds": secondsPerUnit = 0.001
        case "us", "microsecond", "microseconds": secondsPerUnit = 1e-6
        case "min", "mins", "minute", "minutes": secondsPerUnit = 60
        case "h", "hr", "hrs", "hour", "hours": secondsPerUnit = 3600
        case "d", "day", "days": secondsPerUnit = day
        case "week", "weeks": secondsPerUnit = 7 * day
        // udunits: a year is 365.242198781 days and a month a twelfth of it; in the 360_day
        // calendar a month is 30 days and a year 360.
        case "month", "months": secondsPerUnit = calendar == .day360 ? 30 * day : 365.242198781 * day / 12
        case "year", "years", "yr", "common_year", "common_years":
            secondsPerUnit = calendar == .day360 ? 360 * day : (unit.hasPrefix("common") ? 365 * day : 365.242198781 * day)
        default: throw .unknownUnit(unit)
        }
        unitName = unit
        self.calendar = calendar
        (reference, zoneOffset) = try CFTimeUnits.parseReference(rest, original: units)
        guard calendar.isValid(year: reference.year, month: reference.month, day: reference.day) else {
            throw .badReferenceDate(rest)
        }
    }

    /// The date `value` units after the reference, in the file's calendar and zone.
    public func date(_ value: Double) -> CFDate {
        let refDay = calendar.dayNumber(year: reference.year, month: reference.month, day: reference.day)
        let total = reference.secondOfDay + value * secondsPerUnit
        let days = (total / 86_400).rounded(.down)
        var secondOfDay = total - days * 86_400
        var dayNumber = refDay + Int(days)
        // Round to the microsecond, as cftime does, carrying into the next day if needed.
        secondOfDay = (secondOfDay * 1e6).rounded() / 1e6
        if secondOfDay >= 86_400 { secondOfDay -= 86_400; dayNumber += 1 }
        let (y, m, d) = calendar.date(dayNumber: dayNumber)
        let hour = Int(secondOfDay / 3600)
        let minute = Int((secondOfDay - Double(hour * 3600)) / 60)
        return CFDate(year: y, month: m, day: d, hour: hour, minute: minute, second: secondOfDay - Double(hour * 3600 + minute * 60))
    }

    /// UTC seconds since 1970-01-01 for `value`, or nil when the calendar date has no
    /// counterpart on the real time line (e.g. 30 February in the 360_day calendar).
    ///
    /// Real calendars map exactly; `noleap`, `all_leap` and `360_day` dates are placed on the
    /// proleptic Gregorian time line when they exist there.
    public func unixSeconds(_ value: Double) -> Double? {
        if calendar.isReal {
            let refDay = calendar.dayNumber(year: reference.year, month: reference.month, day: reference.day)
            let refSeconds = Double(refDay - CFCalendar.unixEpochJDN) * 86_400 + reference.secondOfDay - zoneOffset
            return refSeconds + value * secondsPerUnit
        }
        let d = date(value)
        guard CFCalendar.prolepticGregorian.isValid(year: d.year, month: d.month, day: d.day) else { return nil }
        let jdn = CFCalendar.prolepticGregorian.dayNumber(year: d.year, month: d.month, day: d.day)
        return Double(jdn - CFCalendar.unixEpochJDN) * 86_400 + d.secondOfDay - zoneOffset
    }

    /// The inverse of ``unixSeconds(_:)`` for writing: the value in these units for a UTC time.
    /// Only for real calendars.
    public func value(unixSeconds t: Double) -> Double {
        precondition(calendar.isReal, "encoding UTC times needs a real calendar")
        let refDay = calendar.dayNumber(year: reference.year, month: reference.month, day: reference.day)
        let refSeconds = Double(refDay - CFCalendar.unixEpochJDN) * 86_400 + reference.secondOfDay - zoneOffset
        return (t - refSeconds) / secondsPerUnit
    }

    /// Parses "YYYY-MM-DD[(T| )hh:mm[:ss[.fff]]][Z| UTC| ±hh[:mm]]", tolerating one-digit fields.
    static func parseReference(_ text: String, original: String) throws(ParseError) -> (CFDate, Double) {
        var s = Substring(text.trimmingSpaces())
        var zone = 0.0
        // Zone suffixes: "Z", " UTC", " GMT", " +10:00", " -1000", " +0"
        for suffix in ["utc", "gmt", "z"] where s.lowercased().hasSuffix(suffix) {
            s = s.dropLast(suffix.count)
            break
        }
        s = Substring(String(s).trimmingSpaces())
        var datePart = s
        var timePart: Substring = ""
        if let sep = s.firstIndex(where: { $0 == "T" || $0 == " " }) {
            datePart = s[..<sep]
            timePart = s[s.index(after: sep)...]
        }
        // An explicit offset after the time: "hh:mm:ss +hh:mm" or "hh:mm:ss+hh".
        if let signIndex = timePart.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let offsetText = timePart[timePart.index(after: signIndex)...].trimmingSpaces()
            let sign: Double = timePart[signIndex] == "-" ? -1 : 1
            let parts = offsetText.split(separator: ":")
            var hours = 0.0, minutes = 0.0
            if parts.count == 1, let v = Int(parts[0]) {
                if parts[0].count > 2 { hours = Double(v / 100); minutes = Double(v % 100) } else { hours = Double(v) }
            } else if parts.count == 2, let h = Double(parts[0]), let m = Double(parts[1]) {
                hours = h; minutes = m
            } else {
                throw .badReferenceDate(original)
            }
            zone = sign * (hours * 3600 + minutes * 60)
            timePart = Substring(timePart[..<signIndex].trimmingSpaces())
        }
        var negativeYear = false
        if datePart.first == "-" { negativeYear = true; datePart = datePart.dropFirst() }
        let dateFields = datePart.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(dateFields.count), var year = Int(dateFields[0]) else { throw .badReferenceDate(original) }
        if negativeYear { year = -year }
        let month = dateFields.count > 1 ? Int(dateFields[1]) : 1
        let day = dateFields.count > 2 ? Int(dateFields[2]) : 1
        guard let month, let day else { throw .badReferenceDate(original) }
        var hour = 0, minute = 0, second = 0.0
        if !timePart.isEmpty {
            let t = timePart.split(separator: ":")
            guard (1...3).contains(t.count), let h = Int(t[0]) else { throw .badReferenceDate(original) }
            hour = h
            if t.count > 1 { guard let m = Int(t[1]) else { throw .badReferenceDate(original) }; minute = m }
            if t.count > 2 { guard let sec = Double(t[2]) else { throw .badReferenceDate(original) }; second = sec }
        }
        guard (0...24).contains(hour), (0...59).contains(minute), second >= 0, second < 61 else { throw .badReferenceDate(original) }
        return (CFDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second), zone)
    }
}
