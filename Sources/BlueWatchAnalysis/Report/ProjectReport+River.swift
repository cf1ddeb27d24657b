import BlueWatchCore
import Foundation

extension ProjectReport {
    /// Round tick values covering `lo…hi` with about `count` steps of 1, 2 or 5 × 10ⁿ.
    static func roundTicks(_ lo: Double, _ hi: Double, count: Int = 5) -> [Double] {
        guard hi > lo, lo.isFinite, hi.isFinite else { return [lo] }
        let raw = (hi - lo) / Double(count)
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var ticks: [Double] = []
        var v = (lo / step).rounded(.up) * step
        while v <= hi + step * 1e-9 { ticks.append(v); v += step }
        return ticks
    }

    /// Weekly maxima of a river's stage with its published levels drawn as labelled dashed
    /// lines, round ticks on both axes and a legend.
    static func riverChartSVG(_ r: RiverSection, language l: ReportLanguage, width: Double = 720, height: Double = 240) -> String {
        let t = r.chartTimes, y = r.chartValues
        guard t.count >= 2, let t0 = t.min(), let t1 = t.max(), t1 > t0 else {
            return "<svg class=\"chart empty\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"40\"><text x=\"4\" y=\"24\" font-size=\"12\">\(escapeXML(l("nodata")))</text></svg>"
        }
        let values = y + r.levels.map(\.stage)
        let lo = min(0, values.min()!), hi = values.max()!
        let pad = max(0.2, (hi - lo) * 0.06)
        let (ymin, ymax) = (lo, hi + pad)
        let left = 52.0, right = 120.0, top = 10.0, bottom = 26.0
        func px(_ x: Double) -> Double { left + (x - t0) / (t1 - t0) * (width - left - right) }
        func py(_ v: Double) -> Double { top + (ymax - v) / (ymax - ymin) * (height - top - bottom) }
        var out = String(format: "<svg class=\"chart river\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" font-size=\"10\">", width, height, width, height)
        out += "<title>\(escapeXML(r.name)): \(escapeXML(l("weeklymax")))</title>"
        out += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555\"/>", left, height - bottom, width - right, height - bottom)
        out += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555\"/>", left, top, left, height - bottom)
        let y0 = UTCTime.decimalYear(t0), y1 = UTCTime.decimalYear(t1)
        for year in roundTicks(y0, y1, count: 8) where year == year.rounded() {
            let x = px(UTCTime.seconds(year: Int(year), month: 1, day: 1))
            out += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555\"/><text class=\"tick-x\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text>",
                          x, height - bottom, x, height - bottom + 4, x, height - 8, Int(year))
        }
        for v in roundTicks(ymin, ymax - pad / 2) {
            out += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/><text class=\"tick-y\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%@</text>",
                          left, py(v), width - right, py(v), left - 4, py(v) + 3, String(format: v == v.rounded() ? "%.0f" : "%.1f", v))
        }
        out += String(format: "<text x=\"4\" y=\"%.1f\" transform=\"rotate(-90 10 %.1f)\">%@</text>", height / 2, height / 2, escapeXML(l("stage_m")))
        let colours = ["#fdae61", "#f46d43", "#d73027", "#a50026", "#67001f", "#40004b"]
        // Labels in the right margin, from the highest level down, each at least 11 px below
        // the one above, so they never overlap however close the levels are.
        var labelY: [Int: Double] = [:]
        var floor = -Double.infinity
        for i in r.levels.indices.sorted(by: { r.levels[$0].stage > r.levels[$1].stage }) {
            let y = max(py(r.levels[i].stage) + 3, floor + 11)
            labelY[i] = y
            floor = y
        }
        for (i, level) in r.levels.enumerated() {
            let c = colours[min(i, colours.count - 1)]
            let name = l == .zh ? level.kind.labelZh : l == .en ? level.kind.label : "\(level.kind.label) / \(level.kind.labelZh)"
            out += String(format: "<line class=\"level\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%@\" stroke-dasharray=\"5 3\"/>", left, py(level.stage), width - right, py(level.stage), c)
            out += String(format: "<text class=\"level-label\" x=\"%.1f\" y=\"%.1f\" fill=\"%@\">%@ %.2f m</text>", width - right + 4, labelY[i]!, c, escapeXML(name), level.stage)
        }
        out += "<polyline class=\"stage\" fill=\"none\" stroke=\"#2166ac\" stroke-width=\"1\" points=\"" + zip(t, y).map { String(format: "%.1f,%.1f", px($0), py($1)) }.joined(separator: " ") + "\"/>"
        out += String(format: "<g class=\"legend\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#2166ac\"/><text x=\"%.1f\" y=\"%.1f\">%@</text></g>",
                      left + 8, top + 6, left + 28, top + 6, left + 32, top + 9, escapeXML(l("weeklymax")))
        return out + "</svg>"
    }

    /// The river section of the HTML report.
    func riverHTML(_ l: ReportLanguage) -> String {
        guard !rivers.isEmpty else { return "" }
        func e(_ s: String) -> String { escapeXML(s) }
        var h = "<h2>\(e(l("rivers")))</h2>\n"
        for r in rivers {
            h += "<section class=\"station river\" id=\"river-\(e(r.id))\"><h3><span translate=\"no\">\(e(r.name))</span> <span class=\"small\">(<code>\(e(r.id))</code>\(r.river.map { ", <span translate=\"no\">" + e($0) + "</span>" } ?? ""), <span translate=\"no\">\(e(r.country))</span>; <code>\(e(r.record))</code>)</span></h3>"
            h += Self.riverChartSVG(r, language: l)
            if r.levels.isEmpty { h += "<p class=\"small\">\(e(l("nolevels")))</p>" } else {
                h += "<table class=\"levels\"><tr><th>\(e(l("level")))</th><th>\(e(l("stage_m")))</th><th>\(e(l("source")))</th></tr>"
                for lv in r.levels {
                    let name = l == .zh ? lv.kind.labelZh : l == .en ? lv.kind.label : "\(lv.kind.label) / \(lv.kind.labelZh)"
                    h += String(format: "<tr><td>%@</td><td>%.2f</td><td class=\"small\" translate=\"no\">%@</td></tr>", e(name), lv.stage, e(lv.source))
                }
                h += "</table>"
            }
            let levelHeads = r.levels.map { "<th>≥ \(e(l == .zh ? $0.kind.labelZh : $0.kind.label))</th>" }.joined()
            h += "<table class=\"river-years\"><tr><th>\(e(l("year")))</th><th>\(e(l("days")))</th><th>\(e(l("maximum")))</th><th>\(e(l("minimum")))</th>\(levelHeads)<th>\(e(l("drought")))</th></tr>"
            for y in r.years.suffix(12) {
                h += "<tr><td>\(y.year)</td><td>\(y.days)</td><td>\(y.maximum.map { String(format: "%.2f", $0) } ?? "—")\(y.maximumDay.map { " <span class=\"small\">\(e($0))</span>" } ?? "")</td>"
                h += "<td>\(y.minimum.map { String(format: "%.2f", $0) } ?? "—")</td>" + y.daysAtOrAbove.map { "<td>\($0)</td>" }.joined()
                h += "<td>\(y.droughtDays)/\(y.droughtDaysJudged)</td></tr>"
            }
            h += "</table>"
            if r.years.count > 12 { h += "<p class=\"small\">\(e(l("lastyears"))) (\(r.years.count))</p>" }
            h += "</section>\n"
        }
        return h
    }
}
