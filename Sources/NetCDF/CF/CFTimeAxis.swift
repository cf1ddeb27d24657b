/// A decoded CF time coordinate: UTC seconds since 1970, NaN where the stored value is missing.
public struct CFTimeAxis: Sendable {
    public let variable: Variable
    public let units: CFTimeUnits
    /// UTC seconds since 1970-01-01, one per stored value; NaN for fill values.
    public let seconds: [Double]

    /// Reads and decodes `variable`, which must carry "UNIT since DATE" units and a known calendar.
    public init(_ variable: Variable) throws(NetCDFError) {
        let path = variable.group.file.path
        guard let unitsText = try variable.text("units") else {
            throw NetCDFError(path: path, variable: variable.name, reason: "time variable has no 'units' attribute")
        }
        let calendarText = try variable.text("calendar")
        guard let calendar = CFCalendar(attribute: calendarText) else {
            throw NetCDFError(path: path, variable: variable.name, reason: "unknown calendar '\(calendarText ?? "")'")
        }
        do {
            units = try CFTimeUnits(units: unitsText, calendar: calendar)
        } catch {
            throw NetCDFError(path: path, variable: variable.name, reason: error.description)
        }
        self.variable = variable
        var raw = try variable.read(Double.self)
        var packing = try CFPacking(variable)
        // Time values are never unpacked by range; only fill/missing masking applies.
        packing.validMin = nil
        packing.validMax = nil
        packing.decode(&raw)
        var decoded = raw
        for i in raw.indices where !raw[i].isNaN {
            guard let t = units.unixSeconds(raw[i]) else {
                let date = units.date(raw[i])
                throw NetCDFError(
                    path: path, variable: variable.name,
                    reason: "value \(raw[i]) is \(date) in the \(calendar.rawValue) calendar, a date that does not exist on the real time line; BlueWatch stores observations in UTC")
            }
            decoded[i] = t
        }
        seconds = decoded
    }

    /// True when a variable looks like a CF time coordinate: `standard_name = time`, `axis = T`,
    /// or units of the form "UNIT since DATE".
    public static func isTimeCoordinate(_ variable: Variable) -> Bool {
        guard variable.type.isNumeric else { return false }
        if (try? variable.text("standard_name")) == "time" { return true }
        if (try? variable.text("axis"))?.uppercased() == "T" { return true }
        if let units = try? variable.text("units"), units.lowercased().contains(" since ") { return true }
        return false
    }
}
