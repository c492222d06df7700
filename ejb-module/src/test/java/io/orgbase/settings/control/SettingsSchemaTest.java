package io.orgbase.settings.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.problems.FieldError;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsSchemaTest {

    @Test
    void readingFillsEveryKeyWithItsDefault() {
        JsonObject effective = SettingsSchema.effective(Json.createObjectBuilder()
                .add("branding", Json.createObjectBuilder().add("primaryColour", "#000000"))
                .build());
        assertThat(effective.keySet())
                .containsExactly("general", "branding", "domains", "notifications", "security", "subscription");
        assertThat(effective.getJsonObject("branding").getString("primaryColour"))
                .isEqualTo("#000000");
        assertThat(effective.getJsonObject("branding").isNull("logoUrl")).isTrue();
        assertThat(effective.getJsonObject("notifications").getString("digest")).isEqualTo("weekly");
        assertThat(effective.getJsonObject("security").getBoolean("requireTwoFactor"))
                .isFalse();
        assertThat(effective.getJsonObject("security").isNull("maxSessionHours"))
                .isTrue();
    }

    @Test
    void aChangeKeepsOnlyWhatDiffersFromTheDefaultsAndNullResets() {
        List<FieldError> errors = new ArrayList<>();
        JsonObject stored = SettingsSchema.apply(
                Json.createObjectBuilder()
                        .add("general", Json.createObjectBuilder().add("weekStart", "sunday"))
                        .build(),
                Json.createObjectBuilder()
                        .add("general", Json.createObjectBuilder().addNull("weekStart"))
                        .add("branding", Json.createObjectBuilder().add("secondaryColour", "#ABCDEF"))
                        .build(),
                errors);
        assertThat(errors).isEmpty();
        assertThat(stored.containsKey("general")).isFalse();
        assertThat(stored.getJsonObject("branding").getString("secondaryColour"))
                .isEqualTo("#abcdef");
    }

    @Test
    void everyProblemIsNamedByGroupAndKey() {
        List<FieldError> errors = new ArrayList<>();
        SettingsSchema.apply(
                JsonObject.EMPTY_JSON_OBJECT,
                Json.createObjectBuilder()
                        .add("nope", Json.createObjectBuilder())
                        .add(
                                "general",
                                Json.createObjectBuilder()
                                        .add("website", "ftp://x.example")
                                        .add("x", 1))
                        .add("subscription", Json.createObjectBuilder().add("seats", 1.5))
                        .add(
                                "domains",
                                Json.createObjectBuilder()
                                        .add("names", Json.createArrayBuilder().add("a..b")))
                        .build(),
                errors);
        assertThat(errors.stream().map(FieldError::name))
                .containsExactlyInAnyOrder(
                        "nope", "general.website", "general.x", "subscription.seats", "domains.names");
    }
}
