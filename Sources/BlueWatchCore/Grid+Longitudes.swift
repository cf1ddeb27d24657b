extension Grid {
    /// True when any longitude is above 180° (the 0–360 convention).
    public var usesLongitude0To360: Bool { longitudes.contains { $0 > 180 } }

    /// The same grid with longitudes in −180…180, columns rotated so longitudes increase.
    /// A grid already in that convention is returned unchanged.
    public func withSignedLongitudes() -> Grid {
        guard usesLongitude0To360 else { return self }
        let signed = longitudes.map { $0 > 180 ? $0 - 360 : $0 }
        let order = signed.indices.sorted { signed[$0] < signed[$1] }
        var out = [Float](repeating: .nan, count: values.count)
        values.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for row in 0..<(ny * nt) {
                    let base = row * nx
                    for (x, from) in order.enumerated() { dst[base + x] = src[base + from] }
                }
            }
        }
        return Grid(values: out, latitudes: latitudes, longitudes: order.map { signed[$0] }, times: times)
    }
}
