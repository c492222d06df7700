package io.orgbase.identity.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgbase.problems.InvalidInput;
import org.junit.jupiter.api.Test;

class PasswordsTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesWithSaltedArgon2idAndVerifies() {
        String first = hasher.hash("correct horse battery");
        String second = hasher.hash("correct horse battery");

        assertThat(first).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("correct");
        assertThat(first).isNotEqualTo(second);
        assertThat(hasher.matches("correct horse battery", first)).isTrue();
        assertThat(hasher.matches("correct horse batterx", first)).isFalse();
    }

    @Test
    void policyWantsTwelveCharactersThatAreNotTheEmail() {
        assertThatCode(() -> PasswordPolicy.check("password", "twelve chars", "a@b.example"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> PasswordPolicy.check("password", "elevenchars", "a@b.example"))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> PasswordPolicy.check("password", "Long.Name@B.example", "long.name@b.example"))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> PasswordPolicy.check("password", "x".repeat(257), "a@b.example"))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void countsCharactersNotBytes() {
        assertThatCode(() -> PasswordPolicy.check("password", "ééééééééééé€", "a@b.example"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> PasswordPolicy.check("password", "😀".repeat(11), "a@b.example"))
                .isInstanceOf(InvalidInput.class);
    }
}
