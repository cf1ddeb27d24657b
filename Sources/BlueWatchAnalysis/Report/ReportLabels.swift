/// Headings and labels of a report in English and Chinese; `--lang both` shows both.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case en, zh, both

    static let labels: [String: (en: String, zh: String)] = [
        "report": ("Project report", "项目报告"),
        "status": ("Status", "状态"),
        "indicators": ("Indicators", "指标"),
        "indicator": ("Indicator", "指标"),
        "value": ("Value", "数值"),
        "rule": ("Rule and numbers", "规则与数据"),
        "stations": ("Sea-level stations", "海平面站点"),
        "station": ("Station", "站点"),
        "trend": ("Trend", "趋势"),
        "method": ("Method", "方法"),
        "interval": ("95% interval", "95%置信区间"),
        "availability": ("Data availability", "数据完整率"),
        "qc": ("Quality control", "质量控制"),
        "tsunami": ("Tsunami records", "海啸记录"),
        "findings": ("Findings", "结果"),
        "traveltimes": ("Tsunami travel times", "海啸传播时间"),
        "traveltime": ("Travel time", "传播时间"),
        "threat": ("Threat band", "威胁等级"),
        "plastics": ("Microplastics", "微塑料"),
        "region": ("Region", "海区"),
        "samples": ("Samples", "样本数"),
        "median": ("Median", "中位数"),
        "hotspots": ("Hot spots", "热点"),
        "alerts": ("Alerts in the period", "报告期内警报"),
        "severity": ("Severity", "级别"),
        "opened": ("Opened", "发布时间"),
        "map": ("Map", "地图"),
        "methods": ("Methods", "方法说明"),
        "references": ("Data and references", "数据与参考文献"),
        "reproducibility": ("Reproducibility", "可重复性"),
        "partners": ("Partners", "合作方"),
        "source": ("Source document", "来源文件"),
        "period": ("Period", "时段"),
        "none": ("None", "无"),
        "green": ("green", "绿"),
        "amber": ("amber", "黄"),
        "red": ("red", "红"),
        "grey": ("not judged", "未评估"),
        "rivers": ("River gauges", "河流水文站"),
        "gaps": ("What is missing", "数据缺口"),
        "rationale": ("Why", "依据"),
        "level": ("Level", "水位等级"),
        "stage_m": ("stage (m above gauge zero)", "水位（米，水尺零点以上）"),
        "weeklymax": ("weekly maximum stage", "周最高水位"),
        "year": ("Year", "年份"),
        "days": ("Days with data", "有数据天数"),
        "maximum": ("Highest (m)", "最高（米）"),
        "minimum": ("Lowest (m)", "最低（米）"),
        "drought": ("Drought days / judged", "干旱天数/评估天数"),
        "nolevels": ("No published alarm or flood level for this station.", "该站无公开的警戒或洪水水位。"),
        "nodata": ("no values in the period", "报告期内无数据"),
        "lastyears": ("Last 12 years shown; every year in the JSON report", "仅显示最近12年；全部年份见JSON报告"),
    ]

    /// The label in this language ("Status / 状态" for both).
    public func callAsFunction(_ key: String) -> String {
        guard let l = Self.labels[key] else { return key }
        switch self {
        case .en: return l.en
        case .zh: return l.zh
        case .both: return "\(l.en) / \(l.zh)"
        }
    }
}
