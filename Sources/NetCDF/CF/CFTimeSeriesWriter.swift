import Foundation

/// One single-station CF-1.8 timeSeries file (CF §9, H.2.3) to be written: station
/// identity and position, a time axis, data variables and their flag variables, and global
/// attributes. Written to a temporary file and renamed into place, so a reader never sees a
/// half-written file.
public struct CFTimeSeriesDocument: Sendable {
    public struct DataVariable: Sendable {
        public var name: String
        public var values: [Double]
        public var attributes: [(String, AttributeValue)]
        public init(name: String, values: [Double], attributes: [(String, AttributeValue)]) {
            self.name = name
            self.values = values
            self.attributes = attributes
        }
    }

    public struct FlagVariable: Sendable {
        public var name: String
        public var values: [Int8]
        public var attributes: [(String, AttributeValue)]
        public init(name: String, values: [Int8], attributes: [(String, AttributeValue)]) {
            self.name = name
            self.values = values
            self.attributes = attributes
        }
    }

    public var stationID: String
    public var stationName: String
    public var latitude: Double
    public var longitude: Double
    /// UTC seconds since 1970, strictly increasing.
    public var times: [Double]
    public var variables: [DataVariable]
    public var flags: [FlagVariable]
    public var globalAttributes: [(String, AttributeValue)]

    public init(stationID: String, stationName: String, latitude: Double, longitude: Double, times: [Double],
                variables: [DataVariable], flags: [FlagVariable], globalAttributes: [(String, AttributeValue)]) {
        self.stationID = stationID
        self.stationName = stationName
        self.latitude = latitude
        self.longitude = longitude
        self.times = times
        self.variables = variables
        self.flags = flags
        self.globalAttributes = globalAttributes
    }

    /// The fill value written for missing data values.
    public static let fillValue = -99999.0

    /// Writes the document as NetCDF-4 (deflate level 4) to `path`, atomically.
    public func write(to path: String) throws(NetCDFError) {
        precondition(variables.allSatisfy { $0.values.count == times.count } && flags.allSatisfy { $0.values.count == times.count },
                     "every variable must have one value per time")
        let temporary = path + ".partial-\(UUID().uuidString.prefix(8))"
        do {
            let file = try NetCDFFile.create(temporary)
            let root = file.root
            let time = try root.defineDimension("time", length: times.count)
            let width = max(stationID.utf8.count, stationName.utf8.count, 1)
            let strlen = try root.defineDimension("name_strlen", length: width)
            let idVariable = try root.defineVariable("station_id", type: .char, dimensions: [strlen])
            try idVariable.setAttribute("cf_role", .text("timeseries_id"))
            try idVariable.setAttribute("long_name", .text("station identifier"))
            let nameVariable = try root.defineVariable("station_name", type: .char, dimensions: [strlen])
            try nameVariable.setAttribute("long_name", .text("station name"))
            let lat = try root.defineVariable("lat", type: .double, dimensions: [])
            for (k, v) in [("standard_name", "latitude"), ("long_name", "station latitude"), ("units", "degrees_north"), ("axis", "Y")] {
                try lat.setAttribute(k, .text(v))
            }
            let lon = try root.defineVariable("lon", type: .double, dimensions: [])
            for (k, v) in [("standard_name", "longitude"), ("long_name", "station longitude"), ("units", "degrees_east"), ("axis", "X")] {
                try lon.setAttribute(k, .text(v))
            }
            let timeVariable = try root.defineVariable("time", type: .double, dimensions: [time], deflateLevel: 4)
            for (k, v) in [("standard_name", "time"), ("long_name", "time of measurement"), ("units", "seconds since 1970-01-01T00:00:00Z"),
                           ("calendar", "standard"), ("axis", "T")] {
                try timeVariable.setAttribute(k, .text(v))
            }
            var data: [(Variable, [Double])] = []
            for v in variables {
                let variable = try root.defineVariable(v.name, type: .double, dimensions: [time], deflateLevel: 4)
                try variable.setAttribute("_FillValue", .doubles([CFTimeSeriesDocument.fillValue]))
                for (k, value) in v.attributes { try variable.setAttribute(k, value) }
                try variable.setAttribute("coordinates", .text("time lat lon station_id"))
                data.append((variable, v.values.map { $0.isNaN ? CFTimeSeriesDocument.fillValue : $0 }))
            }
            var flagData: [(Variable, [Int8])] = []
            for f in flags {
                let variable = try root.defineVariable(f.name, type: .byte, dimensions: [time], deflateLevel: 4)
                for (k, value) in f.attributes { try variable.setAttribute(k, value) }
                try variable.setAttribute("coordinates", .text("time lat lon station_id"))
                flagData.append((variable, f.values))
            }
            for (k, value) in globalAttributes { try root.setAttribute(k, value) }
            try file.endDefinitions()
            try idVariable.writeStrings([stationID])
            try nameVariable.writeStrings([stationName])
            try lat.write([latitude])
            try lon.write([longitude])
            try timeVariable.write(times)
            for (variable, values) in data { try variable.write(values) }
            for (variable, values) in flagData { try variable.write(values) }
            try file.close()
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        try replaceAtomically(path, with: temporary)
    }
}
