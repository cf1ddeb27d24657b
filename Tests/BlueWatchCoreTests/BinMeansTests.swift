import BlueWatchCore
import Testing

@Suite("Bin means (resampling)")
struct BinMeansTests {
    @Test("Hourly means of 1-minute values: stamped mid-hour, incomplete hours left out, unusable values skipped")
    func hourly() {
        // Three hours of 1-minute samples; value = minute of the day. Hour 1 loses 20 minutes, hour 2 loses 10.
        var times: [Double] = [], values: [Double] = []
        for m in 0..<180 where !(60..<80).contains(m) {
            times.append(Double(m) * 60)
            values.append(m >= 120 && m < 130 ? .nan : Double(m))
        }
        let s = TimeSeries(times: times, values: values)
        let (h, n) = BinMeans.compute(s, resolution: .hour, samplingSeconds: 60) { _ in true }
        #expect(h.times == [1_800, 9_000])        // hour 1 (40 of 60 < 45) is left out
        #expect(h.values[0] == 29.5)
        #expect(h.values[1] == (130...179).reduce(0.0) { $0 + Double($1) } / 50)
        #expect(n == [60, 50])
        // A usable filter that rejects every other value leaves too few.
        let (none, _) = BinMeans.compute(s, resolution: .hour, samplingSeconds: 60) { $0 % 2 == 0 }
        #expect(none.isEmpty)
    }

    @Test("Daily means and monthly means through MonthlyMeans")
    func dailyAndMonthly() {
        let times = (0..<(24 * 62)).map { Double($0) * 3_600 }   // Jan–Feb 1970 hourly
        let values = times.map { ($0 / 86_400).rounded(.down) }
        let s = TimeSeries(times: times, values: values)
        let (d, n) = BinMeans.compute(s, resolution: .day, samplingSeconds: 3_600) { _ in true }
        #expect(d.count == 62 && d.values[10] == 10 && d.times[0] == 43_200 && n.allSatisfy { $0 == 24 })
        let (m, _) = BinMeans.compute(s, resolution: .month, samplingSeconds: 3_600) { _ in true }
        #expect(m.count == 3)   // Jan, Feb, and the first day of March (incomplete: NaN)
        #expect(m.values[0] == 15 && m.values[2].isNaN)
    }
}
