import BlueWatchCore
import Foundation

extension ProjectReport {
    static let css = """
        body{font-family:"Noto Sans","Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;margin:2em auto;max-width:820px;color:#222;line-height:1.4}
        h1{font-size:1.5em;margin-bottom:.2em}h2{border-bottom:2px solid #2166ac;padding-bottom:.2em;margin-top:1.6em}
        table{border-collapse:collapse;width:100%;font-size:.85em;margin:.5em 0}th,td{border:1px solid #ccc;padding:.25em .4em;text-align:left;vertical-align:top}
        th{background:#f0f4f8}.light{display:inline-block;width:1em;height:1em;border-radius:50%;vertical-align:middle;margin-right:.3em;border:1px solid #555}
        .green{background:#1a9850}.amber{background:#fdae61}.red{background:#d73027}.grey{background:#bbb}
        .small{font-size:.8em;color:#555}code{font-size:.85em}svg{max-width:100%;height:auto}
        footer{margin-top:2em;font-size:.8em;color:#555;border-top:1px solid #ccc}
        @page{size:A4;margin:14mm 12mm}
        @media print{body{margin:0;max-width:none}h2,h3{break-after:avoid}svg,tr,figure{break-inside:avoid}}
        """

    /// A self-contained HTML page: inline CSS and SVG, no network access, prints well. Every
    /// word is in the chosen language; names, identifiers and cited titles are marked
    /// `translate="no"`.
    /// - Parameter shorelines: coastline polylines for the map (``mapExtent``; longitudes in its
    ///   convention), e.g. from GSHHG; none draws the map without coasts.
    public func html(language l: ReportLanguage = .both, shorelines: [[(longitude: Double, latitude: Double)]] = []) -> String {
        func e(_ s: String) -> String { escapeXML(s) }
        func w(_ key: String) -> String { escapeXML(l(key)) }
        func name(_ s: String) -> String { "<span translate=\"no\">\(escapeXML(s))</span>" }
        func light(_ c: Colour) -> String { "<span class=\"light \(c.rawValue)\" title=\"\(c.rawValue)\"></span>\(w(c.rawValue))" }
        let title = l == .zh ? e(project.titleZH) : l == .en ? e(project.titleEN) : "\(e(project.titleEN))<br>\(e(project.titleZH))"
        let partners = ReportText(project.partners.joined(separator: ", "), zh: project.partnersZH.joined(separator: "、"))
        var h = "<!DOCTYPE html>\n<html lang=\"\(l == .zh ? "zh" : "en")\"><head><meta charset=\"utf-8\"><title>\(e(project.id)) — BlueWatch</title><style>\(Self.css)</style></head><body>\n"
        h += "<header><div class=\"small\">\(name("BlueWatch")) · \(w("report")) · <code>\(e(project.id))</code></div><h1>\(title)</h1>"
        h += "<p>\(w("partners")): \(partners.html(l))<br>\(w("source")): <code>\(e(project.source))</code>, \(w("item")) <code>\(e(project.item))</code>"
        h += "<br>\(w("period")): \(e(from ?? l("start"))) – \(e(to ?? l("end")))</p>"
        h += "<p id=\"status\"><strong>\(w("status")):</strong> \(light(status))</p></header>\n"

        h += "<h2>\(w("indicators"))</h2><table id=\"indicators\"><tr><th>\(w("indicator"))</th><th>\(w("status"))</th><th>\(w("rule"))</th></tr>"
        for i in indicators {
            let label = l == .zh ? e(i.nameZH) : l == .en ? e(i.nameEN) : "\(e(i.nameEN))<br>\(e(i.nameZH))"
            h += "<tr><td>\(label)</td><td>\(light(i.colour))</td><td>\(i.rule.html(l))" + i.basis.map { "<br><span class=\"small\">\($0.html(l))</span>" }.joined()
            if !i.rationale.en.isEmpty {
                h += "<br><span class=\"small rationale\"><strong>\(w("rationale")):</strong> \(i.rationale.html(l)) (\(i.rationaleSource.html(l)))</span>"
            }
            h += "</td></tr>"
        }
        if indicators.isEmpty { h += "<tr><td colspan=\"3\">\(w("none"))</td></tr>" }
        h += "</table>\n"
        if !dataGaps.isEmpty {
            h += "<h2>\(w("gaps"))</h2><ul id=\"data-gaps\">" + dataGaps.map { "<li>\($0.html(l))</li>" }.joined() + "</ul>\n"
        }

        let map = mapSVG(language: l, shorelines: shorelines)
        if !map.isEmpty {
            var caption = [ReportLanguage.text("mapcaption")]
            if travelTimes != nil { caption.append(ReportLanguage.text("mapisochrones")) }
            caption.append(ReportLanguage.text("graticule"))
            if !shorelines.isEmpty { caption.append(ReportLanguage.text("coastlines")) }
            h += "<h2>\(w("map"))</h2><figure id=\"map\">\(map)<figcaption class=\"small\">\(ReportText.joined(caption, en: " · ", zh: " · ").html(l))</figcaption></figure>\n"
        }

        if !stations.isEmpty {
            h += "<h2>\(w("stations"))</h2>\n"
            for s in stations {
                h += "<section class=\"station\" id=\"station-\(e(s.id))\"><h3>\(name(s.name)) <span class=\"small\">(<code>\(e(s.id))</code>, \(name(s.country)), \(String(format: "%.3f, %.3f", s.latitude, s.longitude)))</span></h3>"
                h += Self.chartSVG(s, language: l)
                h += "<table class=\"trend\"><tr><th>\(w("record"))</th><th>\(w("method"))</th><th>\(w("trend")) (mm/yr)</th><th>\(w("interval"))</th><th>\(w("notes"))</th></tr>"
                for r in s.trends {
                    guard let t = r.trend else {
                        h += "<tr><td><code>\(e(r.series))</code></td><td colspan=\"4\">\(r.failure.map { l == .zh ? w("notrend") : e($0) } ?? w("notrend"))</td></tr>"
                        continue
                    }
                    h += "<tr><td rowspan=\"3\"><code>\(e(r.series))</code><br><span class=\"small\">\(e(Self.samplingText(r.sampling)(l)))</span></td><td>\(w("ols"))</td>"
                    h += String(format: "<td>%.2f</td><td>[%.2f, %.2f]</td><td rowspan=\"3\" class=\"small\">%@</td></tr>", t.ols.estimate, t.ols.lower, t.ols.upper, Self.trendNote(t).html(l))
                    if let robust = t.robust {
                        h += String(format: "<tr><td>%@</td><td>%.2f</td><td>[%.2f, %.2f]</td></tr>", w("sen"), robust.senSlope.estimate, robust.senSlope.lower, robust.senSlope.upper)
                        h += String(format: "<tr><td>%@</td><td>τ %.3f</td><td>p = %.3g</td></tr>", w("mk"), robust.hamedRao.tau, robust.hamedRao.p)
                    }
                }
                h += "</table>"
                if let record = s.residualRecord, !s.residualExtremes.isEmpty {
                    h += "<p class=\"small residuals\">\(w("residuals")) (<code>\(e(record))</code>, \(w("tideremoved"))): "
                        + s.residualExtremes.map { String(format: "%+.2f m (%@)", $0.metres, e($0.time)) }.joined(separator: "; ") + "</p>"
                }
                if let r = s.returnLevels { h += Self.returnLevelsHTML(r, language: l) }
                if let f = s.floodDays { h += Self.floodDaysHTML(f, stationName: s.name, language: l) }
                let qc = s.qc.sorted { $0.key < $1.key }.map { "\(l($0.key)) \($0.value)" }.joined(separator: ", ")
                h += "<p class=\"small\">\(w("availability")): \(s.availability.map { String(format: "%.1f %%", $0) } ?? "—") · \(w("qc")): \(e(qc.isEmpty ? "—" : qc))</p></section>\n"
            }
        }

        h += riverHTML(l)

        if !tsunami.isEmpty {
            h += "<h2>\(w("tsunami"))</h2><table id=\"tsunami\"><tr><th>\(w("station"))</th><th>\(w("record"))</th><th>\(w("findings"))</th></tr>"
            for t in tsunami {
                let kind = t.kind.hasPrefix("DART") ? e(t.kind) : w("tidegauge")
                let event = t.event.map { ["\(w("earthquake")): \(name($0))"] } ?? []
                h += "<tr><td>\(name(t.name))</td><td><code>\(e(t.record))</code><br><span class=\"small\">\(kind)</span></td><td>\((event + t.findings.map { $0.html(l) }).joined(separator: "<br>"))</td></tr>"
            }
            h += "</table>\n"
        }

        if let t = travelTimes {
            h += "<h2>\(w("traveltimes"))</h2><p id=\"travel-times\">\(w("isochrones")): \(t.choice.html(l)). \(w("bathymetry")) <code>\(e(t.grid))</code>.</p>"
            h += "<table id=\"arrivals\"><tr><th>\(w("station"))</th><th>\(w("traveltime"))</th><th>\(w("eta"))</th><th>\(w("threat"))</th></tr>"
            for a in t.arrivals {
                h += "<tr><td>\(name(a.name))</td><td>\(a.hours.map { String(format: "%.1f h", $0) } ?? w("notreached"))</td><td>\(e(a.eta ?? "—"))</td><td>\(e(a.band ?? "—"))</td></tr>"
            }
            if t.arrivals.isEmpty { h += "<tr><td colspan=\"4\">\(w("none"))</td></tr>" }
            h += "</table>\n"
        }

        if let p = plastics {
            h += "<h2>\(w("plastics"))</h2><p>\(ReportText(p.group, zh: p.groupZH).html(l)): \(p.samples) \(w("samples")), \(p.cells) \(w("cells")), \(p.hotSpots) \(w("hotspots")), \(p.coldSpots) \(w("coldspots")).</p>"
            h += "<table id=\"plastics\"><tr><th>\(w("region"))</th><th>\(w("samples"))</th><th>\(w("years"))</th><th>\(w("median"))</th><th>p90</th><th>\(w("max"))</th></tr>"
            for r in p.regions {
                let zhName = regionOutlines.first { $0.id == r.region }?.nameZH
                let region = l == .zh ? e(zhName ?? r.regionName) : l == .en ? e(r.regionName) : e(r.regionName + (zhName.map { " / \($0)" } ?? ""))
                h += String(format: "<tr><td>%@</td><td>%d</td><td>%@</td><td>%.4g</td><td>%.4g</td><td>%.4g</td></tr>", region, r.samples,
                            r.firstYear.map { "\($0)–\(r.lastYear!)" } ?? "—", r.median, r.p90, r.maximum)
            }
            h += "</table>"
            if !p.notMixed.isEmpty { h += "<p class=\"small\">\(w("notmixed")): <code>\(e(p.notMixed.joined(separator: "; ")))</code></p>" }
        }

        h += "<h2>\(w("alerts"))</h2>"
        if alerts.isEmpty { h += "<p>\(w("none"))</p>" } else {
            h += "<table id=\"alerts\"><tr><th>\(w("opened"))</th><th>\(w("severity"))</th><th>\(w("alert"))</th><th>\(w("alertstatus"))</th></tr>"
            for a in alerts {
                // The headline is the CAP message's own (English) text: shown in English reports.
                let headline = l == .zh ? "" : "\(e(a.headline))<br>"
                h += "<tr><td>\(e(a.opened))</td><td>\(w(a.severity))</td><td>\(headline)<span class=\"small\">\(w("rulename")) <code>\(e(a.rule))</code>, <code>\(e(a.station))</code>, \(w("alert")) \(a.id)</span></td><td>\(w(a.status))</td></tr>"
            }
            h += "</table>"
        }

        h += "\n<h2>\(w("methods"))</h2><ul>" + methods.map { "<li>\($0.html(l))</li>" }.joined() + "</ul>\n"
        h += "<h2>\(w("references"))</h2><ol id=\"references\">"
        for r in references {
            h += "<li>\(r.provider.map(name) ?? w("providernotstated")). <em translate=\"no\">\(e(r.title))</em>"
            if let v = r.version { h += ", \(name(v))" }
            if let d = r.doi { h += ". <code>doi:\(e(d))</code>" }
            h += ". \(w("file")) <code>\(e(r.file))</code>, SHA-256 <code>\(e(String(r.sha256.prefix(16))))…</code>, \(w("ingested")) \(e(r.ingested))"
            if let span = r.span { h += "; \(w("spanused")) \(e(span))" }
            h += ".</li>"
        }
        h += "<li>\(w("projectsource")): <code>\(e(project.source))</code>, \(w("item")) <code>\(e(project.item))</code> (<code>../shared/seeds</code>).</li></ol>\n"
        h += "<footer id=\"reproducibility\"><strong>\(w("reproducibility"))</strong>: <code>\(e(footer.software))</code>\(footer.commit.map { " (\(w("commit")) <code>\(e($0))</code>)" } ?? "") · "
        h += "<code>\(e(footer.command))</code> · \(w("database")) <code>\(e(footer.database))</code>, \(w("lastingest")) \(e(footer.lastIngest ?? "—")), "
        h += "\(w("fingerprint")) <code>\(e(String(footer.storeFingerprint.prefix(16))))</code> · \(w("generated")) \(e(footer.generated))</footer>\n"
        return h + "</body></html>\n"
    }

