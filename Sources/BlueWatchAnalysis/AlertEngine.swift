import BlueWatchCore
import BlueWatchIngest
import BlueWatchStore
import Foundation
import Geodesy

/// Evaluates the alert rules incrementally against the store at a given time: each rule looks
/// only at series with data newer than its watermark (the silent rule also at time passing),
/// compares the condition with the rule's open alert on that series, and decides to open,
/// update (the magnitude grew) or close (the condition cleared) it, with the CAP message for
/// each. ``AlertStore/commitAlertRun(_:watermarks:replay:)`` then applies all of it at once.
public struct AlertEngine: Sendable {
    public var configuration: AlertConfiguration
    public var registry: StationRegistry
    /// Tide fits reused for `tideRefitHours` (a replay evaluates thousands of steps).
    let tides = TideCache()
    public var tideRefitHours = 6.0
    /// The regions plastics rules may name (grids/regions.geojson).
    public var regions: [RegionPolygon] = []

    public init(configuration: AlertConfiguration, registry: StationRegistry) {
        self.configuration = configuration
        self.registry = registry
    }

    /// Tide fits by series, with the time they were made (a failed fit is remembered as its
    /// reason, so it is not retried every step either).
    /// Keys are the purpose and the series ("residual|12"): each purpose fits its own window.
    /// The tidal datums of a fit are kept with it (a 19-year prediction is not made every step).
    final class TideCache: @unchecked Sendable {
        private var fits: [String: (at: Double, fit: Result<TideFit, TideAnalysisError>, datums: TidalDatums?)] = [:]
        private let lock = NSLock()
        func fit(_ key: String, now: Double, maxAge: Double, make: () throws(TideAnalysisError) -> TideFit) -> Result<TideFit, TideAnalysisError> {
            lock.lock(); defer { lock.unlock() }
            if let entry = fits[key], now - entry.at >= 0, now - entry.at < maxAge { return entry.fit }
            let fit = Result(catching: make)
            fits[key] = (now, fit, nil)
            return fit
        }

        /// The datums of the fit cached under `key` (computed once per fit).
        func datums(_ key: String) -> TidalDatums? {
            lock.lock(); defer { lock.unlock() }
            guard let entry = fits[key], case .success(let fit) = entry.fit else { return nil }
            if let d = entry.datums { return d }
            let d = fit.datums()
            fits[key]?.datums = d
            return d
        }
    }

    /// One condition as evaluated now.
    struct Condition {
        /// The series the condition was judged on.
        var record: Int64 = 0
        /// False when the series could not say (no value to judge): such a verdict never ends
        /// an alert.
        var conclusive = true
        var active: Bool
        /// Why the series could not be judged (then not conclusive).
        var problem: String?
        var magnitude: Double?
        var onset: Double
        var headline: String
        var description: String
        var parameters: [(String, String)]
    }

    public struct Outcome: Sendable {
        public var changes: [AlertChange]
        public var watermarks: [(rule: String, series: Int64, time: Double)]
        /// One line per change, for the run's output.
        public var lines: [String]
        public var evaluated: Int
        /// Conditions that could not be judged, with why (a tide fit that failed): nothing was
        /// raised or closed on them; the run reports them.
        public var problems: [String] = []
    }

    func stations(for rule: AlertConfiguration.Rule) -> [Station] {
        if !rule.stations.isEmpty { return rule.stations.compactMap { registry.station(id: $0) } }
        if !rule.projects.isEmpty { return registry.stations.filter { s in s.projects.contains { rule.projects.contains($0) } } }
        return registry.stations
    }

    static func applies(_ rule: AlertConfiguration.Rule, _ r: SeriesRecord) -> Bool {
        guard !r.isDerived else { return false }
        switch rule.kind {
        case .tsunami: return r.kind == .waterColumnHeight || (r.kind == .seaLevel && (r.samplingSeconds ?? .infinity) <= 360)
        case .residual: return r.kind == .seaLevel && (r.samplingSeconds ?? .infinity) <= 10_800
        case .silent, .qc: return r.kind == .seaLevel || r.kind == .waterColumnHeight
        case .trend: return r.kind == .seaLevel
        case .plastics: return false
        case .river: return r.kind == .riverStage || r.kind == .riverStageDailyMaximum
        case .hightide: return r.kind == .seaLevel && (r.samplingSeconds ?? .infinity) <= 10_800
        }
    }

