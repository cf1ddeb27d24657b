import Foundation

extension TideFit {
    /// Amplitudes, phases and their 95% intervals from the solution, as UTide's linearised
    /// intervals (`conf_int='linear'`, T_TIDE's `errell`): the variances of the cosine and sine
    /// coefficients from σ²(XᵀWX)⁻¹, rescaled so that their sum is the residual power in the
    /// constituent's band (coloured noise) unless `spectrum` is nil (white noise).
    static func estimates(solution: TideSolver.Solution, design: TideDesign, frequencies: [Double],
                          spectrum: ResidualSpectrum?) -> [TideConstituentEstimate] {
        let m = design.constituentCount, p = design.parameterCount
        let bandPower = spectrum?.power(at: frequencies)
        return (0..<m).map { j in
            let xu = solution.coefficients[j], yu = solution.coefficients[m + j]
            var varX = solution.inverseGram[j * p + j] * solution.residualVariance
            var varY = solution.inverseGram[(m + j) * p + (m + j)] * solution.residualVariance
            if let power = bandPower?[j] {
                let total = varX + varY
                varX = power * varX / total
                varY = power * varY / total
            }
            let amplitude = (xu * xu + yu * yu).squareRoot()
            var phase = atan2(yu, xu) * 180 / .pi
            if phase < 0 { phase += 360 }
            let sigmaA = ((xu * xu * varX + yu * yu * varY).squareRoot()) / amplitude
            let a2 = amplitude * amplitude
            let sigmaG = 180 / Double.pi * ((yu * yu * varX + xu * xu * varY).squareRoot()) / a2
            let amplitudeInterval = 1.96 * sigmaA
            return TideConstituentEstimate(
                name: design.arguments.constituents[j].name, frequency: frequencies[j], amplitude: amplitude,
                amplitudeInterval: amplitudeInterval, phase: phase, phaseInterval: 1.96 * sigmaG,
                snr: a2 / (sigmaA * sigmaA), percentEnergy: 0, cosine: xu, sine: yu)
        }
    }
}
