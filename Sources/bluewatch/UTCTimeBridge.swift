import BlueWatchCore

/// Short names for the core's UTC helpers used by the commands.
enum UTCTimeBridge {
    static func seconds(_ y: Int, _ m: Int, _ d: Int) -> Double { UTCTime.seconds(year: y, month: m, day: d) }
    static func parse(_ s: String) -> Double? { UTCTime.parse(s) }
    static func iso(_ t: Double) -> String { UTCTime.iso(t) }
    static func date(_ t: Double) -> String { UTCTime.isoDate(t) }
}
