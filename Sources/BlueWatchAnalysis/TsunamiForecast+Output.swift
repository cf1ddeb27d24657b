import BlueWatchCore
import Foundation
import NetCDF

extension TsunamiForecast {
    static let fill: Float = -9999

    /// Writes the travel-time grid as CF-1.8 / ACDD-1.3 NetCDF-4, atomically, every variable in
    /// the root group on lat/lon: the ocean depth used, the travel time in hours and the
    /// estimated arrival time (NaN-free: land and unreached cells hold the fill value). CF has
    /// no standard name for the two times; long_name, units and a comment describe them.
    public func writeNetCDF(to path: String, command: String) throws {
        try writeNetCDFAtomically(to: path) { file in
            let root = file.root
            let latDim = try root.defineDimension("lat", length: latitudes.count)
            let lonDim = try root.defineDimension("lon", length: longitudes.count)
            let lat = try root.defineVariable("lat", type: .double, dimensions: [latDim])
            for (k, v) in [("standard_name", "latitude"), ("long_name", "latitude"), ("units", "degrees_north"), ("axis", "Y")] { try lat.setAttribute(k, .text(v)) }
            let lon = try root.defineVariable("lon", type: .double, dimensions: [lonDim])
            for (k, v) in [("standard_name", "longitude"), ("long_name", "longitude"), ("units", "degrees_east"), ("axis", "X")] { try lon.setAttribute(k, .text(v)) }
            let depthVariable = try root.defineVariable("depth", type: .float, dimensions: [latDim, lonDim], deflateLevel: 4)
            try depthVariable.setAttribute("_FillValue", .floats([TsunamiForecast.fill]))
            for (k, v) in [("standard_name", "sea_floor_depth_below_sea_surface"), ("long_name", "ocean depth used for the long-wave speed √(g·h)"),
                           ("units", "m"), ("positive", "down"), ("coverage_content_type", "auxiliaryInformation")] { try depthVariable.setAttribute(k, .text(v)) }
            let travelVariable = try root.defineVariable("travel_time", type: .float, dimensions: [latDim, lonDim], deflateLevel: 4)
            try travelVariable.setAttribute("_FillValue", .floats([TsunamiForecast.fill]))
            for (k, v) in [("long_name", "tsunami first-arrival travel time from the source region (fast marching, long-wave speed)"),
                           ("units", "h"), ("coverage_content_type", "modelResult"),
                           ("comment", "CF has no standard name for a tsunami travel time")] { try travelVariable.setAttribute(k, .text(v)) }
            let arrivalVariable = try root.defineVariable("arrival_time", type: .double, dimensions: [latDim, lonDim], deflateLevel: 4)
            try arrivalVariable.setAttribute("_FillValue", .doubles([-9999]))
            for (k, v) in [("long_name", "estimated first-arrival time (origin time + travel time)"), ("units", "seconds since 1970-01-01 00:00:00"),
                           ("calendar", "standard"), ("coverage_content_type", "modelResult"),
                           ("comment", "CF has no standard name for a tsunami arrival time")] { try arrivalVariable.setAttribute(k, .text(v)) }
            let now = UTCTime.iso(Date().timeIntervalSince1970.rounded())
            let magnitude = event.magnitude.map { String(format: "M%.1f", $0) } ?? "magnitude unknown"
            let globals: [(String, AttributeValue)] = [
                ("Conventions", .text("CF-1.8, ACDD-1.3")),
                ("title", .text("Tsunami travel times for the \(magnitude) earthquake of \(UTCTime.iso(event.time))")),
                ("summary", .text(String(format: "First-arrival travel times of a tsunami from a source region of %.0f × %.0f km (strike %.0f°) around the epicentre %.3fN %.3fE, by first-order fast marching with the long-wave speed √(g·h) over %@, land impassable, cell sizes on the WGS84 ellipsoid. An estimate for warning purposes, not a simulation of the wave.",
                                      source.lengthKm, source.widthKm, source.strike, event.latitude, event.longitude, URL(fileURLWithPath: gridPath).lastPathComponent))),
                ("keywords", .text("tsunami, travel time, fast marching, bathymetry, early warning")),
                ("id", .text("bluewatch.tsunami.traveltime.\(event.id)")),
                ("naming_authority", .text("org.bluewatch")),
                ("history", .text("\(now) \(command)")),
                ("source", .text("earthquake \(event.id) (\(event.place ?? "location as given")); bathymetry \(URL(fileURLWithPath: gridPath).lastPathComponent)")),
                ("processing_level", .text("model estimate")),
                ("comment", .text("Travel times in hours (travel_time) and arrival times (arrival_time) beside the depth used. Source size from Blaser et al. (2010); method in Docs/METHODS.md of BlueWatch.")),
                ("acknowledgement", .text("Bathymetry as credited in the source grid file")),
                ("license", .text("as the bathymetry grid")),
                ("date_created", .text(now)),
                ("institution", .text("BlueWatch")),
                ("project", .text("BlueWatch tsunami advisories")),
                ("references", .text("Sethian, J.A. (1996) PNAS 93, 1591-1595; Blaser, L. et al. (2010) BSSA 100(6), 2914-2926; Abe, K. (1981) Phys. Earth Planet. Inter. 27, 194-205")),
                ("time_coverage_start", .text(UTCTime.iso(event.time))),
                ("time_coverage_end", .text(UTCTime.iso(event.time + (travel.filter { !$0.isNaN }.max() ?? 0)))),
            ] + ACDDBox.attributes(latitudes: latitudes, longitudes: longitudes)
            for (k, v) in globals { try root.setAttribute(k, v) }
            for (k, v) in Publisher.acddAttributes { try root.setAttribute(k, .text(v)) }
            try file.endDefinitions()
            try lat.write(latitudes)
            try lon.write(longitudes)
            try depthVariable.write(depth.map { $0.isNaN ? TsunamiForecast.fill : $0 })
            try travelVariable.write(travel.map { $0.isNaN ? TsunamiForecast.fill : Float($0 / 3600) })
            try arrivalVariable.write(travel.map { $0.isNaN ? -9999 : (event.time + $0).rounded() })
        }
    }

