/// The input formats BlueWatch reads. See Docs/DATA.md for what is read from each and how
/// it is checked.
public enum DataFormat: String, Sendable, CaseIterable, Codable {
    /// NetCDF (classic, 64-bit offset, CDF5, NetCDF-4): CF timeSeries, point or grid content.
    case netcdf
    /// PSMSL RLR monthly or annual mean sea level (`.rlrdata`, semicolon separated).
    case psmslRLR = "psmsl-rlr"
    /// NOAA NDBC DART historical text (`#YY MM DD hh mm ss T HEIGHT`).
    case ndbcDART = "ndbc-dart"
    /// Two whitespace-separated numeric columns (time, value) whose meaning comes from the
    /// source catalogue (`stations/sources.toml`).
    case twoColumnText = "two-column-text"
    /// Time/residual CSV relative to an event origin (`"Time_s","Residual_m"`).
    case residualCSV = "residual-csv"
    /// One-minute tide-gauge CSV: `time,juliant,height|stage[,std_dev],resid`.
    case gaugeCSV = "gauge-csv"
    /// NOAA CO-OPS water-level CSV: `DATE,TIME,1MIN,6MIN,ALTERNATE,PREDICTED,RESIDUAL`.
    case coopsCSV = "coops-csv"
    /// Monthly summary CSV: `month,mean_sea_level,max_sea_level`.
    case monthlySummaryCSV = "monthly-summary-csv"
    /// USGS ComCat earthquake catalogue CSV.
    case usgsCatalog = "usgs-catalog"
    /// NOAA NCEI Marine Microplastics export CSV.
    case nceiMicroplastics = "ncei-microplastics"
    /// NOAA NCEI Marine Microplastics export GeoJSON (a FeatureCollection of points).
    case nceiMicroplasticsGeoJSON = "ncei-microplastics-geojson"
    /// DOER (USACE) microplastics-in-sediment literature database CSV.
    case doerSediment = "doer-sediment"
    /// Beach survey transect CSV (particle, shape or colour counts).
    case beachSurvey = "beach-survey"
    /// ESRI / ETOPO ASCII grid (either header order).
    case esriASCIIGrid = "esri-ascii-grid"
    /// UHSLC fast-delivery daily mean sea level CSV (`year,month,day,tide`, mm; `fddNNNN.csv`).
    case uhslcDailyCSV = "uhslc-daily-csv"
    /// UHSLC monthly maxima of hourly sea level (`t,monthly_max,t_monthly_max,PMM`, m).
    case monthlyMaximaCSV = "monthly-maxima-csv"
    /// USGS NWIS daily values CSV (gage height and discharge with approval codes).
    case usgsDailyValuesCSV = "usgs-daily-csv"
    /// Mekong River Commission data portal CSV (water level, one station per file).
    case mrcWaterLevelCSV = "mrc-csv"

    public var summary: String {
        switch self {
        case .netcdf: "NetCDF"
        case .psmslRLR: "PSMSL RLR mean sea level"
        case .ndbcDART: "NDBC DART water-column height"
        case .twoColumnText: "two-column time series text"
        case .residualCSV: "event-relative residual CSV"
        case .gaugeCSV: "1-minute tide-gauge CSV"
        case .coopsCSV: "NOAA CO-OPS water-level CSV"
        case .monthlySummaryCSV: "monthly sea-level summary CSV"
        case .usgsCatalog: "USGS earthquake catalogue CSV"
        case .nceiMicroplastics: "NCEI marine microplastics CSV"
        case .nceiMicroplasticsGeoJSON: "NCEI marine microplastics GeoJSON"
        case .doerSediment: "DOER sediment microplastics CSV"
        case .beachSurvey: "beach survey CSV"
        case .esriASCIIGrid: "ESRI ASCII grid"
        case .uhslcDailyCSV: "UHSLC fast-delivery daily sea level CSV"
        case .monthlyMaximaCSV: "UHSLC monthly maxima of hourly sea level CSV"
        case .usgsDailyValuesCSV: "USGS daily values CSV (river stage and discharge)"
        case .mrcWaterLevelCSV: "Mekong River Commission water level CSV"
        }
    }
}
