import CNetCDF

/// The one error type of the NetCDF layer: what failed, in which file and variable, and why.
///
/// Library failures carry libnetcdf's status code (`NC_ENOTNC`, `NC_EHDFERR`, …) and its
/// message from `nc_strerror`; decoding failures (bad CF metadata, unknown calendar, …) carry
/// `status == 0` and a reason written by BlueWatch.
public struct NetCDFError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The libnetcdf status code, or 0 when the error is about the file's content.
    public let status: Int32
    /// The file the error is about.
    public let path: String
    /// The variable (or `"global attribute X"`) the error is about, when there is one.
    public let variable: String?
    /// What went wrong, in words a user can act on.
    public let reason: String

    public init(status: Int32 = 0, path: String, variable: String? = nil, reason: String) {
        self.status = status
        self.path = path
        self.variable = variable
        self.reason = reason
    }

    /// Builds the error for a failed C call. The corresponding C function is `nc_strerror`.
    static func library(_ status: Int32, path: String, variable: String?, call: String) -> NetCDFError {
        let message = String(cString: nc_strerror(status))
        return NetCDFError(status: status, path: path, variable: variable, reason: "\(call): \(message) (status \(status))")
    }

    public var description: String {
        if let variable { return "\(path): variable '\(variable)': \(reason)" }
        return "\(path): \(reason)"
    }
}