    /// A map as SVG: hourly isochrone bands over the grid (land grey), the source region's
    /// epicentre, and the forecast points coloured by threat band, with a legend.
    public func svg(width: Int = 900) -> String {
        let nx = longitudes.count, ny = latitudes.count
        let step = max(1, nx / 300)
        let columns = (nx + step - 1) / step, rows = (ny + step - 1) / step
        let cell = Double(width) / Double(columns)
        let height = Int((Double(rows) * cell).rounded()) + 60
        let hourColours = ["#fff5eb", "#fee6ce", "#fdd0a2", "#fdae6b", "#fd8d3c", "#f16913", "#d94801", "#a63603", "#7f2704"]
        func colour(_ t: Double) -> String {
            if t.isNaN { return "#c8c8c8" }
            return hourColours[min(hourColours.count - 1, Int(t / 3600))]
        }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\" font-size=\"11\">\n"
        out += "<title>Tsunami travel times: \(event.magnitude.map { String(format: "M%.1f", $0) } ?? "") \(UTCTime.iso(event.time))</title>\n"
        // Rows from north (top) to south; runs of equal colour become one rectangle.
        let north = latitudes.last! > latitudes.first!
        for r in 0..<rows {
            let j = north ? ny - 1 - r * step : r * step
            var c = 0
            while c < columns {
                let fill = colour(travel[j * nx + c * step])
                var end = c + 1
                while end < columns && colour(travel[j * nx + end * step]) == fill { end += 1 }
                out += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%@\"/>\n", Double(c) * cell, Double(r) * cell, Double(end - c) * cell + 0.3, cell + 0.3, fill)
                c = end
            }
        }
        let latMin = latitudes.min()!, latMax = latitudes.max()!, lonMin = longitudes.min()!, lonMax = longitudes.max()!
        func xy(_ lat: Double, _ lon: Double) -> (Double, Double) {
            var l = lon
            if lonMax > 180 && l < 0 { l += 360 }
            return ((l - lonMin) / (lonMax - lonMin) * Double(width), (latMax - lat) / (latMax - latMin) * Double(rows) * cell)
        }
        let (ex, ey) = xy(event.latitude, event.longitude)
        out += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"7\" fill=\"none\" stroke=\"black\" stroke-width=\"2\"/><text x=\"%.1f\" y=\"%.1f\">epicentre</text>\n", ex, ey, ex + 9, ey - 6)
        let bandColours: [String: String] = [ThreatBand.below03.rawValue: "#2c7bb6", ThreatBand.from03to1.rawValue: "#ffd700",
                                             ThreatBand.from1to3.rawValue: "#f46d43", ThreatBand.above3.rawValue: "#a50026"]
        for p in points {
            let (x, y) = xy(p.latitude, p.longitude)
            let fill = p.band.flatMap { bandColours[$0] } ?? "#ffffff"
            let shape = p.kind == "dart_buoy" ? String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"%@\" stroke=\"black\"/>", x - 4, y - 4, fill)
                : String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%@\" stroke=\"black\"/>", x, y, fill)
            let label = "\(p.name) \(p.travelSeconds.map { String(format: "%d:%02d", Int($0 / 3600), Int($0 / 60) % 60) } ?? "—")"
            out += shape + String(format: "<text x=\"%.1f\" y=\"%.1f\">%@</text>\n", x + 6, y + 4, escape(label))
        }
        let legendY = Double(rows) * cell + 20
        out += "<text x=\"6\" y=\"\(legendY)\">travel time (h):</text>\n"
        for (k, c) in hourColours.enumerated() {
            out += String(format: "<rect x=\"%.0f\" y=\"%.0f\" width=\"26\" height=\"12\" fill=\"%@\" stroke=\"#888\"/><text x=\"%.0f\" y=\"%.0f\">%d%@</text>\n",
                          110 + Double(k) * 34, legendY - 10, c, 114 + Double(k) * 34, legendY + 14, k, k == hourColours.count - 1 ? "+" : "")
        }
        out += "<text x=\"430\" y=\"\(legendY)\">threat band (estimate unless observed): ● gauge ■ DART</text>\n"
        for (k, band) in ThreatBand.allCases.enumerated() {
            out += String(format: "<circle cx=\"%.0f\" cy=\"%.0f\" r=\"5\" fill=\"%@\" stroke=\"black\"/><text x=\"%.0f\" y=\"%.0f\">%@</text>\n",
                          440 + Double(k) * 110, legendY + 16, bandColours[band.rawValue]!, 448 + Double(k) * 110, legendY + 20, escape(band.rawValue))
        }
        return out + "</svg>\n"
    }

    func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
