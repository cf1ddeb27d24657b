import BlueWatchCore
import Foundation

extension ExtremesReport {
    /// The return-level plot (Coles 2001, §3.3.3): return level against return period on a
    /// logarithmic axis, the fitted curve, its 95 % profile-likelihood band, and the observed
    /// maxima or peaks at their empirical return periods (Weibull plotting positions).
    /// `axes` names the x and y axes (English by default; reports pass their language's).
    public func returnLevelSVG(width: Double = 640, height: Double = 360, title: String? = nil,
                               axes: (x: String, y: String) = ("return period (years)", "return level (m)")) -> String {
        guard let fit, !returnLevels.isEmpty else { return "" }
        let periods = returnLevels.map(\.period)
        let observed = (fit.distribution == .gev ? blocks.map(\.value) : peaks.map(\.value)).sorted(by: >)
        let rate = fit.exceedancesPerYear ?? 1
        let empirical = observed.enumerated().map { i, v in (period: (Double(observed.count) + 1) / (Double(i) + 1) / rate, level: v) }
            .filter { $0.period > 1 }
        let tMin = min(periods.min() ?? 2, empirical.map(\.period).min() ?? 2), tMax = max(periods.max() ?? 100, empirical.map(\.period).max() ?? 2)
        let curve = stride(from: log10(max(tMin, 1.01)), through: log10(tMax), by: (log10(tMax) - log10(max(tMin, 1.01))) / 80).compactMap { lt -> (Double, Double)? in
            let t = pow(10, lt)
            return (try? fit.returnLevel(period: t, year: year)).map { (t, $0) }
        }
        let bands = returnLevels.compactMap { r -> (Double, Double, Double)? in
            guard let lo = r.profile.lower, let hi = r.profile.upper else { return nil }
            return (r.period, lo, hi)
        }
        let ys = curve.map(\.1) + empirical.map(\.level) + bands.flatMap { [$0.1, $0.2] }
        guard let y0 = ys.min(), let y1 = ys.max(), y1 > y0 else { return "" }
        let pad = (y1 - y0) * 0.08, lo = y0 - pad, hi = y1 + pad
        let left = 64.0, right = 16.0, top = 34.0, bottom = 44.0
        func px(_ t: Double) -> Double { left + (log10(t) - log10(max(tMin, 1.01))) / (log10(tMax) - log10(max(tMin, 1.01))) * (width - left - right) }
        func py(_ v: Double) -> Double { top + (hi - v) / (hi - lo) * (height - top - bottom) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\" font-size=\"11\">\n"
        let title = title ?? "\(stationName) — \(quantity), \(fit.distribution == .gev ? "GEV of annual maxima" : "GPD of peaks over \(String(format: "%.3f", threshold ?? 0)) m")"
        s += "<text x=\"\(f(left))\" y=\"18\" font-size=\"13\">\(escapeXML(title))</text>\n"
        s += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(width - left - right))\" height=\"\(f(height - top - bottom))\" fill=\"none\" stroke=\"#999\"/>\n"
        for t in [1.0, 2, 5, 10, 20, 50, 100, 200, 500, 1000] where t >= tMin && t <= tMax {
            s += "<line x1=\"\(f(px(t)))\" x2=\"\(f(px(t)))\" y1=\"\(f(top))\" y2=\"\(f(height - bottom))\" stroke=\"#eee\"/>"
            s += "<text x=\"\(f(px(t)))\" y=\"\(f(height - bottom + 14))\" text-anchor=\"middle\">\(Int(t))</text>\n"
        }
        let step = pow(10, floor(log10((hi - lo) / 4)))
        for v in stride(from: (lo / step).rounded(.up) * step, through: hi, by: step) {
            s += "<text x=\"\(f(left - 6))\" y=\"\(f(py(v) + 4))\" text-anchor=\"end\">\(String(format: "%.2f", v))</text>\n"
        }
        s += "<text x=\"\(f((left + width - right) / 2))\" y=\"\(f(height - 8))\" text-anchor=\"middle\">\(escapeXML(axes.x))</text>\n"
        s += "<text transform=\"translate(14 \(f((top + height - bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">\(escapeXML(axes.y))</text>\n"
        if bands.count >= 2 {
            let upper = bands.map { "\(f(px($0.0))),\(f(py($0.2)))" }, lower = bands.reversed().map { "\(f(px($0.0))),\(f(py($0.1)))" }
            s += "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"#1f77b4\" fill-opacity=\"0.18\" stroke=\"none\"/>\n"
        }
        s += "<polyline points=\"\(curve.map { "\(f(px($0.0))),\(f(py($0.1)))" }.joined(separator: " "))\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\"/>\n"
        for e in empirical where e.period <= tMax {
            s += "<circle cx=\"\(f(px(e.period)))\" cy=\"\(f(py(e.level)))\" r=\"3\" fill=\"#d62728\"/>"
        }
        s += "\n</svg>\n"
        return s
    }
}
