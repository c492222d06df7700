package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Pages.emails;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Employment on the membership, and the member directory's filters. */
class EmploymentIT {

    @Test
    void employmentIsSetClearedAndFilteredOn() {
        Session owner = Fixtures.newUser();
        Session ann = Fixtures.newUser();
        Session bob = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        UUID sales = Fixtures.newDepartment(owner, org, "Sales");
        String members = org.path() + "/members";

        Api.Reply added = owner.api()
                .post(
                        members,
                        json(
                                "email",
                                ann.email(),
                                "role",
                                "member",
                                "jobTitle",
                                " Account Executive ",
                                "employeeNumber",
                                "E-1001",
                                "departmentId",
                                sales.toString(),
                                "managerId",
                                owner.id().toString()));
        assertThat(added.status()).as("%s", added).isEqualTo(201);
        JsonObject annView = added.json();
        assertThat(annView.getString("jobTitle")).isEqualTo("Account Executive");
        assertThat(annView.getString("employeeNumber")).isEqualTo("E-1001");
        assertThat(annView.getString("departmentId")).isEqualTo(sales.toString());
        assertThat(annView.getString("managerId")).isEqualTo(owner.id().toString());
        Fixtures.addMember(owner, org, bob, "admin");
        assertThat(owner.api()
                        .patch(
                                members + "/" + bob.id(),
                                json("managerId", ann.id().toString(), "jobTitle", "Engineer"))
                        .status())
                .isEqualTo(200);

        assertThat(emails(owner.api().get(members + "?departmentId=" + sales))).containsExactly(ann.email());
        assertThat(emails(owner.api().get(members + "?managerId=" + ann.id()))).containsExactly(bob.email());
        assertThat(emails(owner.api().get(members + "?role=admin"))).containsExactly(bob.email());
        assertThat(emails(owner.api().get(members + "?q=engineer"))).containsExactly(bob.email());
        assertThat(emails(owner.api().get(members + "?q=E-1001"))).containsExactly(ann.email());
        assertThat(emails(owner.api().get(members + "?active=true&departmentId=" + sales)))
                .containsExactly(ann.email());

        JsonObject cleared = owner.api()
                .patch(members + "/" + ann.id(), json("jobTitle", JsonValue.NULL, "departmentId", JsonValue.NULL))
                .json();
        assertThat(cleared.isNull("jobTitle")).isTrue();
        assertThat(cleared.isNull("departmentId")).isTrue();
        assertThat(cleared.getString("employeeNumber")).isEqualTo("E-1001");
        assertThat(cleared.getString("role")).isEqualTo("member");
    }

    @Test
    void managersNeverFormACycle() {
        Session owner = Fixtures.newUser();
        Session ann = Fixtures.newUser();
        Session bob = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.addMember(owner, org, ann, "member");
        Fixtures.addMember(owner, org, bob, "member");
        String members = org.path() + "/members";
        // owner <- ann <- bob
        assertThat(owner.api()
                        .patch(
                                members + "/" + ann.id(),
                                json("managerId", owner.id().toString()))
                        .status())
                .isEqualTo(200);
        assertThat(owner.api()
                        .patch(
                                members + "/" + bob.id(),
                                json("managerId", ann.id().toString()))
                        .status())
                .isEqualTo(200);

        assertInvalidFields(
                owner.api()
                        .patch(
                                members + "/" + owner.id(),
                                json("managerId", bob.id().toString())),
                "managerId");
        assertInvalidFields(
                owner.api()
                        .patch(
                                members + "/" + ann.id(),
                                json("managerId", ann.id().toString())),
                "managerId");
        assertThat(owner.api().get(members + "/" + owner.id()).json().isNull("managerId"))
                .isTrue();

        // Two changes at once that would each close the loop with the other: one wins.
        Session cid = Fixtures.newUser();
        Session dee = Fixtures.newUser();
        Fixtures.addMember(owner, org, cid, "member");
        Fixtures.addMember(owner, org, dee, "member");
        CompletableFuture<Api.Reply> first = CompletableFuture.supplyAsync(() -> owner.api()
                .patch(members + "/" + cid.id(), json("managerId", dee.id().toString())));
        CompletableFuture<Api.Reply> second = CompletableFuture.supplyAsync(() -> owner.api()
                .patch(members + "/" + dee.id(), json("managerId", cid.id().toString())));
        int ok = (first.join().status() == 200 ? 1 : 0) + (second.join().status() == 200 ? 1 : 0);
        assertThat(ok).isEqualTo(1);

        // A manager who leaves leaves their reports without one.
        assertThat(owner.api().delete(members + "/" + ann.id()).status()).isEqualTo(204);
        assertThat(owner.api().get(members + "/" + bob.id()).json().isNull("managerId"))
                .isTrue();
    }

    @Test
    void badEmploymentIsRefusedAndNothingChanges() {
        Session owner = Fixtures.newUser();
        Session ann = Fixtures.newUser();
        Session bob = Fixtures.newUser();
        Session outsider = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String members = org.path() + "/members";
        Fixtures.addMember(owner, org, ann, "member");
        assertThat(owner.api()
                        .patch(members + "/" + ann.id(), json("employeeNumber", "E-1", "jobTitle", "Clerk"))
                        .status())
                .isEqualTo(200);
        Fixtures.addMember(owner, org, bob, "member");

        assertProblem(owner.api().patch(members + "/" + bob.id(), json("employeeNumber", "E-1")), 409);
        assertInvalidFields(
                owner.api().patch(members + "/" + ann.id(), json("jobTitle", "", "employeeNumber", "has space")),
                "jobTitle",
                "employeeNumber");
        assertInvalidFields(owner.api().patch(members + "/" + ann.id(), json("departmentId", "x")), "departmentId");
        assertInvalidFields(
                owner.api()
                        .patch(
                                members + "/" + ann.id(),
                                json("departmentId", UUID.randomUUID().toString())),
                "departmentId");
        assertInvalidFields(
                owner.api()
                        .patch(
                                members + "/" + ann.id(),
                                json("managerId", outsider.id().toString())),
                "managerId");
        assertInvalidFields(owner.api().patch(members + "/" + ann.id(), json()), "role");
        assertInvalidFields(owner.api().get(members + "?teamId=x"), "teamId");
        assertInvalidFields(
                owner.api()
                        .get(members + "?filter="
                                + Pages.encode("{\"field\":\"inDepartment\",\"op\":\"gt\",\"value\":\"x\"}")),
                "filter");

        JsonObject kept = owner.api().get(members + "/" + ann.id()).json();
        assertThat(kept.getString("employeeNumber")).isEqualTo("E-1");
        assertThat(kept.getString("jobTitle")).isEqualTo("Clerk");
        assertThat(kept.getInt("version")).isEqualTo(2);
        // Another organization's member numbers are free here.
        Org other = Fixtures.newOrg(owner);
        Fixtures.addMember(owner, other, bob, "member");
        assertThat(owner.in(other)
                        .members()
                        .item(bob.id())
                        .update(json("employeeNumber", "E-1"))
                        .status())
                .isEqualTo(200);
    }
}
