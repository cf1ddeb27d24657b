import BlueWatchCore
import Foundation
import NetCDF

/// Event-relative residual CSV (`"Time_s","Residual_m"`): seconds after an earthquake whose
/// origin the source catalogue gives as `time_units`. Repeated stamps become their mean.
enum ResidualCSVReader {
    static func read(_ context: ReadContext) throws(IngestError) -> ParsedDataset {
        let path = context.path
        let table = try CSVTable(contentsOf: path)
        let tc = try table.column("Time_s"), vc = try table.column("Residual_m")
        let timeUnits = try context.required(context.entry?.timeUnits, "time_units")
        let decoder: CFTimeUnits
        do { decoder = try CFTimeUnits(units: timeUnits) } catch {
            throw IngestError(path: path, reason: "time_units in stations/sources.toml: \(error.description)")
        }
        var times: [Double] = [], values: [Double] = []
        for row in table.rows {
            guard let t = try table.number(row, tc) else {
                throw IngestError(path: path, location: "line \(row.line)", reason: "time is empty")
            }
            times.append(decoder.unixSeconds(t) ?? .nan)
            values.append(try table.number(row, vc) ?? .nan)
        }
        var notes: [String] = []
        let station = try context.stationFromEntry(kind: .dartBuoy)
        let parsed = try SeriesAssembler(path: path).make(
            station: station, variable: context.entry?.variable ?? SeriesKind.seaLevelResidual.variable, times: times, values: values,
            units: context.entry?.units ?? "m", derived: true, duplicates: .mean, notes: &notes)
        var dataset = context.dataset(format: .residualCSV, title: "residual at \(station.id)")
        dataset.series = [parsed]
        dataset.notes += notes
        return dataset
    }
}

/// One-minute tide-gauge CSV as Geoscience Australia publishes Nuku'alofa:
/// `time` (UTC "YYYY-MM-DD hh:mm:ss"), `juliant`, `height` or `stage` (m), optional `std_dev`,
/// and `resid` (high-pass residual, derived). Gives two series: sea_level and sea_level_residual.
enum GaugeCSVReader {
    static func read(_ context: ReadContext) throws(IngestError) -> ParsedDataset {
        let path = context.path
        let table = try CSVTable(contentsOf: path)
        let tc = try table.column("time")
        guard let hc = table.optionalColumn("height") ?? table.optionalColumn("stage") else {
            throw IngestError(path: path, location: "header", reason: "missing column 'height' (or 'stage')")
        }
        let rc = table.optionalColumn("resid")
        var times: [Double] = [], heights: [Double] = [], resid: [Double] = []
        for row in table.rows {
            let text = try table.field(row, tc)
            guard let t = UTCTime.parse(text) else {
                throw IngestError(path: path, location: "line \(row.line), column 'time'", reason: "'\(text)' is not a UTC time YYYY-MM-DD hh:mm:ss")
            }
            times.append(t)
            heights.append(try table.number(row, hc) ?? .nan)
            if let rc { resid.append(try table.number(row, rc) ?? .nan) }
        }
        let station = try context.stationFromEntry()
        let units = context.entry?.units ?? "m"
        var notes: [String] = []
        let assembler = SeriesAssembler(path: path)
        var series = [try assembler.make(station: station, variable: SeriesKind.seaLevel.variable, standardName: "water_surface_height_above_reference_datum",
                                         longName: "1-minute observed sea level", times: times, values: heights, units: units,
                                         datum: context.entry?.datum, notes: &notes)]
        if rc != nil {
            series.append(try assembler.make(station: station, variable: SeriesKind.seaLevelResidual.variable, longName: "high-pass (< 3 h) residual, Geoscience Australia",
                                             times: times, values: resid, units: units, derived: true, notes: &notes))
        }
        var dataset = context.dataset(format: .gaugeCSV, title: "1-minute sea level at \(station.id)")
        dataset.series = series
        dataset.notes += notes
        return dataset
    }
}

