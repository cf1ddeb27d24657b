import Foundation

/// The fitted amplitude and Greenwich phase lag of one constituent, with 95% intervals.
public struct TideConstituentEstimate: Sendable, Codable, Equatable {
    public var name: String
    /// Frequency at the record's reference time, cycles per hour.
    public var frequency: Double
    /// Amplitude, in the series' units.
    public var amplitude: Double
    /// Half-width of the 95% interval of the amplitude.
    public var amplitudeInterval: Double
    /// Greenwich phase lag, degrees in [0, 360).
    public var phase: Double
    /// Half-width of the 95% interval of the phase, degrees.
    public var phaseInterval: Double
    /// Signal-to-noise ratio (A / σ_A)², UTide's SNR; constituents below 2 are not
    /// distinguishable from noise.
    public var snr: Double
    /// Share of the tidal energy (A²), percent.
    public var percentEnergy: Double
    /// Cosine and sine coefficients (A cos g, A sin g), kept for prediction.
    public var cosine: Double
    public var sine: Double

    public var isSignificant: Bool { snr >= 2 }

    public init(name: String, frequency: Double, amplitude: Double, amplitudeInterval: Double, phase: Double, phaseInterval: Double,
                snr: Double, percentEnergy: Double, cosine: Double, sine: Double) {
        self.name = name; self.frequency = frequency; self.amplitude = amplitude; self.amplitudeInterval = amplitudeInterval
        self.phase = phase; self.phaseInterval = phaseInterval; self.snr = snr; self.percentEnergy = percentEnergy
        self.cosine = cosine; self.sine = sine
    }

    /// A constituent known by amplitude and Greenwich phase (degrees) alone, for prediction
    /// from published harmonic constants.
    public init(name: String, amplitude: Double, phase: Double) {
        let c = TideConstituentTable.named(name)
        self.init(name: name, frequency: c?.frequency ?? .nan, amplitude: amplitude, amplitudeInterval: .nan, phase: phase,
                  phaseInterval: .nan, snr: .infinity, percentEnergy: .nan,
                  cosine: amplitude * cos(phase * .pi / 180), sine: amplitude * sin(phase * .pi / 180))
    }
}
