public import NuGetCore

// Tests name packages and versions as literals; an invalid literal is a bug in the test itself.
extension PackageID: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        do { try self.init(validating: value) } catch { preconditionFailure("invalid package ID literal '\(value)': \(error)") }
    }
}

extension NuGetVersion: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        do { try self.init(parsing: value) } catch { preconditionFailure("invalid version literal '\(value)': \(error)") }
    }
}
