import Foundation
import Gallery

struct OrganizationRowModel {
    let name: String
    let manageURL: String
    let profileURL: String
    let role: String
    let members: Int
    let packages: Int
}

struct InvitationRowModel {
    let organization: String
    let role: String
}

struct OrganizationsPageModel {
    var layout: LayoutModel
    let csrf: String
    let notice: String?
    let error: String?
    let organizations: [OrganizationRowModel]
    let hasOrganizations: Bool
    let invitations: [InvitationRowModel]
    let hasInvitations: Bool
}

struct InviteeRowModel {
    let user: String
    let role: String
}

struct AddOrganizationPageModel {
    var layout: LayoutModel
    let csrf: String
    let name: String
    let email: String
    let error: String?
}

struct MemberRowModel {
    let name: String
    let profileURL: String
    let isYou: Bool
    let isAdmin: Bool
    let domID: String
}

struct ManageOrganizationPageModel {
    var layout: LayoutModel
    let csrf: String
    let name: String
    /// The name again, for use inside the member rows (whose own `name` shadows it).
    let organizationName: String
    /// Whether the viewer administers the organization (the forms show).
    let manage: Bool
    let actionURL: String
    let profileURL: String
    let roleName: String
    let isAdmin: Bool
    let notice: String?
    let error: String?
    let members: [MemberRowModel]
    let invitations: [InviteeRowModel]
    let hasInvitations: Bool
    let packageCount: Int
}

extension OrganizationRole {
    /// nuget.org's labels.
    var label: String { self == .admin ? "Administrator" : "Collaborator" }
}

extension WebGallery {
    /// `/account/Organizations` (gallery.md §1.9).
    func organizationsPage(_ principal: Principal, notice: String? = nil, error: String? = nil) async throws -> String {
        let all = try await administration.organizations(of: principal)
        let rows = all.compactMap { overview -> OrganizationRowModel? in
            guard let role = overview.role else { return nil }
            let name = overview.organization.name
            return OrganizationRowModel(
                name: name, manageURL: "/organization/" + Format.pathSegment(name) + "/ManageOrganization",
                profileURL: "/profiles/" + Format.pathSegment(name), role: role.label, members: overview.members.count,
                packages: overview.packageCount)
        }
        let invitations = all.compactMap { overview -> InvitationRowModel? in
            guard overview.role == nil,
                  let request = overview.invitations.first(where: { $0.user.key == principal.user.key })?.request else { return nil }
            return InvitationRowModel(organization: overview.organization.name, role: request.role.label)
        }
        var layout = layout("Manage Organizations")
        layout.noIndex = true
        return render(OrganizationsPageModel(
            layout: layout, csrf: WebVisitor.current?.csrfToken ?? "", notice: notice, error: error, organizations: rows,
            hasOrganizations: !rows.isEmpty, invitations: invitations, hasInvitations: !invitations.isEmpty), "organizations")
    }

    /// `/organization/add`.
    func addOrganizationPage(name: String = "", email: String = "", error: String? = nil) -> String {
        var layout = layout("Add organization")
        layout.noIndex = true
        return render(AddOrganizationPageModel(
            layout: layout, csrf: WebVisitor.current?.csrfToken ?? "", name: name, email: email, error: error), "addOrganization")
    }

    /// `/organization/{name}/ManageOrganization`: members (admins change them), invitations, delete.
    func manageOrganizationPage(name: String, by principal: Principal, notice: String? = nil, error: String? = nil) async throws -> String {
        let overview = try await administration.organization(named: name, by: principal)
        let organization = overview.organization.name
        let isAdmin = overview.role == .admin
        let members = overview.members.enumerated().map { index, member in
            MemberRowModel(
                name: member.user.name, profileURL: "/profiles/" + Format.pathSegment(member.user.name),
                isYou: member.user.key == principal.user.key, isAdmin: member.role == .admin, domID: "member-role-\(index)")
        }
        let invitations = overview.invitations.map { InviteeRowModel(user: $0.user.name, role: $0.request.role.label) }
        var layout = layout("Manage \(organization)")
        layout.noIndex = true
        return render(ManageOrganizationPageModel(
            layout: layout, csrf: WebVisitor.current?.csrfToken ?? "", name: organization, organizationName: organization,
            manage: isAdmin, actionURL: "/organization/" + Format.pathSegment(organization) + "/ManageOrganization",
            profileURL: "/profiles/" + Format.pathSegment(organization), roleName: overview.role?.label ?? "", isAdmin: isAdmin,
            notice: notice, error: error, members: members, invitations: invitations, hasInvitations: !invitations.isEmpty,
            packageCount: overview.packageCount), "manageOrganization")
    }

    /// One posted form of the organization's page; returns the notice to show.
    func manageOrganization(name: String, form: WebForm, by principal: Principal) async throws -> String {
        let user = (form["Username"] ?? "").trimmingCharacters(in: .whitespaces)
        let role: OrganizationRole = form["Role"] == "admin" ? .admin : .collaborator
        switch form["Action"] {
        case "invite":
            let invited = try await administration.inviteMember(organizationName: name, userName: user, role: role, by: principal)
            return "\(invited.name) is invited as \(role.label) and joins when they accept."
        case "change-role":
            try await administration.changeRole(organizationName: name, userName: user, role: role, by: principal)
            return "\(user) is now \(role.label == "Administrator" ? "an" : "a") \(role.label)."
        case "remove":
            try await administration.removeMember(organizationName: name, userName: user, by: principal)
            return "\(user) is no longer a member."
        case "cancel-invite":
            try await administration.cancelInvitation(organizationName: name, userName: user, by: principal)
            return "The invitation to \(user) is cancelled."
        default:
            throw GalleryError.badRequest("The form does not name an action.")
        }
    }
}
