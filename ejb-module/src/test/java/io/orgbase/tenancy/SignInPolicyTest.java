package io.orgbase.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgbase.access.Caller;
import io.orgbase.access.SignIn;
import io.orgbase.organization.Organization;
import io.orgbase.problems.StepUpRequired;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SignInPolicyTest {

    private static Organization organization(boolean twoFactor, Integer hours) {
        Organization organization = new Organization(UUID.randomUUID(), "acme", "Acme", "ACME", "company");
        organization.setSignInPolicy(twoFactor, hours);
        return organization;
    }

    private static Caller signedIn(Duration ago, String... methods) {
        return Caller.user(
                UUID.randomUUID(),
                "a@b.example",
                false,
                new SignIn(Instant.now().minus(ago), List.of(methods)));
    }

    @Test
    void sessionsOlderThanTheOrganizationAllowsMustSignInAgain() {
        Organization eightHours = organization(false, 8);
        assertThatCode(() -> Standing.requireSignInPolicy(eightHours, signedIn(Duration.ofHours(7), "pwd")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Standing.requireSignInPolicy(eightHours, signedIn(Duration.ofHours(9), "pwd")))
                .isInstanceOfSatisfying(StepUpRequired.class, e -> {
                    assertThat(e.kind()).isEqualTo("session-too-old");
                    assertThat(e.challenge()).isEqualTo("max_age=28800");
                });
        // a token that does not say when it signed in is too old for any limit
        assertThatThrownBy(() ->
                        Standing.requireSignInPolicy(eightHours, Caller.user(UUID.randomUUID(), "a@b.example", false)))
                .isInstanceOf(StepUpRequired.class);
        assertThatCode(() -> Standing.requireSignInPolicy(
                        organization(false, null), Caller.user(UUID.randomUUID(), "a@b.example", false)))
                .doesNotThrowAnyException();
    }

    @Test
    void twoFactorMeansAMultiFactorSignIn() {
        Organization strict = organization(true, null);
        assertThatThrownBy(() -> Standing.requireSignInPolicy(strict, signedIn(Duration.ZERO, "pwd")))
                .isInstanceOfSatisfying(
                        StepUpRequired.class, e -> assertThat(e.kind()).isEqualTo("two-factor-required"));
        assertThatCode(() -> Standing.requireSignInPolicy(strict, signedIn(Duration.ZERO, "pwd", "otp", "mfa")))
                .doesNotThrowAnyException();
        assertThat(SignIn.external(List.of("pwd", "mfa"), true)).contains("mfa");
        assertThat(SignIn.external(List.of("pwd", "mfa", "made-up"), false)).containsExactly("pwd");
        assertThat(SignIn.external(List.of(), false)).isEmpty();
        assertThat(SignIn.withSecondFactor(SignIn.external(List.of("pwd"), false)))
                .containsExactly("pwd", "otp", "mfa");
        assertThat(SignIn.methodsOf("password")).doesNotContain("mfa");
    }
}
