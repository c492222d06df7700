package io.orgbase.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgbase.access.Role;
import io.orgbase.problems.FieldError;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.PayloadTooLarge;
import io.orgbase.requests.JsonBody.Need;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

    private static JsonBody body(String json) {
        return JsonBody.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsTypedFieldsAndRemembersWhichWereSent() {
        UUID id = UUID.randomUUID();
        JsonBody body =
                body("{\"name\":\"Sales\",\"parentId\":\"" + id + "\",\"description\":null,\"role\":\"admin\"}");

        assertThat(body.string("name", Need.REQUIRED)).isEqualTo("Sales");
        assertThat(body.uuid("parentId", Need.NULLABLE)).isEqualTo(id);
        assertThat(body.string("description", Need.NULLABLE)).isNull();
        assertThat(body.oneOf("role", Role.class, Need.REQUIRED)).isEqualTo(Role.ADMIN);
        assertThat(body.string("code", Need.OPTIONAL)).isNull();
        body.finish();
        assertThat(body.present()).containsExactly("name", "parentId", "description", "role");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        JsonBody body =
                body("{\"name\":5,\"code\":\"  \",\"parentId\":\"x\",\"role\":\"king\",\"extra\":1,\"kept\":null}");
        body.string("name", Need.REQUIRED);
        body.string("code", Need.REQUIRED);
        body.uuid("parentId", Need.NULLABLE);
        body.oneOf("role", Role.class, Need.REQUIRED);
        body.string("kept", Need.OPTIONAL);
        body.string("missing", Need.REQUIRED);

        assertThatThrownBy(body::finish).isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors())
                .extracting(FieldError::name)
                .containsExactlyInAnyOrder("name", "code", "parentId", "role", "kept", "missing", "extra"));
    }

    @Test
    void readsArraysOfStringsAndRefusesAnythingElseInThem() {
        JsonBody body =
                body("{\"a\":[\"x\",\"y\"],\"b\":[\"x\",1],\"c\":\"x\",\"d\":[\"\"],\"e\":[\"1\",\"2\",\"3\"]}");
        assertThat(body.strings("a", Need.REQUIRED, 10)).containsExactly("x", "y");
        assertThat(body.strings("b", Need.REQUIRED, 10)).isNull();
        assertThat(body.strings("c", Need.REQUIRED, 10)).isNull();
        assertThat(body.strings("d", Need.REQUIRED, 10)).isNull();
        assertThat(body.strings("e", Need.REQUIRED, 2)).isNull();
        assertThatThrownBy(body::finish).isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors())
                .extracting(FieldError::name)
                .containsExactlyInAnyOrder("b", "c", "d", "e"));
    }

    @Test
    void refusesWhatIsNotAJsonObject() {
        for (String bad : new String[] {"", "[1]", "\"text\"", "{\"a\":", "nul"}) {
            assertThatThrownBy(() -> body(bad)).as(bad).isInstanceOf(InvalidInput.class);
        }
    }

    @Test
    void refusesBodiesOverTheLimitWithoutReadingThemWhole() {
        byte[] huge = new byte[JsonBody.MAX_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertThatThrownBy(() -> JsonBody.read(new ByteArrayInputStream(huge))).isInstanceOf(PayloadTooLarge.class);
    }

    @Test
    void queryIntegersAreCheckedToo() {
        assertThat(QueryInts.parse("limit", null, 50, 1, 200)).isEqualTo(50);
        assertThat(QueryInts.parse("limit", "20", 50, 1, 200)).isEqualTo(20);
        assertThatThrownBy(() -> QueryInts.parse("limit", "0", 50, 1, 200)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> QueryInts.parse("limit", "x", 50, 1, 200)).isInstanceOf(InvalidInput.class);
    }
}
