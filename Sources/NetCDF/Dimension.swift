/// A named dimension of a NetCDF group.
public struct Dimension: Sendable, Equatable, CustomStringConvertible {
    /// The dimension id within its file (`dimid`).
    public let id: Int32
    public let name: String
    /// Current length; for an unlimited dimension, the number of records written so far.
    public let length: Int
    public let isUnlimited: Bool

    public var description: String { isUnlimited ? "\(name) = UNLIMITED (\(length))" : "\(name) = \(length)" }
}
