import BlueWatchAnalysis
import BlueWatchCore
import BlueWatchIngest
import BlueWatchTesting
import Foundation
import Geodesy
import NetCDF
import Testing

/// Grid trends against `cdo trend` and `xarray.polyfit` (scripts/reference/grid_trend_reference.py).
struct GridTrendTests {
    struct Golden: Decodable {
        struct Cell: Decodable { var y: Int; var x: Int; var cdo: Double; var xarray: Double }
        var file: String; var variable: String; var fitted_cells_cdo: Int; var cells: [Cell]
    }

    @Test("per-cell linear trends match cdo trend and xarray.polyfit to 1e-5")
    func matchesCDO() throws {
        let golden: Golden = try TestPaths.loadGolden("grid_trends.json")
        let result = try GridTrendRunner(variable: golden.variable, model: .linear, minimumCount: 3).run(path: TestPaths.data(golden.file))
        #expect(result.model.columns == ["intercept", "trend"])
        let perDayToMMPerYear = 365.2425 * 1000
        let scale = golden.cells.map { abs($0.cdo) }.max()! * perDayToMMPerYear
        for cell in golden.cells {
            let got = result.cells[cell.y * result.nx + cell.x].trend
            #expect(abs(got - cell.cdo * perDayToMMPerYear) <= 1e-5 * scale, "cell \(cell.y),\(cell.x): \(got) vs cdo \(cell.cdo * perDayToMMPerYear)")
            #expect(abs(got - cell.xarray * perDayToMMPerYear) <= 1e-5 * scale, "cell \(cell.y),\(cell.x) vs xarray")
        }
        #expect(abs(result.fittedCells - golden.fitted_cells_cdo) <= golden.fitted_cells_cdo / 100)
    }

    @Test("per-cell standard errors, intervals, p-values and r1 equal the station fit of the same series")
    func cellStatistics() throws {
        let path = TestPaths.data("sealevel/altimetry/dt_med_allsat_phy_l4_2005T2.nc")
        let result = try GridTrendRunner(variable: "adt", model: .linear, minimumCount: 10).run(path: path)
        let grid = try #require(try CFGrid.grids(in: try NetCDFFile.open(path)).first)
        let block = try grid.band(rows: 0..<grid.ny)
        var checked = 0
        for c in stride(from: 0, to: result.cells.count, by: 997) where !result.cells[c].trend.isNaN {
            let series = (0..<grid.nt).map { Double(block[$0 * result.cells.count + c]) }
            let fit = try TrendFit(times: grid.times, values: series, model: TrendModel(seasonal: false))
            let trend = try #require(fit.coefficient("trend"))
            let cell = result.cells[c]
            #expect(Approximately.equal(cell.trend, trend.value * 1000, relative: 1e-9))
            #expect(Approximately.equal(cell.standardError, trend.standardError * 1000, relative: 1e-7), "cell \(c) se")
            #expect(Approximately.equal(cell.lag1, fit.lag1Autocorrelation, absolute: 1e-9), "cell \(c) r1")
            #expect(Approximately.equal(cell.upper - cell.trend, fit.halfWidth(trend.standardError) * 1000, relative: 1e-7), "cell \(c) interval")
            #expect(Approximately.equal(cell.pValue, fit.pValue(trend.value, trend.standardError), absolute: 1e-12, relative: 1e-6), "cell \(c) p")
            checked += 1
        }
        #expect(checked > 10)
    }

