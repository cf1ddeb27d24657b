@testable import BlueWatchCore
import Testing

/// The robust tide fit's scale (MAD/0.6745, as MATLAB's `robustfit` that UTide calls) uses the
/// usual median: of an even count, the mean of the two middle values (issue 22: it took the
/// upper one).
struct TideSolverMedianTests {
    @Test("median of sorted values: odd count the middle one, even count the mean of the two middle ones")
    func median() {
        #expect(TideSolver.median(ofSorted: [1, 2, 10]) == 2)
        #expect(TideSolver.median(ofSorted: [1, 2, 4, 10]) == 3)
        #expect(TideSolver.median(ofSorted: [5]) == 5)
        #expect(TideSolver.median(ofSorted: []).isNaN)
    }
}
