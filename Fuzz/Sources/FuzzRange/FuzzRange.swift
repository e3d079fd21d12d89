import FuzzSupport
import NuGetCore

/// libFuzzer entry point: any bytes, as text, through `VersionRange(parsing:)`.
///
/// Checks that the canonical form (`[1.0.0, )`) parses back to the same canonical form, since registration
/// documents publish it and clients parse it again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let range = try? VersionRange(parsing: text) else { return 0 }
    _ = (range.isFloating, range.hasSemVer2Bound, range.minVersion, range.maxVersion)
    guard let again = try? VersionRange(parsing: range.normalized) else {
        fatalError("normalized form '\(range.normalized)' of '\(text)' does not parse")
    }
    precondition(again.normalized == range.normalized, "range normalization is not idempotent: '\(text)'")
    return 0
}

/// SwiftPM links executables on Linux with `--defsym main=FuzzRange_main` (so tests can import them),
/// which hides libFuzzer's own `main`; this entry point hands control to libFuzzer's driver instead.
@_cdecl("FuzzRange_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
