package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A membership marked inherited on a holding gives the same role in its subsidiaries, at any depth. */
class InheritedMembershipIT {

    @Test
    void anInheritedRoleHoldsBelowAndStopsWhenTakenBack() {
        Session owner = Fixtures.newUser();
        Session auditor = Fixtures.newUser();
        Session manager = Fixtures.newUser();
        Org holding = Fixtures.newOrg(owner);
        Org europe = Fixtures.child(owner, holding, "Europe");
        Org swiss = Fixtures.child(owner, europe, "Switzerland");

        Api.Reply added =
                owner.in(holding).members().create(json("email", auditor.email(), "role", "viewer", "inherited", true));
        assertThat(added.status()).as("%s", added).isEqualTo(201);
        assertThat(added.json().getBoolean("inherited")).isTrue();
        Fixtures.addMember(owner, holding, manager, "admin");

        // the viewer reads in every subsidiary, with the viewer's rights there
        assertThat(auditor.api().get(swiss.path()).json().getString("role")).isEqualTo("viewer");
        assertThat(auditor.in(europe).departments().list().status()).isEqualTo(200);
        assertProblem(auditor.in(swiss).departments().create(json("name", "X", "code", "X")), 403);
        // a plain membership stays where it is
        assertProblem(manager.api().get(europe.path()), 404);

        // an inherited admin acts in each subsidiary, in that subsidiary's context
        assertThat(owner.in(holding)
                        .members()
                        .item(manager.id())
                        .update(json("inherited", true))
                        .json()
                        .getBoolean("inherited"))
                .isTrue();
        Api.Reply created = manager.in(swiss).departments().create(json("name", "Zurich", "code", "ZH"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(Pages.names(owner.in(swiss).departments().list())).containsExactly("Zurich");
        assertThat(Pages.names(owner.in(holding).departments().list())).isEmpty();
        // not a member of the subsidiary's own list
        assertThat(Pages.emails(owner.in(swiss).members().list())).containsExactly(owner.email());
        assertThat(Pages.emails(owner.in(holding).members().list("inherited=true")))
                .containsExactlyInAnyOrder(auditor.email(), manager.email());

        // suspended or taken back, it stops at once
        owner.in(holding).members().item(auditor.id()).update(json("active", false));
        assertProblem(auditor.api().get(swiss.path()), 404);
        owner.in(holding).members().item(manager.id()).update(json("inherited", false));
        assertProblem(manager.api().get(swiss.path()), 404);
        assertThat(manager.api().get(holding.path()).status()).isEqualTo(200);
    }

    @Test
    void onlyOwnersGiveInheritedSystemRoles() {
        Session owner = Fixtures.newUser();
        Session admin = Fixtures.newUser();
        Session user = Fixtures.newUser();
        Org holding = Fixtures.newOrg(owner);
        Fixtures.addMember(owner, holding, admin, "admin");
        Fixtures.createRole(owner, holding, "auditor", List.of("departments:read"), null);

        assertProblem(
                admin.in(holding).members().create(json("email", user.email(), "role", "viewer", "inherited", true)),
                403);
        assertInvalidFields(
                owner.in(holding).members().create(json("email", user.email(), "role", "auditor", "inherited", true)),
                "inherited");
        assertInvalidFields(
                owner.in(holding).members().create(json("email", user.email(), "role", "viewer", "inherited", "yes")),
                "inherited");
        assertProblem(owner.in(holding).members().item(user.id()).get(), 404);
    }

    @Test
    void aStrangersInheritanceReachesNothingOfOthers() {
        Session owner = Fixtures.newUser();
        Session stranger = Fixtures.newUser();
        Org holding = Fixtures.newOrg(owner);
        Org subsidiary = Fixtures.child(owner, holding, "Sub");
        Org theirs = Fixtures.newOrg(stranger);
        // the stranger's inherited role in their own organization gives nothing in another hierarchy
        assertThat(stranger.in(theirs)
                        .members()
                        .item(stranger.id())
                        .update(json("inherited", true))
                        .status())
                .isEqualTo(200);
        Api.Reply foreign = stranger.api().get(subsidiary.path());
        Api.Reply missing = stranger.api().get("/api/v1/orgs/no-such-org-" + Fixtures.slug());
        assertProblem(foreign, 404);
        assertThat(foreign.json().getString("detail")).isEqualTo(missing.json().getString("detail"));
    }
}
