import BlueWatchCore
import Foundation
import Testing

/// The microplastics core on small hand-made cases.
struct PlasticsCoreTests {
    static func sample(_ value: Double, _ unit: PlasticUnit, matrix: PlasticMatrix = .surfaceWater, method: String = "Neuston net",
                       mesh: Double? = 333, depth: String? = nil) -> PlasticSample {
        PlasticSample(sourceID: UUID().uuidString, time: 0, latitude: 10, longitude: 120, matrix: matrix, method: method, meshMicrometres: mesh,
                      depth: depth, concentration: value, unit: unit, sourceUnit: unit.rawValue)
    }

    @Test("Samples in different units are never averaged together; only L ↔ m³ converts, km² ↔ m³ only with a tow depth")
    func unitsNeverMix() throws {
        let samples = [Self.sample(2, .piecesPerCubicMetre), Self.sample(0.004, .piecesPerLitre), Self.sample(50_000, .piecesPerSquareKilometre),
                       Self.sample(120, .piecesPerKilogramDryWeight, matrix: .sediment, method: "grab", mesh: 63),
                       Self.sample(7, .piecesPerSample, matrix: .beach, method: "quadrat", mesh: 1000),
                       Self.sample(3, .piecesPerCubicMetre, method: "Manta net"), Self.sample(1, .piecesPerCubicMetre, mesh: 150)]
        let result = PlasticHarmoniser().harmonise(samples)
        for (group, values) in result.groups {
            let units = Set(values.map { samples[$0.sample].unit.dimension })
            #expect(units.count == 1, "\(group) mixes \(units)")
            #expect(Set(values.map { samples[$0.sample].matrix }).count == 1)
            #expect(Set(values.map { HarmonisedGroup.methodKey(samples[$0.sample].method) }).count == 1)
            #expect(Set(values.map { MeshSizeClass(micrometres: samples[$0.sample].meshMicrometres) }).count == 1)
        }
        let neuston = try #require(result.groups.first { $0.key.unit == .piecesPerCubicMetre && $0.key.method == "neuston net" && $0.key.mesh == .from300to499 })
        #expect(neuston.value.map(\.value).sorted() == [2, 4], "pieces/L converted to pieces/m³: \(neuston.value.map(\.value))")
        #expect(result.groups.count == 6, "m³+L, km², kg dw, sample, manta, finer mesh: \(result.groups.keys.map(\.description))")
        // Asking for pieces/m³ leaves areal values out, with the reason, unless a tow depth is given.
        let volumetric = PlasticHarmoniser(unit: .piecesPerCubicMetre, matrix: .surfaceWater).harmonise(samples)
        #expect(volumetric.groups.values.joined().count == 4)
        #expect(volumetric.excluded.keys.contains { $0.contains("needs a tow depth") })
        let towed = PlasticHarmoniser(unit: .piecesPerCubicMetre, towDepth: .assumed(0.25), matrix: .surfaceWater).harmonise(samples)
        let converted = try #require(towed.groups.values.joined().first { samples[$0.sample].unit == .piecesPerSquareKilometre })
        #expect(abs(converted.value - 50_000 / (1e6 * 0.25)) < 1e-12)
        #expect(PlasticUnit.piecesPerKilogramDryWeight.convert(1, to: .piecesPerCubicMetre, towDepthMetres: 1) == nil)
        let recorded = PlasticHarmoniser(unit: .piecesPerCubicMetre, towDepth: .recorded, matrix: .surfaceWater)
            .harmonise([Self.sample(1e6, .piecesPerSquareKilometre, depth: "0-0.5 m"), Self.sample(1e6, .piecesPerSquareKilometre)])
        #expect(recorded.groups.values.joined().map(\.value) == [2])
        #expect(recorded.excluded.values.reduce(0, +) == 1)
    }

