package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.orgbase.soap.client.provisioning.AddMember;
import io.orgbase.soap.client.provisioning.AddToTeam;
import io.orgbase.soap.client.provisioning.ChangeRole;
import io.orgbase.soap.client.provisioning.ConflictFault;
import io.orgbase.soap.client.provisioning.ForbiddenFault;
import io.orgbase.soap.client.provisioning.InvalidInputFault;
import io.orgbase.soap.client.provisioning.InviteMember;
import io.orgbase.soap.client.provisioning.MoveToDepartment;
import io.orgbase.soap.client.provisioning.NotFoundFault;
import io.orgbase.soap.client.provisioning.ProvisioningPortType;
import io.orgbase.soap.client.provisioning.RateLimitedFault;
import io.orgbase.soap.client.provisioning.ReactivateMember;
import io.orgbase.soap.client.provisioning.RemoveFromTeam;
import io.orgbase.soap.client.provisioning.SuspendMember;
import io.orgbase.soap.client.types.Employment;
import io.orgbase.soap.client.types.Member;
import io.orgbase.soap.client.types.TeamRole;
import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import io.orgbase.system.Soap.Credentials;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Provisioning service through the generated client: each operation changes what REST changes,
 * under the same permissions and rules, with the same audit trail; a refused or stale change leaves
 * everything as it was; another organization's ids are unknown.
 */
class SoapProvisioningIT {

    private static String key(Session owner, Org org, String role) {
        return owner.in(org)
                .apiKeys()
                .create(json("name", "prov-" + Secrets.suffix(), "role", role))
                .json()
                .getString("key");
    }

    private static ProvisioningPortType provisioning(String key, boolean soap12) {
        return Soap.provisioning(Credentials.basic(key).from(Fixtures.address()), soap12);
    }

    private static JsonObject restMember(Session owner, Org org, UUID user) {
        return owner.in(org).members().item(user).get().json();
    }

    @Test
    void provisionAMemberFromStartToFinish() throws Exception {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        UUID department = Fixtures.newDepartment(owner, org, "Engineering");
        UUID team = owner.in(org).teams().created(json("name", "Platform"));
        Session hire = Fixtures.newUser();
        ProvisioningPortType port = provisioning(key(owner, org, "admin"), false);

        AddMember add = new AddMember();
        add.setOrg(org.slug());
        add.setEmail(hire.email());
        add.setRole("member");
        Employment employment = new Employment();
        employment.setJobTitle("Engineer");
        employment.setEmployeeNumber("E-" + Secrets.suffix());
        add.setEmployment(employment);
        Member added = port.addMember(add).getMember();
        assertThat(added.getUserId()).isEqualTo(hire.id().toString());
        assertThat(added.getEmployment().getJobTitle()).isEqualTo("Engineer");
        assertThat(restMember(owner, org, hire.id()).getString("role")).isEqualTo("member");

        ChangeRole change = new ChangeRole();
        change.setOrg(org.slug());
        change.setUserId(hire.id().toString());
        change.setRole("admin");
        change.setExpectedVersion(added.getVersion());
        Member promoted = port.changeRole(change).getMember();
        assertThat(promoted.getRole()).isEqualTo("admin");
        assertThat(promoted.getVersion()).isGreaterThan(added.getVersion());

        // a stale version: a conflict naming the current one, and nothing changes
        change.setRole("viewer");
        ConflictFault stale = catchThrowableOfType(ConflictFault.class, () -> port.changeRole(change));
        assertThat(stale.getFaultInfo().getCurrentVersion()).isEqualTo(promoted.getVersion());
        assertThat(restMember(owner, org, hire.id()).getString("role")).isEqualTo("admin");

        MoveToDepartment move = new MoveToDepartment();
        move.setOrg(org.slug());
        move.setUserId(hire.id().toString());
        move.setDepartmentId(department.toString());
        assertThat(port.moveToDepartment(move).getMember().getEmployment().getDepartmentId())
                .isEqualTo(department.toString());
        assertThat(restMember(owner, org, hire.id()).getString("departmentId")).isEqualTo(department.toString());
        assertThat(restMember(owner, org, hire.id()).getString("jobTitle"))
                .as("only the department moves")
                .isEqualTo("Engineer");

        AddToTeam join = new AddToTeam();
        join.setOrg(org.slug());
        join.setTeamId(team.toString());
        join.setUserId(hire.id().toString());
        join.setRole(TeamRole.LEAD);
        assertThat(port.addToTeam(join).getTeamMember().getRole()).isEqualTo(TeamRole.LEAD);
        assertThat(owner.api().get(org.path() + "/teams/" + team + "/members").body())
                .contains(hire.email());
        RemoveFromTeam leave = new RemoveFromTeam();
        leave.setOrg(org.slug());
        leave.setTeamId(team.toString());
        leave.setUserId(hire.id().toString());
        port.removeFromTeam(leave);
        assertThat(owner.api().get(org.path() + "/teams/" + team + "/members").body())
                .doesNotContain(hire.email());

        // suspended members lose access to the organization; reactivated ones get it back (SOAP 1.2 port)
        ProvisioningPortType soap12 = provisioning(key(owner, org, "admin"), true);
        SuspendMember suspend = new SuspendMember();
        suspend.setOrg(org.slug());
        suspend.setUserId(hire.id().toString());
        assertThat(soap12.suspendMember(suspend).getMember().isActive()).isFalse();
        assertThat(hire.api().get(org.path() + "/departments").status()).isIn(403, 404);
        ReactivateMember reactivate = new ReactivateMember();
        reactivate.setOrg(org.slug());
        reactivate.setUserId(hire.id().toString());
        assertThat(soap12.reactivateMember(reactivate).getMember().isActive()).isTrue();
        assertThat(hire.api().get(org.path() + "/departments").status()).isEqualTo(200);

        // the same audit trail as REST: the role change with its old and new value, by the key
        JsonObject roleChange = Fixtures.events(owner, org, "entityType=membership&action=update").stream()
                .filter(e -> e.getJsonObject("changes").containsKey("role"))
                .findFirst()
                .orElseThrow();
        assertThat(roleChange.getJsonObject("changes").getJsonObject("role").getString("new"))
                .isEqualTo("admin");
    }

