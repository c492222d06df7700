package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server keeps how each caller's organization reference resolved (AccessCache) and reuses it only
 * while the organization's access generation stands still. Each test first makes the caller's
 * resolution known (several requests, so that it is cached), then changes what it depends on, and
 * requires the very next request to see the change: nothing cached outlives a revocation.
 */
class AccessCacheIT {

    private static void warm(Api api, String path) {
        for (int i = 0; i < 3; i++) {
            Api.Reply reply = api.get(path);
            assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        }
    }

    private static Api.Reply newDepartment(Session session, Org org) {
        String code = "D" + Secrets.suffix();
        return session.in(org).departments().create(json("name", "Dept " + code, "code", code));
    }

    @Test
    void aChangedRoleHoldsFromTheNextRequest() {
        Session owner = Fixtures.newUser();
        Session member = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.addMember(owner, org, member, "admin");
        warm(member.api(), org.path() + "/departments");
        assertThat(newDepartment(member, org).status()).isEqualTo(201);

        assertThat(owner.in(org)
                        .members()
                        .item(member.id())
                        .update(json("role", "viewer"))
                        .status())
                .isEqualTo(200);
        assertProblem(newDepartment(member, org), 403);
        assertThat(member.api().get(org.path() + "/departments").status()).isEqualTo(200);

        assertThat(owner.in(org)
                        .members()
                        .item(member.id())
                        .update(json("role", "admin"))
                        .status())
                .isEqualTo(200);
        assertThat(newDepartment(member, org).status()).isEqualTo(201);
    }

    @Test
    void aSuspendedOrRemovedMemberIsRefusedAtOnce() {
        Session owner = Fixtures.newUser();
        Session member = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.addMember(owner, org, member, "member");
        warm(member.api(), org.path());

        assertThat(owner.in(org)
                        .members()
                        .item(member.id())
                        .update(json("active", false))
                        .status())
                .isEqualTo(200);
        assertProblem(member.api().get(org.path()), 403);
        assertThat(owner.in(org)
                        .members()
                        .item(member.id())
                        .update(json("active", true))
                        .status())
                .isEqualTo(200);
        warm(member.api(), org.path());

        assertThat(owner.in(org).members().item(member.id()).delete().status()).isEqualTo(204);
        assertProblem(member.api().get(org.path()), 404);
        assertProblem(member.api().get(org.path() + "/departments"), 404);
    }

    @Test
    void aCustomRoleThatLosesAPermissionNoLongerGrantsIt() {
        Session owner = Fixtures.newUser();
        Session member = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.createRole(
                owner, org, "clerk", List.of("organization:read", "departments:read", "departments:write"), null);
        Fixtures.addMember(owner, org, member, "clerk");
        warm(member.api(), org.path() + "/departments");
        assertThat(newDepartment(member, org).status()).isEqualTo(201);

        assertThat(owner.in(org)
                        .roles()
                        .item("clerk")
                        .update(json("permissions", List.of("organization:read", "departments:read")))
                        .status())
                .isEqualTo(200);
        assertProblem(newDepartment(member, org), 403);
        assertThat(member.api().get(org.path() + "/departments").status()).isEqualTo(200);
    }

    @Test
    void aRenamedOrganizationIsNotFoundByItsOldSlug() {
        Session owner = Fixtures.newUser();
        Session member = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.addMember(owner, org, member, "member");
        warm(member.api(), org.path());

        String renamed = Fixtures.slug();
        assertThat(owner.api().patch(org.path(), json("slug", renamed)).status())
                .isEqualTo(200);
        assertProblem(member.api().get(org.path()), 404);
        assertThat(member.api().get("/api/v1/orgs/" + renamed).status()).isEqualTo(200);

        // the old slug taken by another organization leads there, never to the cached one
        Session other = Fixtures.newUser();
        Api.Reply taken = other.api()
                .post("/api/v1/orgs", json("slug", org.slug(), "name", "Taker", "code", "T" + Secrets.suffix()));
        assertThat(taken.status()).as("%s", taken).isEqualTo(201);
        assertProblem(member.api().get(org.path()), 404);
        assertThat(other.api().get(org.path()).json().getString("id"))
                .isEqualTo(taken.id().toString());
    }

    @Test
    void anApiKeyOfASuspendedOrganizationIsRefusedAtOnce() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String key = owner.in(org)
                .apiKeys()
                .create(json("name", "svc", "role", "admin"))
                .json()
                .getString("key");
        Api service = Api.anonymous().withApiKey(key);
        warm(service, org.path() + "/departments");

        assertThat(owner.in(org)
                        .status()
                        .put(json("status", "suspended", "reason", "Cache test"))
                        .status())
                .isEqualTo(200);
        assertThat(assertProblem(service.get(org.path() + "/departments"), 403).getString("type"))
                .endsWith("/organization-suspended");
    }

    @Test
    void aSignInPolicyAppliesToTheNextRequest() throws Exception {
        Totp.Enrolled enrolled = Totp.enrolled();
        Api owner = Api.anonymous()
                .withToken(Totp.second(Totp.mfaToken(enrolled.user()), Totp.code(enrolled.secret(), Instant.now()))
                        .json()
                        .getString("accessToken"));
        String slug = Fixtures.slug();
        Api.Reply created = owner.post("/api/v1/orgs", json("slug", slug, "name", "Policy"));
        assertThat(created.status()).isEqualTo(201);
        Org org = new Org(created.id(), slug);
        Session member = Fixtures.newUser();
        assertThat(owner.post(org.path() + "/members", json("email", member.email(), "role", "member"))
                        .status())
                .isEqualTo(201);
        warm(member.api(), org.path());

        assertThat(owner.patch(org.path() + "/settings", json("security", json("requireTwoFactor", true)))
                        .status())
                .isEqualTo(200);
        assertProblem(member.api().get(org.path()), 401);
        assertThat(owner.get(org.path()).status()).isEqualTo(200);
    }
}
