import ArgumentParser

/// `bluewatch`: ingest, check, analyse and serve sea-level, tsunami and microplastic data for
/// marine cooperation projects.
@main
struct BlueWatch: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "bluewatch",
        abstract: "Sea-level, tsunami and microplastic monitoring for marine cooperation projects.",
        discussion: """
            Data go into an embedded SQLite store (default ./bluewatch-data/bluewatch.sqlite, or \
            $BLUEWATCH_DB, or --db). Station, project and source metadata come from the stations/ \
            and grids/ folders of the BlueWatch checkout (found from the working directory, or \
            $BLUEWATCH_HOME).

            Start with:
              bluewatch ingest ../shared/data       read every known file into the store
              bluewatch stations --project blue-21-sids-sealevel
              bluewatch series list suva
              bluewatch series export honolulu --format netcdf --out honolulu.nc
              bluewatch qc honolulu                 QARTOD flags stored at ingest
              bluewatch trend suva --split 1993
              bluewatch tides analyse honolulu      harmonic constants (UTide method)
              bluewatch tsunami detect dart-21418 nukualofa
              bluewatch tsunami forecast --event official20110311054624120_30 --map tt.svg
              bluewatch trend grid sla.nc --var sla --out sla-trend.nc

            Exit status: 0 success; 1 a data file could not be read or stored (nothing of it \
            was stored); 2 configuration error (registry, catalogue, database); 64 usage error.
            """,
        version: version,
        subcommands: [Ingest.self, Stations.self, Series.self, QC.self, Trend.self, Tides.self, Tsunami.self, Plastics.self, Alerts.self, Report.self, Extremes.self, Flooding.self, Serve.self, Tokens.self, Info.self, Status.self, River.self, CheckFile.self]
    )
}
