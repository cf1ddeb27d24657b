import BlueWatchCore

extension AlertConfiguration {
    /// One `[[rule]]` of the rules file: what it watches (its ``Condition`` with that
    /// condition's parameters), where, how severe, and how its alerts grow, clear and wait.
    public struct Rule: Sendable {
        /// The kinds of rule, as the file names them (`kind = "…"`).
        public enum Kind: String, Sendable, CaseIterable {
            case tsunami, residual, silent, qc, trend, plastics, river, hightide
        }

        /// What a rule watches, with the parameters that condition needs (checked when the
        /// file is read, so evaluating a rule never meets a missing parameter).
        public enum Condition: Sendable, Equatable {
            /// Tsunami detections on DART and 1-minute gauge records.
            case tsunami
            /// The non-tidal residual beyond a threshold in metres.
            case residual(thresholdMetres: Double)
            /// No new observation for this many hours.
            case silent(hours: Double)
            /// At least `failures` values flagged fail by QC within `windowHours`.
            case qualityControl(failures: Int, windowHours: Double)
            /// A station's sea-level trend (OLS, AR(1)-corrected; `bluewatch trend`) above the
            /// threshold in mm/yr, when the record is long enough to be meaningful.
            case trend(thresholdMillimetresPerYear: Double)
            /// New microplastic hot spots (Getis-Ord Gi*, FDR-controlled) in one harmonised group,
            /// evaluated when new samples have been ingested; one alert per hot cell.
            case plastics(HotSpotSelection)
            /// A river gauge's latest stage at or above its lowest published level (CAP event
            /// "Flood"): raised at the first level reached, updated when a higher level is
            /// reached, cancelled when the stage is back below the lowest level.
            case river
            /// A predicted high water (the tide fitted to the station's last year, the fitted
            /// mean included) at or above a threshold within the coming days (CAP event
            /// "Coastal Flood", certainty Likely): raised while one is predicted, cancelled when
            /// none is left in the window.
            case predictedHighWater(HighWaterForecast)

            /// The kind the file names.
            public var kind: Kind {
                switch self {
                case .tsunami: .tsunami
                case .residual: .residual
                case .silent: .silent
                case .qualityControl: .qc
                case .trend: .trend
                case .plastics: .plastics
                case .river: .river
                case .predictedHighWater: .hightide
                }
            }
        }

        /// What a high-water rule forecasts: high waters at or above `thresholdMetres` above
        /// `datum` (a tidal datum name such as MHHW, or nil for the record's own datum) within
        /// the next `days` days.
        public struct HighWaterForecast: Sendable, Equatable {
            public var thresholdMetres: Double
            public var datum: String?
            public var days: Double

            public init(thresholdMetres: Double, datum: String? = "MHHW", days: Double = 3) {
                self.thresholdMetres = thresholdMetres
                self.datum = datum
                self.days = days
            }

            /// "0.30 m above MHHW" or "1.20 m on the record's datum".
            public var thresholdText: String {
                String(format: "%.2f m ", thresholdMetres) + (datum.map { "above \($0)" } ?? "on the record's datum")
            }
        }

        /// Which samples a plastics rule analyses and how.
        public struct HotSpotSelection: Sendable, Equatable {
            /// The harmonised group key; nil for the largest group.
            public var group: String?
            /// A region id of grids/regions.geojson; nil for everywhere.
            public var region: String?
            /// Cell size in degrees.
            public var resolution: Double
            /// Gi* distance band in km; nil for the analysis's default.
            public var bandKm: Double?
            /// False-discovery rate.
            public var alpha: Double

            public init(group: String? = nil, region: String? = nil, resolution: Double = 1, bandKm: Double? = nil, alpha: Double = 0.05) {
                self.group = group
                self.region = region
                self.resolution = resolution
                self.bandKm = bandKm
                self.alpha = alpha
            }
        }

        public var id: String
        public var condition: Condition
        public var severity: CAPMessage.Severity
        /// Station ids covered; empty with `projects` empty means every station.
        public var stations: [String]
        public var projects: [String]
        /// A tsunami or residual condition clears this long after its last exceedance.
        public var clearAfterHours: Double
        /// An open alert is updated when its magnitude grows by this fraction.
        public var updateGrowth: Double
        /// UTC hours [start, end) during which this rule's messages are held in the outbox table
        /// (recorded, not delivered) until the quiet period ends. Extreme alerts are never held.
        public var quietHours: (start: Int, end: Int)?
        /// The line of the rules file the rule starts on.
        public var line: Int

        public init(id: String, condition: Condition, severity: CAPMessage.Severity, stations: [String] = [], projects: [String] = [],
                    clearAfterHours: Double = 2, updateGrowth: Double = 0.2, quietHours: (start: Int, end: Int)? = nil, line: Int = 0) {
            self.id = id
            self.condition = condition
            self.severity = severity
            self.stations = stations
            self.projects = projects
            self.clearAfterHours = clearAfterHours
            self.updateGrowth = updateGrowth
            self.quietHours = quietHours
            self.line = line
        }

        /// The kind of the rule's condition.
        public var kind: Kind { condition.kind }

        /// True when `time` falls in the rule's quiet hours and its severity may wait.
        public func isQuiet(at time: Double) -> Bool {
            guard let q = quietHours, severity != .extreme else { return false }
            let hour = UTCTime.components(time).hour
            return q.start <= q.end ? (hour >= q.start && hour < q.end) : (hour >= q.start || hour < q.end)
        }
    }
}
