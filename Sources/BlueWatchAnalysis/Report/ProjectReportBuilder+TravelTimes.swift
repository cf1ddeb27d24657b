import BlueWatchCore
import BlueWatchIngest
import BlueWatchStore
import Foundation
import Geodesy

extension ProjectReportBuilder {
    /// Earthquakes this strong or stronger are considered for a project's travel-time map.
    static let travelTimeMagnitude = 6.5
    /// Deeper hypocentres rarely make tsunamis (the warning centres' 100 km rule of thumb).
    static let shallowKm = 100.0

    /// A project draws travel times when its registry entry says it monitors them.
    static func showsTravelTimes(_ project: ProjectRegistry.Project) -> Bool {
        project.monitors.lowercased().contains("travel time")
    }

    /// Travel times of the strongest shallow earthquake (M ≥ 6.5, ≤ 100 km deep) with its
    /// epicentre in the project's regions and period and inside a stored bathymetry grid; ties
    /// go to the later event. Candidates whose forecast fails (epicentre on land in the grid)
    /// are passed over. `cite(datasetID, span)` cites the grid and the catalogue.
    func travelTimes(_ project: ProjectRegistry.Project, regions: [RegionPolygon], stations: [Station], store: any DataStore,
                     cite: (Int64, String?) -> Void) throws -> ProjectReport.TravelTimeSection? {
        guard Self.showsTravelTimes(project), !regions.isEmpty else { return nil }
        let candidates = try store.earthquakes(minimumMagnitude: Self.travelTimeMagnitude).filter { e in
            e.eventType == "earthquake" && (e.depthKm ?? 0) <= Self.shallowKm
                && (from.map { e.time >= $0 } ?? true) && (to.map { e.time < $0 } ?? true)
                && regions.contains { $0.contains(latitude: e.latitude, longitude: e.longitude) }
        }.sorted { ($0.magnitude ?? 0, $0.time) > ($1.magnitude ?? 0, $1.time) }
        let grids = Dictionary(try store.datasets().map { ($0.path, $0.id!) }, uniquingKeysWith: { a, _ in a })
        for (rank, event) in candidates.enumerated() {
            guard let grid = try TsunamiForecast.storedGrid(covering: event, in: store),
                  let forecast = try? TsunamiForecast.compute(event: event, gridPath: grid, stations: stations) else { continue }
            if let id = grids[grid] { cite(id, nil) }
            for id in try store.earthquakeDatasets(eventID: event.id) { cite(id, nil) }
            let magnitude = event.magnitude.map { String(format: "M%.1f", $0) } ?? "M?"
            let depth = event.depthKm.map { String(format: "%.0f km", $0) }
            let when = UTCTime.iso(event.time), place = event.place ?? event.id, rule = "M ≥ \(Self.travelTimeMagnitude)"
            let choice = rank == 0
                ? ReportText("the \(magnitude) earthquake of \(when) (\(place), \(depth.map { "\($0) deep" } ?? "depth unknown")), the strongest of \(candidates.count) shallow \(rule) earthquakes in the project regions and period",
                             zh: "\(when) 的\(magnitude)地震（\(place)，\(depth.map { "震源深度 \($0)" } ?? "深度未知")），为项目海区和报告期内 \(candidates.count) 次浅源 \(rule) 地震中最强的一次")
                : ReportText("the \(magnitude) earthquake of \(when) (\(place), \(depth.map { "\($0) deep" } ?? "depth unknown")), the strongest inside a stored bathymetry grid of \(candidates.count) shallow \(rule) earthquakes in the project regions and period (\(rank) ranked above it — stronger, or as strong and later — lie outside every grid or on land in it)",
                             zh: "\(when) 的\(magnitude)地震（\(place)，\(depth.map { "震源深度 \($0)" } ?? "深度未知")），为项目海区和报告期内 \(candidates.count) 次浅源 \(rule) 地震中位于已存水深格网内的最强一次（排在其前的 \(rank) 次——更强，或同样强但更晚——位于所有格网之外或格网中的陆地上）")
            let arrivals = forecast.points.map {
                ProjectReport.TravelTimeSection.Arrival(station: $0.id, name: $0.name, hours: $0.travelSeconds.map { $0 / 3600 }, eta: $0.eta, band: $0.band)
            }
            return ProjectReport.TravelTimeSection(event: event, choice: choice, grid: URL(fileURLWithPath: grid).lastPathComponent,
                                                   gridBox: .init(south: forecast.latitudes.min()!, north: forecast.latitudes.max()!,
                                                                  west: forecast.longitudes.min()!, east: forecast.longitudes.max()!),
                                                   sourceLengthKm: forecast.source.lengthKm, sourceWidthKm: forecast.source.widthKm,
                                                   isochrones: forecast.isochrones(), arrivals: arrivals)
        }
        return nil
    }
}
