package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Hostile input never becomes a 500: control characters (NUL above all, which PostgreSQL cannot
 * store) are refused in one place for every body, query parameter and path segment, with a 400
 * naming where they were, and nothing stored changes.
 */
class HostileInputIT {

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void controlCharactersInABodyAreA400NamingTheField() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String before = owner.api().get(org.path()).json().getString("name");

        assertInvalidFields(owner.api().patch(org.path(), json("name", "\u0000")), "name");
        assertInvalidFields(owner.api().patch(org.path(), json("name", "Bell\u0007")), "name");
        assertInvalidFields(
                owner.in(org)
                        .departments()
                        .create(json("name", "Ok", "code", "OK1", "settings", json("nested", json("deep", "x\u0000")))),
                "settings.nested.deep");
        assertInvalidFields(
                owner.in(org).departments().create(json("name", "Ok", "code", "OK2", "settings", json("k\u0001", 1))),
                "settings");
        assertThat(owner.api().get(org.path()).json().getString("name")).isEqualTo(before);

        // tabs and line breaks are text
        Api.Reply contact = owner.in(org)
                .contacts()
                .create(json("firstName", "Ann", "lastName", "Lee", "notes", "line one\n\tline two\r\n"));
        assertThat(contact.status()).as("%s", contact).isEqualTo(201);
    }

    @Test
    void controlCharactersInTheQueryOrPathAreA400() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String departments = org.path() + "/departments";

        assertInvalidFields(owner.api().get(departments + "?q=" + encoded("sales\u0000")), "q");
        assertInvalidFields(owner.api().get(departments + "?q=" + encoded("\u0001")), "q");
        assertInvalidFields(
                owner.api().get(departments + "?filter=" + encoded("{\"name\":{\"eq\":\"\\u0000\"}}")), "filter");
        assertInvalidFields(owner.api().get("/api/v1/orgs/" + encoded("acme\u0001")), "(path)");
        assertInvalidFields(owner.api().get("/api/v1/orgs?q=" + encoded("x\u0000")), "q");
        assertThat(owner.api()
                        .get(departments + "?q=" + encoded("tab\tis fine"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void whatTheContainerRefusesItselfIsAProblemToo() {
        Session owner = Fixtures.newUser();
        Api.Reply traversal = owner.api().get("/api/v1/orgs/..%2F..%2Fetc%2Fpasswd");
        assertThat(traversal.status()).as("%s", traversal).isBetween(400, 599);
        assertThat(traversal.contentType()).as("%s", traversal).startsWith("application/problem+json");
        assertThat(traversal.body()).doesNotContain("<html").doesNotContain("root:");
        // a NUL byte in the path never reaches Orgbase: the container answers a bare 400
        assertThat(owner.api().get("/api/v1/orgs/abc%00def").status()).isEqualTo(400);
    }
}
