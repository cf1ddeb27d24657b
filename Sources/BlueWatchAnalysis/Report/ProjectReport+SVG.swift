import BlueWatchCore
import Foundation

extension ProjectReport {
    /// Colours of a station's records in a chart (first: the longest record).
    static let recordColours = ["#2166ac", "#1b7837", "#762a83", "#e08214", "#01665e"]

    /// Every record of a station as monthly anomalies (mm, each about its own mean: records
    /// the registry does not tie share no datum) in one SVG line chart, each with its OLS trend
    /// line through the values' centroid and its 95 % interval as a band of slopes about it.
    /// Trends that are not meaningful are drawn grey and dashed, so nobody reads them as a
    /// finding.
    static func chartSVG(_ s: StationSection, language l: ReportLanguage, width: Double = 720, height: Double = 220) -> String {
        let records = s.trends.compactMap { r -> (TrendReport, TrendReport.Chart)? in
            guard let c = r.chart, c.years.count >= 2 else { return nil }
            return (r, c)
        }
        let all = records.flatMap(\.1.years), allValues = records.flatMap(\.1.millimetres)
        guard let t0 = all.min(), let t1 = all.max(), t1 > t0, let lo = allValues.min(), let hi = allValues.max() else {
            return "<svg class=\"chart empty\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"40\"><text x=\"4\" y=\"24\" font-size=\"12\">\(escapeXML(l("nomonthly")))</text></svg>"
        }
        // The legend, laid out in rows above the plot.
        var legend: [(String, String)] = []
        for (k, (r, _)) in records.enumerated() {
            let colour = recordColours[k % recordColours.count]
            legend.append(("<line x1=\"0\" y1=\"0\" x2=\"18\" y2=\"0\" stroke=\"\(colour)\"/>", "\(r.series): \(l("monthlymean"))"))
            if let trend = r.trend {
                let (lineColour, dash) = trend.meaningful ? (colour, "") : ("#888", " stroke-dasharray=\"6 4\"")
                legend.append(("<line x1=\"0\" y1=\"0\" x2=\"18\" y2=\"0\" stroke=\"\(lineColour)\" stroke-width=\"2\"\(dash)/>",
                               String(format: "%@ %.1f mm/yr%@", l("olstrend"), trend.ols.estimate, trend.meaningful ? "" : " (\(l("notmeaningful")))")))
            }
        }
        if records.contains(where: { $0.0.trend != nil }) {
            legend.append(("<rect x=\"0\" y=\"-5\" width=\"18\" height=\"10\" fill=\"#bbb\" fill-opacity=\"0.35\"/>", l("band")))
        }
        let left = 52.0, right = 10.0, bottom = 26.0
        var rows: [[(String, String, Double)]] = [[]]
        var x = left + 8
        for (symbol, label) in legend {
            // CJK characters are about twice as wide as Latin ones.
            let w = 30 + label.unicodeScalars.reduce(0.0) { $0 + ($1.value > 0x2E80 ? 10 : 5.4) }
            if x + w > width - right, !rows[rows.count - 1].isEmpty { rows.append([]); x = left + 8 }
            rows[rows.count - 1].append((symbol, label, x))
            x += w
        }
        let top = 10.0 + 14 * Double(rows.count)
        let pad = max(1, (hi - lo) * 0.08)
        let (ymin, ymax) = (lo - pad, hi + pad)
        func px(_ x: Double) -> Double { left + (x - t0) / (t1 - t0) * (width - left - right) }
        func py(_ v: Double) -> Double { top + (ymax - v) / (ymax - ymin) * (height - top - bottom) }
        var out = String(format: "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" font-size=\"10\">", width, height, width, height)
        out += "<title>\(escapeXML(s.name)): \(escapeXML(l("anomalies")))</title>"
        // Axes and ticks.
        out += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555\"/>", left, height - bottom, width - right, height - bottom)
        out += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555\"/>", left, top, left, height - bottom)
        // Round ticks: years on 1, 2, 5, 10 … year steps; millimetres on 1, 2, 5 × 10ⁿ.
        for year in roundTicks(t0, t1, count: 8) where year == year.rounded() {
            out += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555\"/><text class=\"tick-x\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text>",
                          px(year), height - bottom, px(year), height - bottom + 4, px(year), height - 8, Int(year))
        }
        for v in roundTicks(ymin, ymax) {
            out += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/><text class=\"tick-y\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>",
                          left, py(v), width - right, py(v), left - 4, py(v) + 3, v)
        }
        out += String(format: "<text x=\"4\" y=\"%.1f\" transform=\"rotate(-90 10 %.1f)\">mm</text>", (top + height - bottom) / 2, (top + height - bottom) / 2)
        // Bands first (under every line), then values, then trend lines on top.
        var lines = ""
        for (k, (r, c)) in records.enumerated() {
            let colour = recordColours[k % recordColours.count]
            let t = c.years, y = c.millimetres
            let a = t.first!, b = t.last!
            if let trend = r.trend {
                let tm = t.reduce(0, +) / Double(t.count), ym = y.reduce(0, +) / Double(y.count)
                func at(_ slope: Double, _ x: Double) -> Double { ym + slope * (x - tm) }
                let meaningful = trend.meaningful
                let (lineColour, bandColour, dash) = meaningful ? (k == 0 ? "#b2182b" : colour, k == 0 ? "#f4a582" : colour, "") : ("#888", "#ccc", " stroke-dasharray=\"6 4\"")
                let band = [(a, at(trend.ols.lower, a)), (a, at(trend.ols.upper, a)), (b, at(trend.ols.upper, b)), (b, at(trend.ols.lower, b))]
                out += "<polygon class=\"trend-band\(meaningful ? "" : " not-meaningful")\" fill=\"\(bandColour)\" fill-opacity=\"\(k == 0 ? 0.35 : 0.2)\" points=\"" + band.map { String(format: "%.1f,%.1f", px($0.0), py($0.1)) }.joined(separator: " ") + "\"/>"
                lines += String(format: "<line class=\"trend-line%@\" data-record=\"%@\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%@\" stroke-width=\"2\"%@/>",
                                meaningful ? "" : " not-meaningful", escapeXML(r.series), px(a), py(at(trend.ols.estimate, a)), px(b), py(at(trend.ols.estimate, b)), lineColour, dash)
                // A split trend: each part's slope through the centroid of its own values, dashed.
                if let split = trend.split, let when = UTCTime.parse(split.at).map(UTCTime.decimalYear) {
                    for (range, slope) in [(t.indices.filter { t[$0] < when }, split.before.estimate), (t.indices.filter { t[$0] >= when }, split.after.estimate)] where range.count >= 2 {
                        let p = t[range.first!], q = t[range.last!]
                        let cx = range.map { t[$0] }.reduce(0, +) / Double(range.count), cy = range.map { y[$0] }.reduce(0, +) / Double(range.count)
                        lines += String(format: "<line class=\"split-line\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#542788\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>",
                                        px(p), py(cy + slope * (p - cx)), px(q), py(cy + slope * (q - cx)))
                    }
                }
            }
        }
        for (k, (r, c)) in records.enumerated() {
            // Values: a line broken at gaps longer than two months.
            var path = ""
            for i in c.years.indices {
                let gap = i == 0 || c.years[i] - c.years[i - 1] > 2.5 / 12
                path += String(format: "%@%.1f %.1f", gap ? "M" : "L", px(c.years[i]), py(c.millimetres[i]))
            }
            out += "<path class=\"series\" data-record=\"\(escapeXML(r.series))\" d=\"\(path)\" fill=\"none\" stroke=\"\(recordColours[k % recordColours.count])\" stroke-width=\"1\"/>"
        }
        out += lines + "<g class=\"legend\">"
        for (row, entries) in rows.enumerated() {
            for (symbol, label, x) in entries {
                out += String(format: "<g transform=\"translate(%.1f %.1f)\">%@<text x=\"22\" y=\"3.5\">%@</text></g>", x, 10 + 14 * Double(row), symbol, escapeXML(label))
            }
        }
        return out + "</g></svg>"
    }

    /// The map's box: everything to show plus 3°, longitudes in −180…180 or 0…360 (whichever
    /// spans less, so Pacific projects are not split at 180°). Nil when there is nothing to map.
    public var mapExtent: (south: Double, north: Double, west: Double, east: Double)? {
        var lons: [Double] = [], lats: [Double] = []
        for r in regionOutlines { lons += r.longitudes; lats += r.latitudes }
        for s in stationPoints { lons.append(s.longitude); lats.append(s.latitude) }
        for c in plastics?.hotCells ?? [] { lons.append(c.longitude); lats.append(c.latitude) }
        if let e = travelTimes?.event { lons.append(e.longitude); lats.append(e.latitude) }
        guard !lons.isEmpty else { return nil }
        let east = lons.map { $0 > 180 ? $0 - 360 : $0 }, positive = east.map { $0 < 0 ? $0 + 360 : $0 }
        let xs = (positive.max()! - positive.min()!) < (east.max()! - east.min()!) ? positive : east
        return (max(-90, lats.min()! - 3), min(90, lats.max()! + 3), xs.min()! - 3, xs.max()! + 3)
    }

    /// The project's stations, regions, microplastic hot spots and tsunami isochrones on an
    /// equirectangular map with coastlines (GSHHG, when given) and a graticule.
    func mapSVG(language l: ReportLanguage, width: Double = 720, shorelines: [[(longitude: Double, latitude: Double)]] = []) -> String {
        guard let box = mapExtent else { return "" }
        let (south, north, west, eastEdge) = box
        let usePositive = eastEdge > 180
        func lonX(_ l: Double) -> Double { let e = l > 180 ? l - 360 : l; return usePositive && e < 0 ? e + 360 : e }
        let scale = width / (eastEdge - west)
        let height = (north - south) * scale
        func px(_ l: Double) -> Double { (lonX(l) - west) * scale }
        func pxRaw(_ l: Double) -> Double { (l - west) * scale }
        func py(_ lat: Double) -> Double { (north - lat) * scale }
        var out = String(format: "<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" font-size=\"10\">", width, height, width, height)
        out += String(format: "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#eef4fa\"/>", width, height)
        let step: Double = (eastEdge - west) > 60 ? 10 : 5
        var g = (south / step).rounded(.up) * step
        while g <= north {
            out += String(format: "<line x1=\"0\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#c8d4e0\" stroke-width=\"0.6\"/><text x=\"2\" y=\"%.1f\" fill=\"#5a6b7b\">%.0f°%@</text>",
                          py(g), width, py(g), py(g) - 2, abs(g), g >= 0 ? "N" : "S")
            g += step
        }
        g = (west / step).rounded(.up) * step
        while g <= eastEdge {
            let label = g > 180 ? String(format: "%.0f°W", 360 - g) : g < 0 ? String(format: "%.0f°W", -g) : String(format: "%.0f°E", g)
            out += String(format: "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#c8d4e0\" stroke-width=\"0.6\"/><text x=\"%.1f\" y=\"%.1f\" fill=\"#5a6b7b\">%@</text>",
                          (g - west) * scale, (g - west) * scale, height, (g - west) * scale + 2, height - 3, label)
            g += step
        }
        if !shorelines.isEmpty {
            var d = ""
            for line in shorelines {
                for (k, p) in line.enumerated() { d += String(format: "%@%.1f %.1f", k == 0 ? "M" : "L", pxRaw(p.longitude), py(p.latitude)) }
            }
            out += "<path class=\"coastline\" d=\"\(d)\" fill=\"none\" stroke=\"#6b6b47\" stroke-width=\"0.7\"/>"
        }
        for r in regionOutlines {
            let points = zip(r.longitudes, r.latitudes).map { String(format: "%.1f,%.1f", px($0.0), py($0.1)) }.joined(separator: " ")
            out += "<polygon class=\"region\" points=\"\(points)\" fill=\"#9ecae1\" fill-opacity=\"0.15\" stroke=\"#3182bd\" stroke-dasharray=\"4 3\"><title>\(escapeXML(l == .en ? r.name : l == .zh ? r.nameZH ?? r.name : r.name + (r.nameZH.map { " / \($0)" } ?? "")))</title></polygon>"
        }
        if let t = travelTimes { out += isochronesSVG(t, language: l, px: px, py: py, box: box) }
        let cell = 1.0 * scale
        for c in plastics?.hotCells ?? [] {
            out += String(format: "<rect class=\"hotspot\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#d7191c\" fill-opacity=\"0.7\"><title>%@ %.2f, %.2f</title></rect>",
                          px(c.longitude) - cell / 2, py(c.latitude) - cell / 2, cell, cell, escapeXML(l("hotspots")), c.latitude, c.longitude)
        }
        var markers = ""
        for s in stationPoints {
            let title = "<title>\(escapeXML(s.name)) (\(escapeXML(s.id)))</title>"
            switch s.kind {
            case let k where k.contains("dart"):
                markers += String(format: "<rect class=\"station\" x=\"%.1f\" y=\"%.1f\" width=\"7\" height=\"7\" fill=\"#fdae61\" stroke=\"#000\">%@</rect>", px(s.longitude) - 3.5, py(s.latitude) - 3.5, title)
            case "river_gauge":
                markers += String(format: "<polygon class=\"station\" points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"#2166ac\" stroke=\"#000\">%@</polygon>",
                                  px(s.longitude), py(s.latitude) - 5, px(s.longitude) - 4.5, py(s.latitude) + 3.5, px(s.longitude) + 4.5, py(s.latitude) + 3.5, title)
            default:
                markers += String(format: "<circle class=\"station\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#1a9850\" stroke=\"#000\">%@</circle>", px(s.longitude), py(s.latitude), title)
            }
        }
        return out + markers + Self.stationLabels(stationPoints.map { ($0.name, px($0.longitude), py($0.latitude)) }, width: width, height: height) + "</svg>"
    }
}

