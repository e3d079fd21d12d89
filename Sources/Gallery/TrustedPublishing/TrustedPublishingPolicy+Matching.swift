import Foundation

/// The result of holding a verified token's claims against a policy.
public enum PolicyMatch: Sendable, Equatable {
    /// The token may publish under the policy; `pin` is set when this first GitHub token pins its ids.
    case matches(pin: (ownerID: String, repositoryID: String)?)
    /// Why not, in words the publisher can act on.
    case mismatch(String)

    public static func == (lhs: PolicyMatch, rhs: PolicyMatch) -> Bool {
        switch (lhs, rhs) {
        case (.matches(let a), .matches(let b)): a?.ownerID == b?.ownerID && a?.repositoryID == b?.repositoryID
        case (.mismatch(let a), .mismatch(let b)): a == b
        default: false
        }
    }
}

extension TrustedPublishingPolicy {
    /// Whether claims of a token whose signature, issuer, audience and lifetime were already checked satisfy
    /// this policy (protocol §13). Names compare case-insensitively; pinned ids exactly.
    public func match(_ claims: [String: String]) -> PolicyMatch {
        switch provider {
        case .gitHubActions(let owner, let repository, let workflowFile, let environment):
            guard claims["repository_owner"]?.lowercased() == owner.lowercased(),
                  claims["repository"]?.lowercased() == "\(owner)/\(repository)".lowercased() else {
                return .mismatch("The token's repository '\(claims["repository"] ?? "")' is not '\(owner)/\(repository)'.")
            }
            let workflow = Self.workflowFile(claims["job_workflow_ref"] ?? claims["workflow_ref"] ?? "")
            guard workflow?.lowercased() == workflowFile.lowercased() else {
                return .mismatch("The token's workflow '\(workflow ?? "")' is not '\(workflowFile)'.")
            }
            if let environment, claims["environment"]?.lowercased() != environment.lowercased() {
                return .mismatch("The token's environment '\(claims["environment"] ?? "")' is not '\(environment)'.")
            }
            guard let ownerID = claims["repository_owner_id"], let repositoryID = claims["repository_id"] else {
                return .mismatch("The token has no repository_owner_id or repository_id.")
            }
            if let pinnedOwnerID, let pinnedRepositoryID {
                guard pinnedOwnerID == ownerID, pinnedRepositoryID == repositoryID else {
                    return .mismatch("The repository '\(owner)/\(repository)' was re-created since the policy was first used.")
                }
                return .matches(pin: nil)
            }
            return .matches(pin: (ownerID, repositoryID))
        case .gitLab(let projectPath, let environment, let branch):
            guard claims["project_path"]?.lowercased() == projectPath.lowercased() else {
                return .mismatch("The token's project '\(claims["project_path"] ?? "")' is not '\(projectPath)'.")
            }
            if let environment, claims["environment"]?.lowercased() != environment.lowercased() {
                return .mismatch("The token's environment '\(claims["environment"] ?? "")' is not '\(environment)'.")
            }
            if let branch, claims["ref_type"] != "branch" || claims["ref"] != branch {
                return .mismatch("The token's ref '\(claims["ref"] ?? "")' is not the branch '\(branch)'.")
            }
            return .matches(pin: nil)
        case .oidc(_, _, let required):
            for (name, value) in required.sorted(by: { $0.key < $1.key }) where claims[name] != value {
                return .mismatch("The token's claim '\(name)' is not '\(value)'.")
            }
            return .matches(pin: nil)
        }
    }

    /// The file name after `.github/workflows/` in `owner/repo/.github/workflows/release.yml@refs/heads/main`.
    static func workflowFile(_ ref: String) -> String? {
        guard let range = ref.range(of: ".github/workflows/") else { return nil }
        let rest = ref[range.upperBound...]
        let file = rest.split(separator: "@", maxSplits: 1).first.map(String.init) ?? ""
        return file.isEmpty ? nil : file
    }
}
