/// Why a file could not be ingested: the file, where in it (variable, line, column), and the
/// reason. Ingest never stores part of a file that produced one of these.
public struct IngestError: Error, CustomStringConvertible, Sendable, Equatable {
    public let path: String
    /// "variable 'sea_level'", "line 12", "column 'Latitude'", or nil for the whole file.
    public let location: String?
    public let reason: String

    public init(path: String, location: String? = nil, reason: String) {
        self.path = path
        self.location = location
        self.reason = reason
    }

    public var description: String {
        if let location { return "\(path): \(location): \(reason)" }
        return "\(path): \(reason)"
    }
}
