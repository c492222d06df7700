package io.orgbase.soap;

import io.orgbase.contact.boundary.ContactBook;
import io.orgbase.department.boundary.Departments;
import io.orgbase.organization.boundary.Memberships;
import io.orgbase.organization.boundary.Organizations;
import io.orgbase.organization.boundary.Organizations.Relative;
import io.orgbase.problems.NotFound;
import io.orgbase.soap.SoapFaults.Version;
import io.orgbase.soap.v1.directory.DirectoryPortType;
import io.orgbase.soap.v1.directory.FindMemberByEmail;
import io.orgbase.soap.v1.directory.FindMemberByEmailResponse;
import io.orgbase.soap.v1.directory.GetMember;
import io.orgbase.soap.v1.directory.GetMemberResponse;
import io.orgbase.soap.v1.directory.GetOrganization;
import io.orgbase.soap.v1.directory.GetOrganizationResponse;
import io.orgbase.soap.v1.directory.ListChildOrganizations;
import io.orgbase.soap.v1.directory.ListChildOrganizationsResponse;
import io.orgbase.soap.v1.directory.ListContacts;
import io.orgbase.soap.v1.directory.ListContactsResponse;
import io.orgbase.soap.v1.directory.ListDepartments;
import io.orgbase.soap.v1.directory.ListDepartmentsResponse;
import io.orgbase.soap.v1.directory.ListDescendantOrganizations;
import io.orgbase.soap.v1.directory.ListDescendantOrganizationsResponse;
import io.orgbase.soap.v1.directory.ListMembers;
import io.orgbase.soap.v1.directory.ListMembersResponse;
import io.orgbase.soap.v1.directory.ListTeamMembers;
import io.orgbase.soap.v1.directory.ListTeamMembersResponse;
import io.orgbase.soap.v1.directory.ListTeams;
import io.orgbase.soap.v1.directory.ListTeamsResponse;
import io.orgbase.soap.v1.types.RelatedOrganization;
import io.orgbase.team.boundary.Teams;
import io.orgbase.tenancy.Tenant;
import jakarta.inject.Inject;
import jakarta.jws.WebService;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The Directory service, SOAP 1.1 port ({@code /soap/v1/directory}): reads an organization, its
 * structure and its people through the same boundaries as REST's GETs.
 */
@WebService(
        serviceName = "DirectoryService",
        portName = "DirectorySoap11Port",
        targetNamespace = DirectoryEndpoint.NAMESPACE,
        endpointInterface = "io.orgbase.soap.v1.directory.DirectoryPortType",
        wsdlLocation = "WEB-INF/wsdl/v1/directory.wsdl")
public class DirectoryEndpoint extends SoapEndpoint implements DirectoryPortType {

    public static final String NAMESPACE = "http://orgbase.io/soap/directory/v1";

    @Inject
    Organizations organizations;

    @Inject
    Departments departments;

    @Inject
    Teams teams;

    @Inject
    Memberships memberships;

    @Inject
    ContactBook contacts;

    @Override
    Version version() {
        return Version.SOAP_11;
    }

    @Override
    public GetOrganizationResponse getOrganization(GetOrganization request) {
        return call(() -> {
            GetOrganizationResponse response = new GetOrganizationResponse();
            response.setOrganization(SoapTypes.organization(
                    organizations.get(tenant(request.getOrg())).organization()));
            return response;
        });
    }

    @Override
    public ListChildOrganizationsResponse listChildOrganizations(ListChildOrganizations request) {
        return call(() -> {
            Tenant tenant = tenant(request.getOrg());
            ListChildOrganizationsResponse response = new ListChildOrganizationsResponse();
            SoapTypes.fill(
                    organizations.children(tenant, SoapTypes.page(request.getPage(), null, Map.of())),
                    DirectoryEndpoint::related,
                    response.getOrganization(),
                    response::setNext);
            return response;
        });
    }

    @Override
    public ListDescendantOrganizationsResponse listDescendantOrganizations(ListDescendantOrganizations request) {
        return call(() -> {
            Tenant tenant = tenant(request.getOrg());
            ListDescendantOrganizationsResponse response = new ListDescendantOrganizationsResponse();
            SoapTypes.fill(
                    organizations.descendants(tenant, SoapTypes.page(request.getPage(), null, Map.of())),
                    DirectoryEndpoint::related,
                    response.getOrganization(),
                    response::setNext);
            return response;
        });
    }

