import BlueWatchCore

extension HarmonisedGroup {
    /// The group in Chinese for reports: matrix, unit and mesh class translated; the sampling
    /// method translated where its wording is a known one, else kept as the provider wrote it.
    var descriptionZH: String {
        let matrixZH = switch matrix {
        case .surfaceWater: "表层水"
        case .waterColumn: "水体"
        case .sediment: "沉积物"
        case .beach: "海滩"
        }
        let unitZH = switch unit {
        case .piecesPerCubicMetre: "个/m3"
        case .piecesPerLitre: "个/L"
        case .piecesPerSquareKilometre: "个/km2"
        case .piecesPerKilogramDryWeight: "个/kg（干重）"
        case .piecesPerSample: "个/样"
        }
        let meshZH = mesh == .unknown ? "网目未注明" : "网目 " + mesh.rawValue
        return "\(matrixZH) · \(unitZH) · \(Self.methodZH(method)) · \(meshZH)"
    }

    /// Known sampling methods in Chinese; others as the provider wrote them.
    static func methodZH(_ method: String) -> String {
        let known = ["neuston net": "表层浮游生物网", "manta net": "曼塔拖网", "unstated": "方法未注明", "core": "柱状采样器", "grab": "抓斗采样器"]
        if let zh = known[method] { return zh }
        guard method.hasPrefix("beach transect quadrat") else { return method }
        var zh = "海滩样带样方"
        if method.contains("(microplastics)") { zh += "（微塑料）" }
        if method.contains("(mesoplastics)") { zh += "（中塑料）" }
        if method.contains("shape composition") { zh += "，形状组成" }
        if method.contains("colour composition") { zh += "，颜色组成" }
        return zh
    }
}
