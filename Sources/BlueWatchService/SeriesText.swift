import BlueWatchCore
import NIOCore

/// Series rows written straight into a `ByteBuffer` (no intermediate strings): what makes a
/// year of hourly CSV cheap to stream. Times are ISO 8601 UTC as ``UTCTime/iso(_:)`` writes
/// them; values the shortest text that reads back as the same `Double`.
enum SeriesText {
    static func digits(_ n: Int, width: Int, into b: inout ByteBuffer) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var n = n
        while divisor > 0 {
            b.writeInteger(UInt8(48 + n / divisor))
            n %= divisor
            divisor /= 10
        }
    }

    /// "2010-02-27T22:00:00Z"; times with milliseconds, before year 0 or after 9999 go
    /// through ``UTCTime/iso(_:)``.
    static func time(_ t: Double, into b: inout ByteBuffer) {
        guard t.isFinite, t == t.rounded(), t >= -62_135_596_800, t < 253_402_300_800 else { b.writeString(UTCTime.iso(t)); return }
        let c = UTCTime.components(t)
        digits(c.year, width: 4, into: &b); b.writeInteger(UInt8(ascii: "-"))
        digits(c.month, width: 2, into: &b); b.writeInteger(UInt8(ascii: "-"))
        digits(c.day, width: 2, into: &b); b.writeInteger(UInt8(ascii: "T"))
        digits(c.hour, width: 2, into: &b); b.writeInteger(UInt8(ascii: ":"))
        digits(c.minute, width: 2, into: &b); b.writeInteger(UInt8(ascii: ":"))
        digits(Int(c.second.rounded()), width: 2, into: &b); b.writeInteger(UInt8(ascii: "Z"))
    }

    static func integer(_ n: Int, into b: inout ByteBuffer) {
        if (0..<10).contains(n) { b.writeInteger(UInt8(48 + n)) } else { b.writeString(String(n)) }
    }

    static func value(_ v: Double, missing: String, into b: inout ByteBuffer) {
        if v.isNaN { b.writeString(missing) } else { b.writeString(v.description) }
    }
}