    /// The note beside a trend: why it is not meaningful (if so), its span and values used.
    static func trendNote(_ t: StationTrend) -> ReportText {
        var why = ReportText("", zh: "")
        if !t.meaningful {
            let parts = t.shortcomings.map { s -> ReportText in
                switch s {
                case .shortSpan(let years, let minimum):
                    ReportText(s.description, zh: String(format: "记录跨度 %.1f 年，不足 %.0f 年的最低要求", years, minimum))
                case .sparse(let coverage):
                    ReportText(s.description, zh: String(format: "跨度内仅 %.0f%% 的月份有值", coverage * 100))
                }
            }
            let joined = ReportText.joined(parts)
            why = ReportText("not meaningful: \(joined.en); ", zh: "不具统计意义：\(joined.zh)；")
        }
        return ReportText(why.en + "\(t.start) – \(t.end), \(t.valuesUsed) values", zh: why.zh + "\(t.start) – \(t.end)，\(t.valuesUsed) 个数值")
    }

    /// A record's sampling ("monthly", "1 min", "daily") in words.
    static func samplingText(_ sampling: String) -> ReportText {
        let zh = ["monthly": "月值", "daily": "日值", "hourly": "逐时", "annual": "年值", "yearly": "年值"][sampling]
            ?? sampling.replacingOccurrences(of: "min", with: "分钟").replacingOccurrences(of: " s", with: " 秒").replacingOccurrences(of: " h", with: " 小时")
        return ReportText(sampling, zh: zh)
    }

