package io.orgbase.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.identity.User;
import io.orgbase.testing.RealDatabase;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.naming.Context;
import javax.naming.spi.InitialContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the ORM's change capture records, on a real EclipseLink session over PostgreSQL: a creation
 * with its values, an update with each changed field's old and new value, a deletion with what the
 * row held; never the bookkeeping fields, never a secret's value. Outside a server the buffer's
 * transaction registry is a small stand-in (the real one is the servers': {@code AuditIT}).
 */
@ExtendWith(RealDatabase.class)
class ChangeCaptureTest {

    private static final Map<Object, Object> RESOURCES = new HashMap<>();
    private static String previousFactory;

    /** The JNDI lookup of the transaction registry, answered by the stand-in. */
    public static final class StandIn implements InitialContextFactory {
        @Override
        public Context getInitialContext(Hashtable<?, ?> environment) {
            TransactionSynchronizationRegistry registry = (TransactionSynchronizationRegistry) Proxy.newProxyInstance(
                    ChangeCaptureTest.class.getClassLoader(),
                    new Class<?>[] {TransactionSynchronizationRegistry.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getTransactionKey" -> RESOURCES;
                        case "getTransactionStatus" -> Status.STATUS_ACTIVE;
                        case "getResource" -> RESOURCES.get(args[0]);
                        case "putResource" -> RESOURCES.put(args[0], args[1]);
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            return (Context) Proxy.newProxyInstance(
                    ChangeCaptureTest.class.getClassLoader(), new Class<?>[] {Context.class}, (proxy, method, args) -> {
                        if (method.getName().equals("lookup")
                                && "java:comp/TransactionSynchronizationRegistry".equals(String.valueOf(args[0]))) {
                            return registry;
                        }
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    @BeforeAll
    static void standInRegistry() {
        previousFactory = System.getProperty(Context.INITIAL_CONTEXT_FACTORY);
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, StandIn.class.getName());
    }

    @AfterAll
    static void restore() throws ReflectiveOperationException {
        // the buffer keeps the registry it found: forget the stand-in, for the tests that follow
        java.lang.reflect.Field found = AuditBuffer.class.getDeclaredField("registry");
        found.setAccessible(true);
        found.set(null, null);
        if (previousFactory == null) {
            System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        } else {
            System.setProperty(Context.INITIAL_CONTEXT_FACTORY, previousFactory);
        }
    }

    @Test
    void createUpdateAndDeleteAreRecordedWithoutBookkeepingOrSecrets() {
        RESOURCES.clear();
        EntityManager em = RealDatabase.persistenceUnit().createEntityManager();
        try {
            em.getTransaction().begin();
            User user = new User("capture-" + UUID.randomUUID() + "@it.example", "Ada", "first-secret-hash");
            em.persist(user);
            em.flush();
            user.setDisplayName("Ada L.");
            user.setPasswordHash("second-secret-hash");
            em.flush();
            em.flush(); // nothing changed since: no entry
            em.remove(user);
            em.flush();
            List<AuditEntry> entries = AuditBuffer.current().drain();
            em.getTransaction().rollback();

            assertThat(entries).extracting(AuditEntry::action).containsExactly("create", "update", "delete");
            assertThat(entries).allSatisfy(entry -> {
                assertThat(entry.entityType()).isEqualTo("user");
                assertThat(entry.entityId()).isEqualTo(user.getId().toString());
                assertThat(entry.changes()).doesNotContainKeys("id", "version", "createdAt", "updatedAt");
                assertThat(entry.changes().toString()).doesNotContain("secret-hash");
            });
            Map<String, Object> created = entries.get(0).changes();
            assertThat(created.get("displayName")).isEqualTo(Map.of("new", "Ada"));
            assertThat(created.get("passwordHash")).isEqualTo(Map.of("new", AuditEntry.REDACTED));

            Map<String, Object> updated = entries.get(1).changes();
            assertThat(updated).containsOnlyKeys("displayName", "passwordHash");
            assertThat(updated.get("displayName")).isEqualTo(Map.of("old", "Ada", "new", "Ada L."));
            assertThat(updated.get("passwordHash"))
                    .isEqualTo(Map.of("old", AuditEntry.REDACTED, "new", AuditEntry.REDACTED));

            assertThat(entries.get(2).changes().get("displayName")).isEqualTo(Map.of("old", "Ada L."));
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
            RESOURCES.clear();
        }
    }

    @Test
    void typesAreNamedAsTheTrailNamesThem() {
        assertThat(ChangeCapture.typeName(io.orgbase.identity.ApiKey.class)).isEqualTo("api-key");
        assertThat(ChangeCapture.typeName(User.class)).isEqualTo("user");
        assertThat(ChangeCapture.audited(User.class)).isTrue();
        assertThat(ChangeCapture.audited(String.class)).isFalse();
    }
}
