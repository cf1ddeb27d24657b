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

    /// A self-contained HTML page: inline CSS and SVG, no network access, prints well.
    /// - Parameter shorelines: coastline polylines for the map (``mapExtent``; longitudes in its
    ///   convention), e.g. from GSHHG; none draws the map without coasts.
    public func html(language l: ReportLanguage = .both, shorelines: [[(longitude: Double, latitude: Double)]] = []) -> String {
        func e(_ s: String) -> String { escapeXML(s) }
        func light(_ c: Colour) -> String { "<span class=\"light \(c.rawValue)\" title=\"\(c.rawValue)\"></span>\(e(l(c.rawValue)))" }
        let title = l == .zh ? project.titleZH : l == .en ? project.titleEN : "\(project.titleEN)<br>\(project.titleZH)"
        var h = "<!DOCTYPE html>\n<html lang=\"\(l == .zh ? "zh" : "en")\"><head><meta charset=\"utf-8\"><title>\(e(project.id)) — BlueWatch</title><style>\(Self.css)</style></head><body>\n"
        h += "<header><div class=\"small\">BlueWatch · \(e(l("report"))) · <code>\(e(project.id))</code></div><h1>\(title)</h1>"
        h += "<p>\(e(l("partners"))): \(e(project.partners.joined(separator: ", ")))<br>\(e(l("source"))): <code>\(e(project.source))</code>, item \(e(project.item))"
        h += "<br>\(e(l("period"))): \(e(from ?? "start of records")) – \(e(to ?? "end of records"))</p>"
        h += "<p id=\"status\"><strong>\(e(l("status"))):</strong> \(light(status))</p></header>\n"

        h += "<h2>\(e(l("indicators")))</h2><table id=\"indicators\"><tr><th>\(e(l("indicator")))</th><th>\(e(l("status")))</th><th>\(e(l("rule")))</th></tr>"
        for i in indicators {
            let name = l == .zh ? i.nameZH : l == .en ? i.nameEN : "\(i.nameEN)<br>\(i.nameZH)"
            h += "<tr><td>\(name)</td><td>\(light(i.colour))</td><td>\(e(i.rule))" + i.basis.map { "<br><span class=\"small\">\(e($0))</span>" }.joined()
            if !i.rationale.isEmpty { h += "<br><span class=\"small rationale\"><strong>\(e(l("rationale"))):</strong> \(e(i.rationale)) (\(e(i.rationaleSource)))</span>" }
            h += "</td></tr>"
        }
        if indicators.isEmpty { h += "<tr><td colspan=\"3\">\(e(l("none")))</td></tr>" }
        h += "</table>\n"
        if !dataGaps.isEmpty {
            h += "<h2>\(e(l("gaps")))</h2><ul id=\"data-gaps\">" + dataGaps.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
        }

        let map = mapSVG(shorelines: shorelines)
        let coast = shorelines.isEmpty ? "" : " · coastlines: GSHHG 2.3.7 (Wessel & Smith), low resolution"
        if !map.isEmpty { h += "<h2>\(e(l("map")))</h2><figure id=\"map\">\(map)<figcaption class=\"small\">● tide gauge ■ DART ▲ river gauge · dashed: project regions · red cells: microplastic hot spots\(travelTimes == nil ? "" : " · ★ epicentre, brown lines: tsunami travel time every hour, ending at the dotted edge of the bathymetry grid") · graticule every 5° or 10°\(coast)</figcaption></figure>\n" }

        if !stations.isEmpty {
            h += "<h2>\(e(l("stations")))</h2>\n"
            for s in stations {
                h += "<section class=\"station\" id=\"station-\(e(s.id))\"><h3>\(e(s.name)) <span class=\"small\">(\(e(s.id)), \(e(s.country)), \(String(format: "%.3f, %.3f", s.latitude, s.longitude)))</span></h3>"
                h += Self.chartSVG(s)
                h += "<table class=\"trend\"><tr><th>Record</th><th>\(e(l("method")))</th><th>\(e(l("trend"))) (mm/yr)</th><th>\(e(l("interval")))</th><th>Notes</th></tr>"
                for r in s.trends {
                    guard let t = r.trend else {
                        h += "<tr><td>\(e(r.series))</td><td colspan=\"4\">\(e(r.failure ?? "no trend"))</td></tr>"
                        continue
                    }
                    let note = (t.meaningful ? "" : "not meaningful: " + t.reasons.joined(separator: "; ")) + " \(t.start) – \(t.end), \(t.valuesUsed) values"
                    h += "<tr><td rowspan=\"3\">\(e(r.series))<br><span class=\"small\">\(e(r.sampling))</span></td><td>OLS, AR(1)-corrected</td>"
                    h += String(format: "<td>%.2f</td><td>[%.2f, %.2f]</td><td rowspan=\"3\" class=\"small\">%@</td></tr>", t.ols.estimate, t.ols.lower, t.ols.upper, e(note))
                    if let robust = t.robust {
                        h += String(format: "<tr><td>Sen's slope</td><td>%.2f</td><td>[%.2f, %.2f]</td></tr>", robust.senSlope.estimate, robust.senSlope.lower, robust.senSlope.upper)
                        h += String(format: "<tr><td>Mann-Kendall (Hamed-Rao)</td><td>τ %.3f</td><td>p = %.3g</td></tr>", robust.hamedRao.tau, robust.hamedRao.p)
                    }
                }
                h += "</table>"
                if let record = s.residualRecord, !s.residualExtremes.isEmpty {
                    h += "<p class=\"small residuals\">Largest non-tidal residuals (\(e(record)), tide removed): " + s.residualExtremes.map { String(format: "%+.2f m at %@", $0.metres, e($0.time)) }.joined(separator: "; ") + "</p>"
                }
                let qc = s.qc.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                h += "<p class=\"small\">\(e(l("availability"))): \(s.availability.map { String(format: "%.1f %%", $0) } ?? "—") · \(e(l("qc"))): \(e(qc.isEmpty ? "—" : qc))</p></section>\n"
            }
        }

        h += riverHTML(l)

        if !tsunami.isEmpty {
            h += "<h2>\(e(l("tsunami")))</h2><table id=\"tsunami\"><tr><th>\(e(l("station")))</th><th>Record</th><th>\(e(l("findings")))</th></tr>"
            for t in tsunami { h += "<tr><td>\(e(t.name))</td><td>\(e(t.record))<br><span class=\"small\">\(e(t.kind))</span></td><td>\(t.findings.map(e).joined(separator: "<br>"))</td></tr>" }
            h += "</table>\n"
        }

        if let t = travelTimes {
            h += "<h2>\(e(l("traveltimes")))</h2><p id=\"travel-times\">Isochrones on the map: \(e(t.choice)). Bathymetry <code>\(e(t.grid))</code>.</p>"
            h += "<table id=\"arrivals\"><tr><th>\(e(l("station")))</th><th>\(e(l("traveltime")))</th><th>ETA (UTC)</th><th>\(e(l("threat")))</th></tr>"
            for a in t.arrivals {
                h += "<tr><td>\(e(a.name))</td><td>\(a.hours.map { String(format: "%.1f h", $0) } ?? "not reached in the grid")</td><td>\(e(a.eta ?? "—"))</td><td>\(e(a.band ?? "—"))</td></tr>"
            }
            if t.arrivals.isEmpty { h += "<tr><td colspan=\"4\">\(e(l("none")))</td></tr>" }
            h += "</table>\n"
        }

        if let p = plastics {
            h += "<h2>\(e(l("plastics")))</h2><p>\(e(p.group)): \(p.samples) \(e(l("samples"))), \(p.cells) cells, \(p.hotSpots) \(e(l("hotspots"))), \(p.coldSpots) cold spots.</p>"
            h += "<table id=\"plastics\"><tr><th>\(e(l("region")))</th><th>\(e(l("samples")))</th><th>Years</th><th>\(e(l("median")))</th><th>p90</th><th>Max</th></tr>"
            for r in p.regions {
                h += String(format: "<tr><td>%@</td><td>%d</td><td>%@</td><td>%.4g</td><td>%.4g</td><td>%.4g</td></tr>", e(r.regionName), r.samples,
                            r.firstYear.map { "\($0)–\(r.lastYear!)" } ?? "—", r.median, r.p90, r.maximum)
            }
            h += "</table>"
            if !p.notMixed.isEmpty { h += "<p class=\"small\">Other groups in the regions, not mixed in: \(e(p.notMixed.joined(separator: "; ")))</p>" }
        }

        h += "<h2>\(e(l("alerts")))</h2>"
        if alerts.isEmpty { h += "<p>\(e(l("none")))</p>" } else {
            h += "<table id=\"alerts\"><tr><th>\(e(l("opened")))</th><th>\(e(l("severity")))</th><th>Alert</th><th>Status</th></tr>"
            for a in alerts { h += "<tr><td>\(e(a.opened))</td><td>\(e(a.severity))</td><td>\(e(a.headline))<br><span class=\"small\">rule \(e(a.rule)), \(e(a.station)), alert \(a.id)</span></td><td>\(e(a.status))</td></tr>" }
            h += "</table>"
        }

        h += "\n<h2>\(e(l("methods")))</h2><ul>" + methods.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
        h += "<h2>\(e(l("references")))</h2><ol id=\"references\">"
        for r in references {
            h += "<li>\(e(r.provider ?? "provider not stated")). <em>\(e(r.title))</em>"
            if let v = r.version { h += ", \(e(v))" }
            if let d = r.doi { h += ". doi:\(e(d))" }
            h += ". File <code>\(e(r.file))</code>, SHA-256 <code>\(e(String(r.sha256.prefix(16))))…</code>, ingested \(e(r.ingested))"
            if let span = r.span { h += "; span used \(e(span))" }
            h += ".</li>"
        }
        h += "<li>Project source document: <code>\(e(project.source))</code>, item \(e(project.item)) (../shared/seeds).</li></ol>\n"
        h += "<footer id=\"reproducibility\"><strong>\(e(l("reproducibility")))</strong>: \(e(footer.software))\(footer.commit.map { " (commit \(e($0)))" } ?? "") · "
        h += "<code>\(e(footer.command))</code> · database <code>\(e(footer.database))</code>, last ingest \(e(footer.lastIngest ?? "—")), "
        h += "store fingerprint <code>\(e(String(footer.storeFingerprint.prefix(16))))</code> · generated \(e(footer.generated))</footer>\n"
        return h + "</body></html>\n"
    }

    /// The same content as Markdown (charts and map left out; JSON carries the values).
    public func markdown(language l: ReportLanguage = .both) -> String {
        var m = "# \(l == .zh ? project.titleZH : l == .en ? project.titleEN : "\(project.titleEN) / \(project.titleZH)")\n\n"
        m += "`\(project.id)` · \(l("partners")): \(project.partners.joined(separator: ", ")) · \(l("source")): `\(project.source)` item \(project.item)\n\n"
        m += "**\(l("status")): \(status.rawValue)**\n\n## \(l("indicators"))\n\n| \(l("indicator")) | \(l("status")) | \(l("rule")) |\n| --- | --- | --- |\n"
        for i in indicators { m += "| \(l == .zh ? i.nameZH : i.nameEN) | \(i.colour.rawValue) | \(i.rule); \(i.basis.joined(separator: "; ")) — \(l("rationale")): \(i.rationale) (\(i.rationaleSource)) |\n" }
        if !dataGaps.isEmpty { m += "\n## \(l("gaps"))\n\n" + dataGaps.map { "- \($0)\n" }.joined() }
        if !rivers.isEmpty {
            m += "\n## \(l("rivers"))\n\n"
            for r in rivers {
                m += "- \(r.name) (`\(r.record)`): " + r.levels.map { String(format: "%@ %.2f m", $0.kind.label, $0.stage) }.joined(separator: ", ")
                if let last = r.years.last { m += String(format: "; %d: highest %.2f m, days at or above each level %@", last.year, last.maximum ?? .nan, last.daysAtOrAbove.map(String.init).joined(separator: "/")) }
                m += "\n"
            }
        }
        if !stations.isEmpty {
            m += "\n## \(l("stations"))\n\n| \(l("station")) | Record | OLS mm/yr [95%] | Sen mm/yr | \(l("availability")) |\n| --- | --- | --- | --- | --- |\n"
            for s in stations {
                for r in s.trends {
                    let ols = r.trend.map { String(format: "%.2f [%.2f, %.2f]%@", $0.ols.estimate, $0.ols.lower, $0.ols.upper, $0.meaningful ? "" : " (not meaningful)") } ?? (r.failure ?? "—")
                    m += "| \(s.name) | \(r.series) | \(ols) | \(r.trend?.robust.map { String(format: "%.2f", $0.senSlope.estimate) } ?? "—") | \(s.availability.map { String(format: "%.1f %%", $0) } ?? "—") |\n"
                }
            }
        }
        if !tsunami.isEmpty {
            m += "\n## \(l("tsunami"))\n\n"
            for t in tsunami { m += "- \(t.name) (`\(t.record)`): \(t.findings.joined(separator: "; "))\n" }
        }
        if let t = travelTimes {
            m += "\n## \(l("traveltimes"))\n\n\(t.choice); bathymetry `\(t.grid)`.\n\n"
            for a in t.arrivals { m += "- \(a.name): \(a.hours.map { String(format: "%.1f h", $0) } ?? "not reached") \(a.eta ?? "") \(a.band ?? "")\n" }
        }
        if let p = plastics {
            m += "\n## \(l("plastics"))\n\n\(p.group): \(p.samples) samples, \(p.hotSpots) hot spots, \(p.coldSpots) cold spots.\n"
        }
        m += "\n## \(l("alerts"))\n\n" + (alerts.isEmpty ? "\(l("none"))\n" : alerts.map { "- \($0.opened) \($0.severity): \($0.headline) (\($0.status))\n" }.joined())
        m += "\n## \(l("methods"))\n\n" + methods.map { "- \($0)\n" }.joined()
        m += "\n## \(l("references"))\n\n" + references.map { r in
            "1. \(r.provider ?? "provider not stated"). *\(r.title)*\(r.version.map { ", \($0)" } ?? "")\(r.doi.map { ". doi:\($0)" } ?? ""). `\(r.file)` SHA-256 `\(r.sha256.prefix(16))…`, ingested \(r.ingested)\(r.span.map { "; span \($0)" } ?? "").\n"
        }.joined()
        m += "1. Project source document `\(project.source)`, item \(project.item).\n"
        m += "\n---\n\(footer.software)\(footer.commit.map { " (\($0))" } ?? "") · `\(footer.command)` · store fingerprint `\(footer.storeFingerprint.prefix(16))` · last ingest \(footer.lastIngest ?? "—") · generated \(footer.generated)\n"
        return m
    }
}
