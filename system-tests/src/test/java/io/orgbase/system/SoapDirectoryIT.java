package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.orgbase.soap.client.directory.DirectoryPortType;
import io.orgbase.soap.client.directory.FindMemberByEmail;
import io.orgbase.soap.client.directory.ForbiddenFault;
import io.orgbase.soap.client.directory.GetMember;
import io.orgbase.soap.client.directory.GetOrganization;
import io.orgbase.soap.client.directory.InvalidInputFault;
import io.orgbase.soap.client.directory.ListChildOrganizations;
import io.orgbase.soap.client.directory.ListContacts;
import io.orgbase.soap.client.directory.ListDepartments;
import io.orgbase.soap.client.directory.ListDescendantOrganizations;
import io.orgbase.soap.client.directory.ListMembers;
import io.orgbase.soap.client.directory.ListMembersResponse;
import io.orgbase.soap.client.directory.ListTeamMembers;
import io.orgbase.soap.client.directory.ListTeams;
import io.orgbase.soap.client.directory.NotFoundFault;
import io.orgbase.soap.client.types.Member;
import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import io.orgbase.system.Soap.Credentials;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Directory service through the client generated from the contract, on both SOAP versions and
 * with every kind of credential: each operation answers what REST answers, pages with REST's
 * cursors, and another organization's ids are exactly as unknown as ids that do not exist.
 */
class SoapDirectoryIT {

    private static Session owner;
    private static Org org;
    private static Org child;
    private static Session member;
    private static UUID sales;
    private static UUID emea;
    private static UUID team;
    private static String adminKey;
    private static Org foreign;
    private static Session stranger;
    private static UUID foreignDepartment;

    @BeforeAll
    static void organization() {
        owner = Fixtures.newUser();
        org = Fixtures.newOrg(owner);
        child = Fixtures.child(owner, org, "Subsidiary " + Secrets.suffix());
        member = Fixtures.newUser();
        Fixtures.addMember(owner, org, member, "member");
        sales = Fixtures.newDepartment(owner, org, "Sales");
        emea = owner.in(org)
                .departments()
                .created(json("name", "EMEA", "code", "E-" + Secrets.suffix(), "parentId", sales.toString()));
        assertThat(owner.in(org)
                        .members()
                        .item(member.id())
                        .update(json("jobTitle", "Account executive", "departmentId", emea.toString()))
                        .status())
                .isEqualTo(200);
        team = owner.in(org).teams().created(json("name", "Launch"));
        assertThat(owner.api()
                        .post(
                                org.path() + "/teams/" + team + "/members",
                                json("userId", member.id().toString(), "role", "lead"))
                        .status())
                .isEqualTo(201);
        assertThat(owner.in(org)
                        .contacts()
                        .create(json(
                                "firstName",
                                "Grace",
                                "lastName",
                                "Hopper",
                                "emails",
                                jakarta.json.Json.createArrayBuilder()
                                        .add(json("email", "grace@example.com"))
                                        .build()))
                        .status())
                .isEqualTo(201);
        adminKey = owner.in(org)
                .apiKeys()
                .create(json("name", "middleware", "role", "admin"))
                .json()
                .getString("key");
        stranger = Fixtures.newUser();
        foreign = Fixtures.newOrg(stranger);
        foreignDepartment = Fixtures.newDepartment(stranger, foreign, "Theirs");
    }

    private static DirectoryPortType directory(boolean soap12) {
        return Soap.directory(Credentials.basic(adminKey).from(Fixtures.address()), soap12);
    }

    private static GetOrganization getOrganization(String ref) {
        GetOrganization request = new GetOrganization();
        request.setOrg(ref);
        return request;
    }