extension ProjectReport {
    /// Station labels placed so that no two overlap and none covers a station marker: each
    /// tries the spots right, left, above and below its marker, then farther out with a leader
    /// line; a label with no free spot is left out (its marker keeps the name as a tooltip).
    /// Boxes are estimated from the 10 px font (0.62 em per character and 16.5 px of height,
    /// above what Noto Sans measures in Chromium; the browser test checks the real boxes).
    static func stationLabels(_ points: [(name: String, x: Double, y: Double)], width: Double, height: Double) -> String {
        struct Box { var x0, y0, x1, y1: Double
            func overlaps(_ o: Box) -> Bool { x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1 }
        }
        var taken = points.map { Box(x0: $0.x - 5, y0: $0.y - 5, x1: $0.x + 5, y1: $0.y + 5) }
        var out = "<g class=\"station-labels\">"
        // Place the most crowded first: labels of isolated stations have room anywhere.
        let order = points.indices.sorted { a, b in
            func crowd(_ i: Int) -> Int { points.filter { abs($0.x - points[i].x) < 60 && abs($0.y - points[i].y) < 20 }.count }
            return (crowd(a), points[a].name) > (crowd(b), points[b].name)
        }
        for i in order {
            let p = points[i]
            let w = Double(p.name.count) * 6.2 + 2
            // (dx, dy) of the text's left end relative to the marker, and whether a leader is drawn.
            var candidates: [(Double, Double, Bool)] = [(7, 4, false), (-7 - w, 4, false), (-w / 2, -8, false), (-w / 2, 15, false)]
            for r in [18.0, 30, 44] {
                candidates += [(r, -r / 2, true), (r, r / 2 + 8, true), (-r - w, -r / 2, true), (-r - w, r / 2 + 8, true), (-w / 2, -r, true), (-w / 2, r + 8, true)]
            }
            for (dx, dy, leader) in candidates {
                // Chromium's box of a 10 px Noto Sans line runs from 11.6 px above the baseline to 3.1 below.
                let box = Box(x0: p.x + dx - 1, y0: p.y + dy - 12.5, x1: p.x + dx + w, y1: p.y + dy + 4)
                guard box.x0 >= 0, box.x1 <= width, box.y0 >= 0, box.y1 <= height, !taken.contains(where: { $0.overlaps(box) }) else { continue }
                taken.append(box)
                if leader {
                    let tx = dx < 0 ? p.x + dx + w : p.x + dx, ty = p.y + dy - 3
                    out += String(format: "<line class=\"leader\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#777\" stroke-width=\"0.6\"/>", p.x, p.y, tx, ty)
                }
                out += String(format: "<text class=\"station-label\" x=\"%.1f\" y=\"%.1f\">%@</text>", p.x + dx, p.y + dy, escapeXML(p.name))
                break
            }
        }
        return out + "</g>"
    }
}

