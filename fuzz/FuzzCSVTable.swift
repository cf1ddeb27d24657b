// libFuzzer target: the CSV tokenizer every CSV reader uses, and its number parsing.
// Built by scripts/fuzz_libfuzzer.sh with Sources/BlueWatchIngest/CSVTable.swift.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVTable(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let table = try? CSVTable(text: text, path: "fuzz.csv") else { return 0 }
    for row in table.rows {
        for i in table.header.indices {
            if let v = try? table.number(row, i) { precondition(v.isFinite || v.isNaN, "an infinite number passed") }
        }
    }
    return 0
}
