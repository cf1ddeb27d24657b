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
        "item": ("item", "条目"),
        "start": ("start of records", "记录起始"),
        "end": ("end of records", "记录结束"),
        "record": ("Record", "记录"),
        "notes": ("Notes", "说明"),
        "ols": ("OLS, AR(1)-corrected", "OLS（AR(1)校正）"),
        "sen": ("Sen's slope", "Sen斜率"),
        "mk": ("Mann-Kendall (Hamed-Rao)", "Mann-Kendall（Hamed-Rao）"),
        "notrend": ("no trend", "无趋势"),
        "notmeaningful": ("not meaningful", "不具统计意义"),
        "values": ("values", "个数值"),
        "residuals": ("Largest non-tidal residuals", "最大非潮余水位"),
        "tideremoved": ("tide removed", "已扣除潮汐"),
        "earthquake": ("earthquake", "地震"),
        "isochrones": ("Isochrones on the map", "地图上的等时线"),
        "bathymetry": ("Bathymetry", "水深数据"),
        "eta": ("ETA (UTC)", "预计到达时间（UTC）"),
        "notreached": ("not reached in the grid", "格网内未到达"),
        "cells": ("cells", "个网格"),
        "coldspots": ("cold spots", "冷点"),
        "years": ("Years", "年份"),
        "max": ("Max", "最大值"),
        "notmixed": ("Other groups in the regions, not mixed in", "海区内的其他分组（未混合）"),
        "alert": ("Alert", "警报"),
        "alertstatus": ("Status", "状态"),
        "rulename": ("rule", "规则"),
        "providernotstated": ("provider not stated", "未注明提供方"),
        "file": ("File", "文件"),
        "ingested": ("ingested", "导入于"),
        "spanused": ("span used", "使用时段"),
        "projectsource": ("Project source document", "项目来源文件"),
        "commit": ("commit", "提交"),
        "database": ("database", "数据库"),
        "lastingest": ("last ingest", "最近导入"),
        "fingerprint": ("store fingerprint", "存储指纹"),
        "generated": ("generated", "生成于"),
        "monthlymean": ("monthly mean", "月均值"),
        "olstrend": ("OLS trend", "OLS趋势"),
        "band": ("95 % interval (AR(1)-corrected)", "95%置信区间（AR(1)校正）"),
        "anomalies": ("monthly sea-level anomalies (mm), each record about its own mean", "月海平面距平（毫米），每条记录相对其自身均值"),
        "nomonthly": ("no monthly values in the period", "报告期内无月值"),
        "mapcaption": ("● tide gauge ■ DART ▲ river gauge · dashed: project regions · red cells: microplastic hot spots",
                       "● 验潮站 ■ DART浮标 ▲ 河流水文站 · 虚线：项目海区 · 红色网格：微塑料热点"),
        "mapisochrones": ("★ epicentre, brown lines: tsunami travel time every hour, ending at the dotted edge of the bathymetry grid",
                          "★ 震中，棕色线：每小时一条海啸传播时间等时线，止于水深格网的点线边界"),
        "graticule": ("graticule every 5° or 10°", "经纬网间隔5°或10°"),
        "coastlines": ("coastlines: GSHHG 2.3.7 (Wessel & Smith), low resolution", "海岸线：GSHHG 2.3.7（Wessel & Smith），低分辨率"),
        "tidegauge": ("tide gauge", "验潮站"),
        "open": ("open", "未解除"),
        "closed": ("closed", "已解除"),
        "cancelled": ("cancelled", "已取消"),
        "Extreme": ("Extreme", "极端"),
        "Severe": ("Severe", "严重"),
        "Moderate": ("Moderate", "中等"),
        "Minor": ("Minor", "轻微"),
        "Unknown": ("Unknown", "未知"),
        "pass": ("pass", "通过"),
        "suspect": ("suspect", "可疑"),
        "fail": ("fail", "失败"),
        "not evaluated": ("not evaluated", "未评估"),
        "missing": ("missing", "缺测"),
    ]

    /// The Chinese words for `key` (the key itself when there are none).
    static func zh(_ key: String) -> String { labels[key]?.zh ?? key }

    /// A CAP severity in Chinese.
    static func severityZH(_ severity: String) -> String { zh(severity) }

    /// Both words of `key` as a ``ReportText`` (the key itself for unknown keys).
    static func text(_ key: String) -> ReportText {
        labels[key].map { ReportText($0.en, zh: $0.zh) } ?? ReportText(key, zh: key)
    }

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
