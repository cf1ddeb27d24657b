import BlueWatchCore
import Foundation

/// UHSLC fast-delivery daily mean sea level as the centre serves it (`fddNNNN.csv`): header
/// `year,month,day,tide`, `tide` the day's mean in mm above the station zero, missing days
/// absent. Each value is stamped at noon UTC of its day (the middle of the averaging window).
/// The station is UHSLC's number from the file name (`station_from_name = "uhslc"`).
enum UHSLCDailyReader {
    static func read(_ context: ReadContext) throws(IngestError) -> ParsedDataset {
        let path = context.path
        let table = try CSVTable(contentsOf: path)
        let yc = try table.column("year"), mc = try table.column("month"), dc = try table.column("day"), vc = try table.column("tide")
        guard !table.rows.isEmpty else { throw IngestError(path: path, reason: "the file holds a header and no values") }
        var times: [Double] = [], values: [Double] = []
        times.reserveCapacity(table.rows.count)
        values.reserveCapacity(table.rows.count)
        for row in table.rows {
            let y = try table.field(row, yc), m = try table.field(row, mc), d = try table.field(row, dc)
            guard let year = Int(y), let month = Int(m), let day = Int(d), UTCTime.isValidDate(year: year, month: month, day: day) else {
                throw IngestError(path: path, location: "line \(row.line)", reason: "'\(y)-\(m)-\(d)' is not a calendar date")
            }
            times.append(UTCTime.seconds(year: year, month: month, day: day, hour: 12))
            values.append(try table.number(row, vc) ?? .nan)
        }
        let station = try context.stationFromEntry()
        var notes: [String] = []
        let parsed = try SeriesAssembler(path: path).make(
            station: station, variable: SeriesKind.seaLevel.variable, standardName: "water_surface_height_above_reference_datum",
            longName: "daily mean sea level", times: times, values: values, units: context.entry?.units ?? "mm",
            datum: context.entry?.datum, derived: context.entry?.derived ?? false, notes: &notes)
        var dataset = context.dataset(format: .uhslcDailyCSV, title: "UHSLC daily sea level at \(station.provider):\(station.id)")
        dataset.series = [parsed]
        dataset.notes += notes
        return dataset
    }
}
