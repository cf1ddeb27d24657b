import ArgumentParser
import BlueWatchAnalysis
import BlueWatchCore
import BlueWatchExport
import BlueWatchIngest
import BlueWatchStore
import Foundation

extension BlueWatch {
    struct Tsunami: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tsunami detection on DART and tide-gauge records; travel-time forecasts and threat bands.",
            subcommands: [Detect.self, Forecast.self])
    }
}

/// An earthquake from the store by id, or given by hand.
struct EventOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A USGS event id from the store (`bluewatch ingest` reads the USGS catalogue CSVs).", valueName: "id"))
    var event: String?

    @Option(help: ArgumentHelp("Epicentre latitude, degrees north (with --lon, --time, --mag); negative values as --lat=-36.1.", valueName: "deg"))
    var lat: Double?

    @Option(help: ArgumentHelp("Epicentre longitude, degrees east.", valueName: "deg"))
    var lon: Double?

    @Option(help: ArgumentHelp("Hypocentre depth, km.", valueName: "km"))
    var depth: Double?

    @Option(help: ArgumentHelp("Moment magnitude.", valueName: "Mw"))
    var mag: Double?

    @Option(help: ArgumentHelp("Origin time, ISO UTC (e.g. 2011-03-11T05:46:24Z).", valueName: "time"))
    var time: String?

    var given: Bool { event != nil || lat != nil || lon != nil || time != nil }

    func validateEvent(required: Bool) throws {
        if event != nil && (lat != nil || lon != nil || time != nil) { throw ValidationError("give --event or --lat/--lon/--time, not both") }
        if event == nil && (lat != nil || lon != nil || time != nil || required) {
            guard lat != nil, lon != nil, time != nil else { throw ValidationError("an earthquake needs --event ID, or --lat, --lon and --time (and --mag, --depth)") }
            guard (-90...90).contains(lat!), (-180...360).contains(lon!) else { throw ValidationError("--lat/--lon out of range") }
            guard UTCTime.parse(time!) != nil else { throw ValidationError("--time '\(time!)' is not an ISO UTC time") }
        }
    }

    func resolve(store: (any DataStore)?) throws -> Earthquake? {
        if let id = event {
            guard let store else { throw CLIError.data("--event needs the store (ingest the USGS catalogue first)") }
            guard let quake = try store.earthquakes().first(where: { $0.id == id }) else {
                throw CLIError.data("no earthquake '\(id)' in the store; ingest ../shared/data/events or give --lat --lon --time --mag")
            }
            return quake
        }
        guard let lat, let lon, let time, let t = UTCTime.parse(time) else { return nil }
        return Earthquake(id: "manual-" + time, time: t, latitude: lat, longitude: lon > 180 ? lon - 360 : lon, depthKm: depth, magnitude: mag,
                          magnitudeType: mag == nil ? nil : "Mw", place: "entered by hand", eventType: "earthquake")
    }
}

