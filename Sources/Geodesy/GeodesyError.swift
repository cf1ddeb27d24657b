/// The one error type of the Geodesy layer: a PROJ failure with its code and message, or an
/// invalid input, named.
public struct GeodesyError: Error, CustomStringConvertible, Sendable, Equatable {
    /// PROJ's error code (`proj_context_errno`), or 0 for input errors found by BlueWatch.
    public let code: Int32
    public let reason: String

    public init(code: Int32 = 0, reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { code == 0 ? reason : "\(reason) (PROJ error \(code))" }
}