    @Test
    void unknownAddressesAreInvitedAndInvitationsCarryNoToken() throws Exception {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        ProvisioningPortType port = provisioning(key(owner, org, "admin"), false);
        String email = "new-" + Secrets.suffix() + "@it.example";
        AddMember add = new AddMember();
        add.setOrg(org.slug());
        add.setEmail(email);
        add.setRole("member");
        var answer = port.addMember(add);
        assertThat(answer.getMember()).isNull();
        assertThat(answer.getInvitation().getEmail()).isEqualTo(email);
        assertThat(answer.getInvitation().getStatus()).isEqualTo("pending");

        InviteMember invite = new InviteMember();
        invite.setOrg(org.slug());
        invite.setEmail("other-" + Secrets.suffix() + "@it.example");
        invite.setRole("viewer");
        var invitation = port.inviteMember(invite).getInvitation();
        assertThat(invitation.getRole()).isEqualTo("viewer");
        assertThat(owner.in(org).invitations().list().body()).contains(invite.getEmail(), email);
    }

    @Test
    void theSameRulesAsRest() throws Exception {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session member = Fixtures.newUser();
        Fixtures.addMember(owner, org, member, "member");
        ChangeRole toOwner = new ChangeRole();
        toOwner.setOrg(org.slug());
        toOwner.setUserId(member.id().toString());
        toOwner.setRole("owner");

        // nobody grants what they do not hold: an admin key cannot make an owner
        ForbiddenFault grant =
                catchThrowableOfType(ForbiddenFault.class, () -> provisioning(key(owner, org, "admin"), false)
                        .changeRole(toOwner));
        assertThat(grant.getFaultInfo().getType()).endsWith("/forbidden");
        // a viewer key changes nothing at all
        ChangeRole toAdmin = new ChangeRole();
        toAdmin.setOrg(org.slug());
        toAdmin.setUserId(member.id().toString());
        toAdmin.setRole("admin");
        assertThat(catchThrowableOfType(ForbiddenFault.class, () -> provisioning(key(owner, org, "viewer"), true)
                        .changeRole(toAdmin)))
                .isNotNull();
        assertThat(restMember(owner, org, member.id()).getString("role")).isEqualTo("member");

        // invalid input names its field
        ProvisioningPortType admin = provisioning(key(owner, org, "admin"), false);
        ChangeRole unknownRole = new ChangeRole();
        unknownRole.setOrg(org.slug());
        unknownRole.setUserId(member.id().toString());
        unknownRole.setRole("overlord");
        InvalidInputFault invalid = catchThrowableOfType(InvalidInputFault.class, () -> admin.changeRole(unknownRole));
        assertThat(invalid.getFaultInfo().getFieldError())
                .extracting(e -> e.getField())
                .containsExactly("role");
        ChangeRole badId = new ChangeRole();
        badId.setOrg(org.slug());
        badId.setUserId("not-a-uuid");
        badId.setRole("viewer");
        assertThat(catchThrowableOfType(InvalidInputFault.class, () -> admin.changeRole(badId))
                        .getFaultInfo()
                        .getFieldError())
                .extracting(e -> e.getField())
                .containsExactly("userId");
        AddMember noEmail = new AddMember();
        noEmail.setOrg(org.slug());
        noEmail.setRole("member");
        assertThat(catchThrowableOfType(InvalidInputFault.class, () -> admin.addMember(noEmail))
                        .getFaultInfo()
                        .getFieldError())
                .extracting(e -> e.getField())
                .containsExactly("email");

        // the last owner stays an owner
        SuspendMember suspendOwner = new SuspendMember();
        suspendOwner.setOrg(org.slug());
        suspendOwner.setUserId(owner.id().toString());
        assertThat(catchThrowableOfType(
                        io.orgbase.soap.client.provisioning.ConflictFault.class, () -> Soap.provisioning(
                                        Credentials.bearer(owner.api().token()).from(Fixtures.address()), false)
                                .suspendMember(suspendOwner)))
                .isNotNull();
        assertThat(restMember(owner, org, owner.id()).getBoolean("active")).isTrue();
    }

