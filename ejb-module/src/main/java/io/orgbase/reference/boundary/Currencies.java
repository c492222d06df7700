package io.orgbase.reference.boundary;

import io.orgbase.access.AuthenticatedOnly;
import io.orgbase.access.Caller;
import io.orgbase.access.PlatformAdminOnly;
import io.orgbase.audit.Audited;
import io.orgbase.collections.CollectionQueries;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.CollectionSpec;
import io.orgbase.collections.FieldType;
import io.orgbase.collections.Slice;
import io.orgbase.problems.NotFound;
import io.orgbase.reference.Currency;
import io.orgbase.reference.control.Vocabularies;
import io.orgbase.requests.Patch;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

/** ISO 4217 currencies: seeded by migration; platform administrators rename and switch them. */
@Stateless
@Audited
@AuthenticatedOnly
public class Currencies {

    public static final CollectionSpec<Currency> COLLECTION = CollectionSpec.of(Currency.class)
            .sortable("code", "code", FieldType.STRING, true)
            .sortable("name", "name", FieldType.STRING, true)
            .filterable("numericCode", "numericCode", FieldType.STRING, false)
            .filterable("active", "active", FieldType.BOOLEAN, false)
            .filterable("minorUnits", "minorUnits", FieldType.INTEGER, false)
            .defaultSort("code", false)
            .build();

    /** What a platform administrator may change; code, numeric code and minor units are ISO's. */
    public record CurrencyChange(@Size(min = 1, max = 100) String name, @Size(max = 8) String symbol, Boolean active) {}

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    CollectionQueries collections;

    @Inject
    Vocabularies vocabularies;

    public Slice<Currency> list(Caller caller, CollectionRequest request) {
        return collections.page(COLLECTION, request);
    }

    /** @throws NotFound when no currency has this code */
    public Currency get(Caller caller, String code) {
        return vocabularies.currency(code).orElseThrow(() -> new NotFound("No such currency."));
    }

    /**
     * @throws io.orgbase.problems.Forbidden unless a platform administrator asks
     * @throws NotFound when no currency has this code
     */
    @PlatformAdminOnly("change currencies")
    public Currency update(Caller caller, String code, @Valid Patch<CurrencyChange> patch) {
        Currency currency = get(caller, code);
        patch.precondition().check(currency);
        if (patch.has("name")) {
            currency.setName(patch.values().name().strip());
        }
        if (patch.has("symbol")) {
            currency.setSymbol(
                    patch.values().symbol() == null
                            ? ""
                            : patch.values().symbol().strip());
        }
        if (patch.has("active")) {
            currency.setActive(patch.values().active());
        }
        em.flush();
        return currency;
    }
}
