import BlueWatchCore
import Foundation
import Geodesy

extension PlasticGridAnalysis {
    /// A map as SVG (equirectangular over the grid with a margin): cells coloured by their
    /// statistic in NCEI classes (water) or quintiles (other units), hot spots outlined red and
    /// cold spots blue, sample positions as dots, region outlines, a graticule and a legend.
    public func svg(regions: [RegionPolygon] = [], width: Int = 960) -> String {
        let grid = cells.grid
        let margin = max(grid.resolution, 2)
        let south = max(-90, grid.south - margin), north = min(90, grid.north + margin)
        let west = grid.west - margin, east = grid.east + margin
        let scale = Double(width) / (east - west)
        let mapHeight = (north - south) * scale
        let height = Int(mapHeight.rounded()) + 70
        func x(_ lon: Double) -> Double {
            var l = lon
            while l < west { l += 360 }
            while l > east + 1e-9 && l - 360 >= west { l -= 360 }
            return (l - west) * scale
        }
        func y(_ lat: Double) -> Double { (north - lat) * scale }
        let statistic = cells.values(options.statistic)
        let palette = ["#ffffcc", "#c2e699", "#78c679", "#31a354", "#006837"]
        let classes: [String]
        let classOf: (Double) -> Int
        if group.unit.dimension == .volumetric {
            classes = ConcentrationClass.allCases.map(\.rawValue)
            classOf = { v in ConcentrationClass.allCases.firstIndex(of: ConcentrationClass(v, unit: self.group.unit) ?? .veryLow)! }
        } else {
            let sorted = statistic.sorted()
            let cuts = (1..<5).map { PlasticRegionSummary.quantile(sorted, Double($0) / 5) }
            classes = (0..<5).map { k in
                let lo = k == 0 ? sorted.first! : cuts[k - 1], hi = k == 4 ? sorted.last! : cuts[k]
                return String(format: "%.3g–%.3g", lo, hi)
            }
            classOf = { v in cuts.firstIndex { v < $0 } ?? 4 }
        }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\" font-size=\"11\">\n"
        out += "<title>Microplastics, \(escape(group.description)), \(options.resolution)° cells</title>\n"
        out += String(format: "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%.1f\" fill=\"#eef4fa\"/>\n", width, mapHeight)
        // Graticule.
        let step: Double = (east - west) > 60 ? 10 : 5
        var g = (south / step).rounded(.up) * step
        while g <= north {
            out += String(format: "<line x1=\"0\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#c8d4e0\" stroke-width=\"0.6\"/><text x=\"2\" y=\"%.1f\" fill=\"#5a6b7b\">%@</text>\n",
                          y(g), width, y(g), y(g) - 2, g == 0 ? "0°" : String(format: "%.0f°%@", abs(g), g > 0 ? "N" : "S"))
            g += step
        }
        g = (west / step).rounded(.up) * step
        while g <= east {
            let label = g.truncatingRemainder(dividingBy: 360) == 0 ? "0°" : g == 180 ? "180°" : String(format: "%.0f°%@", g > 180 ? 360 - g : abs(g), g > 180 || g < 0 ? "W" : "E")
            out += String(format: "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#c8d4e0\" stroke-width=\"0.6\"/><text x=\"%.1f\" y=\"%.1f\" fill=\"#5a6b7b\">%@</text>\n",
                          (g - west) * scale, (g - west) * scale, mapHeight, (g - west) * scale + 2, mapHeight - 3, label)
            g += step
        }
        // Regions.
        for r in regions {
            let points = r.ring.map { String(format: "%.1f,%.1f", x($0.longitude), y($0.latitude)) }.joined(separator: " ")
            out += "<polygon points=\"\(points)\" fill=\"none\" stroke=\"#7b8da0\" stroke-dasharray=\"4 3\"><title>\(escape(r.name))</title></polygon>\n"
        }
        // Cells.
        let cell = grid.resolution * scale
        for (k, c) in cells.cells.enumerated() {
            let b = grid.bounds(c)
            let spot = giStar?.sites[k].spot ?? 0
            let stroke = spot > 0 ? " stroke=\"#d7191c\" stroke-width=\"2\"" : spot < 0 ? " stroke=\"#2b83ba\" stroke-width=\"2\"" : " stroke=\"#ffffff\" stroke-width=\"0.3\""
            out += String(format: "<rect class=\"cell\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%@\"%@><title>%@</title></rect>\n",
                          x(b.west), y(b.north), cell, cell, palette[classOf(statistic[k])], stroke,
                          String(format: "%d samples, %@ %.4g %@", cells.count[k], options.statistic.rawValue, statistic[k], group.unit.rawValue))
        }
        // Samples.
        var dots = ""
        for v in values.prefix(20_000) { dots += String(format: "M%.1f %.1fh0.01", x(v.longitude!), y(v.latitude!)) }
        out += "<path class=\"samples\" d=\"\(dots)\" stroke=\"#333\" stroke-width=\"1.6\" stroke-linecap=\"round\" opacity=\"0.5\"/>\n"
        // Legend.
        let ly = mapHeight + 18
        out += String(format: "<text x=\"6\" y=\"%.0f\">cell %@ (%@):</text>\n", ly, options.statistic.rawValue, escape(group.unit.rawValue))
        for (k, label) in classes.enumerated() {
            out += String(format: "<rect x=\"%.0f\" y=\"%.0f\" width=\"14\" height=\"12\" fill=\"%@\" stroke=\"#888\"/><text x=\"%.0f\" y=\"%.0f\">%@</text>\n",
                          160 + Double(k) * 120, ly - 10, palette[k], 178 + Double(k) * 120, ly, escape(label))
        }
        if let giStar {
            out += String(format: "<text x=\"6\" y=\"%.0f\">Gi* (%@, band %.0f km, %d permutations, FDR %.2g): <tspan fill=\"#d7191c\">■ %d hot spots</tspan>  <tspan fill=\"#2b83ba\">■ %d cold spots</tspan>; dots: samples; dashed: regions</text>\n",
                          ly + 22, options.statistic.rawValue, options.band, giStar.permutations, giStar.alpha, giStar.hotSpots, giStar.coldSpots)
        }
        out += String(format: "<text x=\"6\" y=\"%.0f\" fill=\"#555\">%@ — %d samples in %d cells of %.2g°</text>\n", ly + 40, escape(group.description), values.count, cells.cells.count, grid.resolution)
        return out + "</svg>\n"
    }

    func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
