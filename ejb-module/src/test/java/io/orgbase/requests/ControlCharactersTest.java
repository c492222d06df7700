package io.orgbase.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.problems.FieldError;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlCharactersTest {

    @Test
    void textMayHoldTabsAndLineBreaksButNoOtherControls() {
        assertThat(ControlCharacters.in("line\n\tnext\r\n")).isFalse();
        assertThat(ControlCharacters.in("nul\u0000")).isTrue();
        assertThat(ControlCharacters.in("\u001b[31m")).isTrue();
        assertThat(ControlCharacters.in("del\u007f")).isTrue();
        assertThat(ControlCharacters.in("Zürich – 東京")).isFalse();
    }

    @Test
    void everyStringAndKeyOfADocumentIsCheckedAndNamedByItsPath() {
        JsonValue document;
        try (var reader = Json.createReader(new StringReader(
                "{\"name\":\"ok\",\"a\":{\"b\":[\"fine\",\"bad\\u0000\"]},\"c\\u0001\":1,\"d\":\"\\u0007\"}"))) {
            document = reader.readValue();
        }
        List<FieldError> errors = new ArrayList<>();
        ControlCharacters.collect("", document, errors);
        assertThat(errors).extracting(FieldError::name).containsExactlyInAnyOrder("a.b[1]", "(key)", "d");
    }
}
