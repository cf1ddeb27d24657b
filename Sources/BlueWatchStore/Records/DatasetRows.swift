import BlueWatchCore
import BlueWatchIngest
import Foundation

/// The rows one parsed file becomes, built before any store is touched, so both stores write
/// the same rows and a bad station reference fails the file whole. Ids the database assigns
/// (dataset, series) are filled in as the rows are inserted.
struct DatasetRows {
    /// One series with its observation blocks and QC summary.
    struct SeriesRows {
        var series: SeriesRecord
        var blocks: [ObservationBlockRecord]
        var qualityControl: QualityControlRecord?
    }

    var dataset: DatasetRecord
    /// The station of each series, resolved through the registry (inserted when not stored).
    var stations: [Station]
    var series: [SeriesRows]
    var grids: [GridRecord]
    var samples: [PlasticSampleRecord]
    var events: [EarthquakeRecord]
    var rejected: [RejectedRow]

    init(_ parsed: ParsedDataset, registry: StationRegistry, at time: Double = Date().timeIntervalSince1970) throws {
        stations = try parsed.series.map { try registry.resolve($0.station) }
        dataset = DatasetRecord(
            id: nil, sha256: parsed.source.sha256,
            // Absolute, so a server or report started elsewhere finds the file (grids are read from it).
            path: URL(fileURLWithPath: parsed.source.path).standardizedFileURL.path, size: parsed.source.size, format: parsed.format.rawValue,
            title: parsed.title, provider: parsed.provider, version: parsed.version, licence: parsed.licence,
            citation: parsed.citation, doi: parsed.doi, notes: jsonText(parsed.notes), ingestedAt: time)
        series = try zip(parsed.series, stations).map { try Self.rows(of: $0, stationID: $1.id) }
        grids = parsed.grids.map { GridRecord($0, datasetId: 0) }
        samples = parsed.samples.map { PlasticSampleRecord($0, datasetId: 0) }
        events = parsed.events.map { EarthquakeRecord($0, datasetId: 0) }
        rejected = parsed.rejected
    }

    private static func rows(of parsed: ParsedSeries, stationID: String) throws -> SeriesRows {
        let s = parsed.series
        let d = parsed.descriptor
        let finite = s.values.filter { !$0.isNaN }
        let record = SeriesRecord(
            id: nil, datasetId: 0, stationId: stationID, sourceIdentifier: "\(parsed.station.provider):\(parsed.station.id)", variable: d.variable,
            standardName: d.standardName, longName: d.longName, units: d.units, sourceUnits: d.sourceUnits, samplingSeconds: d.samplingSeconds,
            datum: d.datum, isDerived: d.isDerived, processing: d.processing, valueCount: s.count, validCount: finite.count,
            timeStart: s.times.first ?? .nan, timeEnd: s.times.last ?? .nan, valueMin: finite.min(), valueMax: finite.max())
        let size = ObservationBlockRecord.blockSize
        let blocks = stride(from: 0, to: s.count, by: size).enumerated().map { index, start in
            let end = min(start + size, s.count)
            let times = Array(s.times[start..<end])
            return ObservationBlockRecord(
                seriesId: 0, blockIndex: index, timeStart: times[0], timeEnd: times[times.count - 1], count: end - start,
                times: Data(ObservationCodec.encodeTimes(times)), values: Data(ObservationCodec.encodeValues(Array(s.values[start..<end]))),
                flags: Data(ObservationCodec.encodeFlags(Array(s.flags[start..<end]))))
        }
        let qc = try parsed.qualityControl.map { try QualityControlRecord(seriesId: 0, summary: $0) }
        return SeriesRows(series: record, blocks: blocks, qualityControl: qc)
    }
}

extension ObservationBlockRecord {
    /// Decodes a block, checking that it holds the count it claims.
    func decoded(seriesID: Int64) throws -> (times: [Double], values: [Double], flags: [QCFlag]) {
        let t = try ObservationCodec.decodeTimes([UInt8](times))
        let v = try ObservationCodec.decodeValues([UInt8](values))
        let f = try ObservationCodec.decodeFlags([UInt8](flags))
        guard t.count == count, v.count == count, f.count == count else {
            throw StoreError.corrupt("series \(seriesID) block \(blockIndex) holds \(t.count)/\(v.count)/\(f.count) of \(count) values")
        }
        return (t, v, f)
    }
}

extension TimeSeries {
    /// A series from its decoded blocks in order, cut to `from`…`to`.
    init(blocks: [ObservationBlockRecord], seriesID: Int64, from: Double?, to: Double?) throws {
        var times: [Double] = [], values: [Double] = [], flags: [QCFlag] = []
        for block in blocks {
            let d = try block.decoded(seriesID: seriesID)
            times += d.times; values += d.values; flags += d.flags
        }
        self = TimeSeries(times: times, values: values, flags: flags).slice(from: from, to: to)
    }
}
