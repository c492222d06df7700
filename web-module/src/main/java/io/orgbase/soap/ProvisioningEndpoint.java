package io.orgbase.soap;

import io.orgbase.organization.boundary.Employment;
import io.orgbase.organization.boundary.Invitations;
import io.orgbase.organization.boundary.Memberships;
import io.orgbase.organization.boundary.Memberships.Added;
import io.orgbase.requests.Patch;
import io.orgbase.requests.Precondition;
import io.orgbase.soap.SoapFaults.Version;
import io.orgbase.soap.v1.provisioning.AddMember;
import io.orgbase.soap.v1.provisioning.AddMemberResponse;
import io.orgbase.soap.v1.provisioning.AddToTeam;
import io.orgbase.soap.v1.provisioning.AddToTeamResponse;
import io.orgbase.soap.v1.provisioning.ChangeRole;
import io.orgbase.soap.v1.provisioning.ChangeRoleResponse;
import io.orgbase.soap.v1.provisioning.InviteMember;
import io.orgbase.soap.v1.provisioning.InviteMemberResponse;
import io.orgbase.soap.v1.provisioning.MoveToDepartment;
import io.orgbase.soap.v1.provisioning.MoveToDepartmentResponse;
import io.orgbase.soap.v1.provisioning.ProvisioningPortType;
import io.orgbase.soap.v1.provisioning.ReactivateMember;
import io.orgbase.soap.v1.provisioning.ReactivateMemberResponse;
import io.orgbase.soap.v1.provisioning.RemoveFromTeam;
import io.orgbase.soap.v1.provisioning.RemoveFromTeamResponse;
import io.orgbase.soap.v1.provisioning.SuspendMember;
import io.orgbase.soap.v1.provisioning.SuspendMemberResponse;
import io.orgbase.soap.v1.types.Member;
import io.orgbase.soap.v1.types.TeamRole;
import io.orgbase.team.boundary.Teams;
import io.orgbase.tenancy.Tenant;
import jakarta.inject.Inject;
import jakarta.jws.WebService;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The Provisioning service, SOAP 1.1 port ({@code /soap/v1/provisioning}): adds, invites and changes
 * members through the same boundary methods as REST, so the same permissions, rules ("nobody grants
 * what they do not hold", the last owner stays), audit entries and events apply. {@code
 * expectedVersion} is REST's {@code If-Match}: a stale one is a conflict that names the current
 * version.
 */
@WebService(
        serviceName = "ProvisioningService",
        portName = "ProvisioningSoap11Port",
        targetNamespace = ProvisioningEndpoint.NAMESPACE,
        endpointInterface = "io.orgbase.soap.v1.provisioning.ProvisioningPortType",
        wsdlLocation = "WEB-INF/wsdl/v1/provisioning.wsdl")
public class ProvisioningEndpoint extends SoapEndpoint implements ProvisioningPortType {

    public static final String NAMESPACE = "http://orgbase.io/soap/provisioning/v1";

    private static final Employment NO_EMPLOYMENT = new Employment(null, null, null, null);

    @Inject
    Memberships memberships;

    @Inject
    Invitations invitations;

    @Inject
    Teams teams;

    @Override
    Version version() {
        return Version.SOAP_11;
    }

    @Override
    public AddMemberResponse addMember(AddMember request) {
        return call(() -> {
            Tenant tenant = tenant(request.getOrg());
            Added added = memberships.add(
                    tenant,
                    SoapTypes.required("email", request.getEmail()),
                    SoapTypes.required("role", request.getRole()),
                    false,
                    SoapTypes.employment(request.getEmployment()));
            AddMemberResponse response = new AddMemberResponse();
            if (added.invitation() != null) {
                response.setInvitation(SoapTypes.invitation(added.invitation().invitation()));
            } else {
                response.setMember(SoapTypes.member(added.member()));
            }
            return response;
        });
    }

    /** The invitation goes to the address by email; unlike REST's answer, its token is not returned. */
    @Override
    public InviteMemberResponse inviteMember(InviteMember request) {
        return call(() -> {
            Tenant tenant = tenant(request.getOrg());
            InviteMemberResponse response = new InviteMemberResponse();
            response.setInvitation(SoapTypes.invitation(invitations
                    .invite(
                            tenant,
                            SoapTypes.required("email", request.getEmail()),
                            SoapTypes.required("role", request.getRole()))
                    .invitation()));
            return response;
        });
    }

