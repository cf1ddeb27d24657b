import BlueWatchCore
import Foundation

extension ProjectReport {
    /// A station's high-tide-flooding chart with its caption: observed flood days per year of
    /// its hourly record and the expected days of the outlook years with their 5–95 % range.
    static func floodDaysHTML(_ r: FloodingRunner.Report, stationName: String, language l: ReportLanguage) -> String {
        let zh = l == .zh
        let aboveMHHW = r.threshold.level - r.datums.mhhw
        func days(_ n: Double) -> String { String(format: "%.0f %@", n, n.rounded() == 1 ? "day" : "days") }
        let observed = r.years.map { y in ReportText("\(y.year): \(days(Double(y.floodDays)))", zh: "\(y.year)年：\(y.floodDays)天") }
        let expected = r.outlooks.map { o in
            ReportText(String(format: "%d: %@ (%.0f–%.0f)", o.year, days(o.expectedDays), o.low, o.high),
                       zh: String(format: "%d年：%.0f天（%.0f–%.0f）", o.year, o.expectedDays, o.low, o.high))
        }
        let trend = r.trendMillimetresPerYear ?? 0
        let caption = ReportText(
            String(format: "High-tide flooding: days at or above NOAA's derived minor flood threshold, %.2f m above MHHW (%.3f m on the record's datum), observed in record %@: ", aboveMHHW, r.threshold.level, r.series)
                + observed.map(\.en).joined(separator: ", ")
                + String(format: "; expected by NOAA's outlook method with mean sea level rising %.1f mm/yr: ", trend) + expected.map(\.en).joined(separator: ", ")
                + ". Surges beyond those of the record and waves are not included.",
            zh: String(format: "高潮洪水：达到NOAA推导的轻度洪水阈值（平均高高潮面以上%.2f m，记录基准上%.3f m）的天数，记录 ", aboveMHHW, r.threshold.level)
                + r.series + " 实测：" + observed.map(\.zh).joined(separator: "，")
                + String(format: "；按NOAA展望方法、平均海平面每年上升%.1f mm的预期：", trend) + expected.map(\.zh).joined(separator: "，")
                + "。未计入超出该记录的增水和波浪。")
        let title = ReportText("\(stationName): high-tide flood days", zh: "\(stationName)：高潮洪水天数")
        let svg = floodDaysSVG(r, title: title(zh ? .zh : .en), axis: zh ? "每年天数" : "days per year",
                               legend: zh ? ("实测", "预期（5–95%）") : ("observed", "expected (5–95 %)"))
        return "<figure class=\"flooddays\">\(svg)<figcaption class=\"small\">\(caption.html(l))</figcaption></figure>"
    }

    /// Bars: observed years dark, outlook years light with a 5–95 % whisker.
    static func floodDaysSVG(_ r: FloodingRunner.Report, title: String, axis: String, legend: (String, String), width: Double = 560, height: Double = 240) -> String {
        struct Bar { let year: Int; let value: Double; let range: (Double, Double)?; let observed: Bool }
        let bars = r.years.map { Bar(year: $0.year, value: Double($0.floodDays), range: nil, observed: true) }
            + r.outlooks.map { Bar(year: $0.year, value: $0.expectedDays, range: ($0.low, $0.high), observed: false) }
        guard !bars.isEmpty else { return "" }
        let left = 52.0, right = 16.0, top = 30.0, bottom = 44.0
        let plotW = width - left - right, plotH = height - top - bottom
        let top10 = max(10, bars.map { $0.range?.1 ?? $0.value }.max() ?? 10)
        let step = [1.0, 2, 5, 10, 20, 50, 100].first { top10 / $0 <= 6 } ?? 100
        let yMax = (top10 / step).rounded(.up) * step
        func y(_ v: Double) -> Double { top + plotH * (1 - v / yMax) }
        let slot = plotW / Double(bars.count), barW = min(48, slot * 0.6)
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\">"
        s += "<title>\(escapeXML(title))</title>"
        s += "<text x=\"\(Int(left))\" y=\"18\" font-size=\"13\" font-weight=\"bold\">\(escapeXML(title))</text>"
        var v = 0.0
        while v <= yMax + 1e-9 {
            s += String(format: "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>", left, left + plotW, y(v), y(v))
            s += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%g</text>", left - 4, y(v) + 3, v)
            v += step
        }
        s += String(format: "<text transform=\"translate(12 %.1f) rotate(-90)\" font-size=\"10\" text-anchor=\"middle\">%@</text>", top + plotH / 2, escapeXML(axis))
        for (i, b) in bars.enumerated() {
            let cx = left + slot * (Double(i) + 0.5)
            s += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%@\"><title>%d: %.1f</title></rect>",
                        cx - barW / 2, y(b.value), barW, max(0, y(0) - y(b.value)), b.observed ? "#1f4e79" : "#9dc3e6", b.year, b.value)
            if let (lo, hi) = b.range {
                s += String(format: "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>", cx, cx, y(lo), y(hi))
                for e in [lo, hi] { s += String(format: "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>", cx - 5, cx + 5, y(e), y(e)) }
            }
            s += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\">%d</text>", cx, top + plotH + 14, b.year)
            s += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" text-anchor=\"middle\" fill=\"#333\">%.0f</text>", cx + barW / 2 + 8, y(b.value) - 2, b.value)
        }
        s += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"#1f4e79\"/><text x=\"%.1f\" y=\"%.1f\" font-size=\"10\">%@</text>", left, height - 14, left + 14, height - 5, escapeXML(legend.0))
        s += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"#9dc3e6\"/><text x=\"%.1f\" y=\"%.1f\" font-size=\"10\">%@</text>", left + 110, height - 14, left + 124, height - 5, escapeXML(legend.1))
        return s + "</svg>"
    }
}
