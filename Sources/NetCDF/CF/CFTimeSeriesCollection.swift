/// The ways CF-1.8 §9 stores one or many time series in a file.
public enum CFSamplingLayout: String, Sendable {
    case singleStation = "single station"
    case orthogonalMultidimensional = "orthogonal multidimensional array"
    case incompleteMultidimensional = "incomplete multidimensional array"
    case contiguousRagged = "contiguous ragged array"
    case indexedRagged = "indexed ragged array"
}

/// One decoded variable of one station: values on their own time axis.
public struct CFStationVariable: Sendable {
    public let name: String
    public let units: String?
    public let standardName: String?
    public let longName: String?
    /// True for flag variables (`flag_values`/`flag_meanings`) and variables named in another
    /// variable's `ancillary_variables`.
    public let isAncillary: Bool
    /// All attributes of the variable, as text.
    public let attributes: [String: String]
    /// UTC seconds since 1970, one per value, in file order (not checked for order here).
    public var times: [Double]
    /// Decoded values, NaN where missing.
    public var values: [Double]
}

/// One station (CF "instance") of a timeSeries file.
public struct CFStation: Sendable {
    /// The `cf_role = timeseries_id` value, or a global id attribute, or the file name.
    public var id: String
    public var name: String?
    public var latitude: Double?
    public var longitude: Double?
    /// Other per-station variables (e.g. `uhslc_id`, `coastline_code`), as text.
    public var properties: [String: String]
    public var variables: [CFStationVariable]
}

/// A CF `featureType = timeSeries` file decoded into stations, in any of the layouts of
/// CF-1.8 §9.3 and H.2: single station, orthogonal and incomplete multidimensional arrays,
/// contiguous and indexed ragged arrays. Extra dimensions of length 1 (depth, latitude,
/// longitude, as in NDBC and OceanSITES files) are accepted.
public struct CFTimeSeriesCollection: Sendable {
    public let layout: CFSamplingLayout
    public let stations: [CFStation]
    /// Global attributes as text.
    public let globalAttributes: [String: String]

    /// Reads every station and every numeric variable along the time (or sample) dimension.
    public static func read(_ file: NetCDFFile) throws(NetCDFError) -> CFTimeSeriesCollection {
        try CFTimeSeriesReader(file: file).read()
    }
}

/// Attribute values as text (numbers printed plainly), by name.
public func textAttributes(_ attributes: [Attribute]) -> [String: String] {
    var result: [String: String] = [:]
    for a in attributes { result[a.name] = a.value.text ?? a.value.description }
    return result
}

struct CFTimeSeriesReader {
    let file: NetCDFFile
    var path: String { file.path }

