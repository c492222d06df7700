package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Optimistic concurrency: versioned representations carry an ETag, If-None-Match saves a download,
 * If-Match makes a stale change a 412, and without it a concurrent change is a 409 — never a lost
 * update.
 */
class ConcurrencyIT {

    @Test
    void etagsFollowTheVersionAndIfMatchRefusesStaleChanges() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String department = org.path() + "/departments/" + Fixtures.newDepartment(owner, org, "Versioned");

        Api.Reply read = owner.api().get(department);
        String etag = read.header("ETag");
        assertThat(etag).isEqualTo("\"" + read.json().getJsonNumber("version").longValue() + "\"");
        Api.Reply unchanged = owner.api().withHeader("If-None-Match", etag).get(department);
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();

        Api.Reply changed = owner.api().withHeader("If-Match", etag).patch(department, json("name", "Changed"));
        assertThat(changed.status()).isEqualTo(200);
        String newer = changed.header("ETag");
        assertThat(newer).isNotEqualTo(etag);
        assertThat(owner.api().withHeader("If-None-Match", etag).get(department).status())
                .isEqualTo(200);

        assertProblem(owner.api().withHeader("If-Match", etag).patch(department, json("name", "Lost")), 412);
        assertProblem(owner.api().withHeader("If-Match", "W/" + newer).patch(department, json("name", "Weak")), 412);
        assertProblem(owner.api().withHeader("If-Match", "\"banana\"").patch(department, json("name", "Odd")), 412);
        assertProblem(owner.api().withHeader("If-Match", etag).delete(department), 412);
        assertThat(owner.api().get(department).json().getString("name")).isEqualTo("Changed");

        assertThat(owner.api()
                        .withHeader("If-Match", "\"1\", " + newer)
                        .patch(department, json("description", "either tag"))
                        .status())
                .isEqualTo(200);
        assertThat(owner.api()
                        .withHeader("If-Match", "*")
                        .patch(department, json("name", "Any"))
                        .status())
                .isEqualTo(200);
        String current = owner.api().get(department).header("ETag");
        assertThat(owner.api()
                        .withHeader("If-Match", current)
                        .delete(department)
                        .status())
                .isEqualTo(204);
    }

    @Test
    void organizationsAndRolesCarryEtagsToo() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String etag = owner.api().get(org.path()).header("ETag");
        assertThat(etag).isNotBlank();
        assertThat(owner.api()
                        .withHeader("If-Match", etag)
                        .patch(org.path(), json("name", "Renamed"))
                        .status())
                .isEqualTo(200);
        assertProblem(owner.api().withHeader("If-Match", etag).patch(org.path(), json("name", "Stale")), 412);
        assertProblem(owner.api().withHeader("If-Match", etag).delete(org.path()), 412);

        Fixtures.createRole(owner, org, "tagged", List.of(), null);
        String role = org.path() + "/roles/tagged";
        String roleTag = owner.api().get(role).header("ETag");
        assertThat(owner.api()
                        .withHeader("If-Match", roleTag)
                        .patch(role, json("name", "Tagged"))
                        .status())
                .isEqualTo(200);
        assertProblem(owner.api().withHeader("If-Match", roleTag).delete(role), 412);
        assertThat(owner.in(org).roles().item("owner").get().headers().firstValue("ETag"))
                .isEmpty();
    }

    @Test
    void concurrentChangesWithoutIfMatchAreNeverLost() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        UUID id = Fixtures.newDepartment(owner, org, "Contended");
        String department = org.path() + "/departments/" + id;
        long before =
                owner.api().get(department).json().getJsonNumber("version").longValue();
        List<Supplier<Integer>> edits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String name = "Edit " + i;
            edits.add(() -> owner.api().patch(department, json("name", name)).status());
        }
        // every edit has read the department before any may write it
        List<Integer> statuses =
                Races.overlapping("select 1 from department where id = ? for update", List.of(id), 4, edits);
        assertThat(statuses).allMatch(status -> status == 200 || status == 409);
        long succeeded = statuses.stream().filter(status -> status == 200).count();
        assertThat(succeeded).isPositive();
        assertThat(statuses).contains(409);
        // every successful edit built on the one before it: one version step each, none overwritten
        long after = owner.api().get(department).json().getJsonNumber("version").longValue();
        assertThat(after - before).isEqualTo(succeeded);
    }
}
