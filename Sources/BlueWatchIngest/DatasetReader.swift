import BlueWatchCore
import Foundation

/// What to do with a file found in a folder: read it with a format, or skip it and say why.
public enum FileDisposition: Sendable, Equatable {
    case read(DataFormat)
    case skip(String)
}

/// Reads any supported file into a ``ParsedDataset``: detects the format from the source
/// catalogue, the extension and the first bytes, hashes the file and calls the format's reader.
public struct DatasetReader: Sendable {
    public let catalog: SourceCatalog
    /// Where files the C libraries may crash on are tried first (``ReadIsolation``); the
    /// process's setting unless changed.
    public var isolation: ReadIsolation?

    public init(catalog: SourceCatalog, isolation: ReadIsolation? = ReadIsolation.current) {
        self.catalog = catalog
        self.isolation = isolation
    }

    /// Decides what a file is. Never throws: an unreadable file is "read" by its extension's
    /// format so that the reader reports the problem.
    public func disposition(of path: String) -> FileDisposition {
        let entry = catalog.entry(for: path)
        if let entry, entry.isSkip { return .skip(entry.reason ?? "skipped by stations/sources.toml") }
        if let format = entry?.format.flatMap(DataFormat.init(rawValue:)) { return .read(format) }
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension.lowercased()
        let name = url.lastPathComponent.lowercased()
        let head = firstBytes(path, 4096)
        if ["nc", "nc4", "cdf", "netcdf", "h5nc"].contains(ext) || head.starts(with: Array("CDF".utf8)) || head.starts(with: [0x89, 0x48, 0x44, 0x46]) {
            return .read(.netcdf)
        }
        let text = String(decoding: head, as: UTF8.self).replacingOccurrences(of: "\u{FEFF}", with: "")
        let firstLine = text.split(whereSeparator: { $0.isNewline }).first.map(String.init) ?? ""
        if ext == "geojson" || ext == "json" && text.contains("\"FeatureCollection\"") && text.contains("\"Measurement\"") {
            return .read(.nceiMicroplasticsGeoJSON)
        }
        switch ext {
        case "rlrdata": return .read(.psmslRLR)
        case "md", "py", "sh", "hel", "pdf", "json", "yaml", "yml", "toml": return .skip("not data (\(ext) file)")
        case "tif", "tiff": return .skip("GeoTIFF is not read by BlueWatch")
        default: break
        }
        if name == "filelist.txt" { return .skip("PSMSL station list (metadata, read with the .rlrdata files beside it)") }
        if firstLine.hasPrefix("#YY") { return .read(.ndbcDART) }
        let lower = firstLine.lowercased()
        if ext == "csv" {
            if lower.hasPrefix("time,latitude,longitude,depth,mag") { return .read(.usgsCatalog) }
            if lower.hasPrefix("objectid,oceans") { return .read(.nceiMicroplastics) }
            if lower.hasPrefix("\"mpid\"") || lower.hasPrefix("mpid,") { return .read(.doerSediment) }
            if lower.hasPrefix("date_yyyy-mm-dd") { return .read(.beachSurvey) }
            if lower.hasPrefix("date,time,1min") { return .read(.coopsCSV) }
            if lower.hasPrefix("\"time\",\"juliant\"") || lower.hasPrefix("time,juliant") { return .read(.gaugeCSV) }
            if lower.hasPrefix("\"month\",\"mean_sea_level\"") || lower.hasPrefix("month,mean_sea_level") { return .read(.monthlySummaryCSV) }
            if lower.hasPrefix("\"time_s\",\"residual_m\"") || lower.hasPrefix("time_s,residual_m") { return .read(.residualCSV) }
            if lower.hasPrefix("year,month,day,tide") { return .read(.uhslcDailyCSV) }
            if lower.hasPrefix("t,monthly_max,t_monthly_max") { return .read(.monthlyMaximaCSV) }
            if lower.hasPrefix("\"agency_cd\",\"site_no\",\"datetime\"") || lower.hasPrefix("agency_cd,site_no,datetime") { return .read(.usgsDailyValuesCSV) }
            if lower.hasPrefix("country code,station code,parameter") { return .read(.mrcWaterLevelCSV) }
            return .skip("CSV with a header BlueWatch does not know: \(firstLine.prefix(60))")
        }
        if ext == "asc" {
            let keys = text.split(whereSeparator: { $0.isNewline }).prefix(2).joined(separator: " ").lowercased()
            if keys.contains("ncols") { return .read(.esriASCIIGrid) }
            return .read(.twoColumnText)
        }
        if ext == "txt" {
            if lower.contains("=====") || name.contains("docu") || name.contains("rlr_info") || name.contains("reference") || name.hasSuffix(".asc.txt") {
                return .skip("notes (text)")
            }
            return .skip("text file that is not a known data format")
        }
        return .skip("unknown file type")
    }