    @Test("per-cell Sen's slope, its interval and the Mann-Kendall p equal the series methods on the cell's values")
    func robustCells() throws {
        let path = TestPaths.data("sealevel/altimetry/dt_med_allsat_phy_l4_2005T2.nc")
        var runner = GridTrendRunner(variable: "adt", box: GridTrendRunner.Box(south: 33, north: 36, west: 15, east: 25), model: .linear, minimumCount: 10)
        runner.robust = true
        let result = try runner.run(path: path)
        let grid = try #require(try CFGrid.grids(in: try NetCDFFile.open(path)).first)
        let rows = grid.latitudes.indices.filter { grid.latitudes[$0] >= 33 && grid.latitudes[$0] <= 36 }
        let cols = grid.longitudes.indices.filter { grid.longitudes[$0] >= 15 && grid.longitudes[$0] <= 25 }
        let block = try grid.band(rows: rows.first!..<(rows.last! + 1), columns: cols.first!..<(cols.last! + 1))
        var checked = 0
        for c in stride(from: 0, to: result.cells.count, by: 37) where !result.cells[c].trend.isNaN {
            let values = (0..<grid.nt).map { Double(block[$0 * result.cells.count + c]) }
            let years = grid.times.map(TrendModel.years)
            let sen = try #require(SenSlope.estimate(times: years, values: values))
            let mk = try #require(MannKendall.original(values))
            let cell = result.cells[c]
            #expect(cell.sen == sen.slope * 1000 && cell.senLower == sen.lower * 1000 && cell.senUpper == sen.upper * 1000, "cell \(c)")
            #expect(cell.mannKendallP == mk.p)
            checked += 1
        }
        #expect(checked > 5)
        let dir = TemporaryDirectory()
        try result.write(to: dir.file("robust.nc"), command: "test")
        let file = try NetCDFFile.open(dir.file("robust.nc"))
        #expect(try file.root.variable(named: "sen_slope") != nil)
        #expect(try file.root.variable(named: "mann_kendall_p") != nil)
        #expect(try file.root.groups().isEmpty)
    }

    @Test("streaming in many small bands gives the same cells as one band")
    func banding() throws {
        let path = TestPaths.data("sealevel/altimetry/dt_med_allsat_phy_l4_2005T2.nc")
        var whole = GridTrendRunner(variable: "adt", model: .linear)
        whole.bandBytes = 1 << 30
        var small = whole
        small.bandBytes = 91 * 344 * 4 * 3
        let a = try whole.run(path: path), b = try small.run(path: path)
        #expect(a.cells.count == b.cells.count)
        #expect(zip(a.cells, b.cells).allSatisfy { ($0.trend == $1.trend || ($0.trend.isNaN && $1.trend.isNaN)) && $0.count == $1.count })
    }

