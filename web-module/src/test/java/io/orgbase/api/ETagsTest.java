package io.orgbase.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.requests.Precondition;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ETags on answers, If-None-Match on reads and If-Match on changes, as RFC 9110 compares them. */
class ETagsTest {

    @Test
    void ifMatchAsksNothingWhenAbsentOrAStar() {
        assertThat(ETags.ifMatch((String) null)).isEqualTo(Precondition.NONE);
        assertThat(ETags.ifMatch("")).isEqualTo(Precondition.NONE);
        assertThat(ETags.ifMatch(" * ")).isEqualTo(Precondition.NONE);
    }

    @Test
    void ifMatchListsTheStrongVersions() {
        assertThat(ETags.ifMatch("\"7\"").versions()).containsExactly(7L);
        assertThat(ETags.ifMatch("\"3\", \"4\" ,\"5\"").versions()).containsExactly(3L, 4L, 5L);
    }

    /** Weak and foreign tags never match a version: the change is refused, not let through. */
    @Test
    void weakOrForeignTagsMatchNothing() {
        for (String header : List.of("W/\"7\"", "7", "\"seven\"", "\"\"", "\"", "\"99999999999999999999\"")) {
            Precondition precondition = ETags.ifMatch(header);
            assertThat(precondition).as(header).isNotEqualTo(Precondition.NONE);
            assertThat(precondition.versions()).as(header).containsExactly(-1L);
        }
        assertThat(ETags.ifMatch("W/\"7\", \"8\"").versions()).containsExactly(8L);
    }

    @Test
    void answersCarryTheVersionAsTheirETag() {
        Answer answer = filter("GET", Map.of(), 200, new Versioned(12L));
        assertThat(answer.headers.getFirst(HttpHeaders.ETAG)).isEqualTo("\"12\"");
        assertThat(answer.status).isEqualTo(200);
        assertThat(answer.entity).isNotNull();
    }

    @Test
    void aReadOfTheVersionTheClientHasIsNotModified() {
        for (String noneMatch : List.of("\"12\"", "W/\"12\"", "\"3\", \"12\"", "*")) {
            Answer answer = filter("GET", Map.of(HttpHeaders.IF_NONE_MATCH, noneMatch), 200, new Versioned(12L));
            assertThat(answer.status).as(noneMatch).isEqualTo(304);
            assertThat(answer.entity).as(noneMatch).isNull();
        }
        Answer changed = filter("GET", Map.of(HttpHeaders.IF_NONE_MATCH, "\"11\""), 200, new Versioned(12L));
        assertThat(changed.status).isEqualTo(200);
    }

    @Test
    void onlySuccessfulAnswersOfVersionedRecordsAreTagged() {
        assertThat(filter("PATCH", Map.of(HttpHeaders.IF_NONE_MATCH, "\"12\""), 200, new Versioned(12L)).status)
                .as("If-None-Match concerns reads only")
                .isEqualTo(200);
        assertThat(filter("GET", Map.of(), 201, new Versioned(1L)).headers.getFirst(HttpHeaders.ETAG))
                .isEqualTo("\"1\"");
        assertThat(filter("GET", Map.of(), 404, new Versioned(1L)).headers).isEmpty();
        assertThat(filter("GET", Map.of(), 200, new Versioned(null)).headers).isEmpty();
        assertThat(filter("GET", Map.of(), 200, "plain").headers).isEmpty();
    }

    private record Versioned(Long etagVersion) implements Tagged {}

    private static final class Answer {
        int status;
        Object entity;
        final MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
    }

    private static Answer filter(String method, Map<String, String> requestHeaders, int status, Object entity) {
        Answer answer = new Answer();
        answer.status = status;
        answer.entity = entity;
        Map<String, String> headers = new HashMap<>(requestHeaders);
        ContainerRequestContext request = (ContainerRequestContext) Proxy.newProxyInstance(
                ETagsTest.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class},
                (proxy, called, args) -> switch (called.getName()) {
                    case "getMethod" -> method;
                    case "getHeaderString" -> headers.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(called.getName());
                });
        ContainerResponseContext response = (ContainerResponseContext) Proxy.newProxyInstance(
                ETagsTest.class.getClassLoader(),
                new Class<?>[] {ContainerResponseContext.class},
                (proxy, called, args) -> switch (called.getName()) {
                    case "getEntity" -> answer.entity;
                    case "getStatus" -> answer.status;
                    case "getHeaders" -> answer.headers;
                    case "setStatus" -> {
                        answer.status = (Integer) args[0];
                        yield null;
                    }
                    case "setEntity" -> {
                        answer.entity = args[0];
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(called.getName());
                });
        new ETags().filter(request, response);
        return answer;
    }
}
