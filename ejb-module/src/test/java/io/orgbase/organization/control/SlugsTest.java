package io.orgbase.organization.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgbase.problems.InvalidInput;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlugsTest {

    @ParameterizedTest
    @ValueSource(strings = {"ab", "acme", "acme-corp", "a1", "x123-456-y"})
    void acceptsDnsLabelLikeSlugs(String slug) {
        assertThatCode(() -> Slugs.check("slug", slug)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a", "1acme", "-acme", "acme-", "ac--me", "Acme", "ac_me", "ac me", "acmé", "current", "admin", "api"
            })
    void refusesMalformedAndReservedSlugs(String slug) {
        assertThatThrownBy(() -> Slugs.check("slug", slug))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors())
                        .singleElement()
                        .satisfies(error -> assertThat(error.name()).isEqualTo("slug")));
    }

    @ParameterizedTest
    @ValueSource(ints = {63, 64})
    void limitsTheLength(int length) {
        String slug = "a".repeat(length);
        if (length <= 63) {
            assertThatCode(() -> Slugs.check("slug", slug)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> Slugs.check("slug", slug)).isInstanceOf(InvalidInput.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"abcdef01-2345-6789-abcd-ef0123456789", "deadbeef-dead-beef-dead-beefdeadbeef"})
    void refusesSlugsThatLookLikeIdsBecausePathsAcceptBoth(String slug) {
        assertThat(Slugs.looksLikeId(slug)).isTrue();
        assertThatThrownBy(() -> Slugs.check("slug", slug)).isInstanceOf(InvalidInput.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme", "abcdef01-2345-6789-abcd-ef012345678", "zzzzzzzz-2345-6789-abcd-ef0123456789"})
    void onlyRealUuidsAreIds(String reference) {
        assertThat(Slugs.looksLikeId(reference)).isFalse();
        assertThat(Slugs.looksLikeId(UUID.randomUUID().toString())).isTrue();
    }
}
