import BlueWatchTesting
import Foundation
import NetCDF
import Testing

/// CF discrete sampling geometries: the real files' layouts, and the layouts the shared data
/// lack (indexed ragged, orthogonal multidimensional, point) on small files written here.
struct DiscreteSamplingTests {
    @Test("contiguous ragged DART file: three buoys with their row sizes")
    func contiguousRagged() throws {
        let file = try NetCDFFile.open(TestPaths.data("tsunami/netcdf/dart_3buoys_tohoku2011_contiguous-ragged.nc"))
        let c = try CFTimeSeriesCollection.read(file)
        #expect(c.layout == .contiguousRagged)
        #expect(c.stations.map { $0.id } == ["21401", "21413", "21418"])
        let heights = c.stations.map { s in s.variables.first { $0.name == "height" }! }
        #expect(heights.map { $0.values.count } == [5920, 2314, 2952])
        #expect(heights.map { $0.values.filter { $0.isNaN }.count }.reduce(0, +) == 324)
        #expect(c.stations.allSatisfy { $0.variables.first { $0.name == "measurement_type" }?.isAncillary == true })
    }

    @Test("incomplete multidimensional PSMSL annual file: padding dropped")
    func incompleteMultidimensional() throws {
        let file = try NetCDFFile.open(TestPaths.data("sealevel/netcdf/psmsl_rlr_annual_9stations_incomplete-multidim.nc"))
        let c = try CFTimeSeriesCollection.read(file)
        #expect(c.layout == .incompleteMultidimensional)
        #expect(c.stations.count == 9)
        let total = c.stations.map { $0.variables.first { $0.name == "sea_level" }!.values.count }.reduce(0, +)
        #expect(total == 667)
        #expect(c.stations.first?.name == "HONOLULU")
    }

    @Test("single-station files with singleton dimensions: UHSLC, NDBC and OceanSITES layouts")
    func singleStation() throws {
        let honolulu = try CFTimeSeriesCollection.read(try NetCDFFile.open(TestPaths.data("sealevel/netcdf/honolulu_057_hourly_2010_uhslc-layout.nc")))
        #expect(honolulu.stations.count == 1)
        #expect(honolulu.stations[0].id == "1612340")
        #expect(honolulu.stations[0].properties["uhslc_id"] == "57")
        let papa = try CFTimeSeriesCollection.read(try NetCDFFile.open(TestPaths.data("moorings/oceansites_papa/DisDel_PAPA_2012PA006_D_DEEP-SEACAT-all.nc")))
        let temp = try #require(papa.stations[0].variables.first { $0.name == "TEMP" })
        let tempHR = try #require(papa.stations[0].variables.first { $0.name == "TEMP_HR" })
        #expect(temp.times.count == 48180)
        #expect(tempHR.times.count == 8030)
        #expect(temp.values.filter { $0.isNaN }.count == 123)
    }

