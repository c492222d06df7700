package io.orgbase.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reading collection answers in tests: a page's items, and one field of each. */
final class Pages {

    private Pages() {}

    /** The items of a 200 answer. */
    static List<JsonObject> items(Api.Reply page) {
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        return items(page.json());
    }

    static List<JsonObject> items(JsonObject page) {
        return page.getJsonArray("items").stream().map(JsonValue::asJsonObject).toList();
    }

    /** One string field of each item of a 200 answer, in order. */
    static List<String> field(Api.Reply page, String name) {
        return items(page).stream().map(item -> item.getString(name)).toList();
    }

    static List<String> field(JsonObject page, String name) {
        return items(page).stream().map(item -> item.getString(name)).toList();
    }

    static List<String> names(Api.Reply page) {
        return field(page, "name");
    }

    static List<String> names(JsonObject page) {
        return field(page, "name");
    }

    static List<String> slugs(Api.Reply page) {
        return field(page, "slug");
    }

    static List<String> emails(Api.Reply page) {
        return field(page, "email");
    }

    /** The role of the member with this email in a page of members. */
    static String roleOf(Api.Reply page, String email) {
        return items(page).stream()
                .filter(member -> member.getString("email").equals(email))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no member " + email))
                .getString("role");
    }

    /** A record's tag names. */
    static List<String> tags(JsonObject record) {
        return record.getJsonArray("tags").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }

    /** A query parameter's value, encoded. */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
