import BlueWatchCore
import BlueWatchIngest
import BlueWatchStore
import Foundation
import Geodesy

extension AlertEngine {
    /// A plastics rule: when microplastic samples have been ingested since the rule's watermark
    /// (their ingest time: new samples may describe old cruises), Gi* hot spots of the rule's
    /// harmonised group are computed again; each hot cell without an open alert opens one, an
    /// open cell whose z-score grew by `update_growth` is updated, and an open cell that is no
    /// longer a hot spot is closed. Cells are keyed on a global grid of the rule's resolution,
    /// so a cell keeps its alert however the data extent changes.
    func evaluatePlastics(_ rule: AlertConfiguration.Rule, _ hotSpots: AlertConfiguration.Rule.HotSpotSelection, store: any DataStore, now: Double, open: [String: AlertRecord],
                          marks: [String: Double], replay: Bool, into outcome: inout Outcome) throws {
        guard let arrived = try store.latestPlasticIngest(), arrived <= now || replay else { return }
        if let mark = marks["\(rule.id)|0"], arrived <= mark { return }
        outcome.watermarks.append((rule.id, 0, arrived))
        outcome.evaluated += 1
        var selection = PlasticSelection()
        selection.groupKey = hotSpots.group
        if let id = hotSpots.region { selection.region = regions.first { $0.id == id } }
        let harmonised = selection.harmoniser.harmonise(try selection.samples(from: store).samples)
        guard let (group, values) = try? selection.chooseGroup(harmonised) else { return }
        var options = PlasticGridAnalysis.Options()
        options.resolution = hotSpots.resolution
        options.bandKm = hotSpots.bandKm
        options.alpha = hotSpots.alpha
        options.hotSpots = true
        guard let analysis = try? PlasticGridAnalysis(group: group, values: values, options: options), let gi = analysis.giStar else { return }
        let resolution = options.resolution
        let columns = Int((360 / resolution).rounded())
        func key(_ lat: Double, _ lon: Double) -> Int64 {
            let row = Int64(((lat + 90) / resolution).rounded(.down)), col = Int64(((lon + 180) / resolution).rounded(.down))
            return -(row * Int64(columns) + col + 1)
        }
        var hot: [Int64: PlasticGridAnalysis.Cell] = [:]
        for cell in analysis.cellRows where cell.spot == "hot" { hot[key(cell.latitude, cell.longitude)] = cell }
        let mine = open.values.filter { $0.ruleId == rule.id }
        for (series, cell) in hot.sorted(by: { $0.key < $1.key }) {
            let z = cell.giZ ?? 0
            let place = String(format: "%.2f°%@ %.2f°%@", abs(cell.latitude), cell.latitude >= 0 ? "N" : "S", abs(cell.longitude), cell.longitude >= 0 ? "E" : "W")
            let headline = String(format: "Microplastic hot spot at %@: median %.3g %@ (Gi* z = %.1f)", place, cell.median, group.unit.rawValue, z)
            let description = "Getis-Ord Gi* of the cell median over \(resolution)° cells (band \(Int(options.band)) km, \(gi.permutations) permutations, "
                + String(format: "FDR %.2g: p = %.4f); group %@; %d samples in the cell.", gi.alpha, cell.giP ?? 1, group.description, cell.samples)
            let diagonalKm = Geodesic.wgs84.distance(latitude1: cell.latitude - resolution / 2, longitude1: cell.longitude - resolution / 2,
                                                     latitude2: cell.latitude + resolution / 2, longitude2: cell.longitude + resolution / 2) / 1000
            let existing = mine.first { $0.seriesId == series }
            let parameters = [("rule", rule.id), ("group", group.key), ("cell", place), ("gi_z", String(format: "%.3f", z)),
                              ("median", String(format: "%.4g", cell.median)), ("unit", group.unit.rawValue)]
            func message(_ type: CAPMessage.MessageType, opened: Double, version: Int, alertId: Int64?) throws -> CAPMessage {
                CAPMessage(identifier: Self.capIdentifier(rule: rule.id, key: Self.capKey(seriesId: series), opened: opened, type: type, version: version),
                                  sender: configuration.sender, sent: now, msgType: type,
                                  references: try capReferences(type, alertId: alertId, store: store, replay: replay), category: "Env", event: "Microplastic hot spot", urgency: type == .cancel ? .past : .future,
                                  severity: rule.severity, certainty: .likely, headline: type == .cancel ? "Ended: " + headline : headline,
                                  description: type == .cancel ? "The cell is no longer a hot spot after new samples." : description, instruction: nil,
                                  areaDescription: "\(resolution)° cell centred at \(place)", circle: (cell.latitude, cell.longitude, diagonalKm / 2),
                                  parameters: parameters)
            }
            if existing == nil {
                let alert = AlertRecord(ruleId: rule.id, seriesId: series, stationId: "cell \(place)", severity: rule.severity.rawValue,
                                        event: "Microplastic hot spot", headline: headline, magnitude: z, openedAt: arrived)
                outcome.changes.append(.open(alert, try message(.alert, opened: arrived, version: 1, alertId: nil)))
                outcome.lines.append("NEW     \(rule.id) cell \(place) \(rule.severity.rawValue): \(headline)")
            } else if let existing, let old = existing.magnitude, z >= old * (1 + rule.updateGrowth) {
                outcome.changes.append(.update(alertId: existing.id!, version: existing.version, magnitude: z, headline: headline, source: nil, at: now,
                                               message: try message(.update, opened: existing.openedAt, version: existing.version + 1, alertId: existing.id)))
                outcome.lines.append("UPDATE  \(rule.id) cell \(place) \(rule.severity.rawValue): \(headline) (alert \(existing.id!))")
            }
        }
        for existing in mine where hot[existing.seriesId] == nil {
            let cancel = CAPMessage(identifier: Self.capIdentifier(rule: rule.id, key: Self.capKey(seriesId: existing.seriesId), opened: existing.openedAt, type: .cancel, version: existing.version),
                                    sender: configuration.sender, sent: now, msgType: .cancel,
                                    references: try capReferences(.cancel, alertId: existing.id, store: store, replay: replay),
                                    category: "Env", event: "Microplastic hot spot", urgency: .past, severity: rule.severity, certainty: .likely,
                                    headline: "Ended: " + existing.headline, description: "The cell is no longer a hot spot after new samples.", instruction: nil,
                                    areaDescription: existing.stationId, parameters: [("rule", rule.id)])
            outcome.changes.append(.close(alertId: existing.id!, version: existing.version, at: now, message: cancel))
            outcome.lines.append("CLOSED  \(rule.id) \(existing.stationId): \(existing.headline) (alert \(existing.id!))")
        }
    }
}