    /// - Parameter earthquakes: the catalogue's M ≥ 6.5 events, when the caller has them (a replay
    ///   reads them once); otherwise read from the store.
    public func evaluate(store: any DataStore, now: Double, replay: Bool = false, earthquakes: [Earthquake]? = nil) throws -> Outcome {
        let open = Dictionary(try store.openAlerts(replay: replay).map { ("\($0.ruleId)|\($0.seriesId)", $0) }, uniquingKeysWith: { a, _ in a })
        let marks = try store.alertWatermarks(replay: replay)
        let events = try earthquakes ?? store.earthquakes(minimumMagnitude: 6.5)
        var outcome = Outcome(changes: [], watermarks: [], lines: [], evaluated: 0)
        for rule in configuration.rules {
            if case .plastics(let hotSpots) = rule.condition {
                try evaluatePlastics(rule, hotSpots, store: store, now: now, open: open, marks: marks, replay: replay, into: &outcome)
                continue
            }
            for station in stations(for: rule) {
                var records = try store.seriesList(stationID: station.id).filter { AlertEngine.applies(rule, $0) && $0.timeStart <= now }
                if rule.kind == .silent, let newest = records.max(by: { $0.timeEnd < $1.timeEnd }) { records = [newest] }
                // One alert per rule and station: a station often holds the same observations in
                // several files (text and NetCDF copies), and they must not raise one alert each.
                // The station's first record keys the alert; the strongest condition wins.
                guard let primary = records.map({ $0.id! }).min() else { continue }
                let key = "\(rule.id)|\(primary)"
                let existing = open[key]
                var conditions: [Condition] = []
                var anyNew = false
                for record in records {
                    let recordKey = "\(rule.id)|\(record.id!)"
                    let latest = min(record.timeEnd, now)
                    let mark = marks[recordKey]
                    // Nothing new to look at: the condition cannot have changed (except by time, for
                    // the silent rule, and for clearing an open alert once its clear-after passes).
                    if rule.kind != .silent, rule.kind != .hightide, let mark, latest <= mark, existing == nil || now - mark < rule.clearAfterHours * 3600 { continue }
                    anyNew = true
                    outcome.evaluated += 1
                    var condition = try evaluate(rule, station: station, record: record, store: store, now: now, latest: latest, events: events)
                    if let problem = condition.problem { outcome.problems.append("rule \(rule.id), \(station.id) (\(record.sourceIdentifier)): \(problem)") }
                    condition.record = record.id!
                    conditions.append(condition)
                    outcome.watermarks.append((rule.id, record.id!, max(latest, mark ?? -.infinity)))
                }
                guard anyNew, let primaryRecord = records.first(where: { $0.id == primary }) else { continue }
                let active = conditions.filter { $0.active }
                let combined = active.max { ($0.magnitude ?? 0) < ($1.magnitude ?? 0) } ?? conditions[0]
                // An open alert ends only on evidence from the record that raised it: another
                // record of the station being quiet (an older file, a copy without the event) says
                // nothing about the wave. A record no longer stored cannot speak; then the others do.
                if let existing, active.isEmpty {
                    let source = existing.evidenceSeriesId
                    let sourceStored = records.contains { $0.id == source }
                    if sourceStored, !conditions.contains(where: { $0.record == source && $0.conclusive }) { continue }
                    if !sourceStored, !conditions.contains(where: \.conclusive) { continue }
                }
                if let change = try decide(rule, station: station, record: primaryRecord, condition: combined, open: existing, now: now, store: store, replay: replay) {
                    outcome.changes.append(change.0)
                    outcome.lines.append(change.1)
                }
            }
        }
        return outcome
    }