extension ProjectReport {
    /// Hourly isochrones as paths (broken where they leave the map), each labelled once at the
    /// middle of its longest visible piece, and the epicentre as a star.
    func isochronesSVG(_ t: TravelTimeSection, language l: ReportLanguage, px: (Double) -> Double, py: (Double) -> Double,
                       box: (south: Double, north: Double, west: Double, east: Double)) -> String {
        func visible(_ lon: Double, _ lat: Double) -> Bool {
            let x = px(lon)
            return lat >= box.south - 1 && lat <= box.north + 1 && x >= -20 && x <= px(box.east) + 20
        }
        var out = "<g class=\"isochrones\" fill=\"none\" stroke=\"#b35806\" stroke-width=\"0.9\">"
        var labels = "", placed: [(Double, Double)] = []
        for iso in t.isochrones {
            var d = "", longest: [(Double, Double)] = [], piece: [(Double, Double)] = []
            for line in iso.lines {
                var pen = false
                for (lon, lat) in zip(line.longitudes, line.latitudes) {
                    guard visible(lon, lat) else {
                        pen = false
                        if piece.count > longest.count { longest = piece }
                        piece = []
                        continue
                    }
                    d += String(format: "%@%.1f %.1f", pen ? "L" : "M", px(lon), py(lat))
                    piece.append((px(lon), py(lat)))
                    pen = true
                }
                if piece.count > longest.count { longest = piece }
                piece = []
            }
            guard !d.isEmpty else { continue }
            out += String(format: "<path class=\"isochrone\" data-hours=\"%g\" d=\"%@\"/>", iso.hours, d)
            if longest.count >= 4 {
                let m = longest[longest.count / 2]
                guard placed.allSatisfy({ hypot($0.0 - m.0, $0.1 - m.1) > 28 }) else { continue }
                placed.append(m)
                labels += String(format: "<text class=\"isochrone-label\" x=\"%.1f\" y=\"%.1f\" fill=\"#7f3b08\" font-size=\"9\">%g h</text>", m.0 + 2, m.1 - 2, iso.hours)
            }
        }
        out += "</g>" + labels
        // The grid's edge: the lines stop there, not the wave.
        let g = t.gridBox
        let corners = [(g.west, g.south), (g.east, g.south), (g.east, g.north), (g.west, g.north)]
        out += "<polygon class=\"grid-extent\" points=\"" + corners.map { String(format: "%.1f,%.1f", px($0.0), py($0.1)) }.joined(separator: " ")
            + "\" fill=\"none\" stroke=\"#b35806\" stroke-width=\"0.6\" stroke-dasharray=\"1 3\"><title>\(escapeXML(l("bathymetry"))) \(escapeXML(t.grid))</title></polygon>"
        let x = px(t.event.longitude), y = py(t.event.latitude)
        let star = (0..<10).map { k -> String in
            let r = k % 2 == 0 ? 8.0 : 3.5, a = Double(k) * .pi / 5 - .pi / 2
            return String(format: "%.1f,%.1f", x + r * cos(a), y + r * sin(a))
        }.joined(separator: " ")
        out += "<polygon class=\"epicentre\" points=\"\(star)\" fill=\"#ffd700\" stroke=\"#000\" stroke-width=\"0.7\"><title>\(escapeXML(t.choice(l)))</title></polygon>"
        return out
    }
}

func escapeXML(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        .replacingOccurrences(of: "\"", with: "&quot;")
}
