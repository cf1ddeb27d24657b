import BlueWatchCore
import BlueWatchStore
import Foundation
import Geodesy

/// Which stored microplastic samples an analysis uses and how their units are harmonised:
/// filters by matrix, unit, method, time and region, then ``PlasticHarmoniser`` groups.
public struct PlasticSelection: Sendable {
    public var harmoniser = PlasticHarmoniser()
    /// Keep samples taken from this time (UTC seconds) …
    public var from: Double?
    /// … and before this time.
    public var to: Double?
    /// Keep samples inside this region polygon.
    public var region: RegionPolygon?
    /// Choose one group by its key (``HarmonisedGroup/key``); nil picks the largest group.
    public var groupKey: String?

    public init() {}

    /// The samples of the store that pass the time and region filters, with their datasets.
    public func samples(from store: any DataStore) throws -> (samples: [PlasticSample], datasetIDs: [Int64]) {
        var samples: [PlasticSample] = [], ids: [Int64] = []
        for (id, s) in try store.plasticSamplesWithDatasets() where keeps(s) {
            samples.append(s)
            ids.append(id)
        }
        return (samples, ids)
    }

    func keeps(_ s: PlasticSample) -> Bool {
        if let from { guard let t = s.time, t >= from else { return false } }
        if let to { guard let t = s.time, t < to else { return false } }
        if let region {
            guard let lat = s.latitude, let lon = s.longitude, region.contains(latitude: lat, longitude: lon) else { return false }
        }
        return true
    }

    /// The group to analyse and its values: the one named by `groupKey`, else the largest.
    /// Throws when no group remains or the key names none, listing the groups there are.
    public func chooseGroup(_ result: PlasticHarmoniser.Result) throws -> (HarmonisedGroup, [HarmonisedValue]) {
        let ordered = result.ordered
        let listing = ordered.map { "  \($0.key)  (\(result.groups[$0]!.count) samples: \($0))" }.joined(separator: "\n")
        if let groupKey {
            guard let g = ordered.first(where: { $0.key == groupKey }) else {
                throw PlasticAnalysisError.noSuchGroup(groupKey, listing)
            }
            return (g, result.groups[g]!)
        }
        guard let g = ordered.first else { throw PlasticAnalysisError.noSamples }
        return (g, result.groups[g]!)
    }
}

public enum PlasticAnalysisError: Error, CustomStringConvertible {
    case noSamples
    case noSuchGroup(String, String)
    case noPositions(HarmonisedGroup)
    case analysis(String)

    public var description: String {
        switch self {
        case .noSamples: "no microplastic samples match (ingest ../shared/data/microplastics, or loosen --matrix/--unit/--method/--from/--to/--region)"
        case .noSuchGroup(let key, let listing): "no harmonised group '\(key)'; the selection holds:\n\(listing)"
        case .noPositions(let g): "the group \(g) has no samples with coordinates (they are placed by name only), so it cannot be gridded"
        case .analysis(let s): s
        }
    }
}
