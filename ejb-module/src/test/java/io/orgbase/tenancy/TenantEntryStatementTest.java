package io.orgbase.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.organization.Organization;
import io.orgbase.testing.RealDatabase;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The statement every request into an organization runs first, as PostgreSQL plans it. */
@ExtendWith(RealDatabase.class)
class TenantEntryStatementTest {

    /**
     * The organization's access generation is read once, although the statement uses it twice
     * (to decide whether to enter, and to return it): merged into the outer query, the subquery
     * had PostgreSQL look it up once per use.
     */
    @Test
    void theAccessGenerationIsReadOnce() {
        EntityManager em = RealDatabase.persistenceUnit().createEntityManager();
        try {
            em.getTransaction().begin();
            String plan = RealDatabase.plan(
                    em, Organization.ENTER_IF_CURRENT_SQL, UUID.randomUUID().toString(), "", 5L);
            assertThat(plan.split("on public\\.access_generation", -1)).as(plan).hasSize(2);
            assertThat(plan.split("on public\\.organization", -1)).as(plan).hasSize(2);
        } finally {
            em.getTransaction().rollback();
            em.close();
        }
    }
}