extension BlueWatch.Tsunami {
    struct Detect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find tsunami arrivals in DART and 1-minute tide-gauge records.",
            discussion: """
                DART buoys: the NOAA detection algorithm (Mofjeld 1997): a cubic through 10-minute \
                averages 0–3 hours back predicts the water-column height; departures beyond \
                --threshold (30 mm) trigger. Triggers before the soonest a tsunami could reach the \
                buoy (origin time + distance at √(g·11 km)) are labelled seismic.

                Tide gauges: the record's tide is fitted (robust harmonic analysis) and removed; the \
                residual is band-passed (5–120 minutes, causal) and a detection needs 3 of 5 samples \
                beyond 5× the noise of the preceding 12 hours. Reported: onset (arrival), first \
                peak, maximum amplitude, dominant period.

                The earthquake comes from --event, --lat/--lon/--time, or the store's catalogue (the \
                strongest M ≥ 6.5 from a day before the record to its end). Values flagged fail are \
                left out; suspect ones are kept (QC flags real waves as suspect spikes).

                Examples:
                  bluewatch tsunami detect dart-21418 nukualofa hilo
                  bluewatch tsunami detect --format json \\
                      ../shared/data/tsunami/dart_tohoku2011_raw/21413.txt
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var quake: EventOptions

        @Argument(help: ArgumentHelp("Station ids or data files.", valueName: "station|file"))
        var targets: [String]

        @Option(help: ArgumentHelp("DART detection threshold, metres.", valueName: "m"))
        var threshold = 0.03

        @Option(help: "Output: table or json.")
        var format: SummaryFormat = .table

        func validate() throws {
            try quake.validateEvent(required: false)
            guard threshold > 0 else { throw ValidationError("--threshold must be positive") }
        }

        func run() throws {
            try reporting {
                let resources = try store.resources()
                let started = Date()
                let db: (any DataStore)? = store.storeExists || quake.event != nil || targets.contains { !FileManager.default.fileExists(atPath: $0) }
                    ? try store.openStore(resources) : nil
                var runner = TsunamiDetectionRunner(event: try quake.resolve(store: db))
                runner.dart.threshold = threshold
                let events = (try? db?.earthquakes(minimumMagnitude: 6.5)) ?? []
                var reports: [TsunamiDetectionReport] = []
                for target in targets {
                    if FileManager.default.fileExists(atPath: target) {
                        let dataset = try resources.readChecked(target)
                        let source = TrendReport.Source(title: dataset.title, path: dataset.source.path, sha256: dataset.source.sha256,
                                                        provider: dataset.provider, version: dataset.version, doi: dataset.doi)
                        let usable = dataset.series.filter { $0.descriptor.canShowTsunami }
                        if usable.isEmpty { throw CLIError.data("\(target) holds no DART or sub-hourly sea-level record") }
                        for p in usable {
                            var station = try resources.registry.resolve(p.station)
                            if station.latitude.isNaN, let lat = p.station.latitude, let lon = p.station.longitude { (station.latitude, station.longitude) = (lat, lon) }
                            reports.append(runner.report(station: station, identifier: "\(p.station.provider):\(p.station.id)", descriptor: p.descriptor,
                                                         series: p.series, sources: [source], events: events))
                        }
                    } else {
                        guard let db, let station = try db.station(id: target) else {
                            throw CLIError.usage("'\(target)' is neither a file nor a station id (see `bluewatch stations`)")
                        }
                        let datasets = Dictionary(uniqueKeysWithValues: try db.datasets().map { ($0.id!, $0) })
                        // Measured records; a station known only by de-tided files (some DARTs) gets those.
                        let all = try db.seriesList(stationID: station.id).filter { $0.descriptor.canShowTsunami }
                        let measured = all.filter { !$0.isDerived }
                        let records = measured.isEmpty ? all : measured
                        if records.isEmpty { throw CLIError.data("station '\(target)' has no stored DART or sub-hourly sea-level record") }
                        for r in records {
                            let series = try db.readSeries(id: r.id!)
                            let source = datasets[r.datasetId].map { TrendReport.Source(title: $0.title, path: $0.path, sha256: $0.sha256, provider: $0.provider, version: $0.version, doi: $0.doi) }
                            reports.append(runner.report(station: resources.registry.station(id: station.id) ?? station, identifier: r.sourceIdentifier,
                                                         descriptor: r.descriptor, series: series, sources: source.map { [$0] } ?? [], events: events))
                        }
                    }
                }
                let seconds = Date().timeIntervalSince(started)
                let samples = reports.reduce(0) { $0 + $1.samples }
                try output(reports, seconds: seconds, samples: samples)
            }
        }

        func output(_ reports: [TsunamiDetectionReport], seconds: Double, samples: Int) throws {
            if format == .json {
                try Console.json(reports)
                return
            }
            for r in reports {
                Console.line("\(r.stationName) (\(r.station)) · \(r.series) · \(r.detector) · \(r.samples.formatted) samples")
                if let e = r.event { Console.line("  earthquake: \(e); no tsunami before \(r.earliestTsunami ?? "?")") }
                if let residual = r.residual { Console.line("  residual: \(residual)") }
                if let f = r.failure { Console.line("  cannot scan: \(f)\n"); continue }
                if r.detector.hasPrefix("DART") {
                    let rows = r.dartTriggers.map { t in
                        [UTCTime.iso(t.time), String(format: "%+.3f", t.peakDeparture), UTCTime.iso(t.peakTime), t.recordType, String(t.exceedances), t.label]
                    }
                    if rows.isEmpty { Console.line("  no trigger") } else {
                        Console.out(TextTable.render(header: ["trigger", "peak (m)", "at", "record", "samples", "label"], rows: rows).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n")
                    }
                } else {
                    let rows = r.gaugeDetections.map { d in
                        [UTCTime.iso(d.arrival), String(format: "%+.3f", d.firstPeak), String(format: "%.3f", d.maximumAmplitude), UTCTime.iso(d.maximumTime),
                         d.dominantPeriodMinutes.map { String(format: "%.0f", $0) } ?? "—", String(format: "%.3f", d.threshold), d.label]
                    }
                    if rows.isEmpty { Console.line("  no detection") } else {
                        Console.out(TextTable.render(header: ["arrival", "first peak (m)", "max (m)", "at", "period (min)", "threshold (m)", "label"], rows: rows).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n")
                    }
                }
                Console.line("  tsunami arrival: \(r.tsunamiArrival ?? "none detected")")
                for s in r.sources { Console.line("  source: \(s.title) — \(s.path) (sha256 \(s.sha256.prefix(12)))") }
                Console.line("")
            }
            Console.line(String(format: "scanned %@ samples in %.3f s", samples.formatted, seconds))
        }
    }

    struct Forecast: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Arrival times and threat bands from an earthquake: table, travel-time NetCDF and SVG map.",
            discussion: """
                Travel times by fast marching with the long-wave speed √(g·h) over a bathymetry grid \
                (land impassable, cell sizes on the WGS84 ellipsoid), from a source region the size \
                of the rupture (Blaser et al. 2010) along the local isobaths. Forecast points: the \
                registered tide gauges and DART buoys inside the grid. Threat bands (< 0.3, 0.3–1, \
                1–3, > 3 m) at tide gauges are ESTIMATES from Abe's (1981) magnitude–distance \
                relation — scatter a factor of about 3 — until the gauge has seen the wave: stored \
                1-minute records covering the event replace them with the observed maximum.

