import BlueWatchCore
import Foundation

/// Monthly maxima of hourly sea level as the UHSLC's Hawaii indicators publish them
/// (`monthly_max_<UHSLC id>.csv`): `t` (years since 1993-01-01), `monthly_max` (m above the
/// station datum), `t_monthly_max` (UTC time of the month's highest hour), `PMM` (a climate
/// index, not a sea level; not stored). Each maximum is stored at the hour it happened, as the
/// derived series `sea_level_monthly_max`.
enum MonthlyMaximaReader {
    static func read(_ context: ReadContext) throws(IngestError) -> ParsedDataset {
        let path = context.path
        let table = try CSVTable(contentsOf: path)
        let vc = try table.column("monthly_max"), tc = try table.column("t_monthly_max")
        guard !table.rows.isEmpty else { throw IngestError(path: path, reason: "the file holds a header and no values") }
        var times: [Double] = [], values: [Double] = []
        for row in table.rows {
            let text = try table.field(row, tc)
            guard let t = UTCTime.parse(text) else {
                throw IngestError(path: path, location: "line \(row.line), column 't_monthly_max'", reason: "'\(text)' is not a UTC time YYYY-MM-DD hh:mm:ss")
            }
            times.append(t)
            values.append(try table.number(row, vc) ?? .nan)
        }
        let station = try context.stationFromEntry()
        var notes: [String] = []
        let parsed = try SeriesAssembler(path: path).make(
            station: station, variable: "sea_level_monthly_max", longName: "monthly maximum of hourly sea level",
            times: times, values: values, units: context.entry?.units ?? "m", datum: context.entry?.datum, derived: true, notes: &notes)
        var dataset = context.dataset(format: .monthlyMaximaCSV, title: "monthly maxima of hourly sea level at \(station.provider):\(station.id)")
        dataset.series = [parsed]
        dataset.notes += notes
        return dataset
    }
}
