import BlueWatchCore

extension SeriesRecord {
    /// Which of a station's records are copies of each other (``DuplicateRecords``): same
    /// variable, derived mark and sampling, the same values on common time stamps. In each group
    /// the canonical record (research quality > unspecified > fast delivery > derived, then most
    /// values, then first stored) keeps `canonicalId = nil`; the others point to it.
    /// Returns the records whose `canonicalId` must change, with the new value. `versions` maps
    /// dataset ids to their provider versions; `decode` reads a stored series (inside the
    /// caller's transaction).
    static func canonicalChanges(of records: [SeriesRecord], versions: [Int64: String?],
                                 decode: (Int64) throws -> TimeSeries) throws -> [(id: Int64, canonicalId: Int64?)] {
        var canonical: [Int64: Int64?] = Dictionary(uniqueKeysWithValues: records.compactMap { $0.id }.map { ($0, nil) })
        let groups = Dictionary(grouping: records) { r in "\(r.variable)|\(r.isDerived)|\(Sampling.label(seconds: r.samplingSeconds))" }
        for (_, members) in groups where members.count > 1 {
            let ids = members.compactMap(\.id)
            guard ids.count == members.count else { continue }
            let series = try ids.map(decode)
            for group in DuplicateRecords.groups(series) {
                let candidates = group.map { i in
                    DuplicateRecords.Candidate(id: ids[i], version: .init(version: versions[members[i].datasetId] ?? nil, isDerived: members[i].isDerived),
                                               validCount: members[i].validCount)
                }
                guard let best = DuplicateRecords.canonical(candidates) else { continue }
                for c in candidates where c.id != best.id { canonical[c.id] = best.id }
            }
        }
        return records.compactMap { r in
            guard let id = r.id, let wanted = canonical[id], r.canonicalId != wanted else { return nil }
            return (id, wanted)
        }
    }
}