                Examples:
                  bluewatch tsunami forecast --event official20110311054624120_30 \\
                      --out tt.nc --map tt.svg
                  bluewatch tsunami forecast --lat 38.3 --lon 142.4 --depth 29 --mag 9.1 \\
                      --time 2011-03-11T05:46:24Z \\
                      --grid ../shared/data/bathymetry/nw_pacific_4arcmin_dem.nc
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var quake: EventOptions

        @Option(help: ArgumentHelp("Bathymetry NetCDF (default: a stored grid covering the epicentre).", valueName: "file"))
        var grid: String?

        @Option(name: [.customLong("var")], help: ArgumentHelp("The grid's elevation/depth variable (default: elevation, z, topo, bathymetry, depth).", valueName: "name"))
        var variable: String?

        @Option(name: .shortAndLong, help: ArgumentHelp("Write the travel-time grid here (CF-1.8 NetCDF).", valueName: "file"))
        var out: String?

        @Option(help: ArgumentHelp("Write an SVG map here.", valueName: "file"))
        var map: String?

        @Flag(help: "Keep the estimates even where stored gauge records saw the wave.")
        var noObserved = false

        @Option(help: "Output: table or json.")
        var format: SummaryFormat = .table

        func validate() throws {
            try quake.validateEvent(required: true)
        }

        func run() throws {
            try reporting {
                let resources = try store.resources()
                let db: (any DataStore)? = store.storeExists || quake.event != nil ? try store.openStore(resources) : nil
                guard let event = try quake.resolve(store: db) else { throw CLIError.data("no earthquake given") }
                let gridPath = try grid ?? defaultGrid(db: db, event: event)
                var observed: [String: Double] = [:]
                if !noObserved, let db {
                    observed = try observedAmplitudes(db: db, event: event, registry: resources.registry)
                }
                let started = Date()
                let forecast: TsunamiForecast
                do {
                    forecast = try TsunamiForecast.compute(event: event, gridPath: gridPath, variable: variable, stations: resources.registry.stations, observed: observed)
                } catch let failure as TsunamiForecast.Failure {
                    throw CLIError.data(failure.description)
                } catch { throw CLIError.data("\(gridPath): \(error)") }
                let seconds = Date().timeIntervalSince(started)
                if let out {
                    do { try forecast.writeNetCDF(to: out, command: CommandLine.arguments.joined(separator: " ")) } catch { throw CLIError.data("cannot write \(out): \(error)") }
                }
                if let map {
                    do { try forecast.svg().write(toFile: map, atomically: true, encoding: .utf8) } catch { throw CLIError.data("cannot write \(map): \(error)") }
                }
                output(forecast, seconds: seconds)
            }
        }

