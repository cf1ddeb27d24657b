import Foundation

/// A delimited text table as providers publish them: RFC 4180 quoting (commas and quotes
/// inside quoted fields), CRLF or LF line ends, an optional UTF-8 byte-order mark, blank and
/// all-empty rows skipped. Rows keep their 1-based line number for error messages.
public struct CSVTable: Sendable {
    public let header: [String]
    public let rows: [Row]
    public let path: String

    public struct Row: Sendable {
        public let line: Int
        public let fields: [String]
    }

    /// Parses `text`; the first non-comment line is the header. Lines starting with
    /// `commentPrefix` before the header are skipped.
    public init(text: String, path: String, delimiter: Character = ",", commentPrefix: Character? = "#") throws(IngestError) {
        self.path = path
        let delim = delimiter.asciiValue ?? UInt8(ascii: ",")
        let comment = commentPrefix?.asciiValue
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        enum State { case fieldStart, unquoted, quoted, quoteInQuoted }
        var state = State.fieldStart
        var records: [Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, recordLine = 1
        var headerSeen = false
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        func emitField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            emitField()
            if !fields.allSatisfy({ $0.isEmpty }) {
                let isComment = !headerSeen && comment != nil && fields[0].utf8.first == comment
                if !isComment {
                    headerSeen = true
                    records.append(Row(line: recordLine, fields: fields))
                }
            }
            fields.removeAll(keepingCapacity: true)
            state = .fieldStart
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            let isNewline = b == lf || b == cr
            if isNewline && state != .quoted {
                if b == cr && i < bytes.count && bytes[i] == lf { i += 1 }
                endRecord()
                line += 1
                recordLine = line
                continue
            }
            switch state {
            case .fieldStart:
                if b == quote { state = .quoted } else if b == delim { emitField() } else { field.append(b); state = .unquoted }
            case .unquoted:
                if b == delim { emitField(); state = .fieldStart } else { field.append(b) }
            case .quoted:
                if b == quote { state = .quoteInQuoted } else {
                    if b == lf { line += 1 }
                    field.append(b)
                }
            case .quoteInQuoted:
                if b == quote { field.append(quote); state = .quoted } else if b == delim { emitField(); state = .fieldStart } else { field.append(b); state = .unquoted }
            }
        }
        if state == .quoted { throw IngestError(path: path, location: "line \(recordLine)", reason: "a quoted field is not closed before the end of the file") }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        guard let first = records.first else { throw IngestError(path: path, reason: "the file has no header row") }
        header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        rows = Array(records.dropFirst())
    }

    /// Reads and parses a file (UTF-8; Latin-1 as a fallback).
    public init(contentsOf path: String, delimiter: Character = ",") throws(IngestError) {
        let text = try readText(path)
        try self.init(text: text, path: path, delimiter: delimiter)
    }

    /// The index of the first column named `name` (case-insensitive), or an error naming it.
    public func column(_ name: String) throws(IngestError) -> Int {
        if let i = header.firstIndex(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) { return i }
        throw IngestError(path: path, location: "header", reason: "missing column '\(name)' (columns are: \(header.joined(separator: ", ")))")
    }

    /// The index of a column if present.
    public func optionalColumn(_ name: String) -> Int? {
        header.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// A field of a row, or an error naming the line when the row is too short.
    public func field(_ row: Row, _ index: Int) throws(IngestError) -> String {
        guard index < row.fields.count else {
            throw IngestError(path: path, location: "line \(row.line)", reason: "has \(row.fields.count) fields, expected at least \(index + 1) ('\(header[index])')")
        }
        return row.fields[index].trimmingCharacters(in: .whitespaces)
    }

    /// A numeric field; empty or one of `missing` gives nil, anything else unreadable is an error.
    public func number(_ row: Row, _ index: Int, missing: Set<String> = ["", "-", "NA", "NaN", "nan"]) throws(IngestError) -> Double? {
        let text = try field(row, index)
        if missing.contains(text) { return nil }
        guard let value = Double(text) else {
            throw IngestError(path: path, location: "line \(row.line), column '\(header[index])'", reason: "'\(text)' is not a number")
        }
        if value.isInfinite {
            throw IngestError(path: path, location: "line \(row.line), column '\(header[index])'", reason: "'\(text)' is not a finite number")
        }
        return value
    }
}

/// Reads a text file as UTF-8 (Latin-1 fallback), with an error naming the file.
func readText(_ path: String) throws(IngestError) -> String {
    _ = try RegularFile.textSize(of: path)
    guard let data = FileManager.default.contents(atPath: path) else {
        throw IngestError(path: path, reason: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
    }
    if let text = String(data: data, encoding: .utf8) { return text }
    if let text = String(data: data, encoding: .isoLatin1) { return text }
    throw IngestError(path: path, reason: "is not text")
}
