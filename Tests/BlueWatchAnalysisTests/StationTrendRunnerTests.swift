import BlueWatchAnalysis
import BlueWatchCore
import BlueWatchIngest
import BlueWatchStore
import BlueWatchTesting
import Testing

struct StationTrendRunnerTests {
    func storeWith(_ files: [String]) throws -> any DataStore {
        let store = try TestStoreKind.current.make()
        let registry = try Checkout.registry()
        try store.syncRegistry(registry)
        for f in files { _ = try store.ingest(try Checkout.reader().read(TestPaths.data(f)), registry: registry) }
        return store
    }

    @Test("one trend per record; the registered Suva step is fitted and reported")
    func registeredStep() throws {
        let store = try storeWith(["sealevel/psmsl/rlr_monthly/1327.rlrdata", "sealevel/psmsl/rlr_monthly/2356.rlrdata", "sealevel/psmsl/rlr_annual/1327.rlrdata"])
        let suva = try #require(try Checkout.registry().station(id: "suva"))
        let reports = try StationTrendRunner().reports(station: suva, store: store)
        #expect(reports.map { $0.series } == ["psmsl:1327", "psmsl:2356"])
        #expect(reports[0].sampling == "monthly", "the monthly record is preferred to the annual one")
        let a = try #require(reports[0].trend)
        #expect(a.steps.count == 1 && a.steps[0].at == "1989-03-01")
        #expect(a.steps[0].size.lower > 0, "a significant step at the documented gauge move")
        #expect(!a.meaningful && a.reasons[0].contains("30-year"))
        #expect(reports[0].sources.first?.sha256.count == 64)
    }

    @Test("the step screen warns at Suva-A without its registered step, and finds Pago Pago's post-2009 shift")
    func unexplainedStep() throws {
        let store = try storeWith(["sealevel/psmsl/rlr_monthly/1327.rlrdata", "sealevel/psmsl/rlr_monthly/539.rlrdata"])
        var suva = try #require(try Checkout.registry().station(id: "suva"))
        suva.steps = []
        let trend = try #require(try StationTrendRunner().reports(station: suva, store: store).first?.trend)
        #expect(trend.possibleStep != nil)
        #expect(trend.warnings.contains { $0.contains("no datum step is registered") })
        // Pago Pago subsided in the 2009-09-29 Samoa earthquake: sea level relative to the gauge jumps.
        let pago = try #require(try Checkout.registry().station(id: "pago-pago"))
        let step = try #require(try StationTrendRunner().reports(station: pago, store: store).first?.trend?.possibleStep)
        #expect(step.at >= "2009-09" && step.at <= "2011-12" && step.sizeMillimetres > 50, "\(step)")
    }

    @Test("records on tied datums are joined into one series")
    func ties() throws {
        let store = try storeWith(["sealevel/psmsl/rlr_monthly/1373.rlrdata", "sealevel/psmsl/rlr_monthly/1861.rlrdata"])
        var honiara = try #require(try Checkout.registry().station(id: "honiara"))
        honiara.ties = [DatumTie(earlier: "psmsl:1373", later: "psmsl:1861", offsetMillimetres: 0, reason: "test tie")]
        let reports = try StationTrendRunner().reports(station: honiara, store: store)
        #expect(reports.count == 1)
        #expect(reports[0].series == "psmsl:1373+psmsl:1861")
        #expect(reports[0].sources.count == 2)
        let t = try #require(reports[0].trend)
        #expect(t.start.hasPrefix("1974") && t.end.hasPrefix("2020"))
        #expect(t.meaningful)
    }

    @Test("a file is analysed without storing it; a short record fails with the reason")
    func files() throws {
        let runner = StationTrendRunner()
        let registry = try Checkout.registry()
        let reports = try runner.reports(file: try Checkout.reader().read(TestPaths.data("sealevel/psmsl/rlr_monthly/155.rlrdata")), registry: registry)
        #expect(reports.count == 1 && reports[0].station == "honolulu" && reports[0].trend?.meaningful == true)
        let hourly = try runner.reports(file: try Checkout.reader().read(TestPaths.data("sealevel/hourly/HNL2010.asc")), registry: registry)
        #expect(hourly.first?.failure?.contains("span") == true)
    }
}
