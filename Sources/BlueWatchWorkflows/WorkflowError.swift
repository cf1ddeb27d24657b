/// A refusal of a workflow, classed the way every front end reports it: the CLI maps each case
/// to its documented exit status, the service to an HTTP status.
public enum WorkflowError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Data that cannot be read or used (exit 1).
    case data(String)
    /// A configuration that cannot be used: a bad rules file, an outbox that cannot be made
    /// (exit 2).
    case configuration(String)
    /// A name that names nothing: no such alert, station or project (exit 64).
    case usage(String)
    /// Another process holds the run lock and the caller asked not to wait (exit 75).
    case busy(String)

    public var description: String {
        switch self {
        case .data(let s), .configuration(let s), .usage(let s), .busy(let s): s
        }
    }
}