        /// A stored bathymetry grid holding the epicentre (``TsunamiForecast/storedGrid(covering:in:)``).
        func defaultGrid(db: (any DataStore)?, event: Earthquake) throws -> String {
            guard let db else { throw CLIError.data("give --grid FILE (no store to look for an ingested bathymetry grid)") }
            guard let path = try TsunamiForecast.storedGrid(covering: event, in: db) else {
                throw CLIError.data(String(format: "no stored bathymetry grid covers the epicentre (%.3f, %.3f); give --grid FILE", event.latitude, event.longitude))
            }
            return path
        }

        /// Maximum amplitudes the gauge detector finds in stored 1-minute records covering the event.
        func observedAmplitudes(db: any DataStore, event: Earthquake, registry: StationRegistry) throws -> [String: Double] {
            var result: [String: Double] = [:]
            let runner = TsunamiDetectionRunner(event: event)
            for station in registry.stations where station.kind == .tideGauge {
                for r in try db.seriesList(stationID: station.id) where r.kind == .seaLevel && !r.isDerived && r.descriptor.canShowTsunami
                    && r.timeStart <= event.time && r.timeEnd >= event.time + 3600 {
                    let report = runner.report(station: station, identifier: r.sourceIdentifier, descriptor: r.descriptor, series: try db.readSeries(id: r.id!), sources: [])
                    if let a = report.maximumAmplitude { result[station.id] = max(result[station.id] ?? 0, a) }
                }
            }
            return result
        }

        func output(_ f: TsunamiForecast, seconds: Double) {
            if format == .json {
                struct Out: Encodable {
                    var event: Earthquake; var grid: String; var source: TsunamiForecast.SourceRegion; var points: [TsunamiForecast.Point]; var seconds: Double
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "NaN")
                Console.line(String(decoding: (try? encoder.encode(Out(event: f.event, grid: f.gridPath, source: f.source, points: f.points, seconds: seconds))) ?? Data(), as: UTF8.self))
                return
            }
            let e = f.event
            Console.line("Earthquake \(e.id): \(e.magnitude.map { String(format: "M%.1f", $0) } ?? "M?") at \(String(format: "%.3f, %.3f", e.latitude, e.longitude)), depth \(e.depthKm.map { String(format: "%.0f km", $0) } ?? "?"), \(UTCTime.iso(e.time)) \(e.place ?? "")")
            Console.line(String(format: "Source region %.0f × %.0f km, strike %.0f° (%d cells); grid %@; marched in %.2f s",
                                f.source.lengthKm, f.source.widthKm, f.source.strike, f.source.cells, URL(fileURLWithPath: f.gridPath).lastPathComponent, seconds))
            let sorted = f.points.sorted { ($0.travelSeconds ?? .infinity) < ($1.travelSeconds ?? .infinity) }
            let rows = sorted.map { p in
                [p.name, p.kind == "dart_buoy" ? "DART" : "gauge", String(format: "%.0f", p.distanceKm), p.eta ?? "—",
                 p.travelSeconds.map { String(format: "%d:%02d", Int($0 / 3600), Int($0 / 60) % 60) } ?? "—",
                 p.amplitude.map { String(format: "%.2f", $0) } ?? "—", p.band ?? "—", p.basis]
            }
            Console.out(TextTable.render(header: ["point", "kind", "km", "ETA (UTC)", "travel", "amplitude (m)", "band", "basis"], rows: rows))
            Console.line("Bands at gauges are estimates (Abe 1981; scatter a factor of ~3) unless marked observed. Not a wave simulation.")
            if let out { Console.line("wrote \(out)") }
            if let map { Console.line("wrote \(map)") }
        }
    }
}
