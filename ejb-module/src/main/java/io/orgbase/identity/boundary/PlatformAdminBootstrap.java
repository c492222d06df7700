package io.orgbase.identity.boundary;

import io.orgbase.audit.Actor;
import io.orgbase.audit.control.AuditTrail;
import io.orgbase.database.Database;
import io.orgbase.identity.control.Accounts;
import io.orgbase.problems.Conflict;
import io.orgbase.problems.InvalidInput;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Makes sure a fresh installation can be administered: when no platform administrator exists, one
 * is created from {@code ORGBASE_ADMIN_EMAIL} / {@code ORGBASE_ADMIN_PASSWORD}, or as {@code
 * admin@localhost} with a generated password that is printed once.
 */
@Singleton
@Startup
@DependsOn("Database")
public class PlatformAdminBootstrap {

    @Inject
    AuditTrail trail;

    private static final Logger LOG = Logger.getLogger(PlatformAdminBootstrap.class.getName());

    @EJB
    Database database;

    @Resource
    SessionContext context;

    @Inject
    Accounts accounts;

    @PostConstruct
    void ensureAdministrator() {
        if (!database.usable() || accounts.hasPlatformAdmin()) {
            return;
        }
        var config = ConfigProvider.getConfig();
        String email =
                config.getOptionalValue("ORGBASE_ADMIN_EMAIL", String.class).orElse("admin@localhost");
        Optional<String> configured = config.getOptionalValue("ORGBASE_ADMIN_PASSWORD", String.class);
        String password = configured.orElseGet(PlatformAdminBootstrap::generatePassword);
        try {
            trail.actAs(Actor.SYSTEM);
            accounts.register(email, "Platform administrator", password, true);
            trail.writeNow();
        } catch (InvalidInput | Conflict refused) {
            context.setRollbackOnly();
            LOG.severe("Platform administrator " + email + " not created: " + refused.getMessage()
                    + (refused instanceof InvalidInput invalid ? " " + invalid.errors() : ""));
            return;
        } catch (PersistenceException raced) {
            // another cluster member created it at the same moment (unique email)
            context.setRollbackOnly();
            LOG.log(Level.INFO, "Platform administrator not created here: " + raced.getMessage());
            return;
        }
        if (configured.isPresent()) {
            LOG.info("Created platform administrator " + email + " (password from ORGBASE_ADMIN_PASSWORD)");
        } else {
            LOG.warning("\n\n    Created platform administrator " + email + " with password: " + password
                    + "\n    It is shown only this once; change it after signing in.\n");
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
