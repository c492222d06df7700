package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Searches of departments and members go through the search index (V50), which triggers keep in
 * step with the tables: what is found is what the rows say now, and the index holds exactly what
 * its tables imply — for every row any test has written.
 */
class SearchIndexIT {

    @Test
    void membersAndDepartmentsAreFoundByWhatTheyAreNow() throws Exception {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session ann = Fixtures.newUser();
        Fixtures.addMember(owner, org, ann, "member");
        String members = org.path() + "/members?q=";
        String word = "zq" + Long.toString(System.nanoTime(), 36);

        assertThat(ann.api()
                        .patch("/api/v1/me/profile", json("displayName", "Ann " + word))
                        .status())
                .isEqualTo(200);
        assertThat(Pages.emails(owner.api().get(members + word))).containsExactly(ann.email());
        assertThat(ann.api()
                        .patch("/api/v1/me/profile", json("displayName", "Ann Other"))
                        .status())
                .isEqualTo(200);
        assertThat(Pages.emails(owner.api().get(members + word))).isEmpty();
        assertThat(Pages.emails(owner.api().get(members + "ann%20oth"))).containsExactly(ann.email());

        UUID department = Fixtures.newDepartment(owner, org, "Dept " + word);
        String departments = org.path() + "/departments?q=";
        assertThat(owner.api().get(departments + word).json().getJsonArray("items"))
                .hasSize(1);
        assertThat(owner.api()
                        .patch(org.path() + "/departments/" + department, json("name", "Renamed"))
                        .status())
                .isEqualTo(200);
        assertThat(owner.api().get(departments + word).json().getJsonArray("items"))
                .isEmpty();
        assertThat(owner.api().get(departments + "renamed").json().getJsonArray("items"))
                .hasSize(1);
        assertThat(owner.api().delete(org.path() + "/departments/" + department).status())
                .isEqualTo(204);
        assertThat(owner.api().get(departments + "renamed").json().getJsonArray("items"))
                .isEmpty();

        assertThat(owner.api().delete(org.path() + "/members/" + ann.id()).status())
                .isEqualTo(204);
        assertThat(Pages.emails(owner.api().get(members + "ann%20oth"))).isEmpty();
        assertTheIndexMatchesItsTables();
    }

    /** The whole index against what the tables imply, both ways, in one snapshot. */
    static void assertTheIndexMatchesItsTables() throws Exception {
        String expected = "select * from (select 'department'::text, d.id, d.org_id, null::uuid, ''::text,"
                + " orgbase_department_text(d.name, d.code, d.description), d.name from department d"
                + " union all select 'member', m.id, m.org_id, m.user_id,"
                + " orgbase_account_text(u.email, u.display_name), orgbase_member_text(m.job_title, m.employee_number),"
                + " u.email from membership m join app_user u on u.id = m.user_id) implied";
        String held = "select kind, row_id, org_id, user_id, account, own, sort_key from search_text";
        List<String> differing = new ArrayList<>();
        try (Connection db = Orgbase.target().superuser();
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("select w, kind, row_id, org_id, user_id,"
                        + " translate(account, chr(1), '|'), translate(own, chr(1), '|'), sort_key from (select"
                        + " 'held' w, h.* from (" + held + " except " + expected + ") h union all select 'implied' w,"
                        + " e.* from (" + expected + " except " + held + ") e)"
                        + " d(w, kind, row_id, org_id, user_id, account, own, sort_key) order by 3, 1 limit 20")) {
            while (rows.next()) {
                differing.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3) + " org "
                        + rows.getString(4) + " user " + rows.getString(5) + " [" + rows.getString(6) + "] ["
                        + rows.getString(7) + "] sorted as [" + rows.getString(8) + "]");
            }
        }
        assertThat(differing)
                .as("rows where the search index and its tables differ")
                .isEmpty();
    }
}