    /// The same content as Markdown (charts and map left out; JSON carries the values).
    public func markdown(language l: ReportLanguage = .both) -> String {
        var m = "# \(l == .zh ? project.titleZH : l == .en ? project.titleEN : "\(project.titleEN) / \(project.titleZH)")\n\n"
        let partners = ReportText(project.partners.joined(separator: ", "), zh: project.partnersZH.joined(separator: "、"))
        m += "`\(project.id)` · \(l("partners")): \(partners(l)) · \(l("source")): `\(project.source)` \(l("item")) \(project.item)\n\n"
        m += "**\(l("status")): \(l(status.rawValue))**\n\n## \(l("indicators"))\n\n| \(l("indicator")) | \(l("status")) | \(l("rule")) |\n| --- | --- | --- |\n"
        for i in indicators {
            let basis = ReportText.joined(i.basis)
            m += "| \(l == .zh ? i.nameZH : l == .en ? i.nameEN : "\(i.nameEN) / \(i.nameZH)") | \(l(i.colour.rawValue)) | \(i.rule(l)); \(basis(l)) — \(l("rationale")): \(i.rationale(l)) (\(i.rationaleSource(l))) |\n"
        }
        if !dataGaps.isEmpty { m += "\n## \(l("gaps"))\n\n" + dataGaps.map { "- \($0(l))\n" }.joined() }
        if !rivers.isEmpty {
            m += "\n## \(l("rivers"))\n\n"
            for r in rivers {
                let levelName = { (k: RiverLevelKind) in l == .zh ? k.labelZh : l == .en ? k.label : "\(k.label) / \(k.labelZh)" }
                m += "- \(r.name) (`\(r.record)`): " + r.levels.map { String(format: "%@ %.2f m", levelName($0.kind), $0.stage) }.joined(separator: ", ")
                if let last = r.years.last {
                    m += String(format: "; %d: %@ %.2f m, %@ %@", last.year, l("maximum"), last.maximum ?? .nan,
                                r.levels.map { "≥ \(levelName($0.kind))" }.joined(separator: "/"), last.daysAtOrAbove.map(String.init).joined(separator: "/"))
                }
                m += "\n"
            }
        }
        if !stations.isEmpty {
            m += "\n## \(l("stations"))\n\n| \(l("station")) | \(l("record")) | OLS mm/yr [95%] | \(l("sen")) mm/yr | \(l("availability")) |\n| --- | --- | --- | --- | --- |\n"
            for s in stations {
                for r in s.trends {
                    let ols = r.trend.map { String(format: "%.2f [%.2f, %.2f]%@", $0.ols.estimate, $0.ols.lower, $0.ols.upper, $0.meaningful ? "" : " (\(l("notmeaningful")))") }
                        ?? (l == .zh ? l("notrend") : r.failure ?? "—")
                    m += "| \(s.name) | \(r.series) | \(ols) | \(r.trend?.robust.map { String(format: "%.2f", $0.senSlope.estimate) } ?? "—") | \(s.availability.map { String(format: "%.1f %%", $0) } ?? "—") |\n"
                }
            }
        }
        if !tsunami.isEmpty {
            m += "\n## \(l("tsunami"))\n\n"
            for t in tsunami {
                let event = t.event.map { ["\(l("earthquake")): \($0)"] } ?? []
                m += "- \(t.name) (`\(t.record)`): \((event + t.findings.map { $0(l) }).joined(separator: "; "))\n"
            }
        }
        if let t = travelTimes {
            m += "\n## \(l("traveltimes"))\n\n\(t.choice(l)); \(l("bathymetry")) `\(t.grid)`.\n\n"
            for a in t.arrivals { m += "- \(a.name): \(a.hours.map { String(format: "%.1f h", $0) } ?? l("notreached")) \(a.eta ?? "") \(a.band ?? "")\n" }
        }
        if let p = plastics {
            m += "\n## \(l("plastics"))\n\n`\(p.group)`: \(p.samples) \(l("samples")), \(p.hotSpots) \(l("hotspots")), \(p.coldSpots) \(l("coldspots")).\n"
        }
        m += "\n## \(l("alerts"))\n\n" + (alerts.isEmpty ? "\(l("none"))\n" : alerts.map {
            "- \($0.opened) \(l($0.severity)): " + (l == .zh ? "" : "\($0.headline) ") + "(\(l("rulename")) `\($0.rule)`, `\($0.station)`, \(l($0.status)))\n"
        }.joined())
        m += "\n## \(l("methods"))\n\n" + methods.map { "- \($0(l))\n" }.joined()
        m += "\n## \(l("references"))\n\n" + references.map { r in
            "1. \(r.provider ?? l("providernotstated")). *\(r.title)*\(r.version.map { ", \($0)" } ?? "")\(r.doi.map { ". doi:\($0)" } ?? ""). `\(r.file)` SHA-256 `\(r.sha256.prefix(16))…`, \(l("ingested")) \(r.ingested)\(r.span.map { "; \(l("spanused")) \($0)" } ?? "").\n"
        }.joined()
        m += "1. \(l("projectsource")) `\(project.source)`, \(l("item")) \(project.item).\n"
        m += "\n---\n\(footer.software)\(footer.commit.map { " (\($0))" } ?? "") · `\(footer.command)` · \(l("fingerprint")) `\(footer.storeFingerprint.prefix(16))` · \(l("lastingest")) \(footer.lastIngest ?? "—") · \(l("generated")) \(footer.generated)\n"
        return m
    }
}

