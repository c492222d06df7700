package io.orgbase.identity.boundary;

import io.orgbase.audit.Actor;
import io.orgbase.audit.control.AuditTrail;
import io.orgbase.database.Database;
import io.orgbase.identity.control.Accounts;
import io.orgbase.identity.control.OrgbaseHome;
import io.orgbase.logging.Logs;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Makes sure a fresh installation can be administered: when no platform administrator exists, one
 * is created from {@code ORGBASE_ADMIN_EMAIL} / {@code ORGBASE_ADMIN_PASSWORD}, or as {@code
 * admin@localhost} with a generated password that only the server's account can read.
 */
@Singleton
@Startup
@DependsOn("Database")
public class PlatformAdminBootstrap {

    @Inject
    AuditTrail trail;

    private static final Logger LOG = Logs.get(PlatformAdminBootstrap.class);

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
            accounts.register(email, "Platform administrator", password, true, Accounts.VERIFIED_BY_ADMIN);
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
            return;
        }
        // never in the server log (logs are shipped and kept): a file only this account can read,
        // which ./mvnw -Prun shows once on its console and deletes
        Path file = OrgbaseHome.path().resolve(PASSWORD_FILE);
        try {
            writeOwnerOnly(file, email + "\n" + password + "\n");
        } catch (IOException | UnsupportedOperationException unwritable) {
            context.setRollbackOnly();
            LOG.severe("Platform administrator " + email + " not created: its generated password could not be"
                    + " stored in " + file + " (" + unwritable + "); set ORGBASE_ADMIN_PASSWORD instead.");
            return;
        }
        LOG.warning("Created platform administrator " + email + "; its generated password is in " + file
                + " (readable only by this account). Change it after signing in, then delete the file.");
    }

    /** The file that hands a generated administrator password to the operator. */
    public static final String PASSWORD_FILE = "initial-admin-password";

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
