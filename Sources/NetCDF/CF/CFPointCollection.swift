/// A CF `featureType = point` file (CF-1.8 §9.3.1 / H.1): one observation per sample, each
/// with its own time, latitude and longitude, such as microplastic samples.
public struct CFPointCollection: Sendable {
    public let times: [Double]
    public let latitudes: [Double]
    public let longitudes: [Double]
    /// Decoded numeric data variables along the sample dimension.
    public let variables: [CFStationVariable]
    /// Text variables along the sample dimension (e.g. sampling method), by name.
    public let texts: [String: [String]]
    public let globalAttributes: [String: String]

    /// Reads a point collection: time, latitude and longitude on one sample dimension.
    public static func read(_ file: NetCDFFile) throws(NetCDFError) -> CFPointCollection {
        let variables = try file.root.variables()
        guard let time = variables.first(where: CFTimeAxis.isTimeCoordinate), time.dimensions.count == 1 else {
            throw NetCDFError(path: file.path, reason: "point collection without a one-dimensional time variable")
        }
        let sample = time.dimensions[0]
        func find(_ standardName: String, _ names: [String]) throws(NetCDFError) -> Variable {
            for v in variables where v.dimensions == [sample] {
                if try v.text("standard_name") == standardName || names.contains(v.name.lowercased()) { return v }
            }
            throw NetCDFError(path: file.path, reason: "point collection without a \(standardName) variable on dimension '\(sample.name)'")
        }
        let lat = try find("latitude", ["lat", "latitude"])
        let lon = try find("longitude", ["lon", "longitude"])
        let times = try CFTimeAxis(time).seconds
        var data: [CFStationVariable] = []
        var texts: [String: [String]] = [:]
        for v in variables where v.dimensions.first == sample && ![time.name, lat.name, lon.name].contains(v.name) {
            if v.type == .string || (v.type == .char && v.dimensions.count == 2) {
                texts[v.name] = try v.readStrings()
            } else if v.type.isNumeric && v.dimensions.count == 1 {
                let a = textAttributes(try v.attributes())
                data.append(CFStationVariable(name: v.name, units: a["units"], standardName: a["standard_name"], longName: a["long_name"],
                                              isAncillary: a["flag_values"] != nil || a["flag_meanings"] != nil, attributes: a,
                                              times: times, values: try CFVariable(v).decode()))
            }
        }
        return CFPointCollection(times: times, latitudes: try CFVariable(lat).decode(), longitudes: try CFVariable(lon).decode(),
                                 variables: data, texts: texts, globalAttributes: textAttributes(try file.root.attributes()))
    }
}
