/// How the stored numbers of a variable become physical values under the CF conventions
/// (CF-1.8 §2.5.1, §8.1), following netCDF4-python's masking rules so both decode alike:
///
/// - a raw value equal to `_FillValue` or to any `missing_value` is missing; without a
///   `_FillValue` attribute the library's default fill for the type is missing (not for bytes);
/// - a raw value outside `valid_range`, or below `valid_min` / above `valid_max`, is missing
///   (the limits are compared with the raw, packed value);
/// - `_Unsigned = "true"` reinterprets signed integers as unsigned;
/// - the rest becomes `raw * scale_factor + add_offset`; missing becomes NaN.
public struct CFPacking: Sendable, Equatable {
    public var scaleFactor: Double?
    public var addOffset: Double?
    public var fillValue: Double?
    public var missingValues: [Double]
    public var validMin: Double?
    public var validMax: Double?
    /// Bit width to reinterpret as unsigned (`_Unsigned = "true"`), nil otherwise.
    public var unsignedBits: Int?

    public init(scaleFactor: Double? = nil, addOffset: Double? = nil, fillValue: Double? = nil,
                missingValues: [Double] = [], validMin: Double? = nil, validMax: Double? = nil, unsignedBits: Int? = nil) {
        self.scaleFactor = scaleFactor
        self.addOffset = addOffset
        self.fillValue = fillValue
        self.missingValues = missingValues
        self.validMin = validMin
        self.validMax = validMax
        self.unsignedBits = unsignedBits
    }

    /// Reads the packing attributes of `variable`.
    public init(_ variable: Variable) throws(NetCDFError) {
        let attributes = try variable.attributes()
        // A packing attribute that is present but not a finite number (a string scale_factor,
        // an empty one) would be silently ignored and the values stored unscaled: refuse it.
        func number(_ name: String) throws(NetCDFError) -> [Double]? {
            guard let attribute = attributes.first(where: { $0.name == name }) else { return nil }
            guard let numbers = attribute.value.numbers, !numbers.isEmpty else {
                throw NetCDFError(path: variable.path, variable: variable.name, reason: "attribute \(name) is not a number (\(attribute.value)); the values cannot be decoded")
            }
            if ["scale_factor", "add_offset"].contains(name), !numbers[0].isFinite || (name == "scale_factor" && numbers[0] == 0) {
                throw NetCDFError(path: variable.path, variable: variable.name, reason: "attribute \(name) = \(numbers[0]) cannot decode values")
            }
            return numbers
        }
        scaleFactor = try number("scale_factor")?.first
        addOffset = try number("add_offset")?.first
        missingValues = try number("missing_value") ?? []
        if let fill = try number("_FillValue")?.first {
            fillValue = fill
        } else if variable.type != .byte && variable.type != .ubyte {
            fillValue = variable.type.defaultFill
        }
        if let range = try number("valid_range"), range.count == 2 {
            validMin = range[0]
            validMax = range[1]
        } else {
            validMin = try number("valid_min")?.first
            validMax = try number("valid_max")?.first
        }
        let unsigned = attributes.first { $0.name == "_Unsigned" }?.value.text?.lowercased() == "true"
        switch (unsigned, variable.type) {
        case (true, .byte): unsignedBits = 8
        case (true, .short): unsignedBits = 16
        case (true, .int): unsignedBits = 32
        default: unsignedBits = nil
        }
    }

    /// True when no value needs changing (no fill, no range, no scaling).
    public var isIdentity: Bool {
        scaleFactor == nil && addOffset == nil && fillValue == nil && missingValues.isEmpty && validMin == nil && validMax == nil && unsignedBits == nil
    }

    /// Decodes raw values in place: masked values become NaN, the rest are unpacked.
    public func decode(_ values: inout [Double]) {
        guard !isIdentity else { return }
        let scale = scaleFactor ?? 1
        let offset = addOffset ?? 0
        let fill = fillValue
        let missing = missingValues
        let low = validMin ?? -.infinity
        let high = validMax ?? .infinity
        let wrap = unsignedBits.map { Double(1 << $0) }
        values.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices {
                var v = buffer[i]
                if v == fill || (!missing.isEmpty && missing.contains(v)) {
                    buffer[i] = .nan
                    continue
                }
                if let wrap, v < 0 { v += wrap }
                if v < low || v > high {
                    buffer[i] = .nan
                    continue
                }
                buffer[i] = v * scale + offset
            }
        }
    }
}

/// A numeric variable with its CF decoding: physical values as Double, NaN where missing.
public struct CFVariable: Sendable {
    public let variable: Variable
    public let packing: CFPacking

    public init(_ variable: Variable) throws(NetCDFError) {
        guard variable.type.isNumeric else {
            throw NetCDFError(path: variable.path, variable: variable.name, reason: "is of type \(variable.type), not numeric")
        }
        self.variable = variable
        self.packing = try CFPacking(variable)
    }

    public var name: String { variable.name }

    /// Reads and decodes a hyperslab (the whole variable by default).
    /// The corresponding C function is `nc_get_vara_double`.
    public func decode(start: [Int]? = nil, count: [Int]? = nil) throws(NetCDFError) -> [Double] {
        var values = try variable.read(Double.self, start: start, count: count)
        packing.decode(&values)
        return values
    }
}
