package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The organization's figures, computed from its real members, departments, teams and history. */
class AnalyticsIT {

    @Test
    void figuresFollowTheOrganization() {
        Session owner = Fixtures.newUser();
        Session ann = Fixtures.newUser();
        Session bob = Fixtures.newUser();
        Session cid = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.addMember(owner, org, ann, "admin");
        Fixtures.addMember(owner, org, bob, "member");
        Fixtures.addMember(owner, org, cid, "member");
        UUID sales = Fixtures.newDepartment(owner, org, "Sales");
        UUID it = Fixtures.newDepartment(owner, org, "IT");
        owner.in(org).departments().item(it).update(json("headId", ann.id().toString()));
        owner.in(org).members().item(ann.id()).update(json("departmentId", sales.toString()));
        owner.in(org).members().item(bob.id()).update(json("departmentId", sales.toString()));
        UUID launch = owner.in(org).teams().create(json("name", "Launch")).id();
        owner.in(org).teams().create(json("name", "Leaderless"));
        owner.in(org)
                .teams()
                .item(launch)
                .members()
                .create(json("userId", ann.id().toString(), "role", "lead"));
        owner.in(org)
                .teams()
                .item(launch)
                .members()
                .create(json("userId", bob.id().toString()));
        owner.in(org).members().item(cid.id()).update(json("active", false));
        bob.api().get(org.path());
        // someone who joins and leaves still counts in this month's history only while they were in
        Session dee = Fixtures.newUser();
        Fixtures.addMember(owner, org, dee, "member");
        owner.in(org).members().item(dee.id()).delete();

        Api.Reply reply = owner.in(org).analytics().get("months=3");
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        JsonObject report = reply.json();
        JsonObject members = report.getJsonObject("members");
        assertThat(members.getInt("total")).isEqualTo(4);
        assertThat(members.getInt("active")).isEqualTo(3);
        assertThat(members.getInt("suspended")).isEqualTo(1);
        // owner and bob made requests in the organization today; ann and cid never did
        assertThat(members.getInt("activeLast30Days")).isEqualTo(2);

        assertThat(count(report.getJsonArray("byRole"), "key", "member")).isEqualTo(1);
        assertThat(count(report.getJsonArray("byRole"), "key", "admin")).isEqualTo(1);
        assertThat(count(report.getJsonArray("byRole"), "key", "owner")).isEqualTo(1);
        assertThat(count(report.getJsonArray("byDepartment"), "name", "Sales")).isEqualTo(2);
        assertThat(report.getInt("withoutDepartment")).isEqualTo(1);
        assertThat(count(report.getJsonArray("byTeam"), "name", "Launch")).isEqualTo(2);

        JsonArray headcount = report.getJsonArray("headcount");
        assertThat(headcount).hasSize(3);
        JsonObject thisMonth = headcount.getJsonObject(2).asJsonObject();
        assertThat(thisMonth.getString("month"))
                .isEqualTo(YearMonth.now(ZoneOffset.UTC).toString());
        assertThat(thisMonth.getInt("headcount")).isEqualTo(4);
        assertThat(headcount.getJsonObject(0).getInt("headcount")).isZero();

        JsonObject withoutHead = report.getJsonObject("departmentsWithoutHead");
        assertThat(withoutHead.getInt("count")).isEqualTo(1);
        assertThat(withoutHead.getJsonArray("first").getJsonObject(0).getString("name"))
                .isEqualTo("Sales");
        JsonObject withoutLead = report.getJsonObject("teamsWithoutLead");
        assertThat(withoutLead.getInt("count")).isEqualTo(1);
        assertThat(withoutLead.getJsonArray("first").getJsonObject(0).getString("name"))
                .isEqualTo("Leaderless");

        // the member directory shows when each member last acted here
        assertThat(owner.in(org).members().item(bob.id()).get().json().isNull("lastActiveAt"))
                .isFalse();
        assertThat(owner.in(org).members().item(ann.id()).get().json().get("lastActiveAt"))
                .isEqualTo(JsonValue.NULL);
    }

    @Test
    void badParametersPermissionsAndIsolation() {
        Session owner = Fixtures.newUser();
        Session viewer = Fixtures.newUser();
        Session stranger = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.addMember(owner, org, viewer, "viewer");
        Org theirs = Fixtures.newOrg(stranger);
        Fixtures.newDepartment(stranger, theirs, "Theirs");
        assertInvalidFields(owner.in(org).analytics().get("months=0"), "months");
        assertInvalidFields(owner.in(org).analytics().get("months=61"), "months");
        assertInvalidFields(owner.in(org).analytics().get("months=x"), "months");
        assertProblem(viewer.in(org).analytics().get(), 403);
        assertProblem(owner.in(theirs).analytics().get(), 404);
        JsonObject mine = owner.in(org).analytics().get().json();
        assertThat(mine.getJsonObject("members").getInt("total")).isEqualTo(2);
        assertThat(mine.getJsonObject("departmentsWithoutHead").getInt("count")).isZero();
        assertThat(mine.getJsonArray("headcount")).hasSize(12);
    }

    private static int count(JsonArray entries, String field, String value) {
        return entries.stream()
                .map(JsonValue::asJsonObject)
                .filter(e -> e.getString(field).equals(value))
                .mapToInt(e -> e.getInt("members"))
                .findFirst()
                .orElse(0);
    }
}