    @Test
    void anotherOrganizationsPeopleAndTeamsAreUnknown() throws Exception {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session stranger = Fixtures.newUser();
        Org theirs = Fixtures.newOrg(stranger);
        UUID theirTeam = stranger.in(theirs).teams().created(json("name", "Theirs"));
        ProvisioningPortType port = provisioning(key(owner, org, "admin"), false);

        SuspendMember foreignUser = new SuspendMember();
        foreignUser.setOrg(org.slug());
        foreignUser.setUserId(stranger.id().toString());
        SuspendMember nobody = new SuspendMember();
        nobody.setOrg(org.slug());
        nobody.setUserId(UUID.randomUUID().toString());
        assertThat(catchThrowableOfType(NotFoundFault.class, () -> port.suspendMember(foreignUser))
                        .getFaultInfo()
                        .getDetail())
                .isEqualTo(catchThrowableOfType(NotFoundFault.class, () -> port.suspendMember(nobody))
                        .getFaultInfo()
                        .getDetail());

        SuspendMember inTheirOrg = new SuspendMember();
        inTheirOrg.setOrg(theirs.slug());
        inTheirOrg.setUserId(stranger.id().toString());
        assertThat(catchThrowableOfType(NotFoundFault.class, () -> port.suspendMember(inTheirOrg)))
                .isNotNull();
        assertThat(restMember(stranger, theirs, stranger.id()).getBoolean("active"))
                .isTrue();

        AddToTeam theirTeamJoin = new AddToTeam();
        theirTeamJoin.setOrg(org.slug());
        theirTeamJoin.setTeamId(theirTeam.toString());
        theirTeamJoin.setUserId(owner.id().toString());
        assertThat(catchThrowableOfType(NotFoundFault.class, () -> port.addToTeam(theirTeamJoin)))
                .isNotNull();
        assertThat(stranger.api()
                        .get(theirs.path() + "/teams/" + theirTeam + "/members")
                        .body())
                .doesNotContain(owner.email());
    }

    @Test
    void aKeysOwnBudgetIsSpentBySoapCallsToo() throws Exception {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String key = owner.in(org)
                .apiKeys()
                .create(json("name", "slow", "role", "admin", "rateLimitPerMinute", 2))
                .json()
                .getString("key");
        ProvisioningPortType port = provisioning(key, false);
        InviteMember invite = new InviteMember();
        invite.setOrg(org.slug());
        invite.setRole("viewer");
        RateLimitedFault limited = null;
        for (int i = 0; i < 3 && limited == null; i++) {
            invite.setEmail("burst-" + i + "-" + Secrets.suffix() + "@it.example");
            try {
                port.inviteMember(invite);
            } catch (RateLimitedFault refused) {
                limited = refused;
            }
        }
        assertThat(limited).as("the third call in a minute").isNotNull();
        assertThat(limited.getFaultInfo().getRetryAfterSeconds()).isBetween(1, 60);
        assertThat(owner.in(org).invitations().list().json().getJsonArray("items"))
                .hasSize(2);
        assertThat(List.of(limited.getFaultInfo().getType())).allMatch(t -> t.endsWith("/too-many-requests"));
    }
}
