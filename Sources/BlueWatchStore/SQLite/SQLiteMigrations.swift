import GRDB

/// The schema on SQLite, one named migration per shipped change (the same names, in
/// PostgreSQL's dialect, in ``PostgresMigrations``). Never edit a migration once it has
/// shipped: add a new one. Migrations name tables by string, not by record types, so they
/// keep meaning what they meant when they shipped.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-foundation") { db in
            try db.create(table: "station") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("country", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("latitude", .double)
                t.column("longitude", .double)
                t.column("identifiers", .text).notNull()
                t.column("datum", .text)
                t.column("provider", .text)
                t.column("licence", .text)
                t.column("citation", .text)
                t.column("doi", .text)
                t.column("notes", .text)
                t.column("isRegistered", .boolean).notNull()
            }
            try db.create(table: "stationProject") { t in
                t.column("stationId", .text).notNull().references("station", onDelete: .cascade)
                t.column("projectId", .text).notNull()
                t.primaryKey(["stationId", "projectId"])
            }
            try db.create(index: "stationProject_project", on: "stationProject", columns: ["projectId"])
            try db.create(table: "dataset") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("sha256", .text).notNull().unique()
                t.column("path", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("format", .text).notNull()
                t.column("title", .text).notNull()
                t.column("provider", .text)
                t.column("version", .text)
                t.column("licence", .text)
                t.column("citation", .text)
                t.column("doi", .text)
                t.column("notes", .text).notNull()
                t.column("ingestedAt", .double).notNull()
            }
            try db.create(table: "series") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("datasetId", .integer).notNull().references("dataset", onDelete: .cascade)
                t.column("stationId", .text).notNull().references("station")
                t.column("sourceIdentifier", .text).notNull()
                t.column("variable", .text).notNull()
                t.column("standardName", .text)
                t.column("longName", .text)
                t.column("units", .text).notNull()
                t.column("sourceUnits", .text).notNull()
                t.column("samplingSeconds", .double)
                t.column("datum", .text)
                t.column("isDerived", .boolean).notNull()
                t.column("processing", .text)
                t.column("valueCount", .integer).notNull()
                t.column("validCount", .integer).notNull()
                t.column("timeStart", .double).notNull()
                t.column("timeEnd", .double).notNull()
                t.column("valueMin", .double)
                t.column("valueMax", .double)
            }
            try db.create(index: "series_station", on: "series", columns: ["stationId", "variable"])
            try db.create(table: "observationBlock") { t in
                t.column("seriesId", .integer).notNull().references("series", onDelete: .cascade)
                t.column("blockIndex", .integer).notNull()
                t.column("timeStart", .double).notNull()
                t.column("timeEnd", .double).notNull()
                t.column("count", .integer).notNull()
                t.column("times", .blob).notNull()
                t.column("values", .blob).notNull()
                t.column("flags", .blob).notNull()
                t.primaryKey(["seriesId", "blockIndex"])
            }
            try db.create(table: "grid") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("datasetId", .integer).notNull().references("dataset", onDelete: .cascade)
                t.column("variable", .text).notNull()
                t.column("standardName", .text)
                t.column("longName", .text)
                t.column("units", .text)
                t.column("nx", .integer).notNull()
                t.column("ny", .integer).notNull()
                t.column("nt", .integer).notNull()
                t.column("south", .double).notNull()
                t.column("north", .double).notNull()
                t.column("west", .double).notNull()
                t.column("east", .double).notNull()
                t.column("timeStart", .double)
                t.column("timeEnd", .double)
                t.column("missingCells", .integer).notNull()
            }
            try db.create(table: "plasticSample") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("datasetId", .integer).notNull().references("dataset", onDelete: .cascade)
                t.column("sourceId", .text).notNull()
                t.column("time", .double)
                t.column("dateText", .text)
                t.column("latitude", .double)
                t.column("longitude", .double)
                t.column("place", .text)
                t.column("matrix", .text).notNull()
                t.column("method", .text)
                t.column("meshMicrometres", .double)
                t.column("maxSizeMicrometres", .double)
                t.column("depth", .text)
                t.column("concentration", .double)
                t.column("unit", .text).notNull()
                t.column("sourceUnit", .text).notNull()
                t.column("composition", .text)
                t.column("citation", .text)
                t.column("doi", .text)
            }
            try db.create(index: "plasticSample_unit", on: "plasticSample", columns: ["matrix", "unit"])
            try db.create(table: "earthquake") { t in
                t.column("datasetId", .integer).notNull().references("dataset", onDelete: .cascade)
                t.column("eventId", .text).notNull()
                t.column("time", .double).notNull()
                t.column("latitude", .double).notNull()
                t.column("longitude", .double).notNull()
                t.column("depthKm", .double)
                t.column("magnitude", .double)
                t.column("magnitudeType", .text)
                t.column("place", .text)
                t.column("eventType", .text).notNull()
                t.primaryKey(["datasetId", "eventId"])
            }
            try db.create(index: "earthquake_time", on: "earthquake", columns: ["time"])
        }
        migrator.registerMigration("v2-quality-control") { db in
            // What QARTOD QC did to a series: kind, thresholds and counts (QCSummary as JSON).
            // The aggregate flags themselves live in observationBlock.flags.
            try db.create(table: "seriesQualityControl") { t in
                t.primaryKey("seriesId", .integer).references("series", onDelete: .cascade)
                t.column("kind", .text).notNull()
                t.column("summary", .text).notNull()
                t.column("checkedAt", .double).notNull()
            }
        }
        migrator.registerMigration("v3-alerts") { db in
            // Alerts raised by `bluewatch alerts run` (table "alert") and by `alerts replay`
            // ("alertReplay", same shape, never sent). One open alert per rule and series.
            for table in ["alert", "alertReplay"] {
                try db.create(table: table) { t in
                    t.autoIncrementedPrimaryKey("id")
                    t.column("ruleId", .text).notNull()
                    t.column("seriesId", .integer).notNull()
                    t.column("stationId", .text).notNull()
                    t.column("status", .text).notNull()          // open, closed
                    t.column("severity", .text).notNull()
                    t.column("event", .text).notNull()
                    t.column("headline", .text).notNull()
                    t.column("magnitude", .double)
                    t.column("openedAt", .double).notNull()      // data time the condition began
                    t.column("updatedAt", .double).notNull()
                    t.column("closedAt", .double)
                    t.column("acknowledgedAt", .double)
                    t.column("acknowledgedBy", .text)
                    t.column("version", .integer).notNull()
                }
                try db.execute(sql: "CREATE UNIQUE INDEX \(table)_open ON \(table)(ruleId, seriesId) WHERE status = 'open'")
            }
            // Every CAP message, in the same transaction as its alert: the outbox. Delivery to the
            // outbox folder happens after commit and is idempotent (file named by identifier).
            try db.create(table: "alertMessage") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("alertId", .integer).notNull().references("alert", onDelete: .cascade)
                t.column("identifier", .text).notNull().unique()
                t.column("msgType", .text).notNull()
                t.column("sent", .double).notNull()
                t.column("cap", .text).notNull()             // CAPMessage as JSON
                t.column("delivered", .boolean).notNull()
            }
            try db.create(table: "alertWatermark") { t in
                t.column("ruleId", .text).notNull()
                t.column("seriesId", .integer).notNull()
                t.column("replay", .boolean).notNull()
                t.column("dataTime", .double).notNull()
                t.primaryKey(["ruleId", "seriesId", "replay"])
            }
        }
        migrator.registerMigration("v4-plastics-and-delivery") { db in
            // Rows of sample tables dropped at ingest, with the reason (the rest of the file
            // ingested); reports and `plastics summary` say what was dropped.
            try db.create(table: "plasticRejection") { t in
                t.column("datasetId", .integer).notNull().references("dataset", onDelete: .cascade)
                t.column("location", .text).notNull()
                t.column("reason", .text).notNull()
            }
            try db.create(index: "plasticRejection_dataset", on: "plasticRejection", columns: ["datasetId"])
            // Webhook delivery of CAP messages (`alerts deliver`): one row per message and endpoint,
            // with attempts and back-off; a message is delivered to an endpoint at most once.
            try db.create(table: "alertDelivery") { t in
                t.column("messageId", .integer).notNull().references("alertMessage", onDelete: .cascade)
                t.column("endpoint", .text).notNull()
                t.column("attempts", .integer).notNull()
                t.column("nextAttemptAt", .double).notNull()
                t.column("lastError", .text)
                t.column("deliveredAt", .double)
                t.primaryKey(["messageId", "endpoint"])
            }
        }
        migrator.registerMigration("v5-api-tokens") { db in
            // Tokens for the service's write routes (`bluewatch tokens create`): only the
            // SHA-256 of each token is kept; the token itself is shown once.
            try db.create(table: "apiToken") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique()
                t.column("sha256", .text).notNull().unique()
                t.column("scopes", .text).notNull()
                t.column("createdAt", .double).notNull()
                t.column("lastUsedAt", .double)
                t.column("revokedAt", .double)
            }
        }
        migrator.registerMigration("v6-alert-source") { db in
            // The record whose data raised (or last grew) an alert: only that record's evidence
            // may end it, so a quiet older copy of a station's data cannot cancel it.
            for table in ["alert", "alertReplay"] {
                try db.alter(table: table) { t in t.add(column: "sourceSeriesId", .integer) }
            }
        }
        migrator.registerMigration("v7-canonical-series") { db in
            // Copies of the same observations (a record in two file formats, fast delivery and
            // research quality): every alternate names its canonical series; NULL = canonical.
            try db.alter(table: "series") { t in t.add(column: "canonicalId", .integer).references("series", onDelete: .setNull) }
            try db.create(index: "series_canonical", on: "series", columns: ["canonicalId"])
        }
        return migrator
    }
}
