package io.orgbase.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.access.Caller;
import io.orgbase.identity.boundary.CredentialsRejected;
import io.orgbase.problems.Conflict;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditInterceptorTest {

    @Test
    void failuresThatKeepTheirTransactionKeepTheirEntries() {
        assertThat(AuditInterceptor.keepsTransaction(new CredentialsRejected("no")))
                .isTrue();
        assertThat(AuditInterceptor.keepsTransaction(new Conflict("no"))).isFalse();
        assertThat(AuditInterceptor.keepsTransaction(new IllegalStateException("bug")))
                .isFalse();
    }

    @Test
    void theActorIsTheCallerOfTheBoundary() {
        UUID user = UUID.randomUUID();
        assertThat(AuditInterceptor.actorOf(new Object[] {"x", Caller.user(user, "a@b.example", false)}))
                .isEqualTo(Actor.user(user, "a@b.example"));
        assertThat(AuditInterceptor.actorOf(new Object[] {"x"})).isEqualTo(Actor.ANONYMOUS);
        assertThat(AuditInterceptor.actorOf((Object[]) null)).isEqualTo(Actor.ANONYMOUS);
    }
}
