package io.orgbase.identity.boundary;

import io.orgbase.database.Database;
import io.orgbase.identity.TotpCredential;
import io.orgbase.identity.control.TotpSecrets;
import io.orgbase.logging.Logs;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.logging.Logger;

/**
 * At start-up, seals the TOTP secrets that are not sealed with the current data key: those stored
 * before secrets were sealed, and those sealed with a key since rotated out. Every cluster member may
 * run it; a secret sealed twice is still one secret. Not audited: the secret does not change.
 */
@Singleton
@Startup
@DependsOn("Database")
public class SecretsAtRest {

    private static final Logger LOG = Logs.get(SecretsAtRest.class);

    @EJB
    Database database;

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    TotpSecrets secrets;

    @PostConstruct
    void sealTotpSecrets() {
        if (!database.usable()) {
            return;
        }
        int sealed = 0;
        for (TotpCredential credential : em.createQuery("select t from TotpCredential t", TotpCredential.class)
                .getResultList()) {
            if (secrets.wantsSealing(credential)) {
                credential.replaceSecret(secrets.seal(credential.getUserId(), secrets.open(credential)));
                sealed++;
            }
        }
        em.flush();
        if (sealed > 0) {
            int count = sealed;
            LOG.info(() -> "sealed " + count + " TOTP secrets with the current data key");
        }
    }
}
