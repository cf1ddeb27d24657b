import BlueWatchCore
import BlueWatchIngest
import BlueWatchStore
import Crypto
import Foundation
import Geodesy

/// Gathers a ``ProjectReport`` from the store: station trends (with the values behind them),
/// availability and QC, tsunami detections, microplastic hot spots in the project's regions,
/// alerts, the traffic lights, the methods actually run and every dataset used.
public struct ProjectReportBuilder: Sendable {
    public var registry: StationRegistry
    public var regions: RegionCatalog
    public var from: Double?
    public var to: Double?
    /// Software version, commit and command line for the reproducibility footer.
    public var software: String
    public var commit: String?
    public var command: String

    public init(registry: StationRegistry, regions: RegionCatalog, from: Double? = nil, to: Double? = nil,
                software: String, commit: String?, command: String) {
        self.registry = registry
        self.regions = regions
        self.from = from
        self.to = to
        self.software = software
        self.commit = commit
        self.command = command
    }

    public func build(_ project: ProjectRegistry.Project, store: any DataStore, databasePath: String) throws -> ProjectReport {
        let datasets = Dictionary(uniqueKeysWithValues: try store.datasets().map { ($0.id!, $0) })
        var cited: [String: ProjectReport.Reference] = [:]   // by sha256
        func cite(_ sha: String, span: String?) {
            guard cited[sha] == nil, let d = datasets.values.first(where: { $0.sha256 == sha }) else { return }
            cited[sha] = ProjectReport.Reference(title: d.title, provider: d.provider, version: d.version, doi: d.doi,
                                                 file: URL(fileURLWithPath: d.path).lastPathComponent, sha256: d.sha256,
                                                 ingested: UTCTime.iso(d.ingestedAt.rounded()), span: span)
        }
        let stations = registry.stations.filter { $0.projects.contains(project.id) }
        let projectRegions = regions.regions.filter { project.regions.contains($0.id) }

        // Sea-level stations: trends with every method, the values behind them, QC.
        var sections: [ProjectReport.StationSection] = []
        var qcKinds = Set<String>()
        var runner = StationTrendRunner(from: from, to: to)
        runner.keepValues = true
        for station in stations {
            let records = try store.seriesList(stationID: station.id).filter { $0.kind == .seaLevel && !$0.isDerived }
            guard !records.isEmpty else { continue }
            let reports = try runner.reports(station: station, store: store).sorted { ($0.trend?.valuesUsed ?? 0) > ($1.trend?.valuesUsed ?? 0) }
            guard let primary = reports.first else { continue }
            for r in reports { for s in r.sources { cite(s.sha256, span: r.trend.map { "\($0.start) – \($0.end)" }) } }
            var qc: [String: Int] = [:]
            let primaryParts = primary.series.split(separator: "+").map(String.init)
            // The stored series the trend used: per identifier, the runner's preferred record (monthly first).
            for part in primaryParts {
                if let used = records.filter({ $0.sourceIdentifier == part }).min(by: StationTrendRunner.preference),
                   let summary = try store.qualityControl(seriesID: used.id!) {
                    for (flag, n) in summary.aggregate { qc[QCFlag(byte: UInt8(flag) ?? 2).label, default: 0] += n }
                    qcKinds.insert((summary.kind ?? "unclassified") + (summary.overrides.map { " (\(station.name): \($0))" } ?? ""))
                }
            }
            let (extremes, residualRecord) = try residualExtremes(records, station: station, store: store, cite: cite)
            sections.append(ProjectReport.StationSection(
                id: station.id, name: station.name, country: station.country, latitude: station.latitude, longitude: station.longitude,
                trends: reports, availability: primary.chart?.availability, qc: qc, residualExtremes: extremes, residualRecord: residualRecord,
                returnLevels: try returnLevels(station: station, store: store, cite: cite),
                floodDays: try floodDays(station: station, store: store, cite: cite)))
        }

        // River gauges: stage, levels, indicators per year.
        var rivers: [ProjectReport.RiverSection] = []
        for station in stations where station.kind == .riverGauge {
            guard let r = try RiverIndicatorRunner(from: from, to: to).run(station: station, store: store), !r.series.isEmpty else { continue }
            for record in [r.stage] + (r.maximum.map { [$0] } ?? []) {
                if let d = datasets[record.datasetId] { cite(d.sha256, span: "\(UTCTime.isoDate(r.series.times.first!)) – \(UTCTime.isoDate(r.series.times.last!))") }
            }
            let weekly = Self.weeklyMaxima(r.series)
            rivers.append(ProjectReport.RiverSection(
                id: station.id, name: station.name, river: station.river, country: station.country, record: r.stage.sourceIdentifier,
                levels: r.indicators.levels, chartTimes: weekly.times, chartValues: weekly.values,
                years: r.indicators.years.map {
                    ProjectReport.RiverYear(year: $0.year, days: $0.days, maximum: $0.maximum, maximumDay: $0.maximumDay.map(UTCTime.isoDate), minimum: $0.minimum,
                                            daysAtOrAbove: $0.daysAtOrAbove, droughtDays: $0.droughtDays, droughtDaysJudged: $0.droughtDaysJudged)
                }))
        }

        // Tsunami records: DART and 1-minute gauges.
        var tsunami: [ProjectReport.TsunamiSection] = []
        let events = try store.earthquakes(minimumMagnitude: 6.5)
        for station in stations {
            let records = try store.seriesList(stationID: station.id).filter {
                !$0.isDerived && $0.kind != .seaLevelResidual && $0.descriptor.canShowTsunami
            }
            for record in records {
                if let from, record.timeEnd < from { continue }
                if let to, record.timeStart >= to { continue }
                let series = try store.readSeries(id: record.id!, from: from, to: to)
                guard series.count > 60 else { continue }
                let source = datasets[record.datasetId].map { StationTrendRunner.source($0) }
                let r = TsunamiDetectionRunner().report(station: station, identifier: record.sourceIdentifier, descriptor: record.descriptor,
                                                        series: series, sources: source.map { [$0] } ?? [], events: events)
                if let source { cite(source.sha256, span: "\(UTCTime.iso(series.times.first!)) – \(UTCTime.iso(series.times.last!))") }
                var findings: [ReportText] = []
                if let arrival = r.tsunamiArrival {
                    let peak = r.maximumAmplitude.map { String(format: "%.2f", $0) }
                    findings.append(ReportText("tsunami arrival \(arrival)" + (peak.map { ", maximum \($0) m" } ?? ""),
                                               zh: "海啸到达 \(arrival)" + (peak.map { "，最大 \($0) m" } ?? "")))
                }
                // The runner's only failure: a record without a valid value.
                if let f = r.failure { findings.append(ReportText("not analysed: \(f)", zh: "未分析：记录中没有有效值")) }
                if r.tsunamiArrival == nil && r.failure == nil { findings.append(ReportText("no tsunami detected", zh: "未检测到海啸")) }
                tsunami.append(ProjectReport.TsunamiSection(station: station.id, name: station.name, record: record.sourceIdentifier,
                                                            kind: r.detector, event: r.event, findings: findings))
            }
        }

        // Microplastics in the project's regions: the largest harmonised group, never mixed.
        var plastics: ProjectReport.PlasticsSection?
        if project.indicators.contains(where: { $0.kind == .hotspots }) || project.monitors.lowercased().contains("microplastic") {
            var selection = PlasticSelection()
            selection.from = from
            selection.to = to
            let all = try selection.samples(from: store)
            var samples: [PlasticSample] = [], ids: [Int64] = []
            for (s, id) in zip(all.samples, all.datasetIDs) {
                guard let lat = s.latitude, let lon = s.longitude, projectRegions.contains(where: { $0.contains(latitude: lat, longitude: lon) }) else { continue }
                samples.append(s)
                ids.append(id)
            }
            let harmonised = selection.harmoniser.harmonise(samples)
            if let (group, values) = try? selection.chooseGroup(harmonised) {
                var options = PlasticGridAnalysis.Options()
                options.hotSpots = true
                let analysis = try? PlasticGridAnalysis(group: group, values: values, options: options)
                for v in values { if let d = datasets[ids[v.sample]] { cite(d.sha256, span: nil) } }
                plastics = ProjectReport.PlasticsSection(
                    group: group.description, groupZH: group.descriptionZH, samples: values.count, cells: analysis?.cells.cells.count ?? 0,
                    hotSpots: analysis?.giStar?.hotSpots ?? 0, coldSpots: analysis?.giStar?.coldSpots ?? 0,
                    regions: PlasticRegionSummary.summarise(values, unit: group.unit, regions: projectRegions),
                    hotCells: analysis?.cellRows.filter { $0.spot == "hot" } ?? [],
                    notMixed: harmonised.ordered.filter { $0 != group }.map { "\($0) (\(harmonised.groups[$0]!.count))" })
            }
        }

        let travelTimes = try travelTimes(project, regions: projectRegions, stations: stations, store: store) { id, span in
            if let d = datasets[id] { cite(d.sha256, span: span) }
        }

        // Alerts raised in the period at the project's stations (and plastics cells).
        let stationIDs = Set(stations.map(\.id))
        let hasPlastics = plastics != nil
        // Plastics alerts belong to a project only when their cell lies inside its regions.
        func inRegions(_ cell: String) -> Bool {
            guard let (lat, lon) = Self.cellCentre(cell) else { return false }
            return projectRegions.contains { $0.contains(latitude: lat, longitude: lon) }
        }
        let alerts = try store.alerts(limit: 100_000).filter { a in
            (stationIDs.contains(a.stationId) || (hasPlastics && a.stationId.hasPrefix("cell ") && inRegions(a.stationId)))
                && (from.map { a.openedAt >= $0 } ?? true) && (to.map { a.openedAt < $0 } ?? true)
        }.map { ProjectReport.AlertLine(id: $0.id!, rule: $0.ruleId, station: $0.stationId, severity: $0.severity, headline: $0.headline,
                                        opened: UTCTime.iso($0.openedAt), status: $0.status) }

        let indicators = project.indicators.map { indicator(for: $0, sections: sections, alerts: alerts, plastics: plastics, rivers: rivers) }
        let gaps = try dataGaps(project, stations: stations, rivers: rivers, store: store, indicators: indicators)
        let judged = indicators.map(\.colour).filter { $0 != .grey }
        let status = judged.max() ?? .grey

        // Footer: the store's state.
        let fingerprint = Self.fingerprint(Array(datasets.values))
        let footer = ProjectReport.Footer(software: software, commit: commit, command: command, database: databasePath,
                                          lastIngest: datasets.values.map(\.ingestedAt).max().map { UTCTime.iso($0.rounded()) },
                                          storeFingerprint: fingerprint, generated: UTCTime.iso(Date().timeIntervalSince1970.rounded()))
        return ProjectReport(
            project: project,
            from: from.map { UTCTime.isoDate($0) }, to: to.map { UTCTime.isoDate($0) }, status: status, indicators: indicators,
            stations: sections, tsunami: tsunami, rivers: rivers, dataGaps: gaps,
            plastics: plastics, travelTimes: travelTimes, alerts: alerts,
            methods: methods(sections: sections, plastics: plastics, tsunami: tsunami, travelTimes: travelTimes, qcKinds: qcKinds.sorted(),
                             looksForTravelTimes: Self.showsTravelTimes(project)),
            references: cited.values.sorted { ($0.provider ?? "", $0.title, $0.file) < ($1.provider ?? "", $1.title, $1.file) },
            stationPoints: stations.filter { $0.latitude.isFinite && $0.longitude.isFinite }.map {
                ProjectReport.StationPoint(id: $0.id, name: $0.name, kind: $0.kind.rawValue, latitude: $0.latitude, longitude: $0.longitude)
            },
            regionOutlines: projectRegions.map { r in
                ProjectReport.RegionOutline(id: r.id, name: r.name, nameZH: regions.chineseNames[r.id], longitudes: r.ring.map(\.longitude), latitudes: r.ring.map(\.latitude))
            },
            footer: footer)
    }

