import BlueWatchCore
import Foundation

/// What a reader gets: the file, and the source-catalogue entry that describes it, if any.
public struct ReadContext: Sendable {
    public let source: SourceFile
    public let entry: SourceCatalog.Entry?

    public init(source: SourceFile, entry: SourceCatalog.Entry?) {
        self.source = source
        self.entry = entry
    }

    var path: String { source.path }
    var fileName: String { URL(fileURLWithPath: path).lastPathComponent }
    var stem: String { URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent }

    /// The station this file is about: the entry's registry id, or the provider id found as a
    /// run of digits in the file name (`station_from_name`), or an error.
    func stationFromEntry(kind: StationKind = .tideGauge) throws(IngestError) -> StationReference {
        if let id = entry?.station { return StationReference(provider: "bluewatch", id: id, kind: kind) }
        if let provider = entry?.stationFromName {
            // NDBC and CO-OPS ids have five or more digits; UHSLC numbers one to four ("fdd0007").
            let shortest = provider == "uhslc" ? 1 : 5
            let digits = fileName.split { !$0.isNumber }.map(String.init).filter { $0.count >= shortest }
            if let id = digits.first { return StationReference(provider: provider, id: id, kind: kind) }
            throw IngestError(path: path, reason: "the source catalogue takes the \(provider) station id from the file name, but '\(fileName)' holds no such number")
        }
        throw IngestError(path: path, reason: "nothing says which station this file is about: add an entry with 'station' to stations/sources.toml")
    }

    /// The entry's value for `key`, or an error saying the catalogue must give it.
    func required(_ value: String?, _ key: String) throws(IngestError) -> String {
        if let value, !value.isEmpty { return value }
        throw IngestError(path: path, reason: "the format needs '\(key)' from stations/sources.toml, and no entry gives it for this file")
    }

    /// A dataset shell carrying the entry's provenance.
    func dataset(format: DataFormat, title: String) -> ParsedDataset {
        ParsedDataset(source: source, format: format, title: entry?.title ?? title, provider: entry?.provider, version: entry?.version,
                      licence: entry?.licence, citation: entry?.citation, doi: entry?.doi, notes: entry?.note.map { [$0] } ?? [])
    }
}
