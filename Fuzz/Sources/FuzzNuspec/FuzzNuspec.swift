import Foundation
import FuzzSupport
import NuGetCore

/// libFuzzer entry point: any bytes through `Nuspec(parsing:)`. Every outcome must be a parsed nuspec or a
/// `NuGetCoreError` with a one-sentence message; anything else (a crash, a foreign error type) is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    do {
        let nuspec = try Nuspec(parsing: bytes)
        _ = (nuspec.id.lowercased, nuspec.version.normalized, nuspec.dependencyGroups.count)
    } catch let error as any NuGetCoreError {
        precondition(error.message.hasSuffix("."), "message without a period: \(error.message)")
    } catch {
        fatalError("Nuspec threw a non-NuGetCoreError: \(error)")
    }
    return 0
}

/// SwiftPM links executables on Linux with `--defsym main=FuzzNuspec_main` (so tests can import them),
/// which hides libFuzzer's own `main`; this entry point hands control to libFuzzer's driver instead.
@_cdecl("FuzzNuspec_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
