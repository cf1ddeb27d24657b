import BlueWatchCore
import Foundation

/// CoverageJSON (OGC Community Standard 21-069r2) for station time series: one `Coverage` of
/// domain type `PointSeries` per station and variable, several as a `CoverageCollection`.
/// Times are ISO 8601 UTC strings; a missing value is `null`. Written by hand as text (not
/// `JSONEncoder`) because a series can hold millions of values: the buffer is reserved once and
/// each number formatted with the shortest round-trip form.
public enum CoverageJSON {
    /// One station's series of one variable.
    public struct PointSeries: Sendable {
        public var stationID: String
        public var latitude: Double
        public var longitude: Double
        /// The parameter's key: the variable name ("sea_level").
        public var parameter: String
        public var units: String
        public var standardName: String?
        public var longName: String?
        public var times: [Double]
        public var values: [Double]

        public init(stationID: String, latitude: Double, longitude: Double, parameter: String, units: String, standardName: String?,
                    longName: String?, times: [Double], values: [Double]) {
            precondition(times.count == values.count, "times and values differ in length")
            self.stationID = stationID
            self.latitude = latitude
            self.longitude = longitude
            self.parameter = parameter
            self.units = units
            self.standardName = standardName
            self.longName = longName
            self.times = times
            self.values = values
        }
    }

    /// The document: a `Coverage` for one series unless `collection` is asked for, else a
    /// `CoverageCollection` (empty when `series` is).
    public static func document(_ series: [PointSeries], collection: Bool = false) -> Data {
        var out = ""
        out.reserveCapacity(series.reduce(256) { $0 + 64 * $1.values.count })
        if series.count == 1 && !collection {
            coverage(series[0], standalone: true, into: &out)
        } else {
            out += "{\"type\":\"CoverageCollection\",\"domainType\":\"PointSeries\",\"parameters\":{"
            var seen = Set<String>()
            var first = true
            for s in series where seen.insert(s.parameter).inserted {
                if !first { out += "," }
                first = false
                parameter(s, into: &out)
            }
            out += "},\"referencing\":" + referencing + ",\"coverages\":["
            for (i, s) in series.enumerated() {
                if i > 0 { out += "," }
                coverage(s, standalone: false, into: &out)
            }
            out += "]}"
        }
        return Data(out.utf8)
    }

    static let referencing = """
        [{"coordinates":["x","y"],"system":{"type":"GeographicCRS","id":"http://www.opengis.net/def/crs/OGC/1.3/CRS84"}},\
        {"coordinates":["t"],"system":{"type":"TemporalRS","calendar":"Gregorian"}}]
        """

    static func coverage(_ s: PointSeries, standalone: Bool, into out: inout String) {
        let lon = s.longitude > 180 ? s.longitude - 360 : s.longitude
        out += "{\"type\":\"Coverage\",\"domain\":{\"type\":\"Domain\",\"domainType\":\"PointSeries\",\"axes\":{"
        out += "\"x\":{\"values\":[\(number(lon))]},\"y\":{\"values\":[\(number(s.latitude))]},\"t\":{\"values\":["
        for (i, t) in s.times.enumerated() {
            if i > 0 { out += "," }
            out += "\"" + UTCTime.iso(t) + "\""
        }
        out += "]}}"
        if standalone { out += ",\"referencing\":" + referencing }
        out += "}"
        if standalone {
            out += ",\"parameters\":{"
            parameter(s, into: &out)
            out += "}"
        }
        out += ",\"ranges\":{\(string(s.parameter)):{\"type\":\"NdArray\",\"dataType\":\"float\",\"axisNames\":[\"t\"],\"shape\":[\(s.values.count)],\"values\":["
        for (i, v) in s.values.enumerated() {
            if i > 0 { out += "," }
            out += v.isFinite ? number(v) : "null"
        }
        out += "]}},\"bluewatch:station\":\(string(s.stationID))}"
    }

    static func parameter(_ s: PointSeries, into out: inout String) {
        let label = s.longName ?? s.standardName ?? s.parameter.replacingOccurrences(of: "_", with: " ")
        out += "\(string(s.parameter)):{\"type\":\"Parameter\",\"description\":{\"en\":\(string(label))},\"unit\":{\"symbol\":\(string(s.units))},"
        out += "\"observedProperty\":{"
        if let standard = s.standardName { out += "\"id\":\(string("http://vocab.nerc.ac.uk/standard_name/\(standard)/")),"  }
        out += "\"label\":{\"en\":\(string(label))}}}"
    }

    /// The shortest text that reads back as `v` (Swift's `description` of a Double).
    static func number(_ v: Double) -> String {
        let text = "\(v)"
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// A JSON string literal.
    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