    func evaluate(_ rule: AlertConfiguration.Rule, station: Station, record: SeriesRecord, store: any DataStore, now: Double, latest: Double,
                  events: [Earthquake]) throws -> Condition {
        let clear = rule.clearAfterHours * 3600
        switch rule.condition {
        case .tsunami:
            let isDART = record.kind == .waterColumnHeight
            let window = try store.readSeries(id: record.id!, from: now - (isDART ? 15 : 36) * 3600, to: now)
            let latitude = station.latitude.isFinite ? station.latitude : 0
            // A failed fit leaves the detector its documented fallback (high-pass filter only), which its report names.
            let tide = isDART ? nil : try? tides.fit("tsunami|\(record.id!)", now: now, maxAge: tideRefitHours * 3600) { () throws(TideAnalysisError) in try TideFit.analyse(window, latitude: latitude) }.get()
            let report = TsunamiDetectionRunner().report(station: station, identifier: record.sourceIdentifier, descriptor: record.descriptor,
                                                         series: window, sources: [], events: events.filter { $0.time <= now }, tide: tide)
            if isDART, let t = report.dartTriggers.last(where: { $0.label != "seismic" }), now - t.lastTime <= clear {
                let peak = report.dartTriggers.filter { $0.label != "seismic" && $0.time >= t.time - 6 * 3600 }.map { abs($0.peakDeparture) }.max() ?? abs(t.peakDeparture)
                return Condition(active: true, magnitude: peak, onset: t.time,
                                 headline: String(format: "Tsunami detected at %@: %.2f m departure", station.name, peak),
                                 description: "DART detection (Mofjeld, 30 mm) from \(UTCTime.iso(t.time)); record type \(t.recordType)" + (report.event.map { "; earthquake \($0)" } ?? ""),
                                 parameters: [("trigger", UTCTime.iso(t.time)), ("peak_departure_m", String(format: "%.3f", peak))])
            }
            if !isDART, let d = report.gaugeDetections.last(where: { $0.label != "before any tsunami could arrive" }), now - d.lastExceedance <= clear {
                return Condition(active: true, magnitude: d.maximumAmplitude, onset: d.arrival,
                                 headline: String(format: "Tsunami waves at %@: up to %.2f m", station.name, d.maximumAmplitude),
                                 description: "Tide-gauge detection: arrival \(UTCTime.iso(d.arrival)), first peak \(String(format: "%+.2f", d.firstPeak)) m" + (report.event.map { "; earthquake \($0)" } ?? ""),
                                 parameters: [("arrival", UTCTime.iso(d.arrival)), ("maximum_amplitude_m", String(format: "%.3f", d.maximumAmplitude))])
            }
        case .residual(let threshold):
            let window = try store.readSeries(id: record.id!, from: now - 30 * 86_400, to: now)
            let latitude = station.latitude.isFinite ? station.latitude : 0
            switch tides.fit("residual|\(record.id!)", now: now, maxAge: tideRefitHours * 3600, make: { () throws(TideAnalysisError) in try TideFit.analyse(window, latitude: latitude) }) {
            case .failure(let error):
                var unknown = Condition(active: false, problem: "no tide fit to the last 30 days (\(error)); the residual cannot be judged",
                                        magnitude: nil, onset: now, headline: "", description: "", parameters: [])
                unknown.conclusive = false
                return unknown
            case .success(let fit):
                let recent = window.slice(from: now - clear, to: now)
                let residual = fit.residual(of: recent)
                var peak = 0.0, when = now
                for i in residual.values.indices where !residual.values[i].isNaN && residual.flags[i] != .fail && abs(residual.values[i]) > abs(peak) {
                    peak = residual.values[i]; when = residual.times[i]
                }
                if abs(peak) > threshold {
                    return Condition(active: true, magnitude: abs(peak), onset: when,
                                     headline: String(format: "Sea level %@ prediction by %.2f m at %@", peak > 0 ? "above" : "below", abs(peak), station.name),
                                     description: "Non-tidal residual beyond the rule's \(threshold) m (tide fitted to the last 30 days).",
                                     parameters: [("residual_m", String(format: "%.3f", peak)), ("at", UTCTime.iso(when))])
                }
            }
        case .silent(let hours):
            let silence = now - latest
            if silence > hours * 3600 {
                return Condition(active: true, magnitude: silence / 3600, onset: latest,
                                 headline: String(format: "%@ silent for %.0f hours", station.name, silence / 3600),
                                 description: "No observation from \(station.name) (\(record.sourceIdentifier)) since \(UTCTime.iso(latest)).",
                                 parameters: [("last_observation", UTCTime.iso(latest))])
            }
        case .qualityControl(let count, let windowHours):
            let window = try store.readSeries(id: record.id!, from: now - windowHours * 3600, to: now)
            let failed = window.flags.filter { $0 == .fail }.count
            if failed >= count {
                return Condition(active: true, magnitude: Double(failed), onset: window.times.first ?? now,
                                 headline: "\(failed) values failed QC at \(station.name) in \(Int(windowHours)) h",
                                 description: "QARTOD aggregate flag 4 on \(failed) values of \(record.sourceIdentifier); see `bluewatch qc \(station.id)`.",
                                 parameters: [("failed_values", String(failed))])
            }
        case .trend(let threshold):
            // The station's trend from all its records up to now (monthly means, as `bluewatch trend`).
            let runner = StationTrendRunner(to: now)
            let best = try runner.reports(station: station, store: store).compactMap { $0.trend }.filter { $0.meaningful }
                .max { $0.valuesUsed < $1.valuesUsed }
            if let t = best, t.ols.estimate > threshold {
                return Condition(active: true, magnitude: t.ols.estimate, onset: latest,
                                 headline: String(format: "Sea-level trend at %@ %.1f mm/yr [%.1f, %.1f], above %.1f", station.name, t.ols.estimate, t.ols.lower, t.ols.upper, threshold),
                                 description: "OLS trend with AR(1)-corrected 95% interval over \(t.start)–\(t.end) (\(t.valuesUsed) months).",
                                 parameters: [("trend_mm_per_yr", String(format: "%.2f", t.ols.estimate)), ("lower", String(format: "%.2f", t.ols.lower)), ("upper", String(format: "%.2f", t.ols.upper))])
            }
        case .predictedHighWater(let forecast):
            return try evaluate(forecast, station: station, record: record, store: store, now: now)
        case .plastics:
            break  // evaluated per cell by evaluatePlastics, never per station
        case .river:
            // The latest usable stage (not failed by QC) of the last 30 days.
            let window = try store.readSeries(id: record.id!, from: now - 30 * 86_400, to: now)
            guard let i = window.values.indices.last(where: { window.values[$0].isFinite && window.flags[$0] != .fail }) else {
                var unknown = Condition(active: false, magnitude: nil, onset: now, headline: "", description: "", parameters: [])
                unknown.conclusive = false
                return unknown
            }
            let stage = window.values[i], levels = station.levels.ascending
            if let reached = levels.reached(by: stage), let rank = levels.firstIndex(of: reached) {
                let river = station.river.map { station.name.contains($0) ? "" : "\($0) at " } ?? ""
                return Condition(active: true, magnitude: Double(rank + 1), onset: window.times[i],
                                 headline: String(format: "%@%@: %@ reached, %.2f m", river, station.name, reached.kind.label, stage),
                                 description: String(format: "Stage %.2f m above the gauge zero on %@ (%@), at or above the %@ of %.2f m (%@).",
                                                     stage, UTCTime.iso(window.times[i]), record.variable, reached.kind.label, reached.stage, reached.source),
                                 parameters: [("level", reached.kind.rawValue), ("level_stage_m", String(format: "%.3f", reached.stage)),
                                              ("stage_m", String(format: "%.3f", stage)), ("at", UTCTime.iso(window.times[i]))])
            }
        }
        return Condition(active: false, magnitude: nil, onset: now, headline: "", description: "", parameters: [])
    }