    @Test("indexed ragged, orthogonal multidimensional and point layouts written here")
    func writtenLayouts() throws {
        let dir = TemporaryDirectory()
        // Indexed ragged: 5 observations of 2 stations, interleaved.
        let indexed = dir.file("indexed.nc")
        do {
            let f = try NetCDFFile.create(indexed)
            let station = try f.root.defineDimension("station", length: 2)
            let obs = try f.root.defineDimension("obs", length: 5)
            let ids = try f.root.defineVariable("station_id", type: .int, dimensions: [station])
            try ids.setAttribute("cf_role", .text("timeseries_id"))
            let index = try f.root.defineVariable("stationIndex", type: .int, dimensions: [obs])
            try index.setAttribute("instance_dimension", .text("station"))
            let time = try f.root.defineVariable("time", type: .double, dimensions: [obs])
            try time.setAttribute("units", .text("hours since 2020-01-01"))
            try time.setAttribute("standard_name", .text("time"))
            let level = try f.root.defineVariable("sea_level", type: .float, dimensions: [obs])
            try level.setAttribute("units", .text("m"))
            try f.root.setAttribute("featureType", .text("timeSeries"))
            try ids.write([Int32(101), 202])
            try index.write([Int32(0), 1, 0, 1, 0])
            try time.write([0.0, 0, 1, 1, 2])
            try level.write([Float(1), 10, 2, 20, 3])
            try f.close()
        }
        let c = try CFTimeSeriesCollection.read(try NetCDFFile.open(indexed))
        #expect(c.layout == .indexedRagged)
        #expect(c.stations.map { $0.id } == ["101", "202"])
        #expect(c.stations[0].variables[0].values == [1, 2, 3])
        #expect(c.stations[1].variables[0].values == [10, 20])
        #expect(c.stations[1].variables[0].times == [1_577_836_800, 1_577_840_400])

        // Orthogonal multidimensional: (time, station) order, 3 times × 2 stations.
        let orthogonal = dir.file("orthogonal.nc")
        do {
            let f = try NetCDFFile.create(orthogonal)
            let time = try f.root.defineDimension("time", length: 3)
            let station = try f.root.defineDimension("station", length: 2)
            let strlen = try f.root.defineDimension("strlen", length: 4)
            let ids = try f.root.defineVariable("name", type: .char, dimensions: [station, strlen])
            try ids.setAttribute("cf_role", .text("timeseries_id"))
            let t = try f.root.defineVariable("time", type: .double, dimensions: [time])
            try t.setAttribute("units", .text("days since 2000-01-01"))
            let v = try f.root.defineVariable("zeta", type: .double, dimensions: [time, station])
            try v.setAttribute("units", .text("cm"))
            try v.setAttribute("_FillValue", .doubles([-999]))
            try ids.writeStrings(["ab", "cd"])
            try t.write([0.0, 1, 2])
            try v.write([1.0, 10, -999, 20, 3, 30])
            try f.close()
        }
        let o = try CFTimeSeriesCollection.read(try NetCDFFile.open(orthogonal))
        #expect(o.layout == .orthogonalMultidimensional)
        #expect(o.stations.map { $0.id } == ["ab", "cd"])
        #expect(o.stations[0].variables[0].values[0] == 1 && o.stations[0].variables[0].values[1].isNaN && o.stations[0].variables[0].values[2] == 3)
        #expect(o.stations[1].variables[0].values == [10, 20, 30])

        // Point collection.
        let point = dir.file("point.nc")
        do {
            let f = try NetCDFFile.create(point)
            let obs = try f.root.defineDimension("obs", length: 2)
            let t = try f.root.defineVariable("time", type: .double, dimensions: [obs])
            try t.setAttribute("units", .text("days since 2019-01-01"))
            let lat = try f.root.defineVariable("lat", type: .double, dimensions: [obs])
            try lat.setAttribute("standard_name", .text("latitude"))
            let lon = try f.root.defineVariable("lon", type: .double, dimensions: [obs])
            try lon.setAttribute("standard_name", .text("longitude"))
            let conc = try f.root.defineVariable("concentration", type: .double, dimensions: [obs])
            try conc.setAttribute("units", .text("pieces/m3"))
            try f.root.setAttribute("featureType", .text("point"))
            try t.write([0.0, 31])
            try lat.write([10.0, 11])
            try lon.write([110.0, 111])
            try conc.write([0.5, 1.5])
            try f.close()
        }
        let p = try CFPointCollection.read(try NetCDFFile.open(point))
        #expect(p.latitudes == [10, 11])
        #expect(p.variables.first?.values == [0.5, 1.5])
        #expect(p.times[1] == 1_546_300_800 + 31 * 86_400)
    }

    @Test("grids: packed integers, 0-360 longitudes, time steps")
    func grids() throws {
        let global = try CFGrid.grids(in: try NetCDFFile.open(TestPaths.data("sealevel/altimetry/nrt_global_allsat_phy_l4_20190223_20190226.nc")))
        let adt = try #require(global.first { $0.name == "adt" })
        #expect(adt.nx == 1440 && adt.ny == 720 && adt.nt == 1)
        #expect(adt.usesLongitude0To360)
        let med = try CFGrid.grids(in: try NetCDFFile.open(TestPaths.data("sealevel/altimetry/dt_med_allsat_phy_l4_2005T2.nc")))
        let block = try #require(med.first).block(times: 10..<12)
        #expect(block.count == 2 * 128 * 344)
        #expect(!(try #require(med.first).usesLongitude0To360))
    }
}
