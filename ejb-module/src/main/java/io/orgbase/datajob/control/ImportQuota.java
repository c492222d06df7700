package io.orgbase.datajob.control;

import io.orgbase.identity.control.ActionQuota;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * What an import's rows cost, counted in a transaction of their own: a row that is refused, or a dry
 * run's row that is rolled back, has still spent it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ImportQuota {

    @Inject
    ActionQuota quota;

    /** @throws io.orgbase.problems.TooManyRequests past {@code max} in the quota's window */
    public void spend(String key, int max, String refusal) {
        quota.spend(key, max, refusal);
    }
}