    @Test("A grid straddling 180° is one grid; cells, bounds and areas")
    func gridAcrossTheAntimeridian() throws {
        let grid = try #require(CellGrid.covering(latitudes: [15.2, 34.9], longitudes: [135.3, -135.1], resolution: 1))
        #expect(grid.west == 135 && grid.columns == 90 && grid.rows == 20)
        let c = try #require(grid.cell(latitude: 20.5, longitude: -179.5))
        #expect(grid.centre(c).longitude == -179.5 && grid.centre(c).latitude == 20.5)
        #expect(grid.cell(latitude: 20, longitude: 100) == nil)
        let sphere = SphericalEarth()
        let total = (0..<grid.cellCount).reduce(0.0) { $0 + grid.rowAreas(sphere)[grid.row(of: $1)] }
        #expect(abs(total - sphere.cellArea(south: 15, north: 35, west: 135, east: 225)) / total < 1e-12)
    }

    @Test("Distance-band weights equal a brute-force search; Gi* equals the textbook formula")
    func weightsAndGiStar() throws {
        let grid = CellGrid(resolution: 1, south: -5, west: 175, rows: 10, columns: 12)
        var rng = SplitMix64(seed: 3)
        let cells = (0..<grid.cellCount).filter { _ in rng.next(below: 3) != 0 }
        let metric = SphericalEarth()
        let band = 250_000.0
        let w = SpatialWeights.distanceBand(cells: cells, grid: grid, bandMetres: band, metric: metric)
        for (i, c) in cells.enumerated() {
            let a = grid.centre(c)
            let brute = cells.indices.filter { j in
                let b = grid.centre(cells[j])
                return metric.distance(latitude1: a.latitude, longitude1: a.longitude, latitude2: b.latitude, longitude2: b.longitude) <= band
            }
            #expect(Array(w.neighbours[w.offsets[i]..<w.offsets[i + 1]]) == brute, "cell \(c)")
        }
        let x = cells.map { _ in Double(rng.next(below: 1000)) / 10 }
        let gi = try GetisOrdGiStar(values: x, weights: w, permutations: 199, seed: 9)
        let n = Double(x.count), mean = x.reduce(0, +) / n
        let s = (x.map { $0 * $0 }.reduce(0, +) / n - mean * mean).squareRoot()
        for i in cells.indices {
            let nb = w.neighbours[w.offsets[i]..<w.offsets[i + 1]]
            let wi = Double(nb.count)
            let z = (nb.map { x[$0] }.reduce(0, +) - mean * wi) / (s * ((n * wi - wi * wi) / (n - 1)).squareRoot())
            #expect(abs(gi.sites[i].z - z) < 1e-12)
            #expect(gi.sites[i].pPermutation >= 1.0 / 200 && gi.sites[i].pPermutation <= 0.5 + 1e-9)
        }
        // Same seed, same answer; the result does not depend on threads.
        let again = try GetisOrdGiStar(values: x, weights: w, permutations: 199, seed: 9)
        #expect(again.sites == gi.sites)
        #expect(throws: GetisOrdGiStar.Failure.constantValues) { try GetisOrdGiStar(values: x.map { _ in 1 }, weights: w) }
    }

    @Test("Inverse distance: exact at a sample, weighted between, NaN beyond the radius")
    func inverseDistance() {
        let idw = InverseDistanceWeighting(radiusMetres: 500_000, neighbours: 12)
        let metric = SphericalEarth()
        let out = idw.interpolate(latitudes: [0, 0], longitudes: [0, 2], values: [1, 3],
                                  to: [(0, 0), (0, 1), (0, 0.5), (40, 40)], metric: metric)
        #expect(out[0] == 1)
        #expect(abs(out[1] - 2) < 1e-12)
        let d1 = metric.distance(latitude1: 0, longitude1: 0.5, latitude2: 0, longitude2: 0), d2 = metric.distance(latitude1: 0, longitude1: 0.5, latitude2: 0, longitude2: 2)
        #expect(abs(out[2] - (1 / (d1 * d1) + 3 / (d2 * d2)) / (1 / (d1 * d1) + 1 / (d2 * d2))) < 1e-12)
        #expect(out[3].isNaN)
    }
}