/// NOAA CO-OPS water-level CSV: `DATE` (MM/DD/YYYY), `TIME` (HH:MM, UTC), `1MIN` (m);
/// "-" is missing. The station is the 7-digit CO-OPS id in the file name.
enum COOPSCSVReader {
    static func read(_ context: ReadContext) throws(IngestError) -> ParsedDataset {
        let path = context.path
        let table = try CSVTable(contentsOf: path)
        let dc = try table.column("DATE"), tc = try table.column("TIME"), vc = try table.column("1MIN")
        var times: [Double] = [], values: [Double] = []
        for row in table.rows {
            let d = try table.field(row, dc).split(separator: "/").compactMap { Int($0) }
            let hm = try table.field(row, tc).split(separator: ":").compactMap { Int($0) }
            guard d.count == 3, hm.count == 2, (1...12).contains(d[0]), (1...31).contains(d[1]), (0...23).contains(hm[0]), (0...59).contains(hm[1]) else {
                throw IngestError(path: path, location: "line \(row.line)", reason: "DATE/TIME '\(row.fields.prefix(2).joined(separator: " "))' is not MM/DD/YYYY HH:MM")
            }
            times.append(UTCTime.seconds(year: d[2], month: d[0], day: d[1], hour: hm[0], minute: hm[1]))
            values.append(try table.number(row, vc) ?? .nan)
        }
        var station = context.entry?.station != nil || context.entry?.stationFromName != nil
            ? try context.stationFromEntry() : StationReference(provider: "coops", id: context.stem.filter { $0.isNumber })
        if station.id.isEmpty { station.id = context.stem }
        var notes: [String] = []
        let parsed = try SeriesAssembler(path: path).make(
            station: station, variable: SeriesKind.seaLevel.variable, standardName: "water_surface_height_above_reference_datum",
            longName: "1-minute water level", times: times, values: values, units: context.entry?.units ?? "m",
            datum: context.entry?.datum, notes: &notes)
        var dataset = context.dataset(format: .coopsCSV, title: "CO-OPS 1-minute water level, station \(station.id)")
        dataset.provider = dataset.provider ?? "NOAA CO-OPS"
        dataset.series = [parsed]
        dataset.notes += notes
        return dataset
    }
}

/// Monthly summary CSV (`month` YYYY-MM, `mean_sea_level`, `max_sea_level`, m): the mean
/// becomes sea_level and the maximum sea_level_monthly_max, at mid-month.
enum MonthlySummaryCSVReader {
    static func read(_ context: ReadContext) throws(IngestError) -> ParsedDataset {
        let path = context.path
        let table = try CSVTable(contentsOf: path)
        let mc = try table.column("month"), meanC = try table.column("mean_sea_level"), maxC = table.optionalColumn("max_sea_level")
        var times: [Double] = [], means: [Double] = [], maxima: [Double] = []
        for row in table.rows {
            let parts = try table.field(row, mc).split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2, UTCTime.years.contains(parts[0]), (1...12).contains(parts[1]) else {
                throw IngestError(path: path, location: "line \(row.line), column 'month'", reason: "'\(row.fields[mc])' is not YYYY-MM")
            }
            times.append(UTCTime.middleOfMonth(year: parts[0], month: parts[1]))
            means.append(try table.number(row, meanC) ?? .nan)
            if let maxC { maxima.append(try table.number(row, maxC) ?? .nan) }
        }
        let station = try context.stationFromEntry()
        let units = context.entry?.units ?? "m"
        var notes: [String] = []
        let assembler = SeriesAssembler(path: path)
        var series = [try assembler.make(station: station, variable: SeriesKind.seaLevel.variable, standardName: "water_surface_height_above_reference_datum",
                                         longName: "monthly mean sea level", times: times, values: means, units: units,
                                         datum: context.entry?.datum, derived: context.entry?.derived ?? false, notes: &notes)]
        if maxC != nil {
            series.append(try assembler.make(station: station, variable: "sea_level_monthly_max", longName: "monthly maximum sea level",
                                             times: times, values: maxima, units: units, datum: context.entry?.datum,
                                             derived: context.entry?.derived ?? false, notes: &notes))
        }
        var dataset = context.dataset(format: .monthlySummaryCSV, title: "monthly sea level at \(station.id)")
        dataset.series = series
        dataset.notes += notes
        return dataset
    }
}
