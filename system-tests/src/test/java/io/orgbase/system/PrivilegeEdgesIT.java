package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nobody changes someone who holds more than they do (OWASP API5, function-level authorization):
 * every field of a membership, and revoking an invitation or an API key, goes through the rule that
 * the caller holds everything the member's, invitation's or key's role grants.
 */
class PrivilegeEdgesIT {

    @Test
    void anAdminChangesNoFieldOfAnOwner() {
        Session owner = Fixtures.newUser();
        Session coOwner = Fixtures.newUser();
        Session admin = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Api.Reply added =
                owner.in(org).members().create(json("email", coOwner.email(), "role", "owner", "inherited", true));
        assertThat(added.status()).as("%s", added).isEqualTo(201);
        Fixtures.addMember(owner, org, admin, "admin");
        String coOwnerPath = org.path() + "/members/" + coOwner.id();
        JsonObject before = owner.api().get(coOwnerPath).json();

        for (JsonObject change : List.of(
                json("inherited", false),
                json("jobTitle", "Demoted"),
                json("employeeNumber", "E-" + Secrets.suffix()),
                json("managerId", admin.id().toString()),
                json("active", false),
                json("role", "member"))) {
            assertProblem(admin.api().patch(coOwnerPath, change), 403);
        }
        assertProblem(admin.api().delete(coOwnerPath), 403);
        assertThat(owner.api().get(coOwnerPath).json()).isEqualTo(before);

        // among equals the rule holds too; only owners touch whether a role holds below
        Session otherAdmin = Fixtures.newUser();
        Fixtures.addMember(owner, org, otherAdmin, "admin");
        String otherPath = org.path() + "/members/" + otherAdmin.id();
        assertThat(admin.api().patch(otherPath, json("jobTitle", "Peer")).status())
                .isEqualTo(200);
        assertProblem(admin.api().patch(otherPath, json("inherited", true)), 403);
        assertThat(owner.api().patch(coOwnerPath, json("inherited", false)).status())
                .isEqualTo(200);
    }

    @Test
    void anAdminRevokesNoInvitationOrKeyThatGrantsMoreThanTheyHold() {
        Session owner = Fixtures.newUser();
        Session admin = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.addMember(owner, org, admin, "admin");

        Api.Reply invited = owner.in(org)
                .invitations()
                .create(json("email", "heir-" + Secrets.suffix() + "@it.example", "role", "owner"));
        assertThat(invited.status()).isEqualTo(201);
        String invitation = org.path() + "/invitations/"
                + invited.json().getJsonObject("invitation").getString("id");
        assertProblem(admin.api().delete(invitation), 403);
        assertThat(owner.api().get(invitation).json().getString("status")).isEqualTo("pending");

        Api.Reply role = owner.in(org)
                .roles()
                .create(json(
                        "key", "closer",
                        "name", "Closer",
                        "permissions", List.of("organization:delete"),
                        "parent", "viewer"));
        assertThat(role.status()).as("%s", role).isEqualTo(201);
        Api.Reply key = owner.in(org).apiKeys().create(json("name", "closer-key", "role", "closer"));
        assertThat(key.status()).as("%s", key).isEqualTo(201);
        String keyPath =
                org.path() + "/api-keys/" + key.json().getJsonObject("apiKey").getString("id");
        assertProblem(admin.api().delete(keyPath), 403);
        assertThat(owner.api().get(keyPath).json().isNull("revokedAt")).isTrue();
        assertThat(owner.api().delete(keyPath).status()).isEqualTo(204);
    }

    @Test
    void anAdminChangesNoRoleThatAStrongerRoleInheritsFrom() {
        Session owner = Fixtures.newUser();
        Session admin = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.addMember(owner, org, admin, "admin");
        Fixtures.createRole(owner, org, "base", List.of("departments:write"), "viewer");
        Fixtures.createRole(owner, org, "closer", List.of("organization:delete"), "base");

        // base grants nothing the admin lacks, but closer (beyond the admin) inherits from it
        assertProblem(admin.in(org).roles().item("base").update(json("permissions", List.of("departments:read"))), 403);
        assertThat(owner.in(org).roles().item("base").get().json().toString()).contains("departments:write");
        assertThat(owner.in(org)
                        .roles()
                        .item("base")
                        .update(json("permissions", List.of("departments:read")))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anApiKeyCannotAskForMoreThanTheOperatorsBudget() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Api.Reply huge = owner.in(org)
                .apiKeys()
                .create(json("name", "greedy", "role", "member", "rateLimitPerMinute", 1_000_000));
        Problems.assertInvalidFields(huge, "rateLimitPerMinute");
        Api.Reply modest =
                owner.in(org).apiKeys().create(json("name", "modest", "role", "member", "rateLimitPerMinute", 60));
        assertThat(modest.status()).as("%s", modest).isEqualTo(201);
    }
}