    func decide(_ rule: AlertConfiguration.Rule, station: Station, record: SeriesRecord, condition c: Condition, open: AlertRecord?,
                now: Double, store: any DataStore, replay: Bool) throws -> (AlertChange, String)? {
        let (event, category, urgency) = Self.capEvent(rule.kind)
        func message(_ type: CAPMessage.MessageType, opened: Double, version: Int, headline: String, description: String, alertId: Int64?) throws -> CAPMessage {
            let identifier = Self.capIdentifier(rule: rule.id, key: "\(record.id!)", opened: opened, type: type, version: version)
            let references = try capReferences(type, alertId: alertId, store: store, replay: replay)
            return CAPMessage(identifier: identifier, sender: configuration.sender, sent: now, msgType: type, references: references, category: category,
                              event: event, urgency: type == .cancel ? .past : urgency, severity: rule.severity, certainty: rule.kind == .hightide ? .likely : .observed,
                              headline: headline, description: description, instruction: rule.kind == .tsunami && type != .cancel ? "Follow the instructions of the national tsunami warning centre; stay away from the shore." : nil,
                              areaDescription: "\(station.name) (\(station.id))",
                              circle: station.latitude.isFinite ? (station.latitude, station.longitude, 10) : nil,
                              parameters: [("rule", rule.id), ("station", station.id), ("series", record.sourceIdentifier)] + c.parameters)
        }
        if c.active, open == nil {
            let alert = AlertRecord(ruleId: rule.id, seriesId: record.id!, stationId: station.id, severity: rule.severity.rawValue, event: event,
                                    headline: c.headline, magnitude: c.magnitude, openedAt: c.onset, sourceSeriesId: c.record)
            return (.open(alert, try message(.alert, opened: c.onset, version: 1, headline: c.headline, description: c.description, alertId: nil)),
                    "NEW     \(rule.id) \(station.id) \(rule.severity.rawValue): \(c.headline)")
        }
        // A river alert grows only when a higher level is reached (magnitude = the level's rank).
        let grew: (Double, Double) -> Bool = rule.kind == .river ? { $0 > $1 } : { $0 >= $1 * (1 + rule.updateGrowth) }
        if c.active, let open, let m = c.magnitude, let old = open.magnitude, grew(m, old) {
            return (.update(alertId: open.id!, version: open.version, magnitude: m, headline: c.headline, source: c.record, at: now,
                            message: try message(.update, opened: open.openedAt, version: open.version + 1, headline: c.headline, description: c.description, alertId: open.id)),
                    "UPDATE  \(rule.id) \(station.id) \(rule.severity.rawValue): \(c.headline) (alert \(open.id!))")
        }
        if !c.active, let open {
            let headline = "Ended: " + open.headline
            return (.close(alertId: open.id!, version: open.version, at: now,
                           message: try message(.cancel, opened: open.openedAt, version: open.version, headline: headline,
                                            description: closingText(rule, station: station), alertId: open.id)),
                    "CLOSED  \(rule.id) \(station.id): \(open.headline) (alert \(open.id!))")
        }
        return nil
    }

