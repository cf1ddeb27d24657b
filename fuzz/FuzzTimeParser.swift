// libFuzzer target: the date and period parsers every reader and every HTTP date parameter use.
// Built by scripts/fuzz_libfuzzer.sh with Sources/BlueWatchCore/UTCTime.swift.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTimeParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let t = UTCTime.parse(text) {
        // Whatever parses must format and parse back to the same instant (to the millisecond).
        let back = UTCTime.parse(UTCTime.iso(t))
        precondition(back.map { abs($0 - t) < 0.001 } ?? false, "\(text) → \(t) → \(UTCTime.iso(t)) does not round-trip")
    }
    for end in [false, true] { if let b = UTCTime.bound(text, end: end) { _ = UTCTime.iso(b); _ = UTCTime.components(b) } }
    if size >= 8 {
        let raw = UnsafeRawPointer(data).loadUnaligned(as: Double.self)
        _ = UTCTime.iso(raw); _ = UTCTime.isoDate(raw); _ = UTCTime.decimalYear(raw)
    }
    return 0
}
