import BlueWatchCore
import BlueWatchIngest
import BlueWatchStore
import BlueWatchWorkflows
import Crypto
import Foundation
import Hummingbird

extension BlueWatchService {
    /// What POST /ingest needs: how to read and check files, where uploads are kept, and how
    /// large one may be.
    public struct Ingestion: Sendable {
        public var catalog: SourceCatalog
        public var qc: QCCatalog
        /// Uploaded files live here (they are the datasets' files from then on).
        public var directory: String
        public var maximumBytes: Int
        /// Uploads in formats a C library may crash on are read in a checking process first.
        public var isolation: ReadIsolation? = ReadIsolation.current

        public init(catalog: SourceCatalog, qc: QCCatalog, directory: String, maximumBytes: Int = 256 << 20) {
            self.catalog = catalog
            self.qc = qc
            self.directory = directory
            self.maximumBytes = maximumBytes
        }
    }

    /// The token behind `Authorization: Bearer …` if it is live and carries `scope`: 401 when
    /// missing or unknown, 403 when it lacks the scope.
    func authorise(_ request: Request, scope: String) throws -> APITokenRecord {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw ProblemDetails(.unauthorized, "this route needs a token: Authorization: Bearer <token> (made with `bluewatch tokens create`)",
                                 headers: [.wwwAuthenticate: "Bearer realm=\"bluewatch\"", .connection: "close"])
        }
        let text = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text.count <= 200, let token = try store.useToken(sha256: APIToken.hash(text), at: Date().timeIntervalSince1970) else {
            throw ProblemDetails(.unauthorized, "the token is not known or has been revoked", headers: [.wwwAuthenticate: "Bearer realm=\"bluewatch\", error=\"invalid_token\"", .connection: "close"])
        }
        guard token.scopeList.contains(scope) else {
            throw ProblemDetails(.forbidden, "token '\(token.name)' may not \(scope) (scopes: \(token.scopes))")
        }
        return token
    }

    /// A relative upload name ("HNL2010.asc", "sealevel/hourly/HNL2010.asc"): components of
    /// letters, digits, '.', '-', '_' only, none starting with '.', at most 4 deep.
    static func uploadName(_ text: String?) throws -> String {
        guard let text, !text.isEmpty else { throw ProblemDetails(.badRequest, "give the file's name: POST /ingest?filename=NAME (e.g. HNL2010.asc)") }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        guard text.count <= 200, parts.count <= 4, parts.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") && $0.allSatisfy(allowed.contains) }) else {
            throw ProblemDetails(.badRequest, "filename may hold letters, digits, '.', '-', '_' and up to 3 '/', no part starting with '.', not '\(text)'")
        }
        return text
    }

    /// POST /ingest?filename=NAME with the file as the body (token scope `ingest`): read, QC
    /// and stored as `bluewatch ingest` would. 201 stored, 200 already present, 422 when the
    /// file cannot be read (nothing kept), 413 beyond the size limit.
    func ingest(_ request: Request) async throws -> Response {
        let token = try authorise(request, scope: "ingest")
        guard let ingestion else { throw ProblemDetails(.serviceUnavailable, "this server takes no uploads: start it with --uploads DIR (a PostgreSQL store has no folder of its own)") }
        let name = try Self.uploadName(request.uri.queryParameters.get("filename"))
        if let length = request.headers[.contentLength].flatMap(Int.init), length > ingestion.maximumBytes {
            throw ProblemDetails(.contentTooLarge, "the upload is \(length) bytes; the limit is \(ingestion.maximumBytes)", headers: [.connection: "close"])
        }
        // The body goes to disk as it arrives (hashed on the way), never whole into memory; past
        // the limit the partial file is removed and the answer is 413.
        try FileManager.default.createDirectory(atPath: ingestion.directory, withIntermediateDirectories: true)
        let spool = ingestion.directory + "/.incoming-" + UUID().uuidString
        guard FileManager.default.createFile(atPath: spool, contents: nil), let handle = FileHandle(forWritingAtPath: spool) else {
            throw ProblemDetails(.internalServerError, "could not keep the upload")
        }
        var hasher = SHA256()
        var size = 0
        do {
            for try await buffer in request.body {
                size += buffer.readableBytes
                guard size <= ingestion.maximumBytes else {
                    throw ProblemDetails(.contentTooLarge, "the upload is larger than the limit of \(ingestion.maximumBytes) bytes", headers: [.connection: "close"])
                }
                let chunk = Data(buffer.readableBytesView)
                hasher.update(data: chunk)
                try handle.write(contentsOf: chunk)
            }
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: spool)
            throw error
        }
        guard size > 0 else {
            try? FileManager.default.removeItem(atPath: spool)
            throw ProblemDetails(.badRequest, "the request body is empty; send the file's bytes")
        }
        let sha = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        defer { try? FileManager.default.removeItem(atPath: spool) }
        return try store(upload: spool, sha256: sha, name: name, token: token, ingestion: ingestion)
    }

    /// Keeps an upload (spooled at `spool`) under its content hash and ingests it; on any
    /// failure nothing is kept.
    func store(upload spool: String, sha256 sha: String, name: String, token: APITokenRecord, ingestion: Ingestion) throws -> Response {
        if let existing = try store.dataset(sha256: sha) {
            return try Self.json(IngestAnswer(status: "present", dataset: existing.id, file: name,
                                              detail: "same content as dataset \(existing.id ?? 0) (\(URL(fileURLWithPath: existing.path).lastPathComponent))", dropped: [], by: token.name))
        }
        // Kept under the content hash, so two uploads of the same name never collide.
        let folder = URL(fileURLWithPath: ingestion.directory).appendingPathComponent(String(sha.prefix(16)))
        let path = folder.appendingPathComponent(name).path
        do {
            return try ingestUpload(spool, at: path, name: name, token: token, ingestion: ingestion)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    func ingestUpload(_ spool: String, at path: String, name: String, token: APITokenRecord, ingestion: Ingestion) throws -> Response {
        try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: spool, toPath: path)
        let workflow = IngestWorkflow(reader: DatasetReader(catalog: ingestion.catalog, isolation: ingestion.isolation), qc: ingestion.qc, registry: registry)
        let outcome = try workflow.ingest(path, into: store)
        switch outcome.status {
        case .stored:
            var response = try Self.json(IngestAnswer(status: "stored", dataset: outcome.datasetID, file: name, detail: outcome.detail, dropped: outcome.dropped ?? [], by: token.name))
            response.status = .created
            return response
        case .present:
            try? FileManager.default.removeItem(atPath: path)
            return try Self.json(IngestAnswer(status: "present", dataset: outcome.datasetID, file: name, detail: outcome.detail, dropped: [], by: token.name))
        case .skipped:
            throw ProblemDetails(.unprocessableContent, "\(name): not ingested: \(outcome.detail)")
        case .failed:
            // Error texts name the spooled path; the client knows the file by its name.
            throw ProblemDetails(.unprocessableContent, "\(name): " + outcome.detail.replacingOccurrences(of: path, with: name))
        }
    }

    struct IngestAnswer: Encodable {
        var status: String
        var dataset: Int64?
        var file: String
        var detail: String
        var dropped: [RejectedRow]
        var by: String
    }

    /// POST /alerts/{id}/ack (token scope `ack`): marks the alert acknowledged by the token's name.
    func acknowledge(_ id: String, _ request: Request) throws -> Response {
        let token = try authorise(request, scope: "ack")
        guard let n = Int64(id), try store.alert(id: n) != nil else { throw ProblemDetails(.notFound, "no alert '\(id)'; GET /alerts lists them") }
        _ = try store.acknowledgeAlert(id: n, by: token.name, at: Date().timeIntervalSince1970)
        return try Self.json(try store.alert(id: n)?.json)
    }
}