    func read() throws(NetCDFError) -> CFTimeSeriesCollection {
        let root = file.root
        let variables = try root.variables()
        let globals = textAttributes(try root.attributes())
        var attributesByName: [String: [String: String]] = [:]
        for v in variables { attributesByName[v.name] = textAttributes(try v.attributes()) }
        let ancillaryNames = Set(attributesByName.values.compactMap { $0["ancillary_variables"] }
            .flatMap { $0.split(separator: " ").map(String.init) })
        let timeVariables = variables.filter { CFTimeAxis.isTimeCoordinate($0) && !$0.name.hasSuffix("_bnds") && !$0.name.hasSuffix("_bounds") }
        guard !timeVariables.isEmpty else {
            throw NetCDFError(path: path, reason: "no time coordinate: no variable has standard_name 'time', axis 'T' or units 'UNIT since DATE'")
        }
        let idVariable = variables.first { attributesByName[$0.name]?["cf_role"] == "timeseries_id" }
        var instanceDimension: Dimension?
        if let idVariable {
            let dims = idVariable.type == .char ? Array(idVariable.dimensions.dropLast()) : idVariable.dimensions
            if dims.count == 1 { instanceDimension = dims[0] }
        }
        let rowSize = variables.first { attributesByName[$0.name]?["sample_dimension"] != nil }
        let stationIndex = variables.first { attributesByName[$0.name]?["instance_dimension"] != nil }
        if let rowSize { instanceDimension = rowSize.dimensions.first }
        if let stationIndex, let name = attributesByName[stationIndex.name]?["instance_dimension"] {
            instanceDimension = try root.dimension(named: name)
        }
        let coordinateNames = Set(variables.filter { $0.dimensions.count == 1 && $0.dimensions[0].name == $0.name }.map { $0.name })
        let skip = Set([idVariable?.name, rowSize?.name, stationIndex?.name].compactMap { $0 })
            .union(timeVariables.map { $0.name }).union(coordinateNames)

        func describe(_ v: Variable, times: [Double], values: [Double]) -> CFStationVariable {
            let a = attributesByName[v.name] ?? [:]
            let flags = a["flag_values"] != nil || a["flag_meanings"] != nil || a["flag_masks"] != nil
            return CFStationVariable(
                name: v.name, units: a["units"], standardName: a["standard_name"], longName: a["long_name"],
                isAncillary: flags || ancillaryNames.contains(v.name), attributes: a, times: times, values: values)
        }

        var stations = try stationShells(variables: variables, instance: instanceDimension, idVariable: idVariable, globals: globals)
        let layout: CFSamplingLayout

        if let rowSize, let sampleName = attributesByName[rowSize.name]?["sample_dimension"] {
            layout = .contiguousRagged
            let counts = try rowSize.read(Int64.self).map(Int.init)
            guard let time = timeVariables.first(where: { $0.dimensionNames == [sampleName] }) else {
                throw NetCDFError(path: path, variable: rowSize.name, reason: "contiguous ragged array without a time variable on dimension '\(sampleName)'")
            }
            let sampleLength = time.count
            guard counts.reduce(0, +) == sampleLength, counts.allSatisfy({ $0 >= 0 }) else {
                throw NetCDFError(path: path, variable: rowSize.name, reason: "row sizes add up to \(counts.reduce(0, +)) but dimension '\(sampleName)' has \(sampleLength)")
            }
            let times = try CFTimeAxis(time).seconds
            for v in variables where v.dimensionNames == [sampleName] && v.type.isNumeric && !skip.contains(v.name) {
                let values = try CFVariable(v).decode()
                var offset = 0
                for (i, n) in counts.enumerated() {
                    stations[i].variables.append(describe(v, times: Array(times[offset..<offset + n]), values: Array(values[offset..<offset + n])))
                    offset += n
                }
            }
        } else if let stationIndex {
            layout = .indexedRagged
            let sampleName = stationIndex.dimensionNames.first ?? ""
            let index = try stationIndex.read(Int64.self).map(Int.init)
            guard let time = timeVariables.first(where: { $0.dimensionNames == [sampleName] }) else {
                throw NetCDFError(path: path, variable: stationIndex.name, reason: "indexed ragged array without a time variable on dimension '\(sampleName)'")
            }
            let times = try CFTimeAxis(time).seconds
            if let bad = index.first(where: { $0 < 0 || $0 >= stations.count }) {
                throw NetCDFError(path: path, variable: stationIndex.name, reason: "station index \(bad) outside 0..<\(stations.count)")
            }
            for v in variables where v.dimensionNames == [sampleName] && v.type.isNumeric && !skip.contains(v.name) {
                let values = try CFVariable(v).decode()
                var perStation = [[Int]](repeating: [], count: stations.count)
                for (k, s) in index.enumerated() { perStation[s].append(k) }
                for (s, rows) in perStation.enumerated() {
                    stations[s].variables.append(describe(v, times: rows.map { times[$0] }, values: rows.map { values[$0] }))
                }
            }
        } else if let instanceDimension, let time = timeVariables.first(where: { $0.dimensions.count == 2 && $0.dimensions[0] == instanceDimension }) {
            layout = .incompleteMultidimensional
            let obs = time.dimensions[1]
            let times = try CFTimeAxis(time).seconds
            for v in variables where v.dimensions == [instanceDimension, obs] && v.type.isNumeric && !skip.contains(v.name) {
                let values = try CFVariable(v).decode()
                for s in stations.indices {
                    let row = (s * obs.length)..<((s + 1) * obs.length)
                    let kept = row.filter { !times[$0].isNaN }
                    stations[s].variables.append(describe(v, times: kept.map { times[$0] }, values: kept.map { values[$0] }))
                }
            }
        } else {
            layout = instanceDimension.map { $0.length > 1 } == true ? .orthogonalMultidimensional : .singleStation
            for time in timeVariables where time.dimensions.count == 1 {
                let timeDimension = time.dimensions[0]
                var axis: [Double]?
                for v in variables where v.type.isNumeric && !skip.contains(v.name) && v.dimensions.contains(timeDimension) {
                    // Every other dimension must be the instance dimension or of length 1.
                    let others = v.dimensions.filter { $0 != timeDimension }
                    guard others.allSatisfy({ $0 == instanceDimension || $0.length == 1 }) else { continue }
                    if axis == nil { axis = try CFTimeAxis(time).seconds }
                    let values = try CFVariable(v).decode()
                    let strides = rowMajorStrides(v.shape)
                    let timeStride = strides[v.dimensions.firstIndex(of: timeDimension)!]
                    let instanceStride = instanceDimension.flatMap { v.dimensions.firstIndex(of: $0) }.map { strides[$0] }
                    for s in stations.indices {
                        if instanceStride == nil && s > 0 { break }
                        let base = (instanceStride ?? 0) * s
                        var series = [Double](repeating: .nan, count: timeDimension.length)
                        for t in 0..<timeDimension.length { series[t] = values[base + t * timeStride] }
                        stations[s].variables.append(describe(v, times: axis!, values: series))
                    }
                }
            }
        }
        // Drop samples whose time is missing (padding), keeping values aligned. Padding has no
        // value either; a value without a time is corrupt data and is refused, not dropped.
        for s in stations.indices {
            for k in stations[s].variables.indices where stations[s].variables[k].times.contains(where: { $0.isNaN }) {
                let v = stations[s].variables[k]
                let orphans = v.times.indices.filter { v.times[$0].isNaN && !v.values[$0].isNaN }
                if let first = orphans.first {
                    throw NetCDFError(path: path, variable: v.name,
                                      reason: "\(orphans.count) value(s) of station \(stations[s].id.isEmpty ? String(s) : stations[s].id) have no time (time missing or not a number), the first at index \(first)")
                }
                let keep = v.times.indices.filter { !v.times[$0].isNaN }
                stations[s].variables[k].times = keep.map { v.times[$0] }
                stations[s].variables[k].values = keep.map { v.values[$0] }
            }
        }
        return CFTimeSeriesCollection(layout: layout, stations: stations, globalAttributes: globals)
    }