    private static RelatedOrganization related(Relative relative) {
        RelatedOrganization view = new RelatedOrganization();
        view.setId(relative.organization().getId().toString());
        view.setSlug(relative.organization().getSlug());
        view.setCode(relative.organization().getCode());
        view.setName(relative.organization().getName());
        view.setType(relative.organization().getType());
        view.setStatus(relative.organization().getStatus().name().toLowerCase(Locale.ROOT));
        UUID parent = relative.organization().getParentId();
        view.setParentId(parent == null ? null : parent.toString());
        view.setDepth(relative.depth());
        return view;
    }

    @Override
    public ListDepartmentsResponse listDepartments(ListDepartments request) {
        return call(() -> {
            Tenant tenant = tenant(request.getOrg());
            UUID parent = SoapTypes.optionalId("parentId", request.getParentId());
            Map<String, List<String>> filters =
                    parent == null ? Map.of() : Map.of("parentId", List.of(parent.toString()));
            ListDepartmentsResponse response = new ListDepartmentsResponse();
            SoapTypes.fill(
                    departments.list(tenant, SoapTypes.page(request.getPage(), null, filters)),
                    SoapTypes::department,
                    response.getDepartment(),
                    response::setNext);
            return response;
        });
    }

    @Override
    public ListTeamsResponse listTeams(ListTeams request) {
        return call(() -> {
            Tenant tenant = tenant(request.getOrg());
            ListTeamsResponse response = new ListTeamsResponse();
            SoapTypes.fill(
                    teams.list(tenant, SoapTypes.page(request.getPage(), null, Map.of())),
                    SoapTypes::team,
                    response.getTeam(),
                    response::setNext);
            return response;
        });
    }

    @Override
    public ListTeamMembersResponse listTeamMembers(ListTeamMembers request) {
        return call(() -> {
            Tenant tenant = tenant(request.getOrg());
            UUID team = SoapTypes.id("teamId", request.getTeamId());
            ListTeamMembersResponse response = new ListTeamMembersResponse();
            SoapTypes.fill(
                    teams.members(tenant, team, SoapTypes.page(request.getPage(), null, Map.of())),
                    SoapTypes::teamMember,
                    response.getTeamMember(),
                    response::setNext);
            return response;
        });
    }

    @Override
    public ListMembersResponse listMembers(ListMembers request) {
        return call(() -> {
            Tenant tenant = tenant(request.getOrg());
            ListMembersResponse response = new ListMembersResponse();
            SoapTypes.fill(
                    memberships.list(tenant, SoapTypes.page(request.getPage(), request.getQuery(), Map.of())),
                    SoapTypes::member,
                    response.getMember(),
                    response::setNext);
            return response;
        });
    }

    @Override
    public GetMemberResponse getMember(GetMember request) {
        return call(() -> {
            Tenant tenant = tenant(request.getOrg());
            UUID user = SoapTypes.id("userId", request.getUserId());
            GetMemberResponse response = new GetMemberResponse();
            response.setMember(SoapTypes.member(memberships.get(tenant, user)));
            return response;
        });
    }

    /** The directory filtered on the exact address (addresses are stored in lower case). */
    @Override
    public FindMemberByEmailResponse findMemberByEmail(FindMemberByEmail request) {
        return call(() -> {
            Tenant tenant = tenant(request.getOrg());
            String email = SoapTypes.required("email", request.getEmail()).toLowerCase(Locale.ROOT);
            var found = memberships.list(tenant, SoapTypes.page(null, null, Map.of("email", List.of(email))));
            if (found.items().isEmpty()) {
                throw new NotFound("No member of this organization has that email address.");
            }
            FindMemberByEmailResponse response = new FindMemberByEmailResponse();
            response.setMember(SoapTypes.member(found.items().get(0)));
            return response;
        });
    }

    @Override
    public ListContactsResponse listContacts(ListContacts request) {
        return call(() -> {
            Tenant tenant = tenant(request.getOrg());
            ListContactsResponse response = new ListContactsResponse();
            SoapTypes.fill(
                    contacts.list(tenant, SoapTypes.page(request.getPage(), null, Map.of())),
                    SoapTypes::contact,
                    response.getContact(),
                    response::setNext);
            return response;
        });
    }
}
