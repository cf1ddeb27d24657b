/// Conversions between UTC seconds since 1970 and civil dates on the proleptic Gregorian
/// calendar, without Foundation (exact integer day arithmetic).
public enum UTCTime {
    /// The years dates may be written with (ISO 8601's four digits). Parsers refuse others.
    public static let years: ClosedRange<Int> = 0...9999
    /// Seconds since 1970 that the conversions below accept (about ±31 million years). Beyond
    /// them, and for NaN, ``components(_:)`` and the formatters clamp instead of trapping:
    /// data times are checked against ``years`` where they are read.
    public static let representableSeconds: ClosedRange<Double> = -1e15...1e15

    /// True for a real day of the proleptic Gregorian calendar (no 31 February) in ``years``.
    public static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
        guard years.contains(year), (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's `days_from_civil`). Inputs far
    /// outside any calendar (|year| or |day| above 10⁹, a month outside 1…12) are clamped so the
    /// arithmetic cannot overflow; callers that read dates from data check ``isValidDate``.
    public static func days(year rawYear: Int, month rawMonth: Int, day rawDay: Int) -> Int {
        let year = clampCount(rawYear)
        let month = min(max(rawMonth, 1), 12)
        let day = clampCount(rawDay)
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01 (`civil_from_days`).
    public static func civil(days z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Seconds since 1970 of a civil UTC date and time.
    public static func seconds(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Double = 0) -> Double {
        Double(days(year: year, month: month, day: day)) * 86_400 + Double(hour) * 3600 + Double(minute) * 60 + second
    }

    /// A year or day count within ±10⁹, so calendar arithmetic on it cannot overflow.
    static func clampCount(_ n: Int) -> Int { min(max(n, -1_000_000_000), 1_000_000_000) }

    /// `t` within ``representableSeconds`` (NaN becomes 0): what the formatters work on.
    static func clamped(_ t: Double) -> Double {
        t.isNaN ? 0 : min(max(t, representableSeconds.lowerBound), representableSeconds.upperBound)
    }

    /// Broken-down UTC time of seconds since 1970.
    public static func components(_ raw: Double) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Double) {
        let t = clamped(raw)
        let dayCount = Int((t / 86_400).rounded(.down))
        let rest = t - Double(dayCount) * 86_400
        let (y, m, d) = civil(days: dayCount)
        let hour = Int(rest / 3600)
        let minute = Int((rest - Double(hour) * 3600) / 60)
        return (y, m, d, hour, minute, rest - Double(hour * 3600 + minute * 60))
    }

    /// ISO 8601 UTC text: "2011-03-11T05:46:24Z", with milliseconds only when not whole seconds.
    public static func iso(_ t: Double) -> String {
        guard t.isFinite else { return "NaN" }
        guard representableSeconds.contains(t) else { return t < 0 ? "-Infinity" : "Infinity" }
        let ms = Int64((t * 1000).rounded())
        let wholeSeconds = Double(ms / 1000 - (ms % 1000 < 0 ? 1 : 0))
        let millis = Int(ms - Int64(wholeSeconds) * 1000)
        let c = components(wholeSeconds)
        let base = "\(pad4(c.year))-\(pad2(c.month))-\(pad2(c.day))T\(pad2(c.hour)):\(pad2(c.minute)):\(pad2(Int(c.second.rounded())))"
        return millis == 0 ? base + "Z" : base + "." + String(format3: millis) + "Z"
    }

    /// ISO date only: "2011-03-11".
    public static func isoDate(_ t: Double) -> String {
        let c = components(t)
        return "\(pad4(c.year))-\(pad2(c.month))-\(pad2(c.day))"
    }

    /// A period bound as users write it: a year ("2010"), a month ("2010-03"), a day
    /// ("2010-03-11") or an ISO time. As a start it is the first instant; as an end (`end: true`)
    /// a year, month or day includes all of it (its last millisecond). Nil when unreadable.
    public static func bound(_ text: String, end: Bool) -> Double? {
        if let year = Int(text), text.count == 4, years.contains(year) {
            return end ? seconds(year: year + 1, month: 1, day: 1) - 0.001 : seconds(year: year, month: 1, day: 1)
        }
        let parts = text.split(separator: "-")
        if parts.count == 2, parts[0].count == 4, let y = Int(parts[0]), years.contains(y), let m = Int(parts[1]), (1...12).contains(m) {
            if end { return (m == 12 ? seconds(year: y + 1, month: 1, day: 1) : seconds(year: y, month: m + 1, day: 1)) - 0.001 }
            return seconds(year: y, month: m, day: 1)
        }
        if let t = parse(text) { return text.count == 10 && end ? t + 86_399.999 : t }
        return nil
    }

    /// Parses "YYYY-MM-DD", "YYYY-MM-DDThh:mm[:ss[.fff]][Z]" or with a space instead of "T";
    /// returns nil for anything else. Times without a zone are taken as UTC.
    public static func parse(_ text: some StringProtocol) -> Double? {
        var s = Substring(text)
        while s.last == " " { s.removeLast() }
        if s.last == "Z" || s.last == "z" { s.removeLast() }
        let parts = s.split(maxSplits: 1, whereSeparator: { $0 == "T" || $0 == " " })
        guard let datePart = parts.first else { return nil }
        let d = datePart.split(separator: "-")
        guard d.count == 3, d[0].count == 4, let y = Int(d[0]), let m = Int(d[1]), let day = Int(d[2]),
              isValidDate(year: y, month: m, day: day) else { return nil }
        var hour = 0, minute = 0, second = 0.0
        if parts.count == 2 {
            let t = parts[1].split(separator: ":")
            guard (2...3).contains(t.count), let h = Int(t[0]), let mi = Int(t[1]), (0...23).contains(h), (0...59).contains(mi) else { return nil }
            hour = h; minute = mi
            if t.count == 3 { guard let sec = Double(t[2]), sec.isFinite, sec >= 0, sec < 61 else { return nil }; second = sec }
        }
        return seconds(year: y, month: m, day: day, hour: hour, minute: minute, second: second)
    }

    /// The exact middle of a calendar month (PSMSL's convention for monthly means).
    public static func middleOfMonth(year rawYear: Int, month rawMonth: Int) -> Double {
        let year = clampCount(rawYear), month = min(max(rawMonth, 1), 12)
        let start = seconds(year: year, month: month, day: 1)
        let end = month == 12 ? seconds(year: year + 1, month: 1, day: 1) : seconds(year: year, month: month + 1, day: 1)
        return (start + end) / 2
    }

    /// The exact middle of a calendar year (PSMSL's convention for annual means).
    public static func middleOfYear(_ rawYear: Int) -> Double {
        let year = clampCount(rawYear)
        return (seconds(year: year, month: 1, day: 1) + seconds(year: year + 1, month: 1, day: 1)) / 2
    }

    /// Decimal year of a time (e.g. 2010.5 is about 2 July 2010), using the length of its year.
    public static func decimalYear(_ raw: Double) -> Double {
        let t = clamped(raw)
        let y = components(t).year
        let start = seconds(year: y, month: 1, day: 1)
        let end = seconds(year: y + 1, month: 1, day: 1)
        return Double(y) + (t - start) / (end - start)
    }

    private static func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    private static func pad4(_ v: Int) -> String {
        let s = String(abs(v))
        return (v < 0 ? "-" : "") + String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}

extension String {
    init(format3 v: Int) {
        self = v < 10 ? "00\(v)" : v < 100 ? "0\(v)" : "\(v)"
    }
}
