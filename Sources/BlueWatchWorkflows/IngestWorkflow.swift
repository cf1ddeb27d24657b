import BlueWatchIngest
import BlueWatchStore
import Foundation

/// Storing files, written once for every front end: `bluewatch ingest`, the drop folders of
/// `bluewatch alerts run` and `POST /ingest` of the service. A file is classified (read or
/// skipped, ``DatasetReader/disposition(of:)``), recognised by its content hash when already
/// stored, read (NetCDF first in a checking process, ``ReadIsolation``), QC'd with
/// `stations/qc.toml` and stored in one transaction with its duplicates reconciled; a file
/// that cannot be read stores nothing and says why.
public struct IngestWorkflow: Sendable {
    public var reader: DatasetReader
    public var qc: QCCatalog
    public var registry: StationRegistry

    public init(reader: DatasetReader, qc: QCCatalog, registry: StationRegistry) {
        self.reader = reader
        self.qc = qc
        self.registry = registry
    }

    /// What happened to one file.
    public struct Outcome: Sendable, Encodable {
        public enum Status: String, Sendable, Encodable {
            /// Read and stored as a new dataset.
            case stored
            /// A dataset with the same content is stored already.
            case present
            /// Not a data file BlueWatch reads (documentation, an unknown layout), with why.
            case skipped
            /// Could not be read: nothing of it was stored.
            case failed
        }

        public var path: String
        public var status: Status
        /// The format and what was stored, why it was skipped, or where and why reading failed.
        public var detail: String
        public var datasetID: Int64?
        /// Sample rows left out (the rest of the file was stored), with why.
        public var dropped: [RejectedRow]?

        public init(path: String, status: Status, detail: String, datasetID: Int64? = nil, dropped: [RejectedRow]? = nil) {
            self.path = path
            self.status = status
            self.detail = detail
            self.datasetID = datasetID
            self.dropped = dropped
        }
    }

    /// Reads, QCs and stores the file at `path`. Reading failures are an outcome (`failed`);
    /// only the store's own failures are thrown.
    public func ingest(_ path: String, into store: any DataStore) throws -> Outcome {
        let format: DataFormat
        switch reader.disposition(of: path) {
        case .skip(let reason): return Outcome(path: path, status: .skipped, detail: reason)
        case .read(let f): format = f
        }
        func failed(_ error: IngestError) -> Outcome {
            Outcome(path: path, status: .failed, detail: error.location.map { "\($0): \(error.reason)" } ?? error.reason)
        }
        let source: SourceFile
        do { source = try SourceFile(path: path) } catch { return failed(error) }
        if let existing = try store.dataset(sha256: source.sha256) {
            return Outcome(path: path, status: .present, detail: "same content as dataset \(existing.id ?? 0) (\(existing.path))", datasetID: existing.id)
        }
        var parsed: ParsedDataset
        do { parsed = try reader.read(source, as: format) } catch { return failed(error) }
        qc.apply(to: &parsed, registry: registry)
        switch try store.ingest(parsed, registry: registry) {
        case .stored(let id):
            return Outcome(path: path, status: .stored, detail: "\(format.rawValue): \(parsed.contentSummary)", datasetID: id,
                           dropped: parsed.rejected.isEmpty ? nil : parsed.rejected)
        case .alreadyStored(let id, let other):
            return Outcome(path: path, status: .present, detail: "same content as dataset \(id) (\(other))", datasetID: id)
        }
    }

    /// The files under `paths` (folders walked, hidden files left out), in order.
    public static func files(under paths: [String]) throws(IngestError) -> [String] {
        var files: [String] = []
        for path in paths { files += try DatasetReader.files(under: path) }
        return files
    }
}
