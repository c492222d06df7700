package io.orgbase.tenancy.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orgbase.access.Caller;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import java.io.File;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tenant isolation inside the server, on the real flat WAR and PostgreSQL: what the ORM does for
 * JPQL, and what row-level security does for SQL that goes around the ORM.
 */
@ExtendWith(ArquillianExtension.class)
class TenancyIT {

    @Deployment
    static WebArchive orgbase() {
        return ShrinkWrap.create(ZipImporter.class, "orgbase.war")
                .importFrom(new File("target/orgbase.war"))
                .as(WebArchive.class)
                .addPackage(TenancyIT.class.getPackage());
    }

    @Inject
    TenancyProbe probe;

    private UUID a;
    private String aSlug;
    private UUID b;
    private UUID bDepartment;

    @BeforeEach
    void twoTenants() {
        aSlug = "a-" + suffix();
        a = probe.newOrganization(aSlug);
        b = probe.newOrganization("b-" + suffix());
        probe.newDepartment(a, "a1");
        probe.newDepartment(a, "a2");
        bDepartment = probe.newDepartment(b, "b1");
    }

    @Test
    void jpqlBulkUpdateInOneTenantLeavesTheOtherUntouched() {
        assertEquals(2, probe.renameAll(a, "renamed"));
        assertEquals(List.of("renamed", "renamed"), probe.names(a));
        assertEquals(List.of("b1"), probe.names(b));
    }

    @Test
    void jpqlUpdateByForeignIdChangesNothing() {
        assertEquals(0, probe.renameById(a, bDepartment, "hijacked"));
        assertEquals(List.of("b1"), probe.names(b));
    }

    @Test
    void jpqlBulkDeleteInOneTenantLeavesTheOtherUntouched() {
        assertEquals(2, probe.deleteAll(a));
        assertEquals(List.of(), probe.names(a));
        assertEquals(List.of("b1"), probe.names(b));
    }

    @Test
    void findNeverReturnsAnotherTenantsRow() {
        assertTrue(probe.finds(b, bDepartment));
        assertFalse(probe.finds(a, bDepartment));
    }

    @Test
    void jpqlWithoutATenantFailsClosed() {
        assertThrows(EJBException.class, () -> probe.namesWithoutTenant());
    }

    @Test
    void nativeSqlSeesOnlyTheTenantsRows() throws Exception {
        assertEquals(2, probe.nativeCount(a, ""));
        assertEquals(0, probe.nativeCount(a, "where org_id = '" + b + "'"));
        assertEquals(1, probe.nativeCount(b, ""));
    }

    @Test
    void nativeSqlWithoutATenantSeesNothingAndCannotInsert() throws Exception {
        assertEquals(0, probe.nativeCount(null, ""));
        assertEquals("42501", probe.nativeInsert(null, a), "insufficient privilege: row-level security");
        assertEquals("42501", probe.nativeInsert(a, b), "a row for another tenant is refused");
        assertNull(probe.nativeInsert(a, a), "a row for the current tenant is accepted");
    }

    @Test
    void oneTenantPerTransaction() {
        assertThrows(EJBException.class, () -> probe.switchTenant(a, b));
    }

    @Test
    void aCachedResolutionIsReusedOnlyWhileItsOrganizationStandsStill() throws Exception {
        Caller admin = Caller.user(UUID.randomUUID(), "probe@it.example", true);
        TenancyProbe.Resolved first = probe.resolveAndCount(admin, aSlug);
        TenancyProbe.Resolved again = probe.resolveAndCount(admin, aSlug);
        assertEquals(a, first.resolution().orgId());
        assertEquals(2, first.departments(), "the first resolution entered the tenant");
        assertSame(first.resolution(), again.resolution(), "the second request reused what the first resolved");
        assertEquals(2, again.departments(), "a reused resolution entered the tenant too");

        probe.rename(a, "renamed-" + suffix());
        TenancyProbe.Resolved afterChange = probe.resolveAndCount(admin, aSlug);
        assertNotSame(again.resolution(), afterChange.resolution(), "a change of the organization was seen");
        assertEquals(2, afterChange.departments(), "a stale entry entered nothing, and resolving afresh did");
        assertEquals(1, probe.nativeCount(b, ""), "the other tenant is as it was");
    }

    @Test
    void readingAUserLeavesItsPasswordHashUntilItIsAskedFor() {
        UUID user = probe.newUser("lazy-" + suffix() + "@it.example", "$argon2id$probe-hash");
        Object[] read = probe.passwordHashOnRead(user);
        assertFalse((Boolean) read[0], "the hash is not loaded with the user");
        assertEquals("$argon2id$probe-hash", read[1], "the getter fetches it");
    }

    private static String suffix() {
        return Long.toString(System.nanoTime(), 36);
    }

    @Test
    void aStatementRunningPastTheStatementTimeoutIsCancelled() {
        // the container runs with ORGBASE_DB_STATEMENT_TIMEOUT=PT2S (arquillian.xml)
        long started = System.nanoTime();
        assertEquals("57014", probe.sleep(30));
        assertTrue(System.nanoTime() - started < java.util.concurrent.TimeUnit.SECONDS.toNanos(20));
    }
}