    /// Stations with id, name, position and properties, but no data yet.
    func stationShells(variables: [Variable], instance: Dimension?, idVariable: Variable?, globals: [String: String]) throws(NetCDFError) -> [CFStation] {
        let count = instance?.length ?? 1
        var stations = (0..<count).map { _ in CFStation(id: "", name: nil, latitude: nil, longitude: nil, properties: [:], variables: []) }
        for v in variables {
            let dims = v.type == .char ? Array(v.dimensions.dropLast()) : v.dimensions
            let perStation: Bool
            if let instance { perStation = dims == [instance] } else { perStation = dims.allSatisfy { $0.length == 1 } }
            guard perStation else { continue }
            let texts: [String]
            var numbers: [Double]?
            switch v.type {
            case .char, .string: texts = try v.readStrings()
            case _ where v.type.isNumeric:
                let decoded = try CFVariable(v).decode()
                numbers = decoded
                texts = decoded.map { $0.isNaN ? "" : ($0 == $0.rounded() && abs($0) < 1e15 ? String(Int64($0)) : String($0)) }
            default: continue
            }
            guard texts.count >= (instance == nil ? 1 : count) else { continue }
            let standardName = try v.text("standard_name")
            let lower = v.name.lowercased()
            for s in 0..<count {
                let text = texts[instance == nil ? 0 : s]
                if v.name == idVariable?.name { stations[s].id = text; continue }
                if standardName == "latitude" || lower == "lat" || lower == "latitude", let n = numbers {
                    stations[s].latitude = n[instance == nil ? 0 : s]
                } else if standardName == "longitude" || lower == "lon" || lower == "longitude", let n = numbers {
                    stations[s].longitude = n[instance == nil ? 0 : s]
                } else if lower == "station_name" || lower == "platform_name" || lower == "name" {
                    stations[s].name = text
                } else if !text.isEmpty {
                    stations[s].properties[v.name] = text
                }
            }
        }
        for s in stations.indices where stations[s].id.isEmpty {
            let fallback = ["station_id", "station", "platform_code", "site_code", "wmo_platform_code", "id"].compactMap { globals[$0] }.first
            stations[s].id = fallback ?? path.lastComponentWithoutExtension
        }
        for s in stations.indices where stations[s].name == nil {
            stations[s].name = globals["station_name"] ?? globals["platform_name"]
        }
        for s in stations.indices {
            if stations[s].latitude == nil, let lat = globals["geospatial_lat_min"].flatMap(Double.init), globals["geospatial_lat_min"] == globals["geospatial_lat_max"] {
                stations[s].latitude = lat
            }
            if stations[s].longitude == nil, let lon = globals["geospatial_lon_min"].flatMap(Double.init), globals["geospatial_lon_min"] == globals["geospatial_lon_max"] {
                stations[s].longitude = lon
            }
        }
        return stations
    }
}

/// Row-major strides of a shape.
func rowMajorStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var acc = 1
    for i in shape.indices.reversed() { strides[i] = acc; acc *= shape[i] }
    return strides
}

extension String {
    /// The file name of a path without its extension.
    var lastComponentWithoutExtension: String {
        let name = split(separator: "/").last.map(String.init) ?? self
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { return String(name[..<dot]) }
        return name
    }
}
