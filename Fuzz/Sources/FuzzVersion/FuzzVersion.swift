import FuzzSupport
import NuGetCore

/// libFuzzer entry point: any bytes, as text, through `NuGetVersion(parsing:)`.
///
/// Beyond "does not crash", checks the invariants the server relies on: a parsed version's normalized
/// string parses again to an equal version with the same normalized form, and ordering agrees with equality.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let version = try? NuGetVersion(parsing: text) else { return 0 }
    _ = (version.full, version.normalizedLowercased, version.isPrerelease, version.isSemVer2,
         version.isLegacyClientCompatible)
    guard let again = try? NuGetVersion(parsing: version.normalized) else {
        fatalError("normalized form '\(version.normalized)' of '\(text)' does not parse")
    }
    precondition(again == version, "normalized round trip changed the version: '\(text)'")
    precondition(again.normalized == version.normalized, "normalization is not idempotent: '\(text)'")
    precondition(!(version < again) && !(again < version), "ordering disagrees with equality: '\(text)'")
    return 0
}

/// SwiftPM links executables on Linux with `--defsym main=FuzzVersion_main` (so tests can import them),
/// which hides libFuzzer's own `main`; this entry point hands control to libFuzzer's driver instead.
@_cdecl("FuzzVersion_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
