import BlueWatchTesting
import Foundation
import Testing

/// Every NetCDF the CLI writes, opened by the readers people use: netCDF4-python finds no
/// groups, xarray shows every variable with its coordinates, CDO lists every result
/// (Tests/Fixtures/clients/netcdf_readers.py), and the compliance-checker passes (issue 22).
struct NetCDFReadersTests {
    let dir = TemporaryDirectory("bluewatch-readers")

    @Test("series export, trend grid, trend merge, tsunami forecast, plastics grid and hot spots: all in the root group, every result visible to xarray and CDO, compliant")
    func everyWrittenFile() throws {
        let cli = CommandRunner(database: dir.file("store.sqlite"))
        let data = ["sealevel/hourly/HNL2010.asc", "microplastics", "events", "bathymetry/nw_pacific_4arcmin_dem.nc"].map(TestPaths.data)
        let ingest = try cli.run(["ingest", "--quiet"] + data)
        try #require(ingest.status == 0, "\(ingest.stderr)")
        let altimetry = TestPaths.data("sealevel/altimetry/dt_med_allsat_phy_l4_2005T2.nc")
        let grid = ["trend", "grid", altimetry, "--var", "adt", "--robust"]
        let f = { (name: String) in dir.file(name) }
        let runs: [[String]] = [
            ["series", "export", "honolulu", "--sampling", "hourly", "--format", "netcdf", "--output", f("series.nc")],
            grid + ["--out", f("trend.nc")],
            grid + ["--tile", "1/2", "--out", f("part-1.nc")],
            grid + ["--tile", "2/2", "--out", f("part-2.nc")],
            ["trend", "merge", f("part-1.nc"), f("part-2.nc"), "--out", f("merged.nc")],
            ["tsunami", "forecast", "--event", "official20110311054624120_30", "--out", f("tsunami.nc")],
            ["plastics", "grid", "--resolution", "2", "--out", f("plastics.nc")],
            ["plastics", "hotspots", "--resolution", "1", "--permutations", "99", "--out", f("hotspots.nc")],
        ]
        for run in runs {
            let r = try cli.run(run, withDatabase: run[1] != "merge")
            #expect(r.status == 0, "\(run.prefix(2)): \(r.stderr)")
        }
        let files = ["series.nc", "trend.nc", "merged.nc", "tsunami.nc", "plastics.nc", "hotspots.nc"].map(f)
        let (status, printed) = try OGCClientTests.python(["netcdf_readers.py"] + files)
        #expect(status == 0 && printed.contains("netcdf readers: all checks passed"), "\(printed)")

        // The quantities CF has no standard name for are the only ACDD findings forgiven.
        let noStandardName: Set = ["p_value", "lag1_autocorrelation", "mann_kendall_p", "travel_time", "arrival_time",
                                   "concentration_mean", "concentration_median", "concentration_min", "concentration_max",
                                   "concentration_idw", "gi_star_z", "gi_star_p"]
        for file in files {
            guard let report = try ComplianceChecker.check(file, withoutStandardName: noStandardName) else {
                Issue.record("compliance-checker missing: run scripts/bootstrap.sh --test"); return
            }
            for (suite, failed) in report.highPriorityFailures { #expect(failed.isEmpty, "\(file) \(suite): \(failed)") }
        }
    }
}