    @Test
    void everyReadOnBothVersions() throws Exception {
        for (boolean soap12 : new boolean[] {false, true}) {
            DirectoryPortType port = directory(soap12);
            JsonObject rest = owner.api().get(org.path()).json();
            var organization = port.getOrganization(getOrganization(org.slug())).getOrganization();
            assertThat(organization.getId()).isEqualTo(org.id().toString());
            assertThat(organization.getSlug()).isEqualTo(org.slug());
            assertThat(organization.getName()).isEqualTo(rest.getString("name"));
            assertThat(organization.getStatus()).isEqualTo(rest.getString("status"));
            assertThat(organization.getVersion())
                    .isEqualTo(rest.getJsonNumber("version").longValue());
            // by id as well as by slug, as REST paths take it
            assertThat(port.getOrganization(getOrganization(org.id().toString()))
                            .getOrganization()
                            .getSlug())
                    .isEqualTo(org.slug());

            ListChildOrganizations children = new ListChildOrganizations();
            children.setOrg(org.slug());
            assertThat(port.listChildOrganizations(children).getOrganization())
                    .extracting(o -> o.getSlug() + "@" + o.getDepth())
                    .containsExactly(child.slug() + "@1");
            ListDescendantOrganizations descendants = new ListDescendantOrganizations();
            descendants.setOrg(org.slug());
            assertThat(port.listDescendantOrganizations(descendants).getOrganization())
                    .extracting(o -> o.getId())
                    .containsExactly(child.id().toString());

            ListDepartments departments = new ListDepartments();
            departments.setOrg(org.slug());
            assertThat(port.listDepartments(departments).getDepartment())
                    .extracting(d -> d.getName() + "<" + d.getParentId())
                    .containsExactlyInAnyOrder("Sales<null", "EMEA<" + sales);
            departments.setParentId(sales.toString());
            assertThat(port.listDepartments(departments).getDepartment())
                    .extracting(d -> d.getId())
                    .containsExactly(emea.toString());

            ListTeams teams = new ListTeams();
            teams.setOrg(org.slug());
            assertThat(port.listTeams(teams).getTeam())
                    .extracting(t -> t.getName())
                    .containsExactly("Launch");
            ListTeamMembers teamMembers = new ListTeamMembers();
            teamMembers.setOrg(org.slug());
            teamMembers.setTeamId(team.toString());
            assertThat(port.listTeamMembers(teamMembers).getTeamMember())
                    .extracting(m -> m.getUserId() + ":" + m.getRole().value())
                    .containsExactly(member.id() + ":lead");

            GetMember get = new GetMember();
            get.setOrg(org.slug());
            get.setUserId(member.id().toString());
            Member got = port.getMember(get).getMember();
            assertThat(got.getEmail()).isEqualTo(member.email());
            assertThat(got.getRole()).isEqualTo("member");
            assertThat(got.isActive()).isTrue();
            assertThat(got.getEmployment().getJobTitle()).isEqualTo("Account executive");
            assertThat(got.getEmployment().getDepartmentId()).isEqualTo(emea.toString());
            assertThat(got.getJoinedAt()).isNotNull();

            FindMemberByEmail find = new FindMemberByEmail();
            find.setOrg(org.slug());
            find.setEmail(member.email().toUpperCase(java.util.Locale.ROOT));
            assertThat(port.findMemberByEmail(find).getMember().getUserId())
                    .isEqualTo(member.id().toString());

            ListContacts contacts = new ListContacts();
            contacts.setOrg(org.slug());
            assertThat(port.listContacts(contacts).getContact())
                    .extracting(c -> c.getLastName() + " " + c.getPrimaryEmail())
                    .containsExactly("Hopper grace@example.com");
        }
    }

    @Test
    void membersPageWithRestCursorsAndSearch() throws Exception {
        DirectoryPortType port = directory(false);
        List<String> emails = new ArrayList<>();
        String after = null;
        do {
            ListMembers list = new ListMembers();
            list.setOrg(org.slug());
            list.setPage(Soap.page(after, 1));
            ListMembersResponse page = port.listMembers(list);
            assertThat(page.getMember()).hasSize(1);
            emails.add(page.getMember().get(0).getEmail());
            after = page.getNext();
        } while (after != null);
        assertThat(emails).containsExactlyInAnyOrder(owner.email(), member.email());
        String restOrder = owner.api().get(org.path() + "/members").body();
        assertThat(restOrder.indexOf(emails.get(0))).isLessThan(restOrder.indexOf(emails.get(1)));

        ListMembers search = new ListMembers();
        search.setOrg(org.slug());
        search.setQuery(member.email().substring(0, member.email().indexOf('@')));
        assertThat(port.listMembers(search).getMember())
                .extracting(Member::getEmail)
                .containsExactly(member.email());

        ListMembers tooMany = new ListMembers();
        tooMany.setOrg(org.slug());
        tooMany.setPage(Soap.page(null, 1000));
        InvalidInputFault invalid = catchThrowableOfType(InvalidInputFault.class, () -> port.listMembers(tooMany));
        assertThat(invalid.getFaultInfo().getFieldError())
                .extracting(e -> e.getField())
                .containsExactly("page.limit");
        ListMembers garbage = new ListMembers();
        garbage.setOrg(org.slug());
        garbage.setPage(Soap.page("not-a-cursor", null));
        assertThat(catchThrowableOfType(InvalidInputFault.class, () -> port.listMembers(garbage)))
                .isNotNull();
    }

