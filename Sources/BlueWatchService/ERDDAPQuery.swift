import BlueWatchCore
import Foundation

/// An ERDDAP tabledap query: the variables asked for, then `&`-separated constraints
/// (`time>=2010-01-01T00:00:00Z`, `station="honolulu"`, `sea_level>1.5`, numbers or ISO times
/// for `time`) and functions (`distinct()`, `orderBy("station,time")`), as ERDDAP's
/// documentation and erddapy write them (percent-encoded or not).
struct ERDDAPQuery: Equatable {
    enum Operator: String, CaseIterable {
        // Longest first, so `<=` is not read as `<`.
        case notEqual = "!=", regex = "=~", lessOrEqual = "<=", greaterOrEqual = ">=", equal = "=", less = "<", greater = ">"
    }

    struct Constraint: Equatable {
        var variable: String
        var op: Operator
        /// The value as written, quotes removed.
        var text: String
        /// The value as a number (a time as seconds since 1970), when it is one.
        var number: Double?
    }

    var variables: [String] = []
    var constraints: [Constraint] = []
    var distinct = false
    var orderBy: [String] = []

    /// The error ERDDAP gives a query it cannot read: status 400, "Query error: …".
    struct Refusal: Error { var message: String }

    /// Parses the raw query string (`request.uri.query`), nil or empty for everything.
    init(_ raw: String?) throws(Refusal) {
        guard let raw, !raw.isEmpty else { return }
        // As ERDDAP does: decode the whole query, then split (erddapy encodes the '&' too).
        let plain = raw.replacingOccurrences(of: "+", with: " ")
        guard let decoded = plain.removingPercentEncoding else { throw Refusal(message: "Query error: the query is not valid percent-encoding.") }
        let parts = decoded.split(separator: "&", omittingEmptySubsequences: false).map(String.init)
        variables = parts[0].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for part in parts.dropFirst() where !part.isEmpty {
            if part == "distinct()" { distinct = true; continue }
            if part.hasPrefix("orderBy(") {
                guard part.hasSuffix(")") else { throw Refusal(message: "Query error: \(part) has no closing parenthesis.") }
                let inner = part.dropFirst(8).dropLast().trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                orderBy = inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                continue
            }
            if part.contains("("), part.hasSuffix(")") {
                throw Refusal(message: "Query error: the function \(part.prefix { $0 != "(" })() is not supported here (distinct() and orderBy(\"…\") are).")
            }
            guard let op = Operator.allCases.compactMap({ o -> (Operator, Range<String.Index>)? in part.range(of: o.rawValue).map { (o, $0) } })
                .min(by: { $0.1.lowerBound < $1.1.lowerBound || ($0.1.lowerBound == $1.1.lowerBound && $0.0.rawValue.count > $1.0.rawValue.count) })
            else { throw Refusal(message: "Query error: '\(part)' is neither a constraint (variable, operator, value) nor a function.") }
            let variable = String(part[..<op.1.lowerBound]).trimmingCharacters(in: .whitespaces)
            var text = String(part[op.1.upperBound...]).trimmingCharacters(in: .whitespaces)
            if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { text = String(text.dropFirst().dropLast()) }
            let number = variable == "time" ? (Double(text) ?? UTCTime.parse(text)) : Double(text)
            constraints.append(Constraint(variable: variable, op: op.0, text: text, number: number))
        }
    }

    /// True when `value` (a number, or text for a string variable) passes the constraint.
    func passes(_ c: Constraint, number: Double?, text: String?) -> Bool {
        if c.op == .regex {
            guard let text else { return false }
            return text.range(of: "^(?:\(c.text))$", options: .regularExpression) != nil
        }
        if let number, let limit = c.number {
            switch c.op {
            case .equal: return number == limit
            case .notEqual: return number != limit
            case .less: return number < limit
            case .lessOrEqual: return number <= limit
            case .greater: return number > limit
            case .greaterOrEqual: return number >= limit
            case .regex: return false
            }
        }
        let t = text ?? number.map { "\($0)" } ?? ""
        switch c.op {
        case .equal: return t == c.text
        case .notEqual: return t != c.text
        case .less: return t < c.text
        case .lessOrEqual: return t <= c.text
        case .greater: return t > c.text
        case .greaterOrEqual: return t >= c.text
        case .regex: return false
        }
    }
}
