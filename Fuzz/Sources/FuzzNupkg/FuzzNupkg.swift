import Foundation
import FuzzSupport
import NuGetCore

/// The input file, one per fuzzing process (libFuzzer runs inputs one after another in a process).
private let inputPath = FileManager.default.temporaryDirectory
    .appendingPathComponent("fuzz-nupkg-\(getpid()).nupkg").path

/// Small caps so a generated zip bomb costs milliseconds, not seconds, per input.
private let limits = NupkgLimits(
    maxEntries: 2_000, maxEntryUncompressedBytes: 4 << 20, maxTotalUncompressedBytes: 8 << 20)

/// libFuzzer entry point: writes the input to a temp file and opens it with `NupkgReader`, then validates it.
/// Every outcome must be contents or a `NuGetCoreError`; a crash, hang or foreign error is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    guard FileManager.default.createFile(atPath: inputPath, contents: bytes) else { fatalError("cannot write \(inputPath)") }
    do {
        let contents = try NupkgReader.read(fileAt: inputPath, limits: limits)
        _ = try? PackageValidator.validate(contents)
    } catch let error as any NuGetCoreError {
        precondition(error.message.hasSuffix("."), "message without a period: \(error.message)")
    } catch {
        fatalError("NupkgReader threw a non-NuGetCoreError: \(error)")
    }
    return 0
}

/// SwiftPM links executables on Linux with `--defsym main=FuzzNupkg_main` (so tests can import them),
/// which hides libFuzzer's own `main`; this entry point hands control to libFuzzer's driver instead.
@_cdecl("FuzzNupkg_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