    @Test
    void anotherOrganizationIsExactlyLikeNoOrganization() throws Exception {
        DirectoryPortType port = directory(false);
        NotFoundFault foreignOrg =
                catchThrowableOfType(NotFoundFault.class, () -> port.getOrganization(getOrganization(foreign.slug())));
        NotFoundFault missingOrg = catchThrowableOfType(
                NotFoundFault.class, () -> port.getOrganization(getOrganization("no-such-" + Secrets.suffix())));
        assertThat(foreignOrg.getMessage()).isEqualTo(missingOrg.getMessage());
        assertThat(foreignOrg.getFaultInfo().getType())
                .isEqualTo(missingOrg.getFaultInfo().getType());
        assertThat(foreignOrg.getFaultInfo().getDetail())
                .isEqualTo(missingOrg.getFaultInfo().getDetail());
        NotFoundFault foreignById = catchThrowableOfType(
                NotFoundFault.class,
                () -> port.getOrganization(getOrganization(foreign.id().toString())));
        assertThat(foreignById.getFaultInfo().getDetail())
                .isEqualTo(missingOrg.getFaultInfo().getDetail());

        // a foreign member or team inside our organization: not found either
        GetMember theirs = new GetMember();
        theirs.setOrg(org.slug());
        theirs.setUserId(stranger.id().toString());
        GetMember nobody = new GetMember();
        nobody.setOrg(org.slug());
        nobody.setUserId(UUID.randomUUID().toString());
        assertThat(catchThrowableOfType(NotFoundFault.class, () -> port.getMember(theirs))
                        .getFaultInfo()
                        .getDetail())
                .isEqualTo(catchThrowableOfType(NotFoundFault.class, () -> port.getMember(nobody))
                        .getFaultInfo()
                        .getDetail());
        ListDepartments underForeign = new ListDepartments();
        underForeign.setOrg(org.slug());
        underForeign.setParentId(foreignDepartment.toString());
        assertThat(port.listDepartments(underForeign).getDepartment()).isEmpty();
        FindMemberByEmail byEmail = new FindMemberByEmail();
        byEmail.setOrg(org.slug());
        byEmail.setEmail(stranger.email());
        assertThat(catchThrowableOfType(NotFoundFault.class, () -> port.findMemberByEmail(byEmail)))
                .isNotNull();

        // lists never show foreign rows
        ListMembers members = new ListMembers();
        members.setOrg(org.slug());
        assertThat(port.listMembers(members).getMember())
                .extracting(Member::getUserId)
                .doesNotContain(stranger.id().toString());
    }

    @Test
    void eachCredentialActsAsItsCaller() throws Exception {
        String address = Fixtures.address();
        // the owner's own access token, through MicroProfile JWT like REST
        String token = owner.api().token();
        assertThat(Soap.directory(Credentials.bearer(token).from(address), true)
                        .getOrganization(getOrganization(org.slug()))
                        .getOrganization()
                        .getSlug())
                .isEqualTo(org.slug());
        assertThat(Soap.directory(Credentials.apiKeyHeader(adminKey).from(address), false)
                        .getOrganization(getOrganization(org.slug()))
                        .getOrganization()
                        .getSlug())
                .isEqualTo(org.slug());

        // a member's token reads, but the member list needs members:read (members have it); a viewer key does not
        String viewerKey = owner.in(org)
                .apiKeys()
                .create(json("name", "viewer", "role", "viewer"))
                .json()
                .getString("key");
        ListMembers members = new ListMembers();
        members.setOrg(org.slug());
        ForbiddenFault forbidden = catchThrowableOfType(ForbiddenFault.class, () -> Soap.directory(
                        Credentials.basic(viewerKey).from(address), false)
                .listMembers(members));
        assertThat(forbidden.getFaultInfo().getType()).endsWith("/forbidden");
        // a key of one organization is a stranger in every other
        assertThat(catchThrowableOfType(NotFoundFault.class, () -> Soap.directory(
                                Credentials.basic(adminKey).from(address), false)
                        .getOrganization(getOrganization(child.slug()))))
                .isNotNull();
    }
}
