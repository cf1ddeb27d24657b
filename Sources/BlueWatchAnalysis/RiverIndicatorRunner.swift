import BlueWatchCore
import BlueWatchStore
import Foundation

/// River indicators of a station from the store: its daily stage record (the one with the most
/// values) and, when stored, its daily-maximum record; levels and wet season from the registry.
public struct RiverIndicatorRunner: Sendable {
    public var from: Double?
    public var to: Double?

    public init(from: Double? = nil, to: Double? = nil) {
        self.from = from
        self.to = to
    }

    public struct Result: Sendable {
        public var station: Station
        /// The daily stage record used for extremes and drought.
        public var stage: SeriesRecord
        /// The daily-maximum record used for days at or above each level, if any.
        public var maximum: SeriesRecord?
        public var indicators: RiverIndicators
        /// The stage values the indicators were computed from (for charts).
        public var series: TimeSeries
    }

    /// Nil when the station holds no river stage record.
    public func run(station: Station, store: any DataStore) throws -> Result? {
        let records = try store.seriesList(stationID: station.id)
        func best(_ kind: SeriesKind) -> SeriesRecord? {
            records.filter { $0.kind == kind && !$0.isDerived }.max { $0.validCount < $1.validCount }
        }
        guard let stage = best(.riverStage) ?? best(.riverStageDailyMaximum) else { return nil }
        let maximum = best(.riverStageDailyMaximum)
        let series = try store.readSeries(id: stage.id!, from: from, to: to)
        let peaks = try maximum.map { try store.readSeries(id: $0.id!, from: from, to: to) }
        let indicators = RiverIndicators(stage: series, dailyMaximum: peaks, levels: station.levels, wetSeasonMonths: station.wetSeasonMonths)
        return Result(station: station, stage: stage, maximum: maximum, indicators: indicators, series: series)
    }
}
