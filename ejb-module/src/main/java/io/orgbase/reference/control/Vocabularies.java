package io.orgbase.reference.control;

import io.orgbase.reference.Currency;
import io.orgbase.reference.OrganizationType;
import io.orgbase.reference.Status;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Locale;
import java.util.Optional;

/** Finds vocabulary entries by the keys the API and the other tables use. */
@Dependent
public class Vocabularies {

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    /** The currency with this ISO 4217 code, in any case ({@code chf} finds CHF). */
    public Optional<Currency> currency(String code) {
        if (code == null || code.length() != 3) {
            return Optional.empty();
        }
        return em.createNamedQuery("Currency.findByCode", Currency.class)
                .setParameter("code", code.toUpperCase(Locale.ROOT))
                .setFlushMode(FlushModeType.COMMIT)
                .getResultStream()
                .findFirst();
    }

    public Optional<OrganizationType> organizationType(String key) {
        if (key == null) {
            return Optional.empty();
        }
        return em.createNamedQuery("OrganizationType.findByKey", OrganizationType.class)
                .setParameter("key", key)
                .setFlushMode(FlushModeType.COMMIT)
                .getResultStream()
                .findFirst();
    }

    public Optional<Status> status(String slug) {
        if (slug == null) {
            return Optional.empty();
        }
        return em.createNamedQuery("Status.findBySlug", Status.class)
                .setParameter("slug", slug)
                .setFlushMode(FlushModeType.COMMIT)
                .getResultStream()
                .findFirst();
    }
}
