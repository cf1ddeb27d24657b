extension KeyedEncodingContainer {
    /// Seconds since 1970 as an ISO 8601 UTC string: BlueWatch's JSON gives every time so.
    public mutating func encodeISOTime(_ seconds: Double, forKey key: Key) throws {
        try encode(UTCTime.iso(seconds), forKey: key)
    }
}

extension KeyedDecodingContainer {
    /// A time written by ``KeyedEncodingContainer/encodeISOTime(_:forKey:)`` (or, from older
    /// files, seconds since 1970), as seconds since 1970.
    public func decodeISOTime(forKey key: Key) throws -> Double {
        if let text = try? decode(String.self, forKey: key) {
            guard let t = UTCTime.parse(text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "'\(text)' is not an ISO 8601 UTC time")
            }
            return t
        }
        return try decode(Double.self, forKey: key)
    }
}
