import BlueWatchCore
import BlueWatchIngest
import BlueWatchStore

extension AlertEngine {
    /// The days of record a high-water rule fits the tide to (the last year, or what there is).
    static let highWaterFitDays = 365.0

    /// A high-water rule on one record: the tide fitted to the record's last year up to now (refitted
    /// every `tideRefitHours`), its high waters between now and `days` ahead, and the first and
    /// highest of them at or above the threshold. The threshold's datum comes from the same
    /// fit's prediction over 1983–2001 (as `bluewatch tides datums`). A fit that fails leaves
    /// the condition inconclusive (nothing raised, nothing closed; the run says why).
    func evaluate(_ forecast: AlertConfiguration.Rule.HighWaterForecast, station: Station, record: SeriesRecord,
                  store: any DataStore, now: Double) throws -> Condition {
        func unknown(_ problem: String) -> Condition {
            var c = Condition(active: false, problem: problem, magnitude: nil, onset: now, headline: "", description: "", parameters: [])
            c.conclusive = false
            return c
        }
        let key = "hightide|\(record.id!)"
        // The record's last year up to now: a record that has stopped still predicts the tide
        // (its span is named in the alert).
        let end = min(record.timeEnd, now)
        let window = try store.readSeries(id: record.id!, from: end - Self.highWaterFitDays * 86_400, to: end)
        let latitude = station.latitude.isFinite ? station.latitude : 0
        let fit: TideFit
        switch tides.fit(key, now: now, maxAge: tideRefitHours * 3600, make: { () throws(TideAnalysisError) in try TideFit.analyse(window, latitude: latitude) }) {
        case .failure(let error): return unknown("no tide fit to the last year (\(error)); high waters cannot be predicted")
        case .success(let f): fit = f
        }
        var base = 0.0
        if let name = forecast.datum {
            guard let height = tides.datums(key)?.height(of: name) else { return unknown("no tidal datums from the fit; \(name) is unknown") }
            base = height
        }
        let level = base + forecast.thresholdMetres
        let highs = fit.highLowWaters(from: now, to: now + forecast.days * 86_400).events.filter { $0.kind.isHigh && $0.height >= level }
        guard let first = highs.first, let highest = highs.max(by: { $0.height < $1.height }) else {
            return Condition(active: false, magnitude: nil, onset: now, headline: "", description: "", parameters: [])
        }
        let datumName = forecast.datum ?? "the record's datum"
        let above = highest.height - base
        return Condition(active: true, magnitude: above, onset: now,
                         headline: String(format: "High water %.2f m above %@ predicted at %@ on %@ (threshold %@)", above, datumName, station.name,
                                          UTCTime.iso(highest.time), forecast.thresholdText),
                         description: String(format: "%d predicted high water%@ at or above %@ in the next %g days, the first at %@. Tide fitted to %@ %@…%@ (mean sea level of that record); surges and waves come on top.",
                                             highs.count, highs.count == 1 ? "" : "s", forecast.thresholdText, forecast.days, UTCTime.iso(first.time),
                                             record.sourceIdentifier, UTCTime.isoDate(fit.recordSpan.lowerBound), UTCTime.isoDate(fit.recordSpan.upperBound)),
                         parameters: [("first_high_water", UTCTime.iso(first.time)), ("first_height_m", String(format: "%.3f", first.height - base)),
                                      ("highest_high_water", UTCTime.iso(highest.time)), ("highest_height_m", String(format: "%.3f", above)),
                                      ("threshold_m", String(format: "%.3f", forecast.thresholdMetres)), ("datum", datumName),
                                      ("datum_height_m", String(format: "%.4f", base))])
    }
}