    /// The centre of a plastics alert's cell from its name ("cell 34.50°N 140.50°W").
    static func cellCentre(_ name: String) -> (Double, Double)? {
        let parts = name.split(separator: " ")
        guard parts.count == 3, parts[0] == "cell" else { return nil }
        func coordinate(_ s: Substring, _ positive: Character, _ negative: Character) -> Double? {
            guard let hemisphere = s.last, hemisphere == positive || hemisphere == negative,
                  let v = Double(s.dropLast().replacingOccurrences(of: "°", with: "")) else { return nil }
            return hemisphere == positive ? v : -v
        }
        guard let lat = coordinate(parts[1], "N", "S"), let lon = coordinate(parts[2], "E", "W") else { return nil }
        return (lat, lon)
    }

    /// SHA-256 over the sorted content hashes of `datasets`: equal fingerprints, equal inputs.
    public static func fingerprint(_ datasets: [DatasetRecord]) -> String {
        SHA256.hash(data: Data(datasets.map(\.sha256).sorted().joined(separator: "\n").utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The three largest positive non-tidal residuals, at least three days apart, of the
    /// station's longest hourly record in the period: the tide fitted (OLS, automatic
    /// constituents) to the same record and removed; values flagged fail left out.
    func residualExtremes(_ records: [SeriesRecord], station: Station, store: any DataStore,
                          cite: (String, String?) -> Void) throws -> ([ProjectReport.ResidualExtreme], String?) {
        let hourly = records.filter { ($0.samplingSeconds ?? 0) > 360 && ($0.samplingSeconds ?? .infinity) <= 10_800 }
        guard let record = hourly.max(by: { $0.valueCount < $1.valueCount }) else { return ([], nil) }
        let series = try store.readSeries(id: record.id!, from: from, to: to)
        guard series.count >= 24 * 30, let fit = try? TideFit.analyse(series, latitude: station.latitude.isFinite ? station.latitude : 0) else { return ([], nil) }
        let residual = fit.residual(of: series)
        let order = residual.values.indices.filter { !residual.values[$0].isNaN && residual.flags[$0] != .fail }.sorted { residual.values[$0] > residual.values[$1] }
        var picked: [Int] = []
        for i in order where picked.allSatisfy({ abs(residual.times[$0] - residual.times[i]) >= 3 * 86_400 }) {
            picked.append(i)
            if picked.count == 3 { break }
        }
        if let d = try store.datasets().first(where: { $0.id == record.datasetId }) {
            cite(d.sha256, "\(UTCTime.isoDate(series.times.first!)) – \(UTCTime.isoDate(series.times.last!))")
        }
        return (picked.map { ProjectReport.ResidualExtreme(time: UTCTime.iso(residual.times[$0]), metres: residual.values[$0]) }, record.sourceIdentifier)
    }

    /// Judges one indicator; the rule text states thresholds, value and where it came from.
    func indicator(for i: ProjectRegistry.Indicator, sections: [ProjectReport.StationSection], alerts: [ProjectReport.AlertLine],
                   plastics: ProjectReport.PlasticsSection?, rivers: [ProjectReport.RiverSection]) -> ProjectReport.Indicator {
        var value: Double?
        var unit = ""
        var basis: [ReportText] = []
        switch i.kind {
        case .trend:
            unit = "mm/yr"
            let trends = sections.compactMap { s in s.trends.first?.trend.flatMap { $0.meaningful ? (s.name, $0) : nil } }
            if let (name, t) = trends.max(by: { $0.1.ols.estimate < $1.1.ols.estimate }) {
                value = t.ols.estimate
                let numbers = String(format: "%.2f mm/yr [%.2f, %.2f]", t.ols.estimate, t.ols.lower, t.ols.upper)
                basis.append(ReportText("\(name): \(numbers) (OLS, AR(1)-corrected 95%), \(t.start) – \(t.end)",
                                        zh: "\(name)：\(numbers)（OLS，AR(1)校正的95%置信区间），\(t.start) – \(t.end)"))
            }
            let short = sections.filter { s in !(s.trends.first?.trend?.meaningful ?? false) }.map(\.name)
            if !short.isEmpty {
                basis.append(ReportText("not judged (record too short or gappy for a meaningful trend): " + short.joined(separator: ", "),
                                        zh: "未评估（记录过短或缺测过多，趋势不具统计意义）：" + short.joined(separator: "、")))
            }
        case .availability:
            unit = "%"
            if let lowest = sections.filter({ $0.availability != nil }).min(by: { $0.availability! < $1.availability! }) {
                value = lowest.availability
                let share = String(format: "%.1f %%", lowest.availability!)
                basis.append(ReportText("\(lowest.name): \(share) of months in its record have a monthly mean",
                                        zh: "\(lowest.name)：记录中 \(share) 的月份有月均值"))
            }
        case .alerts:
            unit = "points"
            value = alerts.reduce(0.0) { $0 + (["Extreme", "Severe"].contains($1.severity) ? 3 : 1) }
            let counts = Dictionary(grouping: alerts, by: \.severity).sorted { $0.key < $1.key }
            basis.append(ReportText("\(alerts.count) alert(s): " + (alerts.isEmpty ? "none" : counts.map { "\($0.value.count) \($0.key)" }.joined(separator: ", ")),
                                    zh: "警报 \(alerts.count) 次：" + (alerts.isEmpty ? "无" : counts.map { "\(ReportLanguage.zh($0.key)) \($0.value.count) 次" }.joined(separator: "，"))))
        case .floodDays:
            unit = "days"
            let judged = rivers.compactMap { r -> (String, Int, RiverLevel)? in
                guard let i = r.levels.firstIndex(where: { $0.kind == .flood }) ?? (r.levels.isEmpty ? nil : r.levels.count - 1) else { return nil }
                return (r.name, r.years.reduce(0) { $0 + $1.daysAtOrAbove[i] }, r.levels[i])
            }
            if let (name, days, level) = judged.max(by: { $0.1 < $1.1 }) {
                value = Double(days)
                let stage = String(format: "%.2f m", level.stage)
                basis.append(ReportText("\(name): \(days) days at or above its \(level.kind.label) (\(stage)) in the period",
                                        zh: "\(name)：报告期内有 \(days) 天达到或超过\(level.kind.labelZh)（\(stage)）"))
            }
            let noLevels = rivers.filter { $0.levels.isEmpty }.map(\.name)
            if !noLevels.isEmpty {
                basis.append(ReportText("not judged (no published level): " + noLevels.joined(separator: ", "),
                                        zh: "未评估（无公开水位等级）：" + noLevels.joined(separator: "、")))
            }
        case .hotspots:
            unit = "cells"
            if let p = plastics {
                value = Double(p.hotSpots)
                basis.append(ReportText("\(p.hotSpots) hot and \(p.coldSpots) cold spots among \(p.cells) cells of 1°, group \(p.group), \(p.samples) samples",
                                        zh: "\(p.cells) 个1°网格中有热点 \(p.hotSpots) 个、冷点 \(p.coldSpots) 个；分组 \(p.groupZH)，样本 \(p.samples) 个"))
            }
        }
        let unitZH = ["mm/yr": "mm/yr", "%": "%", "points": "分", "days": "天", "cells": "个网格"][unit] ?? unit
        let fmt = { (x: Double) in String(format: "%g", x) }
        var rule = i.higherIsBetter
            ? ReportText("green above \(fmt(i.green)) \(unit), red below \(fmt(i.red)) \(unit)", zh: "高于 \(fmt(i.green)) \(unitZH) 为绿，低于 \(fmt(i.red)) \(unitZH) 为红")
            : ReportText("green below \(fmt(i.green)) \(unit), red from \(fmt(i.red)) \(unit)", zh: "低于 \(fmt(i.green)) \(unitZH) 为绿，达到 \(fmt(i.red)) \(unitZH) 即为红")
        let colour: ProjectReport.Colour
        if let v = value {
            if i.higherIsBetter { colour = v >= i.green ? .green : v < i.red ? .red : .amber } else { colour = v < i.green ? .green : v >= i.red ? .red : .amber }
            let shown = String(format: "%.4g", v)
            rule.en += "; value \(shown) \(unit) → \(colour.rawValue)"
            rule.zh += "；数值 \(shown) \(unitZH) → \(ReportLanguage.zh(colour.rawValue))"
        } else {
            colour = .grey
            rule.en += "; no value in the period → not judged"
            rule.zh += "；报告期内无数值 → 未评估"
        }
        return ProjectReport.Indicator(kind: i.kind.rawValue, nameEN: i.nameEN, nameZH: i.nameZH, colour: colour, value: value, unit: unit, rule: rule, basis: basis,
                                       rationale: ReportText(i.rationale, zh: i.rationaleZH), rationaleSource: ReportText(i.rationaleSource, zh: i.rationaleSourceZH))
    }

    /// Weekly maxima of a daily series (weeks from 1970-01-01), for charts of decades.
    static func weeklyMaxima(_ series: TimeSeries) -> (times: [Double], values: [Double]) {
        var best: [Int: (Double, Double)] = [:]
        for i in 0..<series.count where series.values[i].isFinite && series.flags[i] != .fail {
            let week = Int((series.times[i] / 604_800).rounded(.down))
            if best[week].map({ series.values[i] > $0.1 }) ?? true { best[week] = (series.times[i], series.values[i]) }
        }
        let sorted = best.sorted { $0.key < $1.key }.map(\.value)
        return (sorted.map(\.0), sorted.map(\.1))
    }

    /// What the project monitors but the store cannot show: no station, stations without data,
    /// indicators left grey; with what would fill each gap (projects.toml `data_needed`).
    func dataGaps(_ project: ProjectRegistry.Project, stations: [Station], rivers: [ProjectReport.RiverSection], store: any DataStore,
                  indicators: [ProjectReport.Indicator]) throws -> [ReportText] {
        var gaps: [ReportText] = []
        let stored = Set(try store.seriesList(stationID: nil).map(\.stationId))
        if stations.isEmpty {
            gaps.append(ReportText("No station of stations/registry.toml serves this project, so nothing it monitors (\(project.monitors)) can be measured here.",
                                   zh: "stations/registry.toml 中没有服务于本项目的站点，因此其监测内容（\(project.monitorsZH)）在此无法测量。"))
        } else {
            let empty = stations.filter { !stored.contains($0.id) && $0.kind != .riverGauge && $0.kind != .beachSurvey }.map(\.name)
            if !empty.isEmpty {
                gaps.append(ReportText("Registered stations without stored data: \(empty.joined(separator: ", ")).",
                                       zh: "已登记但无存储数据的站点：\(empty.joined(separator: "、"))。"))
            }
        }
        let withoutStage = stations.filter { s in s.kind == .riverGauge && !rivers.contains { $0.id == s.id } }.map(\.name)
        if !withoutStage.isEmpty {
            gaps.append(ReportText("River gauges registered without stored stage: \(withoutStage.joined(separator: ", ")).",
                                   zh: "已登记但无水位数据的河流水文站：\(withoutStage.joined(separator: "、"))。"))
        }
        for i in indicators where i.colour == .grey {
            gaps.append(ReportText("\(i.nameEN): not judged — no value in the period.", zh: "\(i.nameZH)：未评估——报告期内无数值。"))
        }
        // Extremes need high waters: daily and monthly means smooth them away (issue 21).
        if project.monitors.contains("extremes") {
            let series = try store.seriesList(stationID: nil)
            let withData = stations.filter { s in series.contains { $0.stationId == s.id && $0.kind == .seaLevel } }
            let noHourly = withData.filter { s in !series.contains { $0.stationId == s.id && $0.kind == .seaLevel && ($0.samplingSeconds ?? .infinity) <= 3600 } }.map(\.name)
            if !noHourly.isEmpty {
                gaps.append(ReportText("No hourly record, so no tidal datums or flood days: \(noHourly.joined(separator: ", ")).",
                                       zh: "无逐时记录，故无潮汐基准面和高潮洪水天数：\(noHourly.joined(separator: "、"))。"))
            }
        }
        if !gaps.isEmpty, let needed = project.dataNeeded {
            gaps.append(ReportText("What would fill the gaps: \(needed)", zh: "可填补缺口的数据：\(project.dataNeededZH ?? needed)"))
        }
        return gaps
    }

    /// The methods actually run, in words.
    func methods(sections: [ProjectReport.StationSection], plastics: ProjectReport.PlasticsSection?, tsunami: [ProjectReport.TsunamiSection],
                 travelTimes: ProjectReport.TravelTimeSection?, qcKinds: [String], looksForTravelTimes: Bool) -> [ReportText] {
        var out: [ReportText] = []
        if let t = sections.lazy.compactMap({ $0.trends.first?.trend }).first {
            out.append(ReportText(
                "Sea-level trends: \(t.aggregation); model \(t.model.joined(separator: " + ")); OLS with a 95 % interval corrected for AR(1) serial correlation (NOAA CO-OPS practice), Sen's slope with its interval, Mann-Kendall (original and Hamed-Rao). A trend is called meaningful only over at least 30 years with two thirds of the months present. Each record of a station is drawn about its own mean; records the registry ties are joined into one.",
                zh: "海平面趋势：月均值（逐时或逐日数据先按UHSLC规则求日均值，一天需75%的数据，一月最多缺7天；月数据按原样使用）；模型含截距、线性趋势、季节项（月数据时）和登记的基准阶跃；OLS的95%置信区间按AR(1)序列相关校正（NOAA CO-OPS做法），Sen斜率及其区间，Mann-Kendall检验（原始与Hamed-Rao修正）。只有跨度至少30年且三分之二月份有值的趋势才视为有统计意义。每站的每条记录围绕其自身均值绘制；登记表中基准已衔接的记录合并为一条。"))
            out.append(ReportText(
                "Quality control: QARTOD tests (ioos_qc semantics) at ingest with the thresholds of stations/qc.toml for the kinds " + qcKinds.joined(separator: "; ") + "; trends use values flagged pass or not evaluated (suspect and fail left out, counted per station).",
                zh: "质量控制：导入时按QARTOD测试（ioos_qc语义），阈值按序列类型和站点覆盖取自 stations/qc.toml（本报告用到 \(qcKinds.count) 种）；趋势只用标记为通过或未评估的数值（可疑和失败的数值剔除，并按站计数）。"))
        }
        if sections.contains(where: { !$0.residualExtremes.isEmpty }) {
            out.append(ReportText(
                "Residual extremes: the tide fitted to each station's hourly record in the period (UTide's method, automatic constituents by the Rayleigh criterion, OLS) and removed; the three largest positive residuals at least three days apart.",
                zh: "余水位极值：对每站报告期内的逐时记录拟合潮汐（UTide方法，按Rayleigh准则自动选取分潮，OLS）并扣除；列出相隔至少三天的三个最大正余水位。"))
        }
        if sections.contains(where: { $0.returnLevels != nil }) {
            out.append(ReportText(
                "Return levels: annual maxima per calendar year (years with at least 80 % of their values), a generalised extreme-value distribution fitted by maximum likelihood, 95 % profile-likelihood intervals (Coles 2001, An Introduction to Statistical Modeling of Extreme Values, §3.3); checked against SciPy and pyextremes. `bluewatch extremes` adds bootstrap intervals, peaks over a threshold and a location moving in time.",
                zh: "重现水位：按日历年取年最大值（该年至少有80%的数据），用最大似然法拟合广义极值分布（GEV），95%剖面似然区间（Coles 2001，《极值统计建模导论》§3.3）；结果已与SciPy和pyextremes核对。BlueWatch命令行还提供自助法区间、超阈值峰值法和随时间变化的位置参数。"))
        }
        if sections.contains(where: { $0.floodDays != nil }) {
            out.append(ReportText(
                "High-tide flooding: days (UTC) whose highest hourly water reaches NOAA's derived minor flood threshold, 0.04 × the great diurnal range + 0.50 m above MHHW (Sweet et al. 2018, NOAA Technical Report NOS CO-OPS 086), MHHW and the range from the harmonic prediction over 1983–2001 of the station's hourly record. Outlooks follow NOAA's annual outlook method in outline (Sweet, Marra & Dusek 2019, NOAA TR NOS CO-OPS 092): each day's highest predicted tide, plus mean sea level moved by the station's longest meaningful trend, plus a skew surge drawn from the record's own days; the range is 5–95 %. With one year of hourly data the surge climatology is that year's. Years differ by more than the trend: the 18.6-year lunar nodal cycle and the 4.4-year perigean cycle move the tide's range.",
                zh: "高潮洪水：每天（UTC）最高逐时水位达到NOAA推导的轻度洪水阈值（平均高高潮面以上0.04倍大潮差加0.50 m；NOAA技术报告CO-OPS 086，2018）的天数；平均高高潮面和潮差取自该站逐时记录在1983–2001年的调和预报。展望按NOAA年度展望方法（NOAA技术报告CO-OPS 092，2019）的要点：每天最高预报潮位，加上按该站最长有意义趋势外推的平均海平面，再加从记录自身各天抽取的偏斜增水；区间为5–95%。只有一年逐时数据时，增水气候态即该年的。各年差异大于趋势：18.6年的月球交点周期和4.4年的近地点周期会改变潮差。"))
        }
        if !tsunami.isEmpty {
            out.append(ReportText(
                "Tsunami detection: DART records with NOAA's Mofjeld (1997) algorithm (30 mm); 1-minute gauges de-tided by robust harmonic analysis, band-passed 5–120 min causally, 3 of 5 samples beyond 5× the preceding 12 h noise.",
                zh: "海啸检测：DART记录采用NOAA的Mofjeld（1997）算法（30 mm）；1分钟验潮记录经稳健调和分析去潮，因果带通滤波5–120 min，5个样本中有3个超过此前12 h噪声的5倍即判为检出。"))
        }
        if let p = plastics {
            out.append(ReportText(
                "Microplastics: samples inside the project regions, one harmonised group (\(p.group)), 1° cells with WGS84 areas, Getis-Ord Gi* of the cell median (band 334 km, 999 conditional permutations, Benjamini-Hochberg FDR 0.05).",
                zh: "微塑料：项目海区内的样本，单一统一分组（\(p.groupZH)），1°网格按WGS84椭球计算面积，网格中位数的Getis-Ord Gi*统计量（距离带334 km，999次条件置换，Benjamini-Hochberg FDR 0.05）。"))
        }
        if let t = travelTimes {
            let size = String(format: "%.0f × %.0f km", t.sourceLengthKm, t.sourceWidthKm)
            out.append(ReportText(
                "Tsunami travel times: \(t.choice.en). First-order fast marching (Sethian 1996) with the long-wave speed √(g·h) over \(t.grid) from a source region of \(size) (Blaser et al. 2010 scaling); isochrones every hour on the map. An estimate for planning, not a simulation of the wave.",
                zh: "海啸传播时间：\(t.choice.zh)。以长波波速√(g·h)在 \(t.grid) 上做一阶快速行进法计算（Sethian 1996），震源区 \(size)（按Blaser等2010年的标度关系）；地图上每小时一条等时线。这是供规划用的估算，不是波浪的数值模拟。"))
        } else if looksForTravelTimes {
            let rule = "≤ \(Int(Self.shallowKm)) km, M ≥ \(Self.travelTimeMagnitude)"
            out.append(ReportText(
                "Tsunami travel times: no shallow (\(rule)) earthquake in the project regions and period lies inside a stored bathymetry grid, so the map has no isochrones.",
                zh: "海啸传播时间：项目海区和报告期内没有位于已存水深格网内的浅源地震（\(rule)），因此地图上没有等时线。"))
        }
        out.append(ReportText("Traffic lights: thresholds in stations/projects.toml; the project's status is its worst judged indicator.",
                              zh: "交通灯：阈值见 stations/projects.toml；项目状态取已评估指标中最差者。"))
        return out
    }
}