extension ProjectReport {
    /// A station's return-level chart with its caption: what was fitted, and the 10- and
    /// 100-year levels with their profile-likelihood intervals.
    static func returnLevelsHTML(_ r: ReturnLevels, language l: ReportLanguage) -> String {
        let a = r.analysis
        guard a.fit != nil else { return "" }
        let what = r.ofHourlyMaxima
            ? ReportText("annual maxima of hourly sea level", zh: "逐时海平面的年最大值")
            : ReportText("annual maxima of \(r.sampling) sea level (smoother than hourly values, so lower extremes)", zh: "\(samplingText(r.sampling).zh)海平面的年最大值（比逐时值平滑，极值偏低）")
        let levels = a.returnLevels.filter { [10, 100].contains($0.period) }.map { x in
            let lo = x.profile.lower.map { String(format: "%.2f", $0) } ?? "—", hi = x.profile.upper.map { String(format: "%.2f", $0) } ?? "∞"
            return ReportText(String(format: "%.0f-year %.2f m [%@, %@]", x.period, x.level, lo, hi), zh: String(format: "%.0f年一遇 %.2f m [%@, %@]", x.period, x.level, lo, hi))
        }
        let years = "\(a.blocks.first?.year ?? 0)–\(a.blocks.last?.year ?? 0)"
        let caption = ReportText(
            "Return levels: GEV of \(a.blocks.count) \(what.en) (\(years), record \(a.series)); 95 % profile-likelihood band; dots are the observed maxima. "
                + levels.map(\.en).joined(separator: ", ") + "; heights on the record's datum.",
            zh: "重现水位：\(a.blocks.count)个\(what.zh)（\(years)，记录 \(a.series)）的GEV拟合；阴影为95%剖面似然区间；圆点为实测最大值。"
                + levels.map(\.zh).joined(separator: "，") + "；高程基于记录自身的基准面。")
        let title = ReportText("\(a.stationName): return levels", zh: "\(a.stationName)：重现水位")
        let svg = a.returnLevelSVG(width: 560, height: 280, title: title(l == .zh ? .zh : .en),
                                   axes: l == .zh ? ("重现期（年）", "重现水位（m）") : ("return period (years)", "return level (m)"))
        return "<figure class=\"returnlevels\">\(svg)<figcaption class=\"small\">\(caption.html(l))</figcaption></figure>"
    }
}
