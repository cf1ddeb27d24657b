// libFuzzer target: the classic NetCDF (CDF-1/2/5) header parser that finds where a file's
// data end (it runs in-process on untrusted bytes). Built by scripts/fuzz_libfuzzer.sh with
// Sources/NetCDF/ClassicExtent.swift.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzClassicHeader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let extent = try? ClassicExtent(header: bytes), let required = extent.requiredBytes {
        precondition(required >= 0, "negative extent")
    }
    return 0
}