    @Override
    public ChangeRoleResponse changeRole(ChangeRole request) {
        ChangeRoleResponse response = new ChangeRoleResponse();
        response.setMember(update(
                request.getOrg(),
                request.getUserId(),
                request.getExpectedVersion(),
                (tenant, user, precondition) -> memberships.update(
                        tenant,
                        user,
                        SoapTypes.required("role", request.getRole()),
                        null,
                        null,
                        new Patch<>(NO_EMPLOYMENT, Set.of()),
                        precondition)));
        return response;
    }

    @Override
    public SuspendMemberResponse suspendMember(SuspendMember request) {
        SuspendMemberResponse response = new SuspendMemberResponse();
        response.setMember(active(request.getOrg(), request.getUserId(), request.getExpectedVersion(), false));
        return response;
    }

    @Override
    public ReactivateMemberResponse reactivateMember(ReactivateMember request) {
        ReactivateMemberResponse response = new ReactivateMemberResponse();
        response.setMember(active(request.getOrg(), request.getUserId(), request.getExpectedVersion(), true));
        return response;
    }

    private Member active(String org, String userId, Long expectedVersion, boolean active) {
        return update(
                org,
                userId,
                expectedVersion,
                (tenant, user, precondition) -> memberships.update(
                        tenant, user, null, active, null, new Patch<>(NO_EMPLOYMENT, Set.of()), precondition));
    }

    /** Into a department, or out of any when {@code departmentId} is left out. */
    @Override
    public MoveToDepartmentResponse moveToDepartment(MoveToDepartment request) {
        MoveToDepartmentResponse response = new MoveToDepartmentResponse();
        response.setMember(update(
                request.getOrg(),
                request.getUserId(),
                request.getExpectedVersion(),
                (tenant, user, precondition) -> memberships.update(
                        tenant,
                        user,
                        null,
                        null,
                        null,
                        new Patch<>(
                                new Employment(
                                        null,
                                        null,
                                        SoapTypes.optionalId("departmentId", request.getDepartmentId()),
                                        null),
                                Set.of("departmentId")),
                        precondition)));
        return response;
    }

    private interface MemberChange {
        Memberships.Member apply(Tenant tenant, UUID userId, Precondition precondition);
    }

    /** One change of a membership, with REST's If-Match as {@code expectedVersion}. */
    private Member update(String org, String userId, Long expectedVersion, MemberChange change) {
        Tenant[] tenant = new Tenant[1];
        UUID[] user = new UUID[1];
        return call(
                () -> {
                    tenant[0] = tenant(org);
                    user[0] = SoapTypes.id("userId", userId);
                    Precondition precondition =
                            expectedVersion == null ? Precondition.NONE : new Precondition(List.of(expectedVersion));
                    return SoapTypes.member(change.apply(tenant[0], user[0], precondition));
                },
                () -> memberships.get(tenant[0], user[0]).membership().getVersion());
    }

    @Override
    public AddToTeamResponse addToTeam(AddToTeam request) {
        return call(() -> {
            Tenant tenant = tenant(request.getOrg());
            AddToTeamResponse response = new AddToTeamResponse();
            response.setTeamMember(SoapTypes.teamMember(teams.addMember(
                    tenant,
                    SoapTypes.id("teamId", request.getTeamId()),
                    SoapTypes.id("userId", request.getUserId()),
                    SoapTypes.teamRole(request.getRole() == null ? TeamRole.MEMBER : request.getRole()))));
            return response;
        });
    }

    @Override
    public RemoveFromTeamResponse removeFromTeam(RemoveFromTeam request) {
        return call(() -> {
            teams.removeMember(
                    tenant(request.getOrg()),
                    SoapTypes.id("teamId", request.getTeamId()),
                    SoapTypes.id("userId", request.getUserId()),
                    Precondition.NONE);
            return new RemoveFromTeamResponse();
        });
    }
}