    /// Why an alert of `rule` ended, for its Cancel.
    func closingText(_ rule: AlertConfiguration.Rule, station: Station) -> String {
        switch rule.condition {
        case .river:
            "The river is back below its lowest level (\(station.levels.ascending.first.map { String(format: "%@ %.2f m", $0.kind.label, $0.stage) } ?? "none"))."
        case .predictedHighWater(let f):
            String(format: "No high water at or above %@ is predicted in the next %g days.", f.thresholdText, f.days)
        default:
            "The condition has cleared (no exceedance for \(rule.clearAfterHours) h)."
        }
    }

    /// The CAP event, category and urgency of a rule's alerts.
    static func capEvent(_ kind: AlertConfiguration.Rule.Kind) -> (event: String, category: String, urgency: CAPMessage.Urgency) {
        switch kind {
        case .tsunami: ("Tsunami", "Geo", .immediate)
        case .residual: ("Sea level extreme", "Met", .immediate)
        case .silent: ("Station silent", "Infra", .unknown)
        case .qc: ("Data quality", "Other", .unknown)
        case .trend: ("Sea-level rise", "Env", .future)
        case .plastics: ("Microplastic hot spot", "Env", .future)
        case .river: ("Flood", "Met", .immediate)
        case .hightide: ("Coastal Flood", "Met", .future)
        }
    }

    /// The key of an alert in its CAP identifiers: the series id, or "cell…" for a plastics
    /// cell (stored with a negative series id).
    static func capKey(seriesId: Int64) -> String { seriesId < 0 ? "cell\(-seriesId)" : "\(seriesId)" }

    /// The change that closes an open alert by hand (`alerts close`): its CAP Cancel, with the
    /// identifier the rule itself would have given it, referencing every earlier message, and
    /// the rule named so quiet hours apply to it as to the rule's own messages.
    public func cancel(_ alert: AlertRecord, reason: String, now: Double, store: any AlertStore) throws -> AlertChange {
        let rule = configuration.rules.first { $0.id == alert.ruleId }
        let category = rule.map { Self.capEvent($0.kind).category } ?? "Other"
        let message = CAPMessage(identifier: Self.capIdentifier(rule: alert.ruleId, key: Self.capKey(seriesId: alert.seriesId), opened: alert.openedAt, type: .cancel, version: alert.version),
                                 sender: configuration.sender, sent: now, msgType: .cancel,
                                 references: try capReferences(.cancel, alertId: alert.id, store: store, replay: false), category: category,
                                 event: alert.event, urgency: .past, severity: CAPMessage.Severity(rawValue: alert.severity) ?? .unknown, certainty: .observed,
                                 headline: "Ended: " + alert.headline, description: reason, areaDescription: alert.stationId,
                                 parameters: [("rule", alert.ruleId), ("station", alert.stationId)])
        return .close(alertId: alert.id!, version: alert.version, at: now, message: message)
    }

    /// The CAP identifier of a rule's message about `key` (a series id, or "cell…"), for the
    /// alert opened at `opened`: "bluewatch.<rule>.<key>.<opened>.<version>", ".cancel" last.
    static func capIdentifier(rule: String, key: String, opened: Double, type: CAPMessage.MessageType, version: Int) -> String {
        let base = "bluewatch.\(rule).\(key).\(Int(opened))"
        return type == .cancel ? base + ".cancel" : base + ".\(version)"
    }

    /// The alert's earlier messages as CAP references of an Update or Cancel (none for a new
    /// alert, or in a replay, whose messages are not kept).
    func capReferences(_ type: CAPMessage.MessageType, alertId: Int64?, store: any AlertStore, replay: Bool) throws -> [(sender: String, identifier: String, sent: Double)] {
        guard type != .alert, !replay, let id = alertId else { return [] }
        return try store.alertMessages(alertId: id).map { (configuration.sender, $0.identifier, $0.sent) }
    }
}
