import BlueWatchIngest
import BlueWatchStore
let reader = DatasetReader(catalog: try SourceCatalog(contentsOf: "stations/sources.toml"))
let s = try reader.read("../shared/data/sealevel/hourly/HNL2010.asc").series[0].series
let enc = ObservationCodec.encodeValues(s.values)
print(enc.count, enc[0], enc[1...6], s.values[0...3])
