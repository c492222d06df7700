package io.orgbase.datajob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgbase.collections.CollectionRequest;
import io.orgbase.problems.FieldError;
import io.orgbase.problems.InvalidInput;
import org.junit.jupiter.api.Test;

class ExportQueryTest {

    private static String describe(String query) {
        return ExportQuery.words(ExportQuery.parse(query));
    }

    @Test
    void readsTheListsQueryStringAndPagesThroughEveryRow() {
        CollectionRequest request = ExportQuery.parse("?q=north%20sales&sort=-name,code&parentId=a&parentId=b");
        assertThat(request.query()).isEqualTo("north sales");
        assertThat(request.limit()).isEqualTo(ExportQuery.PAGE);
        assertThat(request.cursor()).isNull();
        assertThat(request.simpleFilters()).containsEntry("parentId", java.util.List.of("a", "b"));
        assertThat(ExportQuery.page(request, "c1").cursor()).isEqualTo("c1");
        assertThat(ExportQuery.first(request, true).limit()).isEqualTo(1);
        assertThat(ExportQuery.first(request, true).count()).isTrue();
    }

    @Test
    void describesTheRowsChosenInWords() {
        assertThat(describe(null)).isEqualTo("all");
        assertThat(describe("sort=-createdAt")).isEqualTo("all, sorted by createdAt (descending)");
        assertThat(describe("q=ann&active=true")).isEqualTo("matching \"ann\"; active = true");
        String filter = java.net.URLEncoder.encode(
                "{\"or\":[{\"field\":\"name\",\"op\":\"icontains\",\"value\":\"x\"},"
                        + "{\"not\":{\"field\":\"depth\",\"op\":\"in\",\"value\":[1,2]}}]}",
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(describe("filter=" + filter)).isEqualTo("name icontains \"x\" or (not depth in [1, 2])");
    }

    @Test
    void pagingParametersAndMalformedTextAreRefusedUnderTheQueryField() {
        assertThatThrownBy(() -> ExportQuery.parse("limit=5&cursor=x"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors())
                        .extracting(FieldError::name)
                        .containsExactly("query.limit", "query.cursor"));
        assertThatThrownBy(() -> ExportQuery.parse("sort=-"))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors()).extracting(FieldError::name).containsExactly("query.sort"));
        assertThatThrownBy(() -> ExportQuery.parse("q=%zz"))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors()).extracting(FieldError::name).containsExactly("query"));
        assertThatThrownBy(() -> ExportQuery.parse("q=%00"))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors()).extracting(FieldError::name).containsExactly("query"));
    }
}
