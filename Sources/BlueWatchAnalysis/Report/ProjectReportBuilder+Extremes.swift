import BlueWatchCore
import BlueWatchStore

extension ProjectReportBuilder {
    /// GEV return levels of the station's annual maxima where the data allow (at least ten
    /// well-covered years in the period): from its monthly maxima of hourly sea level when
    /// stored, else from its finest sea-level record sampled daily or finer. Profile-likelihood
    /// intervals only (a report is rebuilt often; the bootstrap is `bluewatch extremes`'s).
    func returnLevels(station: Station, store: any DataStore, cite: (String, String?) -> Void) throws -> ProjectReport.ReturnLevels? {
        let all = try store.seriesList(stationID: station.id)
        let maxima = all.filter { $0.variable == "sea_level_monthly_max" }
        let fine = all.filter { $0.kind == .seaLevel && !$0.isDerived && ($0.samplingSeconds ?? .infinity) <= 86_400 }
            .sorted { $0.valueCount > $1.valueCount }
        let runner = ExtremesRunner(method: .blockMaxima(.annual, minimumCoverage: 0.8, movingLocation: false, seasonalCycle: false), periods: [2, 5, 10, 20, 50, 100], bootstrapSamples: 0)
        let datasets = try store.datasets()
        for record in maxima + fine {
            guard let id = record.id else { continue }
            let series = try store.readSeries(id: id, from: from, to: to)
            guard series.count >= 10 else { continue }
            let sources = datasets.filter { $0.id == record.datasetId }.map(StationTrendRunner.source)
            let report = runner.analyse(ExtremesRunner.Record(station: station, identifier: record.sourceIdentifier, variable: record.variable,
                                                             series: series, sources: sources))
            guard report.fit != nil else { continue }
            for s in sources { cite(s.sha256, "\(report.start.map { String($0.prefix(10)) } ?? "") – \(report.end.map { String($0.prefix(10)) } ?? "")") }
            return ProjectReport.ReturnLevels(analysis: report, ofHourlyMaxima: record.variable == "sea_level_monthly_max",
                                              sampling: Sampling.label(seconds: record.samplingSeconds))
        }
        return nil
    }
}