    /// Reads one file. Throws an ``IngestError`` naming the file, the place and the reason.
    public func read(_ path: String) throws(IngestError) -> ParsedDataset {
        switch disposition(of: path) {
        case .skip(let reason): throw IngestError(path: path, reason: "not a data file BlueWatch reads: \(reason)")
        case .read(let format): return try read(path, as: format)
        }
    }

    /// Reads one file as `format`.
    public func read(_ path: String, as format: DataFormat) throws(IngestError) -> ParsedDataset {
        try read(try SourceFile(path: path), as: format)
    }

    /// Reads an already hashed file as `format`. A file that yields nothing (a header only)
    /// is refused rather than stored as an empty dataset.
    public func read(_ source: SourceFile, as format: DataFormat) throws(IngestError) -> ParsedDataset {
        if ReadIsolation.guardedFormats.contains(format), let isolation {
            try isolation.check(source.path, as: format)
        }
        let dataset = try readUnchecked(source, as: format)
        guard !(dataset.series.isEmpty && dataset.grids.isEmpty && dataset.samples.isEmpty && dataset.events.isEmpty && dataset.rejected.isEmpty) else {
            throw IngestError(path: source.path, reason: "the file holds no data (\(format.summary) with a header and no rows?)")
        }
        return dataset
    }

    func readUnchecked(_ source: SourceFile, as format: DataFormat) throws(IngestError) -> ParsedDataset {
        let context = ReadContext(source: source, entry: catalog.entry(for: source.path))
        switch format {
        case .netcdf: return try NetCDFDatasetReader.read(context)
        case .psmslRLR: return try PSMSLReader.read(context)
        case .ndbcDART: return try DARTTextReader.read(context)
        case .twoColumnText: return try TwoColumnTextReader.read(context)
        case .residualCSV: return try ResidualCSVReader.read(context)
        case .gaugeCSV: return try GaugeCSVReader.read(context)
        case .coopsCSV: return try COOPSCSVReader.read(context)
        case .monthlySummaryCSV: return try MonthlySummaryCSVReader.read(context)
        case .usgsCatalog: return try USGSCatalogReader.read(context)
        case .nceiMicroplastics: return try NCEIMicroplasticsReader.read(context)
        case .nceiMicroplasticsGeoJSON: return try NCEIMicroplasticsReader.readGeoJSON(context)
        case .doerSediment: return try DOERSedimentReader.read(context)
        case .beachSurvey: return try BeachSurveyReader.read(context)
        case .esriASCIIGrid: return try ESRIASCIIGridReader.read(context)
        case .uhslcDailyCSV: return try UHSLCDailyReader.read(context)
        case .monthlyMaximaCSV: return try MonthlyMaximaReader.read(context)
        case .usgsDailyValuesCSV: return try USGSDailyValuesReader.read(context)
        case .mrcWaterLevelCSV: return try MRCWaterLevelReader.read(context)
        }
    }

    /// Every regular file under `path` (or `path` itself), sorted, hidden files left out.
    public static func files(under path: String) throws(IngestError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw IngestError(path: path, reason: "no such file or folder") }
        guard isDirectory.boolValue else { return [path] }
        // An unreadable folder must not look like an empty one ("0 stored", exit 0).
        guard access(path, R_OK | X_OK) == 0 else { throw IngestError(path: path, reason: "the folder cannot be read: \(String(cString: strerror(errno)))") }
        let unreadable = UnreadableFolders()
        guard let enumerator = FileManager.default.enumerator(at: URL(fileURLWithPath: path), includingPropertiesForKeys: [.isDirectoryKey],
                                                               options: [], errorHandler: { url, error in unreadable.add(url.path, error); return true }) else {
            throw IngestError(path: path, reason: "folder cannot be listed")
        }
        let root = URL(fileURLWithPath: path).standardizedFileURL.path
        var result: [String] = []
        while let url = enumerator.nextObject() as? URL {
            let full = url.standardizedFileURL.path
            let relative = full.hasPrefix(root + "/") ? String(full.dropFirst(root.count + 1)) : url.lastPathComponent
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            let listed = (path as NSString).appendingPathComponent(relative)
            var dir: ObjCBool = false
            if FileManager.default.fileExists(atPath: listed, isDirectory: &dir), !dir.boolValue { result.append(listed) }
        }
        if let first = unreadable.first { throw IngestError(path: first.path, reason: "part of the folder cannot be read: \(first.reason)") }
        return result.sorted()
    }
}

/// Folders the enumerator could not read, collected from its error handler.
final class UnreadableFolders: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(path: String, reason: String)] = []
    func add(_ path: String, _ error: any Error) { lock.lock(); items.append((path, error.localizedDescription)); lock.unlock() }
    var first: (path: String, reason: String)? { lock.lock(); defer { lock.unlock() }; return items.first }
}

func firstBytes(_ path: String, _ count: Int) -> [UInt8] {
    guard (try? RegularFile.size(of: path)) != nil else { return [] }
    guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
    defer { try? handle.close() }
    return Array((try? handle.read(upToCount: count)) ?? Data())
}