    @Test("the trend NetCDF passes the compliance-checker for CF-1.8 and reads back")
    func output() throws {
        let dir = TemporaryDirectory()
        let out = dir.file("trend.nc")
        let box = GridTrendRunner.Box(south: 35, north: 40, west: 10, east: 20)
        let result = try GridTrendRunner(variable: "adt", box: box, model: .linear).run(path: TestPaths.data("sealevel/altimetry/dt_med_allsat_phy_l4_2005T2.nc"))
        try result.write(to: out, command: "test")
        let grids = try CFGrid.grids(in: try NetCDFFile.open(out))
        let trend = try #require(grids.first { $0.name == "trend" })
        let values = try trend.slice()
        for (i, cell) in result.cells.enumerated() where !cell.trend.isNaN { #expect(values[i] == Float(cell.trend)) }
        guard let report = try ComplianceChecker.check(out, withoutStandardName: ["p_value", "lag1_autocorrelation"]) else { Issue.record("compliance-checker missing: run scripts/bootstrap.sh --test"); return }
        for (suite, failed) in report.highPriorityFailures { #expect(failed.isEmpty, "\(suite): \(failed)") }
    }

    @Test("a file without time steps, an unknown variable and an empty box are refused")
    func refusals() throws {
        #expect(throws: NetCDFError.self) { try GridTrendRunner(variable: "adt").run(path: TestPaths.data("sealevel/altimetry/nrt_global_allsat_phy_l4_20190223_20190226.nc")) }
        #expect(throws: NetCDFError.self) { try GridTrendRunner(variable: "nope").run(path: TestPaths.data("sealevel/altimetry/dt_med_allsat_phy_l4_2005T2.nc")) }
        let box = GridTrendRunner.Box(south: -10, north: -5, west: 10, east: 20)
        #expect(throws: NetCDFError.self) { try GridTrendRunner(variable: "adt", box: box).run(path: TestPaths.data("sealevel/altimetry/dt_med_allsat_phy_l4_2005T2.nc")) }
    }

    @Test("a regional mean over 0–360 longitudes recovers a known trend, weighting by geodesic area")
    func regional() throws {
        // 10 years of monthly fields on a 1° grid over the South China Sea, 0–360 longitudes:
        // sea level rising 3 mm/yr everywhere plus an annual cycle; one cell missing every other month.
        let dir = TemporaryDirectory()
        let path = dir.file("scs.nc")
        let lats = (0..<20).map { 2.5 + Double($0) }, lons = (0..<18).map { 103.5 + Double($0) }
        let times = (0..<120).map { UTCTime.middleOfMonth(year: 2000 + $0 / 12, month: $0 % 12 + 1) }
        let f = try NetCDFFile.create(path)
        let t = try f.root.defineDimension("time", length: times.count)
        let y = try f.root.defineDimension("lat", length: lats.count)
        let x = try f.root.defineDimension("lon", length: lons.count)
        let tv = try f.root.defineVariable("time", type: .double, dimensions: [t])
        try tv.setAttribute("units", .text("seconds since 1970-01-01"))
        let yv = try f.root.defineVariable("lat", type: .double, dimensions: [y])
        try yv.setAttribute("units", .text("degrees_north"))
        let xv = try f.root.defineVariable("lon", type: .double, dimensions: [x])
        try xv.setAttribute("units", .text("degrees_east"))
        let sla = try f.root.defineVariable("sla", type: .float, dimensions: [t, y, x])
        try sla.setAttribute("units", .text("m"))
        try sla.setAttribute("_FillValue", .floats([-999]))
        var values: [Float] = []
        for (k, time) in times.enumerated() {
            let years = TrendModel.years(time)
            for _ in lats { for j in lons.indices {
                values.append(j == 5 && k % 2 == 0 ? -999 : Float(0.003 * years + 0.05 * sin(2 * .pi * years)))
            } }
        }
        try tv.write(times); try yv.write(lats); try xv.write(lons); try sla.write(values)
        try f.close()
        let scs = try #require(try Checkout.regions().regions.first { $0.id == "south-china-sea" })
        let r = try RegionalTrend.compute(path: path, variable: "sla", region: scs)
        let trend = try #require(r.trend)
        #expect(abs(trend.ols.estimate - 3) < 0.01, "\(trend.ols.estimate)")
        #expect(r.cells > 50 && r.areaSquareKilometres > 0)
        // The same cells' geodesic areas, summed independently.
        var area = 0.0
        for lat in lats { for lon in lons where scs.contains(latitude: lat, longitude: lon) {
            area += Geodesic.wgs84.cellArea(south: lat - 0.5, north: lat + 0.5, west: lon - 0.5, east: lon + 0.5)
        } }
        #expect(Approximately.equal(r.areaSquareKilometres * 1e6, area - missingArea(lats, lons, scs), relative: 1e-9))
        let cells = try GridTrendRunner(variable: "sla").run(path: path)
        #expect(cells.model.columns.contains("annual_cos"))
        #expect(cells.cells.filter { !$0.trend.isNaN }.allSatisfy { abs($0.trend - 3) < 1e-3 })
    }

    /// Area of the cells of column 5 (missing in the first step) that lie in the region.
    func missingArea(_ lats: [Double], _ lons: [Double], _ region: RegionPolygon) -> Double {
        lats.filter { region.contains(latitude: $0, longitude: lons[5]) }
            .reduce(0) { $0 + Geodesic.wgs84.cellArea(south: $1 - 0.5, north: $1 + 0.5, west: 0, east: 1) }
    }
}
