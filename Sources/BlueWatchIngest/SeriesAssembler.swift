import BlueWatchCore
import Foundation

/// Turns raw (time, value) columns from any reader into a checked ``ParsedSeries``: times
/// rounded to the millisecond, newest-first files reversed, repeated stamps resolved by the
/// format's documented rule (or refused), lengths converted to metres, and the core
/// invariants checked (``TimeSeries/validate()``). Every refusal names the file and variable.
struct SeriesAssembler {
    let path: String

    /// What to do with samples that share a time stamp.
    enum DuplicatePolicy {
        /// Refuse the file (generic input).
        case refuse
        /// Replace them by their mean (derived residual files whose 15-s samples share a
        /// rounded stamp); the note says how many and the largest spread.
        case mean
        /// Keep the sample with the highest rank (DART: 15 s > 1 min > 15 min).
        case highestRank([Int])
    }

    static let lengthStandardNames: Set<String> = [
        "water_surface_height_above_reference_datum", "sea_surface_height", "sea_surface_height_above_sea_level",
        "sea_surface_height_above_geoid", "sea_floor_depth_below_sea_surface", "sea_surface_height_above_mean_sea_level",
        "tide_gauge_sea_level",
    ]

    func make(
        station: StationReference, variable: String, standardName: String? = nil, longName: String? = nil,
        times rawTimes: [Double], values rawValues: [Double], units: String, datum: String? = nil, derived: Bool = false,
        duplicates: DuplicatePolicy = .refuse, timeResolution: Double? = nil, notes: inout [String]
    ) throws(IngestError) -> ParsedSeries {
        let location = "variable '\(variable)'"
        precondition(rawTimes.count == rawValues.count, "times and values differ in length")
        var times = rawTimes.map { $0.isFinite ? ($0 * 1000).rounded() / 1000 : $0 }
        // A source that writes times more coarsely than a second (days with 7 decimals: 8.64 ms)
        // cannot mean the fractions: snap to whole seconds when every stamp is within its precision.
        if let resolution = timeResolution, resolution > 0.001, resolution < 1,
           rawTimes.allSatisfy({ !$0.isFinite || abs($0 - $0.rounded()) <= resolution / 2 + 1e-6 }) {
            times = rawTimes.map { $0.isFinite ? $0.rounded() : $0 }
            notes.append("\(variable): times written to \(formatNumber(resolution * 1000)) ms precision; snapped to whole seconds")
        }
        var values = rawValues
        var ranks: [Int]? = nil
        if case .highestRank(let r) = duplicates { ranks = r }
        // Order: non-decreasing is fine, fully non-increasing is a newest-first file, anything
        // else is refused.
        if let bad = times.firstIndex(where: { !$0.isFinite }) {
            throw IngestError(path: path, location: location, reason: "time of value \(bad + 1) is missing or not a number")
        }
        let earliest = UTCTime.seconds(year: UTCTime.years.lowerBound, month: 1, day: 1)
        let latest = UTCTime.seconds(year: UTCTime.years.upperBound + 1, month: 1, day: 1)
        if let bad = times.firstIndex(where: { $0 < earliest || $0 >= latest }) {
            throw IngestError(path: path, location: location,
                              reason: "time of value \(bad + 1) (\(formatNumber(times[bad])) s since 1970) is outside the years \(UTCTime.years.lowerBound)-\(UTCTime.years.upperBound)")
        }
        if let bad = rawValues.firstIndex(where: { $0.isInfinite }) {
            throw IngestError(path: path, location: location, reason: "value \(bad + 1) is infinite (\(rawValues[bad]))")
        }
        let ascending = zip(times, times.dropFirst()).allSatisfy { $0 <= $1 }
        if !ascending {
            let descending = zip(times, times.dropFirst()).allSatisfy { $0 >= $1 }
            if descending {
                times.reverse(); values.reverse(); ranks?.reverse()
                notes.append("\(variable): file is newest-first; order reversed")
            } else if ranks != nil {
                // DART records interleave record types out of order: a stable sort by time.
                let order = times.indices.sorted { times[$0] < times[$1] || (times[$0] == times[$1] && $0 < $1) }
                times = order.map { times[$0] }; values = order.map { values[$0] }; ranks = ranks.map { r in order.map { r[$0] } }
                notes.append("\(variable): records sorted into time order")
            } else {
                let i = zip(times, times.dropFirst()).enumerated().first { $0.element.0 > $0.element.1 }!.offset + 1
                throw IngestError(path: path, location: location,
                                  reason: "times are not in order: value \(i + 1) at \(UTCTime.iso(times[i])) comes after \(UTCTime.iso(times[i - 1]))")
            }
        }
        // Repeated stamps.
        var keptTimes: [Double] = []
        var keptValues: [Double] = []
        keptTimes.reserveCapacity(times.count)
        keptValues.reserveCapacity(times.count)
        var repeated = 0, largestSpread = 0.0
        var i = 0
        while i < times.count {
            var j = i + 1
            while j < times.count && times[j] == times[i] { j += 1 }
            if j - i == 1 {
                keptTimes.append(times[i]); keptValues.append(values[i])
            } else {
                repeated += j - i - 1
                let group = Array(values[i..<j])
                let valid = group.filter { !$0.isNaN }
                if let lo = valid.min(), let hi = valid.max() { largestSpread = max(largestSpread, hi - lo) }
                switch duplicates {
                case .refuse:
                    throw IngestError(path: path, location: location, reason: "time \(UTCTime.iso(times[i])) appears \(j - i) times")
                case .mean:
                    keptTimes.append(times[i])
                    keptValues.append(valid.isEmpty ? .nan : valid.reduce(0, +) / Double(valid.count))
                case .highestRank:
                    // Highest rank wins; among equals a real value beats a missing one, then the first.
                    let best = (i..<j).max { a, b in
                        let ra = ranks![a], rb = ranks![b]
                        if ra != rb { return ra < rb }
                        if values[a].isNaN != values[b].isNaN { return values[a].isNaN }
                        return a > b
                    }!
                    keptTimes.append(times[i]); keptValues.append(values[best])
                }
            }
            i = j
        }
        if repeated > 0 {
            let rule: String
            switch duplicates {
            case .mean: rule = "replaced by their mean"
            case .highestRank: rule = "kept the record of the highest type (15 s > 1 min > 15 min)"
            case .refuse: rule = ""
            }
            notes.append("\(variable): \(repeated) repeated time stamps \(rule); largest spread \(formatNumber(largestSpread)) \(units)")
        }
        // Units.
        var storedUnits = units
        let isLength = SeriesKind(variable: variable).isLength || standardName.map(SeriesAssembler.lengthStandardNames.contains) == true
        if let length = LengthUnit(parsing: units) {
            length.convertToMetres(&keptValues)
            storedUnits = "m"
        } else if isLength {
            throw IngestError(path: path, location: location, reason: "unknown length units '\(units)' (expected m, cm, mm, km or ft)")
        }
        let series = TimeSeries(times: keptTimes, values: keptValues)
        do { try series.validate() } catch { throw IngestError(path: path, location: location, reason: error.description) }
        let descriptor = SeriesDescriptor(
            variable: variable, standardName: standardName, longName: longName, units: storedUnits, sourceUnits: units,
            samplingSeconds: Sampling.medianInterval(keptTimes), datum: datum, isDerived: derived,
            processing: notes.filter { $0.hasPrefix(variable + ":") }.joined(separator: "; ").nilIfEmpty)
        return ParsedSeries(station: station, descriptor: descriptor, series: series)
    }
}

func formatNumber(_ x: Double) -> String {
    if x == x.rounded() && abs(x) < 1e12 { return String(Int64(x)) }
    let s = String(format: "%.6g", x)
    return s
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
