import BlueWatchAnalysis
import BlueWatchCore
import BlueWatchExport
import Foundation

/// The trend table for terminals: one row per record, rates in mm/yr with 95 % intervals.
enum TrendTable {
    /// A p-value for reading: two significant digits, "<1e-300" when it underflows.
    static func pValue(_ p: Double) -> String { p < 1e-300 ? "<1e-300" : String(format: "%.2g", p) }

    static func render(_ reports: [TrendReport], method: TrendMethod) -> String {
        var header = ["station", "series", "span", "n"]
        if method != .sen { header += ["OLS mm/yr [95% CI]", "r1", "accel mm/yr² [CI]"] }
        if reports.contains(where: { $0.trend?.split != nil }) { header += ["split before / after"] }
        if method != .ols { header += ["Sen mm/yr [CI]", "MK p", "HR p"] }
        header.append("status")
        func ci(_ i: StationTrend.Interval?) -> String {
            guard let i else { return "—" }
            return String(format: "%+.2f [%+.2f, %+.2f]", i.estimate, i.lower, i.upper)
        }
        var rows: [[String]] = []
        var notes: [String] = []
        for r in reports {
            guard let t = r.trend else {
                rows.append([r.station, r.series, "—", "—"] + Array(repeating: "", count: header.count - 5) + ["no trend: \(r.failure ?? "")"])
                continue
            }
            var row = [r.station, r.series, "\(t.start.prefix(7))…\(t.end.prefix(7))", String(t.valuesUsed)]
            if method != .sen { row += [ci(t.ols), String(format: "%.2f", t.lag1Autocorrelation), ci(t.acceleration)] }
            if header.contains("split before / after") {
                row.append(t.split.map { String(format: "%+.2f / %+.2f (%@)", $0.before.estimate, $0.after.estimate, String($0.at.prefix(4))) } ?? "—")
            }
            if method != .ols {
                row += [ci(t.robust?.senSlope), t.robust.map { pValue($0.mannKendall.p) } ?? "—", t.robust.map { pValue($0.hamedRao.p) } ?? "—"]
            }
            row.append(t.meaningful ? "ok" : "not meaningful")
            rows.append(row)
            for reason in t.reasons { notes.append("\(r.station) \(r.series): \(reason)") }
            for warning in t.warnings { notes.append("\(r.station) \(r.series): warning: \(warning)") }
            for (step, fitted) in zip(r.steps, t.steps) {
                notes.append(String(format: "%@ %@: step of %+.0f mm [%+.0f, %+.0f] fitted for %@", r.station, r.series, fitted.size.estimate, fitted.size.lower, fitted.size.upper, step))
            }
            for join in r.joins { notes.append("\(r.station) \(r.series): joined: \(join)") }
            let excluded = t.excluded.filter { $0.value > 0 }.map { "\($0.value) \($0.key)" }.sorted()
            if !excluded.isEmpty { notes.append("\(r.station) \(r.series): left out \(excluded.joined(separator: ", "))") }
        }
        var out = TextTable.render(header: header, rows: rows)
        if !notes.isEmpty { out += "\n" + notes.joined(separator: "\n") + "\n" }
        return out
    }
}
